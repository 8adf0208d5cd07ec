"""Keyboard only: Enter on a focused button, the quiz's tab order, Esc, the shortcuts on the
menus, and the focus never resting on a widget that is not on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from .conftest import settle, when_modal
from .test_journey import correct_positions


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def activate(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Keys and shortcuts go to the active window: make the learner's window active."""
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def start_intro_quiz(qtbot, start_app):  # type: ignore[no-untyped-def]
    """The learner's window on the 理解度チェック of the test library's lesson."""
    window = start_app().window
    activate(qtbot, window)
    window.open_lesson("intro")
    window.lesson_page.start_quiz.click()
    settle(qtbot, window)
    return window, window.quiz_page


def click_in_modal(name: str):  # type: ignore[no-untyped-def]
    def press() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QMessageBox), dialog
        dialog.findChild(QPushButton, name).click()

    return press


def test_focus_is_never_left_on_a_hidden_widget(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    """The home page's refresh used to focus 次のレッスンを学習する while it was hidden: after
    読了 and on the result page, Enter then opened the next lesson."""
    launched = start_app()
    window = launched.window
    activate(qtbot, window)
    window.open_lesson("intro")
    settle(qtbot, window)
    window.lesson_page.mark_read.setFocus()
    qtbot.keyClick(window.lesson_page.mark_read, Qt.Key.Key_Return)  # Enter works here
    settle(qtbot, window)
    assert launched.ctx.store.lesson_progress("012345", "test-lib", "intro").read_at
    assert focused() is not None and focused().isVisible()
    assert focused() is not window.home.next_button
    qtbot.keyClick(window.lesson_page.start_quiz, Qt.Key.Key_Return)
    settle(qtbot, window)
    for question in range(2):
        for position in correct_positions(window, question):
            qtbot.keyClick(window.quiz_page, Qt.Key.Key_1 + position)
        qtbot.keyClick(window.quiz_page, Qt.Key.Key_Return)
        qtbot.keyClick(window.quiz_page, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.quiz_page.stack.currentIndex() == 1
    button = focused()
    assert isinstance(button, QPushButton) and button.isVisible()
    assert button.objectName() == "quiz-next-lesson"  # passed: 次のレッスンへ
    qtbot.keyClick(button, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.lesson_page.lesson.id == "reading"  # what the focused button says


def test_quiz_tab_order_is_choices_answer_next_back(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    window, page = start_intro_quiz(qtbot, start_app)
    assert not window.tree.isVisible()  # the lesson list is not in the quiz
    page.choice_buttons()[0].setFocus()
    qtbot.keyClick(page, Qt.Key.Key_1)  # a choice: 回答する is enabled

    def tab_cycle() -> list[str]:
        seen = []
        for _ in range(6):
            window.focusNextChild()
            widget = focused()
            seen.append(widget.objectName() if widget else "")
        return seen

    # a radio group is one tab stop: choice → 回答する → (次へ disabled) → 戻る → choice
    assert tab_cycle()[:3] == ["quiz-submit", "quiz-back", "quiz-choice-0"]
    qtbot.keyClick(page, Qt.Key.Key_Return)  # answer
    settle(qtbot, window)
    assert focused() is page.next
    assert tab_cycle()[:2] == ["quiz-back", "quiz-next"]  # the answered choices are disabled
    assert window.tree.objectName() not in tab_cycle()


SELECT_ALL_QUIZ = (
    "---\npass_score: 100\n---\n"
    "## 自治体DXの二つの側面をすべて選んでください。\n\n- [x] 行政DX\n- [ ] 情報システムの更新\n"
    "- [x] 地域DX\n- [ ] 機器の購入\n\n> 行政DXと地域DXです。\n")


def test_every_choice_of_a_select_all_question_is_reached_from_the_keyboard(  # type: ignore[no-untyped-def]
        qtbot, start_app, library_dir) -> None:
    """「すべて選んでください」: the check boxes were in a QButtonGroup, and Qt keeps only one
    member of a group in the Tab order (exclusive or not) while its arrow keys then find no
    other member: a keyboard or screen-reader learner could reach only the first choice.
    Each check box is a Tab stop now, Down moves to the next one, Space ticks it."""
    (library_dir / "01-basics" / "01-intro" / "quiz.md").write_text(SELECT_ALL_QUIZ,
                                                                     encoding="utf-8")
    window, page = start_intro_quiz(qtbot, start_app)
    buttons = page.choice_buttons()
    assert len(buttons) == 4 and buttons[0].hasFocus()
    seen = []
    for _ in range(5):
        window.focusNextChild()
        seen.append(focused().objectName() if focused() else "")
    # 回答する is disabled until a choice is ticked
    assert seen == ["quiz-choice-1", "quiz-choice-2", "quiz-choice-3", "quiz-back",
                    "quiz-choice-0"]
    qtbot.keyClick(buttons[0], Qt.Key.Key_Space)  # 行政DX
    qtbot.keyClick(buttons[0], Qt.Key.Key_Down)
    assert buttons[1].hasFocus()
    qtbot.keyClick(buttons[1], Qt.Key.Key_Down)
    assert buttons[2].hasFocus()
    qtbot.keyClick(buttons[2], Qt.Key.Key_Space)  # 地域DX
    assert page.selected_positions() == [0, 2]
    qtbot.keyClick(buttons[2], Qt.Key.Key_Up)
    assert buttons[1].hasFocus() and page.selected_positions() == [0, 2]  # moving ticks nothing
    qtbot.keyClick(page, Qt.Key.Key_Return)  # 回答する
    settle(qtbot, window)
    assert "正解です" in page.feedback.text()


def test_enter_on_the_back_button_never_submits(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    window, page = start_intro_quiz(qtbot, start_app)
    qtbot.keyClick(page, Qt.Key.Key_1)
    page.back.setFocus()
    when_modal(click_in_modal("quiz-leave-no"))  # 続ける
    qtbot.keyClick(page.back, Qt.Key.Key_Return)
    settle(qtbot, window)
    state = window.ctx.store.open_attempt("012345", "test-lib", "intro")
    assert state is not None and state.answers == ()  # nothing was submitted
    assert window.pages.currentIndex() == 2 and page.submit.isEnabled()


def test_esc_leaves_the_quiz_after_asking(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    window, page = start_intro_quiz(qtbot, start_app)
    for position in correct_positions(window, 0):
        qtbot.keyClick(page, Qt.Key.Key_1 + position)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    settle(qtbot, window)
    when_modal(click_in_modal("quiz-leave-no"))
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert window.pages.currentIndex() == 2  # 続ける: still in the quiz
    when_modal(click_in_modal("quiz-leave-yes"))
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert window.pages.currentIndex() == 1 and window.tree.isVisible()
    # the answer given is kept: the attempt resumes, and says so
    window.lesson_page.start_quiz.click()
    settle(qtbot, window)
    assert page.resumed.isVisible() and "再開" in page.resumed.text()
    assert page.progress_label.text() == "問 2 / 2"


def test_shortcuts_are_on_the_menus_and_work(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    from dxlearn.gui.context import ZOOM_STEPS

    launched = start_app()
    window = launched.window
    activate(qtbot, window)
    actions = window.menu_actions
    shown = {key: actions[key].shortcut().toString() for key in
             ("home", "mark-read", "start-quiz", "zoom-in", "zoom-out", "zoom-reset")}
    assert shown == {"home": "Ctrl+H", "mark-read": "Ctrl+D", "start-quiz": "Ctrl+T",
                     "zoom-in": "Ctrl++", "zoom-out": "Ctrl+-", "zoom-reset": "Ctrl+0"}
    zoom_keys = {s.toString() for s in actions["zoom-in"].shortcuts()}
    assert zoom_keys == {"Ctrl++", "Ctrl+=", "Ctrl+;"}  # Ctrl+; : "+" on a Japanese keyboard
    for action in actions.values():  # every action is on a menu (its shortcut is shown)
        assert action.associatedObjects(), action.objectName()
    window.open_lesson("intro")
    settle(qtbot, window)
    assert actions["mark-read"].isEnabled()
    actions["mark-read"].trigger()
    settle(qtbot, window)
    assert launched.ctx.store.lesson_progress("012345", "test-lib", "intro").read_at
    assert not actions["mark-read"].isEnabled()
    actions["start-quiz"].trigger()
    settle(qtbot, window)
    assert window.pages.currentIndex() == 2
    assert not actions["start-quiz"].isEnabled()
    # Ctrl+; steps the text size; five steps from 100 % to 200 %
    sizes = []
    for _ in range(5):
        qtbot.keyClick(window, Qt.Key.Key_Semicolon, Qt.KeyboardModifier.ControlModifier)
        sizes.append(launched.ctx.preferences.font_pt)
    assert sizes == [*ZOOM_STEPS[1:], ZOOM_STEPS[-1]]
    assert not actions["zoom-in"].isEnabled()
    assert QKeySequence("Ctrl+;").matches(actions["zoom-in"].shortcuts()[2]).name == "ExactMatch"


def test_the_pane_divider_moves_from_the_keyboard_and_reset_restores_it(  # type: ignore[no-untyped-def]
    qtbot, start_app
) -> None:
    launched = start_app()
    window = launched.window
    activate(qtbot, window)
    qtbot.wait(50)  # the first layout
    before = window.splitter.sizes()
    window.menu_actions["curriculum-wider"].trigger()
    wider = window.splitter.sizes()
    assert wider[0] > before[0]
    window.menu_actions["curriculum-narrower"].trigger()
    window.menu_actions["curriculum-narrower"].trigger()
    assert window.splitter.sizes()[0] < before[0]
    window.menu_actions["zoom-in"].trigger()
    window.menu_actions["zoom-reset"].trigger()
    assert abs(window.splitter.sizes()[0] - before[0]) <= 2


def test_the_help_grows_with_the_text_size_and_stays_in_the_work_area(  # type: ignore[no-untyped-def]
    qtbot, start_app, monkeypatch
) -> None:
    """ヘルプ > 使い方 at 200 %: the dialog is sized in the learner's text size (up to the work
    area), not a fixed 720 x 520 box the large text scrolls in."""
    from dxlearn.gui import dialogs

    shown: list[tuple[int, int, bool]] = []

    def record(dialog: dialogs.TextDialog) -> int:
        dialog.show()
        settle(qtbot, dialog)
        area = dialog.screen().availableGeometry()
        shown.append((dialog.width(), dialog.height(), area.contains(dialog.frameGeometry())))
        dialog.close()
        return 0

    monkeypatch.setattr(dialogs.TextDialog, "exec", record)
    launched = start_app()
    window = launched.window
    window.menu_actions["help"].trigger()
    for _ in range(5):
        window.menu_actions["zoom-in"].trigger()
    assert window.view.zoom_percent() == 200
    window.menu_actions["help"].trigger()
    (width, height, inside), (width_200, height_200, inside_200) = shown
    assert (width, height) >= (720, 520) and inside
    assert width_200 > width and height_200 > height and inside_200


def test_the_focused_widget_is_scrolled_into_view_in_nested_scroll_areas(qtbot) -> None:  # type: ignore[no-untyped-def]
    """``focus_in_view`` (the window's focus after a navigation, e.g. at 200 %): a button at
    the bottom of a tall page inside a scroll area inside another is brought into both views;
    a widget not on screen yet only takes the focus."""
    from PySide6.QtWidgets import QScrollArea, QVBoxLayout

    from dxlearn.gui.widgets import focus_in_view, scrolls_to_focus

    window = QWidget()
    qtbot.addWidget(window)
    inner_page = QWidget()
    column = QVBoxLayout(inner_page)
    for i in range(40):
        column.addWidget(QPushButton(f"上の行 {i}"))
    target = QPushButton("いちばん下")
    column.addWidget(target)
    inner = scrolls_to_focus(QScrollArea())
    inner.setWidget(inner_page)
    inner.setWidgetResizable(True)
    inner.setMinimumHeight(600)
    outer_page = QWidget()
    outer_column = QVBoxLayout(outer_page)
    outer_column.addSpacing(900)
    outer_column.addWidget(inner)
    outer = scrolls_to_focus(QScrollArea(window))
    outer.setWidget(outer_page)
    outer.setWidgetResizable(True)
    outer.resize(400, 300)
    window.resize(400, 300)
    hidden = QPushButton("まだ表示されていない")
    column.addWidget(hidden)
    hidden.hide()
    focus_in_view(hidden)  # not on screen: focus only, nothing scrolled
    window.show()
    qtbot.waitExposed(window)
    assert inner.verticalScrollBar().value() == 0 == outer.verticalScrollBar().value()

    focus_in_view(target)
    QApplication.processEvents()
    assert target.hasFocus()
    assert inner.verticalScrollBar().value() > 0 and outer.verticalScrollBar().value() > 0
    top_left = target.mapTo(outer.viewport(), target.rect().topLeft())
    assert outer.viewport().rect().contains(top_left), "the button is not in the outer view"
    top_left = target.mapTo(inner.viewport(), target.rect().topLeft())
    assert inner.viewport().rect().contains(top_left), "the button is not in the inner view"
