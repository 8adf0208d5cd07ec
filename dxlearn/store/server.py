"""How a store on a server database calls it: a deadline, retries, and the offline journal.

Every public store method is a *unit* (``base.unit``). On a SQLite file a unit is a plain call.
On a server database ``ServerLink.call`` runs it:

- **Deadline.** The call runs on a helper thread and the caller waits at most
  :data:`DEADLINE_S`: a server that accepted the connection and then stopped answering (a hung
  process, a lost route) never holds the window. The abandoned call may still finish later;
  every write is idempotent (an upsert, or a key the client made before the first try: an
  attempt key, an op key in ``client_ops``), so it changes nothing that the journal does not
  also do.
- **Retries.** A serialisation failure or a deadlock (``database_locked``) is tried again at
  once, up to :data:`RETRIES` times with a short random pause; an idempotent unit is also
  tried once more after a dropped connection (a pooled connection the server closed).
- **Away.** When the server cannot be reached (``errors.UNREACHABLE``), a write that the
  learner must never lose (``journal=True``: answers, the end of a quiz, study time, reading,
  the position, preferences) is kept in the PC's journal (``journal.py``) and answered from
  what was last known (``offline.py``); a read is answered from what was last known. While
  writes wait in the journal, new ones join the queue behind them (order is kept) and the
  server is tried again at most every :data:`PROBE_S` seconds; ``drain`` sends the queue in
  order, each write with the time the learner made it. ``state`` tells the window.
- **Idle connections** are closed after :data:`IDLE_CLOSE_S` (a daemon thread): a window
  holds a server connection only while it works, so a pool or a pooler smaller than the number
  of windows serves them all.
"""

from __future__ import annotations

import functools
import inspect
import logging
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from dxlearn.store.errors import RETRYABLE, StoreError
from dxlearn.store.journal import Journal
from dxlearn.store.offline import LastKnown, Unknown

if TYPE_CHECKING:
    from dxlearn.store.base import StoreBase

logger = logging.getLogger(__name__)

DEADLINE_S = 8.0  # the longest a learner waits for the server before the journal takes over
RETRIES = 4
PROBE_S = 10.0  # while away, how often the server is tried again
PROBE_DEADLINE_S = 2.0  # a try while away: connect and SELECT 1 within this
IDLE_CLOSE_S = 10.0
READ, WRITE = "read", "write"


class LinkState(StrEnum):
    ONLINE = "online"
    AWAY = "away"  # the last call could not reach the server


@dataclass(frozen=True, slots=True)
class LinkStatus:
    state: LinkState
    pending: int  # writes waiting in the journal
    rejected: int  # writes the server refused (kept aside, in the log)
    since: datetime | None  # when the server went away


@dataclass(frozen=True, slots=True)
class UnitInfo:
    kind: str  # READ or WRITE
    journal: bool  # kept in the journal while the server is away
    idempotent: bool  # safe to send twice
    key: str | None  # the argument that carries a client-made key (filled before the first try)
    offline_answer: bool  # a write that may be answered from what is known (nothing to keep)


@functools.cache
def _signature(fn: Callable[..., Any]) -> inspect.Signature:
    """The unit's signature (its arguments are named in the journal, as the learner gave them)."""
    return inspect.signature(fn)


def deadline_call(work: Callable[[], Any], deadline: float) -> Any:
    """``work()`` on a daemon thread; ``server_timeout`` when it takes longer than
    ``deadline`` (the thread is left to finish on its own)."""
    done = threading.Event()
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as error:  # delivered to the caller
            outcome.append((False, error))
        finally:
            done.set()

    threading.Thread(target=run, name="dxlearn-server-call", daemon=True).start()
    if not done.wait(deadline):
        raise StoreError("server_timeout", None, f"no answer within {deadline:.0f} s")
    ok, value = outcome[0]
    if ok:
        return value
    raise value


class ServerLink:
    """The calls of one store on a server database (see the module docstring)."""

    def __init__(self, journal: Journal | None, *, deadline: float = DEADLINE_S,
                 probe: float = PROBE_S, idle_close: float = IDLE_CLOSE_S) -> None:
        self.journal = journal
        self.known = LastKnown()
        self.deadline = deadline
        self.probe = probe
        self.idle_close = idle_close
        self._lock = threading.RLock()
        self._away_since: datetime | None = None
        self._last_try = 0.0
        self._pc: dict[str, Any] = {}  # PC settings when there is no journal file
        self._busy = 0
        self._last_used = time.monotonic()
        # writes this window knows to be waiting in the journal (the file is read again by
        # ``status``, which also sees other windows' entries)
        self._pending = journal.count() if journal is not None else 0
        self._stop = threading.Event()
        self._reaper: threading.Thread | None = None

    # -- state ----------------------------------------------------------------------------------

    def status(self) -> LinkStatus:
        pending = rejected = 0
        if self.journal is not None:
            try:
                pending, rejected = self.journal.count(), self.journal.rejected_count()
                self._pending = pending
            except Exception:  # a status line must never fail
                logger.exception("journal %s cannot be read", self.journal.path)
        state = LinkState.ONLINE if self._away_since is None else LinkState.AWAY
        return LinkStatus(state, pending, rejected, self._away_since)

    def _went_away(self, error: StoreError) -> None:
        with self._lock:
            if self._away_since is None:
                self._away_since = datetime.now(UTC)
                logger.warning("server away (%s): %s", error.code, error.detail)
            self._last_try = time.monotonic()

    def _came_back(self) -> None:
        with self._lock:
            if self._away_since is not None:
                logger.warning("server reachable again (away since %s)",
                               self._away_since.isoformat())
                self._away_since = None

    def _probe_due(self) -> bool:
        return time.monotonic() - self._last_try >= self.probe

    @property
    def away(self) -> bool:
        return self._away_since is not None

    # -- calling --------------------------------------------------------------------------------

    def call(self, store: StoreBase, fn: Callable[..., Any], info: UnitInfo,
             args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        signature = _signature(fn)
        bound = signature.bind(store, *args, **kwargs)
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        arguments.pop(next(iter(signature.parameters)))  # self
        if info.key is not None and arguments.get(info.key) is None:
            arguments[info.key] = str(uuid.uuid4())  # made once, before the first try
        name = fn.__name__
        at = store._now()
        if self._pending:  # kept writes go first (in order), whatever this call is
            self.drain(store)
        if info.journal and self.journal is not None and (self.away or self._pending):
            return self._keep(name, arguments, at)  # behind the queue, in order
        if self.away and not self._reachable(store):
            return self._away_answer(name, info, arguments, at,
                                     StoreError("server_unreachable", store.where,
                                                "the server is still away"))
        try:
            result = self._run(store, fn, arguments, info, at=None)
        except StoreError as error:
            if not error.unreachable:
                raise
            self._went_away(error)
            return self._away_answer(name, info, arguments, at, error)
        self._came_back()
        self.known.learn(name, arguments, result)
        return result

    def _reachable(self, store: StoreBase, *, force: bool = False) -> bool:
        """While away: False until a try is due, then one quick try (connect, ``SELECT 1``
        within :data:`PROBE_DEADLINE_S`), so a dead network holds the window's worker for
        two seconds at most every :data:`PROBE_S`. True when the server answered."""
        if not self.away:
            return True
        if not force and not self._probe_due():
            return False
        with self._lock:
            self._last_try = time.monotonic()

        def probe() -> None:
            with store.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")

        try:
            deadline_call(probe, PROBE_DEADLINE_S)
        except Exception as error:  # refused, timed out, anything: still away
            logger.info("server still away: %s", str(error).splitlines()[0] if str(error)
                        else type(error).__name__)
            return False
        self._came_back()
        return True

    def _away_answer(self, name: str, info: UnitInfo, arguments: dict[str, Any],
                     at: datetime, error: StoreError) -> Any:
        """A read from what is known; a write kept in the journal (never answered without
        being kept: that would lose it)."""
        if info.journal:
            if self.journal is None:
                raise error
            return self._keep(name, arguments, at)
        if info.kind == WRITE and not info.offline_answer:
            raise error
        try:
            return self.known.answer(name, arguments, at)
        except Unknown:
            raise error from None

    def _keep(self, name: str, arguments: dict[str, Any], at: datetime) -> Any:
        """Answer the write from what is known, then keep it in the journal (a write nothing
        is known about is refused before anything is kept)."""
        assert self.journal is not None
        try:
            result = self.known.answer(name, arguments, at)
        except Unknown:
            raise StoreError("server_unreachable", None,
                             f"{name} needs the server (nothing known to answer it)") from None
        self.journal.append(name, arguments, at)
        self._pending += 1
        return result

    def _run(self, store: StoreBase, fn: Callable[..., Any], arguments: dict[str, Any],
             info: UnitInfo, *, at: datetime | None) -> Any:
        """The unit with its retries, on a helper thread, within the deadline."""

        def work() -> Any:
            with self._working(), store._recorded_at(at):
                dropped = False
                for attempt in range(RETRIES):
                    try:
                        return fn(store, **arguments)
                    except StoreError as error:
                        if error.code in RETRYABLE and attempt < RETRIES - 1:
                            time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
                            continue
                        if (error.code == "server_unreachable" and not dropped
                                and (info.idempotent or info.kind == READ)):
                            dropped = True  # a pooled connection the server closed: once more
                            continue
                        raise
                raise StoreError("database_locked", store.where, "retries exhausted")

        with self._lock:
            self._last_try = time.monotonic()
        return deadline_call(work, self.deadline)

    @contextmanager
    def _working(self) -> Iterator[None]:
        with self._lock:
            self._busy += 1
        try:
            yield
        finally:
            with self._lock:
                self._busy -= 1
                self._last_used = time.monotonic()

    # -- the journal ----------------------------------------------------------------------------

    def drain(self, store: StoreBase, *, force: bool = False) -> int:
        """Send the kept writes in order; the number sent. Stops at the first that cannot
        reach the server (it stays first in the queue). While away the server is tried only
        when a try is due, unless ``force`` (asked for: at start, by the window's timer)."""
        if self.journal is None or not self._reachable(store, force=force):
            return 0
        sent = 0
        with self.journal.sending() as mine:
            if not mine:
                return 0  # another window of this PC is sending them
            for entry in self.journal.pending():
                fn = getattr(type(store), entry.method, None)
                info: UnitInfo | None = getattr(fn, "unit_info", None)
                if fn is None or info is None:
                    self.journal.reject(entry, "unknown_method", entry.method)
                    continue
                try:
                    result = self._run(store, fn.__wrapped__, entry.arguments, info,
                                       at=entry.at)
                except StoreError as error:
                    if error.unreachable:
                        self._went_away(error)
                        break
                    self.journal.reject(entry, error.code, error.detail)
                    continue
                self.journal.done(entry)
                self.known.learn(entry.method, entry.arguments, result)
                sent += 1
            else:
                self._came_back()
            self._pending = self.journal.count()
        if sent:
            logger.warning("journal: %d kept write(s) sent to the server", sent)
        return sent

    # -- this PC's settings ---------------------------------------------------------------------

    def pc_get(self, key: str, default: Any = None) -> Any:
        if self.journal is None:
            return self._pc.get(key, default)
        return self.journal.pc_get(key, default)

    def pc_set(self, key: str, value: Any) -> None:
        if self.journal is None:
            self._pc[key] = value
        else:
            self.journal.pc_set(key, value)

    # -- idle connections -----------------------------------------------------------------------

    def start_reaper(self, close_idle: Callable[[], None]) -> None:
        """Close the pool's idle connections once nothing ran for ``idle_close`` seconds."""

        def reap() -> None:
            closed = True
            while not self._stop.wait(min(2.0, self.idle_close / 2)):
                with self._lock:
                    idle = self._busy == 0 and (
                        time.monotonic() - self._last_used >= self.idle_close)
                if idle and not closed:
                    try:
                        close_idle()
                    except Exception:
                        logger.exception("closing idle server connections failed")
                    closed = True
                elif not idle:
                    closed = False

        self._reaper = threading.Thread(target=reap, name="dxlearn-idle-close", daemon=True)
        self._reaper.start()

    def stop(self) -> None:
        self._stop.set()
