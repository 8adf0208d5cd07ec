"""The one runner for everything the window asks of the core (Anki's ``aqt.operations`` is the
model): an :class:`Op` says what to do, what to call with the result, and what it changed; the
:class:`OperationRunner` runs it and tells the screens.

- **Where it runs.** Slow work (an export, a pack import, a merge) always runs on a worker
  thread, with a progress dialog after half a second and a cancel button when the work can
  stop. Quick store calls run on the worker thread too when the store is on a server (the window
  must never wait on the network), and inline on a local SQLite file, where they take a
  millisecond and keep the learner's click and its feedback in one step. One worker thread:
  operations run in the order they were asked for.
- **One error path.** A failure is logged and shown once, in the learner's language: store,
  export, policy and pack errors by their catalogue code (``dxlearn.messages``), anything
  unexpected as a calm message with the log's location. ``quiet`` operations (study time, the
  reading position) say it in the status bar instead of a dialog.
- **One signal.** ``progress_changed(OpChanges)`` after every operation that changed
  something; the screens refresh from it instead of after each action.
- **Read-only stores.** An operation that writes is not run on a read-only store (a second
  window, a read-only folder); the status bar says so once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from .errors import error_text

logger = logging.getLogger(__name__)

T = TypeVar("T")
PROGRESS_DELAY_MS = 500


class Cancelled(Exception):
    """Raised inside an operation's work when the learner pressed 中止."""


class Reporter:
    """Handed to an operation's work: report progress, and stop when cancelled."""

    def __init__(self, emit: Callable[[int, int], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    def report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._emit(done, total)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


@dataclass(frozen=True, slots=True)
class OpChanges:
    """What an operation changed, so each screen can tell whether to refresh."""

    progress: bool = False  # lesson records, attempts, study time
    learner: bool = False  # who is signed in, or their registration
    libraries: bool = False  # the set of loaded libraries
    lesson_id: str | None = None


@dataclass
class Op(Generic[T]):
    """One thing to do. ``work`` gets a :class:`Reporter`; ``success`` gets the result on the
    GUI thread; ``failure`` (optional) sees an error first and returns True when it has dealt
    with it (False: the default error path follows)."""

    work: Callable[[Reporter], T]
    success: Callable[[T], None] | None = None
    failure: Callable[[BaseException], bool] | None = None
    changes: OpChanges | Callable[[T], OpChanges] | None = None
    writes: bool = True
    slow: bool = False  # always off the GUI thread, with a progress dialog
    label: str = ""  # the progress dialog's text
    cancellable: bool = False
    quiet: bool = False  # failures to the status bar, not a dialog
    name: str = field(default="operation")

    def then(self, after: Callable[[T], None]) -> Op[T]:
        """Also call ``after`` with the result, after the operation's own ``success``."""
        first = self.success

        def both(result: T) -> None:
            if first is not None:
                first(result)
            after(result)

        self.success = both
        return self


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, op: Op[Any], signals: _Signals, reporter: Reporter) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.op = op
        self.signals = signals
        self.reporter = reporter

    def run(self) -> None:
        try:
            result = self.op.work(self.reporter)
        except BaseException as error:  # delivered to the GUI thread, never lost
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


class OperationRunner(QObject):
    progress_changed = Signal(object)  # OpChanges
    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget, *, language: Callable[[], str],
                 read_only: Callable[[], bool], status: Callable[[str], None],
                 show_error: Callable[[str], None], background_store: bool = False) -> None:
        super().__init__(parent)
        self._parent = parent
        self._language = language
        self._read_only = read_only
        self._status = status
        self._show_error = show_error
        self.background_store = background_store
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # in order, one at a time
        self._running: list[tuple[_Task, _Signals]] = []

    # -- running ----------------------------------------------------------------------------

    def run(self, op: Op[Any]) -> bool:
        """Run ``op``; False when it was not run (a write on a read-only store)."""
        if op.writes and self._read_only():
            self._status(QCoreApplication.translate(
                "operations", "この画面では学習の記録は保存されません。"))
            return False
        if not op.slow and not self.background_store:
            self._run_inline(op)
            return True
        self._run_in_background(op)
        return True

    def _run_inline(self, op: Op[Any]) -> None:
        try:
            result = op.work(Reporter(lambda _done, _total: None))
        except Exception as error:
            self._failed(op, error)
            return
        self._finished(op, result)

    def _run_in_background(self, op: Op[Any]) -> None:
        signals = _Signals()
        dialog = self._progress_dialog(op) if op.slow else None
        reporter = Reporter(signals.progressed.emit)
        task = _Task(op, signals, reporter)
        entry = (task, signals)
        self._running.append(entry)
        if len(self._running) == 1:
            self.busy_changed.emit(True)

        def done() -> None:
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
            self._running.remove(entry)
            if not self._running:
                self.busy_changed.emit(False)

        def on_finished(result: object) -> None:
            done()
            self._finished(op, result)

        def on_failed(error: object) -> None:
            done()
            assert isinstance(error, BaseException)
            self._failed(op, error)

        signals.finished.connect(on_finished, Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(on_failed, Qt.ConnectionType.QueuedConnection)
        if dialog is not None:
            signals.progressed.connect(_progress_slot(dialog), Qt.ConnectionType.QueuedConnection)
            dialog.canceled.connect(reporter.cancel)
        self._pool.start(task)

    def _progress_dialog(self, op: Op[Any]) -> QProgressDialog:
        label = op.label or QCoreApplication.translate("operations", "処理しています…")
        cancel = QCoreApplication.translate("operations", "中止") if op.cancellable else ""
        dialog = QProgressDialog(label, cancel, 0, 0, self._parent)
        dialog.setObjectName("operation-progress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not op.cancellable:
            dialog.setCancelButton(None)
        return dialog

    # -- results ----------------------------------------------------------------------------

    def _finished(self, op: Op[Any], result: object) -> None:
        if op.success is not None:
            op.success(result)
        changes = op.changes(result) if callable(op.changes) else op.changes
        if changes is not None:
            self.progress_changed.emit(changes)

    def _failed(self, op: Op[Any], error: BaseException) -> None:
        if isinstance(error, Cancelled):
            logger.info("%s cancelled", op.name)
            return
        if op.failure is not None and op.failure(error):
            return
        text, unexpected = error_text(error, self._language())
        if unexpected:
            logger.error("%s failed unexpectedly", op.name, exc_info=error)
        else:
            logger.warning("%s failed: %s", op.name, error)
        if op.quiet:
            self._status(text)
        else:
            self._show_error(text)

    # -- state ------------------------------------------------------------------------------

    def idle(self) -> bool:
        return not self._running

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is done (at exit, so the last study seconds are kept)."""
        return self._pool.waitForDone(msecs)



def _progress_slot(dialog: QProgressDialog) -> Callable[[int, int], None]:
    @Slot(int, int)
    def show(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    return show



def run_now(op: Op[T]) -> T:
    """Run ``op`` inline and return its result, raising its error: for the start-up steps that
    happen before the window (and its runner) exists."""
    result = op.work(Reporter(lambda _done, _total: None))
    if op.success is not None:
        op.success(result)
    return result
