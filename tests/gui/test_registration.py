"""Registration and sign-in: picking a roster candidate, errors that clear, the switch
dialog's own words, and suggestions that never list every stored name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from dxlearn.gui.profile_dialog import ProfileDialog, Purpose
from dxlearn.learning.profile import Profile

from .conftest import settle, when_modal

ROLES = {"executive": "幹部職員", "leader": "DX推進リーダー", "staff": "一般職員"}
ROSTER = [Profile("00456", "髙橋 﨑子", "子ども未来部 子育て支援課 保育施設係", "staff"),
          Profile("00457", "渡邊 一郎", "税務課", "leader")]


def dialog_for(qtbot, **kwargs) -> ProfileDialog:  # type: ignore[no-untyped-def]
    dialog = ProfileDialog(ROLES, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_picking_a_roster_candidate_fills_the_id_only_and_registers(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Finding 11: 「00456 髙橋 﨑子」 stayed in 職員番号 and registration was refused."""
    dialog = dialog_for(qtbot, roster=ROSTER)
    qtbot.keyClicks(dialog.staff_id, "0045")
    popup = dialog._completer.popup()
    assert popup.isVisible()
    assert dialog.candidate_labels() == ["00456 髙橋 﨑子", "00457 渡邊 一郎"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.staff_id.text() == "00456"
    assert dialog.name.text() == "髙橋 﨑子"
    assert dialog.department.text() == "子ども未来部 子育て支援課 保育施設係"
    assert dialog.role.currentData() == "staff"
    dialog.findChild(QPushButton, "profile-ok").click()
    assert dialog.result_profile == ROSTER[0]


def test_errors_mark_their_fields_and_clear_when_fixed(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(qtbot)
    ok = dialog.findChild(QPushButton, "profile-ok")
    dialog.staff_id.setText("12 34")
    ok.click()
    error = dialog.findChild(QLabel, "profile-error")
    assert "職員番号に空白や記号を含めないでください。" in error.text()
    assert "氏名を入力してください。" in error.text()
    assert dialog.staff_id.property("invalid") is True and dialog.name.property("invalid")
    assert dialog.focusWidget() is dialog.staff_id  # the first problem has the focus
    dialog.staff_id.setText("1234")  # fixed: its message and mark go at once
    assert "職員番号" not in error.text() and dialog.staff_id.property("invalid") is False
    assert dialog.staff_id.accessibleDescription() == ""
    dialog.name.setText("山田 花子")
    dialog.department.setText("市民課")
    dialog.role.setCurrentIndex(dialog.role.findData("staff"))
    assert error.text() == "" and not error.isVisibleTo(dialog)
    ok.click()
    assert dialog.result_profile == Profile("1234", "山田 花子", "市民課", "staff")


def test_the_three_purposes_have_their_own_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    words = {}
    for purpose, existing in ((Purpose.REGISTER, None), (Purpose.SWITCH, None),
                              (Purpose.EDIT, ROSTER[0])):
        dialog = dialog_for(qtbot, purpose=purpose, existing=existing)
        words[purpose] = (dialog.windowTitle(), dialog.intro.text().splitlines()[0],
                          dialog.findChild(QPushButton, "profile-ok").text())
    assert words[Purpose.REGISTER] == ("学習者の登録", "はじめに、あなたの情報を登録してください。",
                                       "登録して始める")
    assert words[Purpose.SWITCH] == ("学習者の切り替え", "このパソコンで学習する人を切り替えます。",
                                     "切り替える")
    assert words[Purpose.EDIT] == ("学習者情報の変更", "登録内容を変更できます。", "保存する")


def test_a_shared_pc_never_lists_every_stored_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    registered = [Profile(f"A{n:04d}", f"職員{n}", "市民課", "staff") for n in range(30)]
    dialog = dialog_for(qtbot, purpose=Purpose.SWITCH, registered=registered)
    for typed in ("A", "A0"):
        dialog.staff_id.clear()
        qtbot.keyClicks(dialog.staff_id, typed)
        assert dialog.candidate_labels() == [], typed  # not before 3 characters of the id
    qtbot.keyClicks(dialog.staff_id, "01")
    assert dialog.candidate_labels() == [f"A001{n} 職員{10 + n}" for n in range(10)]
    dialog.staff_id.clear()
    dialog.staff_id.insert("職員")  # names are never searched on a shared PC
    assert dialog.candidate_labels() == []
    # with a roster, only roster entries are offered (never the PC's stored learners)
    dialog = dialog_for(qtbot, purpose=Purpose.SWITCH, registered=registered, roster=ROSTER)
    qtbot.keyClicks(dialog.staff_id, "A01")
    assert dialog.candidate_labels() == []
    dialog.staff_id.clear()
    dialog.staff_id.insert("渡邊")  # as an IME commits it
    assert dialog.candidate_labels() == ["00457 渡邊 一郎"]


def test_switch_learner_uses_the_switch_dialog(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ProfileDialog)
        seen.append(dialog.windowTitle())
        dialog.reject()

    when_modal(look)
    launched.window.menu_actions["switch-learner"].trigger()
    settle(qtbot, launched.window)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["学習者の切り替え"]
