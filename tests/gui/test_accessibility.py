"""What a screen reader gets: the accessible tree of every page (walked in-process with
QAccessible, as the platform bridge does) and the announcements of results.

Announcements are observed where every accessibility event enters Qt:
``QAccessible.updateAccessibility`` (PySide6 does not bind ``installUpdateHandler``; wrapping
the entry point is the equivalent hook). The app raises its announcements with
``QAccessibleAnnouncementEvent`` (``gui.announce``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget

from .conftest import settle, when_modal
from .test_journey import correct_positions

Role = QAccessible.Role
# what a learner operates: each needs a name a reader can say
NAMED_ROLES = {Role.PushButton, Role.Button, Role.CheckBox, Role.RadioButton, Role.ComboBox,
               Role.EditableText, Role.List, Role.Tree, Role.ProgressBar,
               Role.Link, Role.ButtonMenu, Role.ButtonDropDown, Role.PageTab, Role.Slider,
               Role.SpinBox, Role.Grouping}


@dataclass(frozen=True)
class Node:
    role: QAccessible.Role
    name: str
    description: str
    value: str
    object_name: str


def walk(interface: QAccessibleInterface | None) -> Iterator[Node]:
    """Every visible node under ``interface``."""
    if interface is None or not interface.isValid():
        return
    state = interface.state()
    if state.invisible or state.offscreen:
        return
    obj = interface.object()
    yield Node(interface.role(), interface.text(QAccessible.Text.Name),
               interface.text(QAccessible.Text.Description),
               interface.text(QAccessible.Text.Value), obj.objectName() if obj else "")
    for index in range(interface.childCount()):
        yield from walk(interface.child(index))


def tree_of(widget: QWidget) -> list[Node]:
    QAccessible.setActive(True)
    return list(walk(QAccessible.queryAccessibleInterface(widget)))


def unnamed(nodes: list[Node]) -> list[str]:
    return [f"{n.role.name} {n.object_name!r}" for n in nodes
            if n.role in NAMED_ROLES and not n.name.strip()
            and n.role is not Role.Grouping]


@pytest.fixture
def announcements(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, QWidget | None, bool]]:
    """(text, the object that said it, assertive) of every announcement, in order."""
    heard: list[tuple[str, QWidget | None, bool]] = []
    real = QAccessible.updateAccessibility

    def hook(event):  # type: ignore[no-untyped-def]
        if isinstance(event, QAccessibleAnnouncementEvent):
            obj = event.object()
            heard.append((event.message(), obj if isinstance(obj, QWidget) else None,
                          event.politeness() is QAccessible.AnnouncementPoliteness.Assertive))
        real(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(hook))
    return heard


def test_every_page_names_every_control(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    window = launched.window
    settle(qtbot, window)
    pages = {"home": tree_of(window)}
    window.open_lesson("intro")
    settle(qtbot, window)
    pages["lesson"] = tree_of(window)
    window.lesson_page.start_quiz.click()
    settle(qtbot, window)
    pages["question"] = tree_of(window)
    window.quiz_page.choice_buttons()[0].click()
    window.quiz_page.submit.click()
    settle(qtbot, window)
    pages["feedback"] = tree_of(window)
    window.quiz_page.next.click()
    window.quiz_page.choice_buttons()[0].click()
    window.quiz_page.submit.click()
    window.quiz_page.next.click()
    settle(qtbot, window)
    pages["result"] = tree_of(window)
    for page, nodes in pages.items():
        assert len(nodes) > 10, page
        assert unnamed(nodes) == [], page
    names = {page: {n.name for n in nodes} for page, nodes in pages.items()}
    assert "カリキュラム" in names["home"] and "必須レッスンの修了状況" in names["home"]
    assert {"見出しへ移動", "リンク一覧", "レッスン本文"} <= names["lesson"]
    assert "カリキュラム" not in names["question"]  # the list is not in the quiz
    assert "問題ごとの結果" in names["result"]
    progress = next(n for n in pages["home"] if n.object_name == "overall-progress")
    assert progress.description == "必須レッスン 0 / 3 修了"


def test_each_question_names_its_choices(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    window = launched.window
    window.open_lesson("intro")
    window.lesson_page.start_quiz.click()
    settle(qtbot, window)
    nodes = tree_of(window.quiz_page)
    group = next(n for n in nodes if n.object_name == "quiz-choices")
    assert group.role is Role.Grouping and "DXの目的はどれですか。" in group.name
    radios = [n for n in nodes if n.role is Role.RadioButton]
    assert len(radios) == 2
    for radio in radios:
        assert "DXの目的はどれですか。" in radio.description
        assert radio.name.startswith(("1. ", "2. "))


def test_lesson_body_shows_alt_text_and_lists_headings_and_links(  # type: ignore[no-untyped-def]
    qtbot, start_app, monkeypatch
) -> None:
    from dxlearn.gui import links

    launched = start_app()
    window = launched.window
    window.open_lesson("intro")
    settle(qtbot, window)
    page = window.lesson_page
    text = page.browser.toPlainText()
    assert "図：図" in text  # the image's alt text ("図") is a visible caption
    headings = [a.text().strip() for a in page.headings_button.menu().actions()]
    assert headings[:3] == ["節1", "節2", "節3"] and len(headings) == 12
    link_items = [a.text() for a in page.links_button.menu().actions()]
    assert link_items == ["総務省（外部のページ）", "次のレッスン（教材）"]
    shown: list[str] = []
    monkeypatch.setattr(links.ExternalLinkDialog, "exec",
                        lambda self: shown.append(self.address.text()) or 0)
    page.links_button.menu().actions()[0].trigger()
    assert shown == ["https://www.soumu.go.jp/"]
    page.links_button.menu().actions()[1].trigger()  # a lesson link opens the lesson
    settle(qtbot, window)
    assert window.lesson_page.lesson.id == "reading"
    window.open_lesson("intro")
    settle(qtbot, window)
    page.headings_button.menu().actions()[2].trigger()
    assert page.browser.textCursor().block().text() == "節3"
    assert page.browser.hasFocus() or QApplication.focusWidget() is None


def test_results_and_changes_are_announced(  # type: ignore[no-untyped-def]
    qtbot, start_app, announcements
) -> None:
    launched = start_app()
    window = launched.window
    window.open_lesson("intro")
    settle(qtbot, window)
    window.lesson_page.mark_read.click()
    settle(qtbot, window)
    assert any("読了" in text and assertive for text, _w, assertive in announcements)
    window.lesson_page.start_quiz.click()
    settle(qtbot, window)
    wrong = next(p for p in range(2) if p not in correct_positions(window, 0))
    window.quiz_page.choice_buttons()[wrong].click()
    window.quiz_page.submit.click()
    settle(qtbot, window)
    text, said_by, assertive = announcements[-1]
    assert "不正解" in text and "住民の暮らしを良くする" in text and assertive
    assert "目的は暮らしを良くすることです。" in text  # the explanation too
    assert said_by is not None and said_by.isVisible()
    window.quiz_page.next.click()
    for position in correct_positions(window, 1):
        window.quiz_page.choice_buttons()[position].click()
    window.quiz_page.submit.click()
    assert "正解です" in announcements[-1][0]
    window.quiz_page.next.click()
    settle(qtbot, window)
    text, said_by, assertive = announcements[-1]
    assert "50 点" in text and "不合格" in text and "合格点 100 点" in text and assertive
    window.menu_actions["zoom-in"].trigger()
    assert announcements[-1][0] == "文字の大きさ：125%"


def test_registration_errors_are_announced_and_marked(  # type: ignore[no-untyped-def]
    qtbot, announcements
) -> None:
    from dxlearn.gui.profile_dialog import ProfileDialog

    dialog = ProfileDialog({"staff": "一般職員"})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.findChild(QPushButton, "profile-ok").click()
    assert "職員番号を入力してください。" in announcements[-1][0] and announcements[-1][2]
    nodes = {n.object_name: n for n in tree_of(dialog)}
    assert nodes["profile-staff-id"].description == "職員番号を入力してください。"
    assert nodes["profile-role"].description == "役割を選んでください。"
    assert dialog.staff_id.property("invalid") is True
    assert unnamed(list(nodes.values())) == []


def test_export_dialog_names_every_field(qtbot, start_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    seen: list[list[Node]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog) and dialog.objectName() == "export-dialog"
        seen.append(tree_of(dialog))
        dialog.reject()

    when_modal(look)
    launched.window.menu_actions["export"].trigger()
    qtbot.waitUntil(lambda: bool(seen))
    nodes = seen[0]
    assert unnamed(nodes) == []
    by_name = {n.object_name: n for n in nodes}
    assert by_name["export-folder"].name == "保存先フォルダー"
    assert by_name["export-browse"].name == "保存先フォルダーを選ぶ"
    assert by_name["hint"].name == "選んだ内容の説明"
