"""The policy applied by the real app: data folder, libraries, export folder, roster, locked
profile, backups and journal, and a calm banner naming the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit

from dxlearn import paths
from dxlearn.gui import app as app_module
from dxlearn.store import opening as store_opening

from support.deploy import build_library, fill_sign_in, gui_args, run_launch, toml_path


@pytest.fixture
def it_share(tmp_path: Path) -> dict[str, Path]:
    share = tmp_path / "share"
    roster = share / "roster.csv"
    roster.parent.mkdir(parents=True)
    roster.write_bytes("職員番号,氏名,所属,役割\r\n00777,佐藤 一郎,情報政策課,leader\r\n"
                       .encode("cp932"))
    (share / "exports").mkdir()
    return {"library": build_library(share / "extra"), "roster": roster,
            "exports": share / "exports", "data": tmp_path / "home-drive" / "dxlearn"}


def policy_text(share: dict[str, Path], *extra: str) -> str:
    return "\n".join([
        f"data_dir = {toml_path(share['data'])}",
        f"libraries = [{toml_path(share['library'])}]",
        f"export_dir = {toml_path(share['exports'])}",
        f"roster = {toml_path(share['roster'])}",
        "lock_profile = true",
        "backup_keep = 2",
        "force_rollback_journal = true",
        *extra,
    ]) + "\n"


def test_the_policy_shapes_the_app(qtbot, use_policy, it_share, monkeypatch,  # type: ignore[no-untyped-def]
                                   fresh_log_handlers) -> None:
    (it_share["data"]).parent.mkdir(parents=True)
    policy_file = use_policy(policy_text(it_share, "backup_kep = 3"))
    opened: list[dict[str, object]] = []
    real_open = store_opening.open_store

    def spy(target, **kwargs):  # type: ignore[no-untyped-def]
        opened.append({"target": target, **kwargs})
        return real_open(target, **kwargs)

    monkeypatch.setattr(store_opening, "open_store", spy)  # launch imports it lazily
    seen: dict[str, object] = {}

    def look(dialog) -> None:  # type: ignore[no-untyped-def]
        staff_id = dialog.findChild(QLineEdit, "profile-staff-id")
        seen["before typing"] = dialog.candidate_labels()
        staff_id.insert("007")  # as typed: the roster's matching entries are offered
        seen["candidates"] = dialog.candidate_labels()
        staff_id.clear()

    launched = run_launch(gui_args(), fill_sign_in(check=look))
    qtbot.addWidget(launched.window)
    ctx = launched.ctx
    try:
        assert ctx.data_dir == it_share["data"]
        assert Path(str(opened[0]["target"])) == it_share["data"] / "progress.db"
        assert (opened[0]["backup_keep"], opened[0]["force_rollback_journal"]) == (2, True)
        assert (ctx.report.journal_mode, ctx.report.journal_reason) == ("delete", "policy")
        # the bundled library first (studied), the policy's library kept beside it
        assert ctx.library.root == paths.lessons_dir()
        assert [lib.id for lib in ctx.libraries] == [ctx.library.id, "extra-lib"]
        assert ctx.export_dir == it_share["exports"]
        assert ctx.lock_profile is True
        assert [(p.staff_id, p.name) for p in ctx.roster] == [("00777", "佐藤 一郎")]
        assert seen["before typing"] == [] and seen["candidates"] == ["00777 佐藤 一郎"]
        assert ctx.policy.source == policy_file
        assert [m.key for m in ctx.policy_messages] == ["backup_kep"]

        banner = launched.window.findChild(QLabel, "banner")
        assert banner.isVisibleTo(launched.window)
        text = banner.text()
        assert str(policy_file) in text and "backup_kep" in text and "backup_keep" in text
        assert "情報政策課" in text  # who fixes it

        # locked profile: staff id and role cannot be changed after registration
        def check_locked() -> None:
            dialog = QApplication.activeModalWidget()
            assert dialog is not None and dialog.objectName() == "profile-dialog"
            seen["staff_ro"] = dialog.findChild(QLineEdit, "profile-staff-id").isReadOnly()
            seen["role_enabled"] = dialog.findChild(QComboBox, "profile-role").isEnabled()
            dialog.reject()

        from PySide6.QtCore import QTimer
        QTimer.singleShot(50, check_locked)
        launched.window.profile_edit_requested.emit()
        assert (seen["staff_ro"], seen["role_enabled"]) == (True, False)
    finally:
        launched.window.close()
        ctx.store.close()
    assert (it_share["data"] / "progress.db").is_file()
    assert (it_share["data"] / "logs" / "dxlearn.log").is_file()


def test_without_lock_the_role_can_be_edited_but_never_the_staff_id(
    qtbot, tmp_path: Path, fresh_log_handlers  # type: ignore[no-untyped-def]
) -> None:
    launched = run_launch(gui_args(data_dir=str(tmp_path / "data")), fill_sign_in())
    qtbot.addWidget(launched.window)
    seen: dict[str, bool] = {}

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        seen["staff_ro"] = dialog.findChild(QLineEdit, "profile-staff-id").isReadOnly()
        seen["role_enabled"] = dialog.findChild(QComboBox, "profile-role").isEnabled()
        dialog.reject()

    from PySide6.QtCore import QTimer
    QTimer.singleShot(50, check)
    try:
        launched.window.profile_edit_requested.emit()
        assert seen == {"staff_ro": True, "role_enabled": True}
        assert launched.ctx.policy.source is None and not launched.ctx.policy_messages
        assert not launched.window.findChild(QLabel, "banner").isVisibleTo(launched.window)
    finally:
        launched.window.close()
        launched.ctx.store.close()


def test_command_line_data_dir_and_library_override_the_policy(
    qtbot, use_policy, it_share, tmp_path: Path, fresh_log_handlers  # type: ignore[no-untyped-def]
) -> None:
    use_policy(policy_text(it_share))
    mine = build_library(tmp_path / "mine", "my-lib")
    launched = run_launch(gui_args(data_dir=str(tmp_path / "cli-data"), library=[str(mine)]),
                          fill_sign_in())
    qtbot.addWidget(launched.window)
    try:
        assert launched.ctx.data_dir == tmp_path / "cli-data"
        assert [lib.id for lib in launched.ctx.libraries] == ["my-lib"]
        assert launched.ctx.database_path == tmp_path / "cli-data" / "progress.db"
    finally:
        launched.window.close()
        launched.ctx.store.close()
    assert not it_share["data"].exists()


def test_a_broken_policy_file_still_starts_the_app_with_a_message(
    qtbot, use_policy, tmp_path: Path, fresh_log_handlers  # type: ignore[no-untyped-def]
) -> None:
    policy_file = use_policy("lock_profile = tru\n")
    launched = run_launch(gui_args(data_dir=str(tmp_path / "data")), fill_sign_in())
    qtbot.addWidget(launched.window)
    try:
        assert launched.ctx.lock_profile is False
        text = launched.window.findChild(QLabel, "banner").text()
        assert f"{policy_file}（1行目）" in text
    finally:
        launched.window.close()
        launched.ctx.store.close()


def test_the_banner_is_calm_japanese_naming_file_and_key(tmp_path: Path) -> None:
    from dxlearn.messages import Message
    from dxlearn.policy import PolicyMessage

    message = PolicyMessage(tmp_path / "policy.toml", "export_dir",
                            Message("policy.folder_missing", {"path": tmp_path / "gone"}))
    text = app_module.policy_banner([message])
    assert "このまま学習を続けられます" in text
    assert f"{tmp_path / 'policy.toml'} の「export_dir」" in text
    assert app_module.policy_banner([]) == ""
    assert "does not exist or cannot be reached" in app_module.policy_banner([message], "en")

