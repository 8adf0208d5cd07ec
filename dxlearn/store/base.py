"""The store's plumbing: connections, one transaction per user action, error translation.

Every public store method runs in exactly one ``with engine.begin():`` block (``_write`` /
``_read``: a SQLAlchemy Core ``Connection`` in one transaction; the store uses no ORM), so a
user action is either stored completely or not at all, and is durable when the method returns
(``synchronous=FULL``: the commit is fsynced before ``COMMIT`` returns).

Every public method is marked with :func:`unit` (read or write, whether it is kept in the
offline journal, whether it may be sent twice): on a server database the store's
``ServerLink`` (``server.py``) runs it with a deadline, retries and the journal; on a SQLite
file it is a plain call.

Ids are checked against the length of their column before anything is written
(``_check_ids``): SQLite would store a longer one and PostgreSQL refuse it, and the same value
must be accepted or refused on both.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from sqlalchemy import Column, Connection, Engine, exc, select

from dxlearn.store.engine import wrap_error
from dxlearn.store.errors import StoreError
from dxlearn.store.lock import InstanceLock
from dxlearn.store.models import LEARNERS

if TYPE_CHECKING:
    from dxlearn.store.server import ServerLink

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
P = ParamSpec("P")
R = TypeVar("R")


def unit(kind: str, *, journal: bool = False, idempotent: bool = True, key: str | None = None,
         offline_answer: bool = False) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a public store method as one unit of work (see the module docstring).

    ``kind`` is "read" or "write"; ``journal``: kept in the offline journal while the server is
    away; ``idempotent``: sending it twice changes nothing (so it may be retried after a
    dropped connection); ``key``: the argument that carries a client-made key, filled before the
    first try; ``offline_answer``: a write that may be answered from what is known while the
    server is away (it writes nothing then: signing in a learner the server already has).
    """
    from dxlearn.store.server import UnitInfo

    info = UnitInfo(kind, journal, idempotent, key, offline_answer)

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            store = args[0]
            assert isinstance(store, StoreBase)
            link = store._link
            if link is None:
                return fn(*args, **kwargs)
            result: R = link.call(store, fn, info, tuple(args[1:]), dict(kwargs))
            return result

        wrapper.unit_info = info  # type: ignore[attr-defined]
        return wrapper

    return decorate


def utc_now() -> datetime:
    return datetime.now(UTC)


class StoreBase:
    """Holds the engine and provides ``_write``/``_read`` units of work."""

    def __init__(
        self,
        engine: Engine,
        *,
        where: str,
        path: Path | None = None,
        read_only_reason: str | None = None,
        lock: InstanceLock | None = None,
        backup_keep: int = 0,
        clock: Clock = utc_now,
    ) -> None:
        self.engine = engine
        self.where = where  # the file path or the URL without password, for messages
        self.path = path
        self.read_only_reason = read_only_reason
        self.backup_keep = backup_keep
        self._lock = lock
        self._clock = clock
        self._learner_ids: dict[str, int] = {}
        self._closed = False
        self._link: ServerLink | None = None
        self._local = threading.local()  # the recorded time of a journal entry being sent

    def attach_link(self, link: ServerLink) -> None:
        """Calls go through ``link`` from now on (``opening`` does this for server stores)."""
        self._link = link
        pool = self.engine.pool
        link.start_reaper(lambda: pool.dispose())

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def on_server(self) -> bool:
        """A database server (PostgreSQL), not a local SQLite file: every call may wait on
        the network, so the GUI makes them off its thread."""
        return self.engine.dialect.name != "sqlite"

    def _now(self) -> datetime:
        recorded = getattr(self._local, "at", None)
        if recorded is not None:  # a journal entry: the time the learner did it
            return recorded
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the store clock must return aware datetimes")
        return now

    @contextmanager
    def _recorded_at(self, at: datetime | None) -> Iterator[None]:
        """``_now()`` is ``at`` in this thread for the block (None: the clock)."""
        earlier = getattr(self._local, "at", None)
        self._local.at = at
        try:
            yield
        finally:
            self._local.at = earlier

    def _check_ids(self, **values: tuple[str, Column[Any] | Any]) -> None:
        """Every id fits its column (``name=(value, column)``): ``invalid_value`` otherwise,
        on every database alike."""
        for name, (value, column) in values.items():
            length = getattr(getattr(column, "type", None), "length", None)
            if isinstance(value, str) and length is not None and len(value) > length:
                raise StoreError("id_too_long", self.where,
                                 f"{name} has {len(value)} characters (at most {length})",
                                 params={"field": name, "limit": length})

    def _not_before(self, moment: datetime, *earlier: datetime | None) -> datetime:
        """``moment``, or the latest of ``earlier`` when ``moment`` lies before it: after the
        PC's clock was set back, an event is never recorded before the facts it follows (a
        completion before its start, an attempt finished before it began). Logged."""
        known = [t for t in earlier if t is not None]
        latest = max(known, default=moment)
        if latest.tzinfo is None:  # UTCDateTime returns aware values; be safe anyway
            latest = latest.replace(tzinfo=UTC)
        if moment < latest:
            logger.warning("clock went back: %s recorded as %s", moment.isoformat(),
                           latest.isoformat())
            return latest
        return moment

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction on a connection; commits when the block ends without error
        (rolls back on one)."""
        if self._closed:
            raise StoreError("database_error", self.where, "the store is closed")
        if self.read_only_reason is not None:
            raise StoreError(self.read_only_reason, self.where, "the store is read-only")
        try:
            with self.engine.begin() as connection:
                yield connection
        except exc.DBAPIError as error:
            raise wrap_error(error, self.where) from error
        except OSError as error:
            raise wrap_error(error, self.where) from error

    @contextmanager
    def _single_statement(self) -> Iterator[Connection]:
        """A write of one statement: on PostgreSQL in autocommit (the statement is its own
        transaction: one round trip, no BEGIN and COMMIT), on SQLite a write transaction as
        ``_write``. Same checks and errors as ``_write``."""
        if self.engine.dialect.name != "postgresql":
            with self._write() as connection:
                yield connection
            return
        self._check_open_for_writes()
        try:
            with self.engine.connect() as connection:
                yield connection.execution_options(isolation_level="AUTOCOMMIT")
        except exc.DBAPIError as error:
            raise wrap_error(error, self.where) from error

    def _check_open_for_writes(self) -> None:
        if self._closed:
            raise StoreError("database_error", self.where, "the store is closed")
        if self.read_only_reason is not None:
            raise StoreError(self.read_only_reason, self.where, "the store is read-only")

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """One read transaction on a connection (a consistent snapshot)."""
        if self._closed:
            raise StoreError("database_error", self.where, "the store is closed")
        try:
            with self.engine.begin() as connection:
                yield connection
        except exc.DBAPIError as error:
            raise wrap_error(error, self.where) from error

    def _learner_id(self, connection: Connection, staff_id: str) -> int:
        """The learner's row id (cached: it never changes), ``learner_unknown`` when none."""
        cached = self._learner_ids.get(staff_id)
        if cached is not None:
            return cached
        found = connection.scalar(select(LEARNERS.c.id).where(LEARNERS.c.staff_id == staff_id))
        if found is None:
            raise StoreError("learner_unknown", self.where, f"staff_id={staff_id!r}")
        self._learner_ids[staff_id] = int(found)
        return int(found)
