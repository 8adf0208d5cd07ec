"""The share drop: this PC's records kept current in a folder HR collects from (policy
``records_dir``), so HR runs ``dxlearn hr merge <records_dir>`` and gets everyone.

For each drop scope (:data:`SCOPES`: the detail export today; an answers export is one more
entry) the folder holds ``<database_id>-<scope>.csv`` and its signature sidecar, signed with the
policy's key (``ExportSettings``). Several databases on one PC each have their own files (their
ids differ); several PCs of one learner merge as any exports do.

Two steps, so that the store's serial worker is never held by a slow network:

1. :func:`prepare` (on the store's worker: a read of one PC's records, a few milliseconds)
   writes the signed exports into the data folder (``share-drop/``);
2. :meth:`ShareDrop.publish` (on a thread of its own) copies them onto the share: each file to
   a hidden temporary name in the folder (``.<name>.<random>.tmp``, which ``hr merge`` skips),
   flushed and fsynced, then renamed over the final name. HR never reads a half file. (Between
   the CSV's rename and its sidecar's, a merge could pair the new CSV with the old sidecar for
   a moment and report it altered; the next merge reads them as a pair.)

An unreachable share (a file server down, a laptop off the network, a read-only folder) never
blocks the learner: :class:`ShareDrop` remembers that the records are not sent
(``share-drop.json`` in the data folder, also read by ``--self-test``) and the next event (a
lesson completed, a quiz finished, the next start) sends the newest records again. The window
shows ``status_message``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dxlearn.content.model import Library
from dxlearn.export.columns import Scope
from dxlearn.export.settings import ExportSettings
from dxlearn.integrity.signature import sidecar_path
from dxlearn.messages import Message

if TYPE_CHECKING:  # the window imports this module: SQLAlchemy stays off the first paint
    from dxlearn.store.repository import ProgressStore

logger = logging.getLogger(__name__)

STAGING = "share-drop"  # in the data folder
STATE_FILE = "share-drop.json"  # in the data folder
STALE_TEMP_S = 3600  # our own temporary files older than this on the share are removed
EXIT_WAIT_S = 5.0  # at exit, how long the last copy may take before the next start retries


@dataclass(frozen=True, slots=True)
class DropScope:
    name: str  # the file is <database_id>-<name>.csv
    scope: Scope


# What the drop holds. An "answers" scope (every answer, for HR's item analysis) is one more
# entry here when the export has it.
SCOPES: tuple[DropScope, ...] = (DropScope("detail", Scope.DETAIL),)


@dataclass(frozen=True, slots=True)
class Prepared:
    """Files staged in the data folder, ready to be copied: (local file, name on the share),
    each export followed by its sidecar."""

    database_id: str
    files: tuple[tuple[Path, str], ...]
    prepared_at: datetime


@dataclass(frozen=True, slots=True)
class DropState:
    """What the data folder remembers about the drop (``share-drop.json``)."""

    records_dir: str = ""
    database_id: str = ""
    last_written: datetime | None = None  # the last time the records reached the share
    pending: bool = False  # records newer than the share's wait to be sent
    problem: str = ""  # why the last copy failed (the OS's words, for the log and self-test)

    def as_dict(self) -> dict[str, object]:
        return {"records_dir": self.records_dir, "database_id": self.database_id,
                "last_written": self.last_written.isoformat() if self.last_written else None,
                "pending": self.pending, "problem": self.problem}


def drop_names(database_id: str) -> list[str]:
    """The names the drop keeps on the share for ``database_id`` (exports, then sidecars)."""
    names = [f"{database_id}-{scope.name}.csv" for scope in SCOPES]
    return [n for name in names for n in (name, sidecar_path(Path(name)).name)]


def read_state(data_dir: Path) -> DropState:
    """The drop's state in ``data_dir`` (an empty state when there is none or it is unreadable)."""
    try:
        raw = json.loads((data_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return DropState()
    if not isinstance(raw, dict):
        return DropState()
    written = raw.get("last_written")
    try:
        when = datetime.fromisoformat(written) if isinstance(written, str) else None
    except ValueError:
        when = None
    return DropState(str(raw.get("records_dir") or ""), str(raw.get("database_id") or ""),
                     when, bool(raw.get("pending")), str(raw.get("problem") or ""))


def _write_state(data_dir: Path, state: DropState) -> None:
    from dxlearn.files.atomic import write_bytes_atomic

    try:
        write_bytes_atomic(data_dir / STATE_FILE,
                           (json.dumps(state.as_dict(), ensure_ascii=False, indent=2) + "\n")
                           .encode("utf-8"))
    except OSError as error:  # a state file is a nicety: the next event writes it again
        logger.warning("share drop: cannot write %s: %s", data_dir / STATE_FILE, error)


def prepare(store: ProgressStore, libraries: Sequence[Library], settings: ExportSettings,
            data_dir: Path) -> Prepared:
    """Stage the drop's signed exports in ``<data_dir>/share-drop/`` (raises ``ExportError``
    or ``StoreError``)."""
    from dxlearn.export.api import ExportOptions, export_completion

    database_id = store.ensure_database_id()
    staging = data_dir / STAGING
    staging.mkdir(parents=True, exist_ok=True)
    files: list[tuple[Path, str]] = []
    for scope in SCOPES:
        name = f"{database_id}-{scope.name}.csv"
        result = export_completion(store, libraries, staging / name,
                                   ExportOptions(scope=scope.scope), settings)
        files += [(result.path, name), (result.sig_path, result.sig_path.name)]
    return Prepared(database_id, tuple(files), datetime.now(UTC))


def _copy_into_place(source: Path, folder: Path, name: str) -> None:
    """``source`` -> ``folder/name`` through a hidden temporary name; fsynced, then renamed."""
    temp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
    try:
        with source.open("rb") as reader, temp.open("wb") as writer:
            shutil.copyfileobj(reader, writer, 1 << 20)
            writer.flush()
            os.fsync(writer.fileno())
        os.replace(temp, folder / name)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _remove_stale_temps(folder: Path, names: Sequence[str]) -> None:
    """Temporary files a killed copy of ours left behind (never anyone else's)."""
    now = time.time()
    for name in names:
        for stale in folder.glob(f".{name}.*.tmp"):
            with contextlib.suppress(OSError):
                if now - stale.stat().st_mtime > STALE_TEMP_S:
                    stale.unlink()


def publish(prepared: Prepared, records_dir: Path) -> None:
    """Copy the staged files onto the share (module docstring); raises ``OSError`` when the
    folder cannot be reached or written."""
    if not records_dir.is_dir():
        raise FileNotFoundError(2, "the folder cannot be reached", str(records_dir))
    names = [name for _source, name in prepared.files]
    _remove_stale_temps(records_dir, names)
    for source, name in prepared.files:
        _copy_into_place(source, records_dir, name)


class ShareDrop:
    """The drop of one window: at most one copy at a time, on its own thread; the newest
    prepared records win (a copy asked for while one runs follows it)."""

    def __init__(self, records_dir: Path, data_dir: Path,
                 on_change: Callable[[DropState], None] | None = None) -> None:
        self.records_dir = records_dir
        self.data_dir = data_dir
        self.on_change = on_change
        self._lock = threading.Lock()
        self._next: Prepared | None = None
        self._thread: threading.Thread | None = None
        state = read_state(data_dir)
        if state.records_dir != str(records_dir):  # another folder: nothing sent there yet
            state = DropState(str(records_dir), state.database_id, None, True, "")
        self._state = state

    @property
    def state(self) -> DropState:
        return self._state

    def status_message(self) -> Message:
        """The status bar's line (``central.share_*``)."""
        state = self._state
        if state.pending or state.problem:
            if state.problem:
                return Message("central.share_unreachable", {})
            return Message("central.share_waiting", {})
        if state.last_written is not None:
            local = state.last_written.astimezone()
            return Message("central.share_sent", {"time": local.strftime("%m/%d %H:%M")})
        return Message("central.share_waiting", {})

    def _set(self, state: DropState) -> None:
        self._state = state
        _write_state(self.data_dir, state)
        if self.on_change is not None:
            try:
                self.on_change(state)
            except Exception:  # the window's callback must not stop the copier
                logger.exception("share drop: state callback failed")

    def mark_pending(self) -> None:
        """Newer records exist than the share holds (said before they are prepared)."""
        if not self._state.pending:
            self._set(replace(self._state, pending=True))

    def publish(self, prepared: Prepared) -> None:
        """Copy ``prepared`` onto the share on the copier thread (returns at once)."""
        with self._lock:
            self._next = prepared
            if self._thread is not None and self._thread.is_alive():
                return  # the running copy takes the newest when it is done
            self._thread = threading.Thread(target=self._run, name="dxlearn-share-drop",
                                            daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                prepared, self._next = self._next, None
            if prepared is None:
                return
            try:
                publish(prepared, self.records_dir)
            except OSError as error:
                reason = error.strerror or str(error)
                logger.warning("share drop: %s not reachable (%s); the next event retries",
                               self.records_dir, reason)
                self._set(replace(self._state, database_id=prepared.database_id,
                                  pending=True, problem=reason))
            else:
                logger.info("share drop: records written to %s", self.records_dir)
                self._set(replace(self._state, database_id=prepared.database_id,
                                  last_written=datetime.now(UTC), pending=False, problem=""))

    def wait(self, timeout: float = EXIT_WAIT_S) -> bool:
        """At exit: wait at most ``timeout`` for the copy; False when it is still running (the
        share is slow; the next start sends the records again)."""
        thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()
