"""What the window shows and does about what lies past this PC: the server database's offline
journal and the share drop. Hooks only: the work is ``store.server`` and
``export.share_drop``; this wires them to the window's runner, a timer and the status bar.

- A permanent label in the status bar (``central-status``): while the server cannot be
  reached, 「サーバーに接続できません。回答はこのパソコンに保存され、接続が戻ると送られます。」;
  with a share drop, 「人事への送信: …」 (sent, or not sent and why).
- Every few seconds, writes kept in the journal are sent (an operation on the runner, when it
  is idle); when they reach the server the status bar says so and the screens refresh.
- The share drop is written after a lesson is completed or a quiz finished, at start and at
  exit: the export is staged by an operation on the runner (a read of one PC's records), the
  copy onto the share runs on the drop's own thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel

from dxlearn.messages import text

from .operations.runner import Op, OpChanges, Reporter

if TYPE_CHECKING:  # the share drop and the server link are imported when first used
    from dxlearn.export.share_drop import Prepared, ShareDrop

    from .main_window import MainWindow

logger = logging.getLogger(__name__)

TICK_MS = 5000


class CentralStatus(QObject):
    _drop_changed = Signal(object)  # DropState, from the drop's copier thread

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.label = QLabel()
        self.label.setObjectName("central-status")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.drop: ShareDrop | None = None
        self._drop_changed.connect(self._refresh, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._sending = False

    # -- start and exit -------------------------------------------------------------------------

    def start(self) -> None:
        """Once the store is open and a learner signed in (``app.launch``)."""
        ctx = self.window.ctx
        records_dir = ctx.policy.records_dir
        if (records_dir is not None and ctx.data_dir is not None and ctx.store is not None
                and not ctx.store.on_server and not ctx.read_only):
            from dxlearn.export.share_drop import ShareDrop  # only when the policy sets one

            self.drop = ShareDrop(records_dir, ctx.data_dir, on_change=self._drop_changed.emit)
            self.records_changed()  # the next start sends what an earlier one could not
        elif records_dir is not None and ctx.store is not None and ctx.store.on_server:
            logger.info("records_dir %s not used: the records are on the server", records_dir)
        self._timer.start()
        self._refresh()

    def at_exit(self) -> None:
        """The last drop: staged here (the worker is done), copied on the drop's thread, which
        may take a few seconds before the window lets go (the next start retries)."""
        self._timer.stop()
        drop, ctx = self.drop, self.window.ctx
        if drop is None or ctx.store is None or ctx.learner is None:
            return
        from dxlearn.export.share_drop import prepare

        try:
            prepared = prepare(ctx.store, ctx.libraries, ctx.export_settings, drop.data_dir)
        except Exception:
            logger.exception("share drop at exit: the records could not be staged")
            return
        drop.publish(prepared)
        if not drop.wait():
            logger.warning("share drop at exit: %s is slow; the next start sends the records",
                           drop.records_dir)

    # -- the share drop -------------------------------------------------------------------------

    def records_changed(self) -> None:
        """A lesson was completed or a quiz finished: bring the share drop up to date."""
        drop, ctx = self.drop, self.window.ctx
        if drop is None or ctx.store is None or ctx.read_only or ctx.learner is None:
            return
        drop.mark_pending()
        store, libraries, settings = ctx.store, ctx.libraries, ctx.export_settings

        def stage(_r: Reporter) -> Prepared:
            from dxlearn.export.share_drop import prepare

            return prepare(store, libraries, settings, drop.data_dir)

        self.window.ops.run(Op(stage, success=drop.publish, writes=False, quiet=True,
                               name="share drop"))

    # -- the server's journal -------------------------------------------------------------------

    def _tick(self) -> None:
        store = self.window.ctx.store
        status = store.link_status() if store is not None else None
        if (status is not None and status.pending and not self._sending
                and self.window.ops.idle()):
            self._sending = True

            def sent(count: int) -> None:
                self._sending = False
                if count:
                    self.window.statusBar().showMessage(text(
                        "store.server_back_sent", self._language(), count=count), 15000)
                self._refresh()

            def failed(_error: BaseException) -> bool:
                self._sending = False
                return False  # quiet: the status bar says why

            assert store is not None
            self.window.ops.run(Op(lambda _r: store.flush_journal(), success=sent,
                                   failure=failed, changes=OpChanges(progress=True),
                                   quiet=True, name="send kept records"))
        self._refresh()

    # -- the label ------------------------------------------------------------------------------

    def _language(self) -> str:
        return self.window.ctx.preferences.language

    def _refresh(self, *_args: object) -> None:
        lines = []
        store = self.window.ctx.store
        status = store.link_status() if store is not None else None
        lang = self._language()
        if status is not None:
            from dxlearn.store.server import LinkState  # a server's store imported it already

            if status.state is LinkState.AWAY or status.pending:
                lines.append(text("store.server_away_kept", lang))
            if status.rejected:
                lines.append(text("store.server_rejected", lang, count=status.rejected))
        if self.drop is not None:
            lines.append(self.drop.status_message().text(lang))
        shown = "　".join(lines)
        if shown != self.label.text():
            self.label.setText(shown)
        self.label.setVisible(bool(shown))
