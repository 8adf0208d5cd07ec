"""Who is learning on this PC: the sign-in at start, 学習者の切り替え and 登録内容の変更.

The dialogs collect a profile; the store work is done by ``gui.operations.learner``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from dxlearn.learning.profile import Profile

from .context import AppContext
from .main_window import MainWindow
from .operations import learner as learner_ops
from .operations.runner import run_now

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from dxlearn.store.records import Learner


def _tell(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # its 7 enums: not before the first paint

    QMessageBox.information(parent, title, text)


def sign_in_at_start(ctx: AppContext, parent: QWidget | None) -> bool:
    """The first learner of this PC registers (or picks a roster entry); False when cancelled
    or when nobody can be registered (a read-only store)."""
    if ctx.read_only:
        _tell(
            parent, QCoreApplication.translate("app", "学習者の登録"),
            QCoreApplication.translate(
                "app", "学習記録を書き込めないため、学習者を登録できません。"
                "先に開いたウィンドウを使うか、情報政策担当に連絡してください。"))
        return False
    from .profile_dialog import ProfileDialog  # shown only when nobody is signed in yet

    profile = ProfileDialog.ask(ctx.library.roles, parent, roster=ctx.roster)
    if profile is None:
        return False
    run_now(learner_ops.sign_in(ctx, profile))
    return True


def connect_learner_menu(window: MainWindow) -> None:
    """学習者 > 学習者の切り替え / 登録内容の変更."""
    ctx = window.ctx
    ops = window.ops

    def switch() -> None:
        ops.run(learner_ops.registered(ctx).then(choose))

    def choose(registered: list[Profile]) -> None:
        from .profile_dialog import ProfileDialog, Purpose

        profile = ProfileDialog.ask(ctx.library.roles, window, registered=registered,
                                    roster=[] if ctx.read_only else ctx.roster,
                                    purpose=Purpose.SWITCH)
        if profile is None:
            return
        known = {p.staff_id for p in registered}
        if profile.staff_id not in known and ctx.read_only:
            _tell(
                window, QCoreApplication.translate("app", "学習者の切り替え"),
                QCoreApplication.translate(
                    "app", "この画面では新しい学習者を登録できません。"
                    "先に開いたウィンドウで登録してください。"))
            return
        window.leave_current()  # the open lesson's time belongs to the learner leaving
        if ctx.read_only:  # an existing learner, shown without recording anything
            ctx.learner = next(p for p in registered if p.staff_id == profile.staff_id)
            window.go_home()
            return
        def signed_in(_learner: Learner) -> None:
            window.apply_preferences()  # on a server they came with the sign-in (theirs)
            window.go_home()

        ops.run(learner_ops.sign_in(ctx, profile).then(signed_in))

    def edit() -> None:
        current = ctx.learner
        if current is None or ctx.store is None:
            return
        if ctx.read_only:
            window.statusBar().showMessage(
                QCoreApplication.translate("app", "この画面では登録内容を変更できません。"))
            return
        from .profile_dialog import ProfileDialog

        existing = Profile(current.staff_id, current.name, current.department, current.role)
        # The staff id is the learner's key in the store: never editable here. The role is
        # fixed too when the policy locks profiles (lock_identity disables both fields).
        dialog = ProfileDialog(ctx.library.roles, window, existing=existing,
                               lock_identity=ctx.lock_profile)
        dialog.staff_id.setReadOnly(True)
        if dialog.exec() != ProfileDialog.DialogCode.Accepted or dialog.result_profile is None:
            return
        ops.run(learner_ops.update(ctx, dialog.result_profile, role_locked=ctx.lock_profile))

    window.learner_switch_requested.connect(switch)
    window.profile_edit_requested.connect(edit)
