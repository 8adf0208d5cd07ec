"""The store's plumbing: sessions, one transaction per user action, error translation.

Every public store method runs in exactly one ``with sessionmaker.begin():`` block, so a user
action is either stored completely or not at all, and is durable when the method returns
(``synchronous=FULL``: the commit is fsynced before ``COMMIT`` returns).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, exc, select
from sqlalchemy.orm import Session, sessionmaker

from dxlearn.store.engine import wrap_error
from dxlearn.store.errors import StoreError
from dxlearn.store.lock import InstanceLock
from dxlearn.store.models import LearnerRow

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]


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
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._learner_ids: dict[str, int] = {}
        self._closed = False

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def on_server(self) -> bool:
        """A database server (PostgreSQL), not a local SQLite file: every call may wait on
        the network, so the GUI makes them off its thread."""
        return self.engine.dialect.name != "sqlite"

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the store clock must return aware datetimes")
        return now

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
    def _write(self) -> Iterator[Session]:
        """One write transaction; commits when the block ends without error."""
        if self._closed:
            raise StoreError("database_error", self.where, "the store is closed")
        if self.read_only_reason is not None:
            raise StoreError(self.read_only_reason, self.where, "the store is read-only")
        try:
            with self._sessions.begin() as session:
                yield session
        except exc.DBAPIError as error:
            raise wrap_error(error, self.where) from error
        except OSError as error:
            raise wrap_error(error, self.where) from error

    @contextmanager
    def _write_connection(self) -> Iterator[Connection]:
        """A Core write transaction for hot paths; same checks and errors as ``_write``."""
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
    def _read(self) -> Iterator[Session]:
        if self._closed:
            raise StoreError("database_error", self.where, "the store is closed")
        try:
            with self._sessions.begin() as session:
                yield session
        except exc.DBAPIError as error:
            raise wrap_error(error, self.where) from error

    def _learner_id(self, session: Session, staff_id: str) -> int:
        cached = self._learner_ids.get(staff_id)
        if cached is not None:
            return cached
        found = session.scalar(select(LearnerRow.id).where(LearnerRow.staff_id == staff_id))
        if found is None:
            raise StoreError("learner_unknown", self.where, f"staff_id={staff_id!r}")
        self._learner_ids[staff_id] = found
        return found
