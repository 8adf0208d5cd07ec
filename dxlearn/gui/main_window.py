"""The learner's main window: curriculum on the left, home / lesson / quiz on the right.

Layout and navigation live here. Pages report what the learner did; the window turns each
report into an operation (``gui.operations``) run by its :class:`OperationRunner`, and every
screen refreshes from the runner's one ``progress_changed`` signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dxlearn.content.model import Lesson, Library
from dxlearn.learning.status import HasOutcome, Status
from dxlearn.store.records import LessonProgress

from . import style
from .announce import announce
from .central_status import CentralStatus
from .context import AppContext
from .dialogs import (
    about_text,
    confirm_leave_quiz,
    show_about,
    show_broken_lesson,
    show_error,
    show_help,
    tell_no_attempt_left,
)
from .home_page import HomePage
from .lesson_page import LessonPage, LessonState, lesson_state
from .links import LinkOutcome, follow_lesson_link
from .menus import build_menus
from .operations import lesson as lesson_ops
from .operations.runner import OpChanges, OperationRunner
from .pack_import_dialog import restrict_import_action
from .quiz_page import QuizPage
from .quiz_session import QuizSession
from .record_page import RecordFeature
from .review_page import ReviewFeature
from .search_panel import SearchFeature
from .view_settings import ViewSettings
from .widgets import focus_in_view, plain_label
from .window_fit import fit_to_screen, keep_on_screen
from .window_parts import CurriculumPane, Header, PaneSplitter

logger = logging.getLogger(__name__)

PAGE_HOME, PAGE_LESSON, PAGE_QUIZ = 0, 1, 2


class MainWindow(QMainWindow):
    learner_switch_requested = Signal()
    profile_edit_requested = Signal()
    lesson_shown = Signal(str)  # a lesson is on screen (the search scrolls to its match)

    def __init__(self, ctx: AppContext, log_dir: Path | None = None, *,
                 background_store: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.log_dir = log_dir
        self.quiz_session: QuizSession | None = None
        self._shown_once = False
        self.setObjectName("main-window")
        self.setWindowTitle(window_title(ctx.library.title))
        fit_to_screen(self)
        self.ops = OperationRunner(
            self, language=lambda: ctx.preferences.language, read_only=lambda: ctx.read_only,
            status=self.say, show_error=self._show_error,
            background_store=background_store)
        self.ops.progress_changed.connect(self._on_ops_progress_changed)
        self.view = ViewSettings(ctx, self.ops, self._apply_css)
        self.study_time = lesson_ops.StudyTime()
        self._build()
        self.menu_actions = build_menus(self, self._menu_handlers(),
                                        high_contrast=ctx.preferences.high_contrast,
                                        language=ctx.preferences.language)
        restrict_import_action(self.menu_actions["import-pack"], ctx.policy,
                               ctx.preferences.language)  # the policy may forbid pack import
        self.menu_actions["review"].setVisible(ctx.policy.review)
        self.apply_preferences()
        self._update_actions()
        self.statusBar().showMessage(self.tr("学習の記録は自動で保存されます。"))
        self.central = CentralStatus(self)  # the server's journal and the share drop

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        ctx = self.ctx
        self.header = Header()
        self.learner_label = self.header.learner_label
        self.overall = self.header.overall
        self.banner = plain_label(name="banner")
        self.banner.hide()
        self.left = CurriculumPane(ctx.preferences.show_all_lessons)
        self.library_chooser = self.left.library_chooser
        self.tree = self.left.tree
        self.show_all = self.left.show_all
        self.fill_library_chooser()
        self.library_chooser.currentIndexChanged.connect(self._on_library_chooser_changed)
        self.tree.lesson_activated.connect(self._on_tree_lesson_activated)
        self.show_all.toggled.connect(self._on_show_all_toggled)

        self.home = HomePage()
        self.home.lesson_requested.connect(self.open_lesson)
        self.home.certificate_requested.connect(self._on_certificate_requested)
        self.lesson_page = LessonPage()
        self.lesson_page.read_reached.connect(self._on_lesson_read_reached)
        self.lesson_page.quiz_requested.connect(self.start_quiz)
        self.lesson_page.link_activated.connect(self._on_lesson_link_activated)
        self.lesson_page.study_seconds_elapsed.connect(self._on_lesson_study_seconds_elapsed)
        self.lesson_page.position_changed.connect(self._on_lesson_position_changed)
        self.quiz_page = QuizPage()
        self.quiz_page.back_requested.connect(self._on_quiz_back_requested)
        self.quiz_page.lesson_requested.connect(self._on_quiz_lesson_requested)
        self.quiz_page.home_requested.connect(self.go_home)
        self.quiz_page.next_lesson_requested.connect(self._on_quiz_next_lesson_requested)

        self.pages = QStackedWidget()
        for page in (self.home, self.lesson_page, self.quiz_page):
            self.pages.addWidget(page)
        # 復習, 学習の記録, 検索: each adds its page to the stack (the search its box on top)
        self.review = ReviewFeature(self)
        self.review.page.home_requested.connect(self.go_home)  # its result panel's ホーム
        self.record = RecordFeature(self)
        self.search = SearchFeature(self, self.left.layout())  # type: ignore[arg-type]
        self.pages.currentChanged.connect(self._on_page_changed)

        self.splitter = PaneSplitter(self.left, self.pages)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.statusBar().setSizeGripEnabled(False)
        QTimer.singleShot(0, self.splitter.apply_share)

    def _menu_handlers(self) -> dict[str, Callable[..., object]]:
        return {
            "export": self._export_records,
            "certificate": self._on_certificate_requested,
            "import-pack": self.import_pack,
            "quit": self.close,
            "mark-read": self._on_mark_read_action,
            "start-quiz": self._on_start_quiz_action,
            "home": self._on_home_action,
            "review": lambda: self._leaving_quiz(self.review.start),
            "search": lambda: self._leaving_quiz(self._search),
            "record": lambda: self._leaving_quiz(self.record.show),
            "zoom-in": lambda: self.zoom(1),
            "zoom-out": lambda: self.zoom(-1),
            "zoom-reset": lambda: self.zoom(0),
            "curriculum-wider": lambda: self.widen_curriculum(1),
            "curriculum-narrower": lambda: self.widen_curriculum(-1),
            "high-contrast": self.set_high_contrast,
            "language-ja": lambda: self.set_language("ja"),
            "language-en": lambda: self.set_language("en"),
            "switch-learner": self._on_switch_learner_action,
            "edit-profile": self.profile_edit_requested.emit,
            "help": lambda: show_help(self),
            "about": self.show_about,
        }

    # -- state ----------------------------------------------------------------------------------

    @property
    def theme(self) -> style.Theme:
        return self.view.theme

    def css(self) -> str:
        return self.view.css()

    def set_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def say(self, text: str, assertive: bool = False) -> None:
        """A status-bar line that a screen reader also speaks."""
        self.statusBar().showMessage(text)
        announce(self.statusBar(), text, assertive=assertive)

    def refresh(self) -> None:
        """Read the learner's records once and show them everywhere (after the store has
        recorded something: ``progress_changed``; at start; after a change of library)."""
        if self.ctx.learner is None:
            return
        op = lesson_ops.progress(self.ctx)
        self.ops.run(op.then(self._show_progress))

    def _show_progress(self, progress: Mapping[str, HasOutcome]) -> None:
        learner = self.ctx.learner
        if learner is None:
            return
        curriculum = self.ctx.curriculum(progress)
        following = self.ctx.next_lesson(progress)
        role_label = self.ctx.library.roles.get(learner.role, learner.role)
        self.header.show_learner(learner.name, learner.department, role_label, curriculum)
        lessons = (list(self.ctx.library.lessons()) if self.show_all.isChecked()
                   else list(curriculum.lessons))
        statuses = {lesson_id: record.status for lesson_id, record in progress.items()}
        self.tree.populate(self.ctx.library, lessons, statuses, self.theme,
                           following.id if following else None, learner.role)
        self.home.show_state(learner.name, role_label, curriculum, following)
        self.review.refresh_count()
        lesson = self.lesson_page.lesson
        if lesson is not None:
            self.lesson_page.update_state(self._lesson_state(lesson, progress.get(lesson.id)))
        self._update_actions()
        self._keep_focus_visible()

    def _lesson_state(self, lesson: Lesson, record: HasOutcome | None) -> LessonState:
        learner = self.ctx.learner
        assert learner is not None
        read_here = self.lesson_page.lesson is lesson and self.lesson_page.is_read
        return lesson_state(lesson, learner.role, record, read_here)

    def _on_ops_progress_changed(self, _changes: OpChanges) -> None:
        self.refresh()

    def apply_preferences(self) -> None:
        self.view.apply()
        if self.ctx.learner is not None:
            self.refresh()

    def _apply_css(self, css: str) -> None:
        self.lesson_page.refresh_css(css)
        self.quiz_page.set_css(css)
        self.review.page.set_css(css)

    def _show_error(self, text: str) -> None:
        log = self.log_dir / "dxlearn.log" if self.log_dir is not None else None
        announce(self, text, assertive=True)
        show_error(self, text, log)

    def _update_actions(self) -> None:
        """読了にする and 理解度チェックを始める work while their buttons are on screen."""
        on_lesson = self.pages.currentIndex() == PAGE_LESSON
        page = self.lesson_page
        actions = getattr(self, "menu_actions", {})
        if "mark-read" in actions:
            actions["mark-read"].setEnabled(on_lesson and page.mark_read.isEnabled())
            actions["start-quiz"].setEnabled(on_lesson and not page.start_quiz.isHidden()
                                             and page.start_quiz.isEnabled())
            actions["zoom-in"].setEnabled(self.view.can_zoom(1))
            actions["zoom-out"].setEnabled(self.view.can_zoom(-1))

    # -- pages and focus ------------------------------------------------------------------------

    def _show_page(self, index: int) -> None:
        """Show a page; the lesson list is hidden during a quiz (its rows are not in the
        quiz's tab order and cannot silently abandon it); the focus goes to the page's next
        step — never to a widget that is not on screen."""
        self._prepare_page(index)
        self._update_actions()
        self._focus_page()

    def _prepare_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self._on_page_changed(index)

    def _on_page_changed(self, _index: int) -> None:
        """Whoever changed the page (the window, the review, the search): the lesson list is
        hidden during a quiz or a review, and the menu actions follow the page."""
        questions = isinstance(self.pages.currentWidget(), QuizPage)
        if self.left.isHidden() != questions:
            self.left.setVisible(not questions)
            self.splitter.apply_share()
        self._update_actions()

    def _focus_page(self) -> None:
        page = self.pages.currentWidget()
        if page is self.lesson_page:
            target: QWidget = self.lesson_page.browser
        elif isinstance(page, HomePage | QuizPage):
            target = page.focus_target()
        else:
            return  # the review's, the record's and the search's pages focus themselves
        focus_in_view(target)

    def _keep_focus_visible(self) -> None:
        focused = self.focusWidget()  # also while another window is active
        if focused is not None and not focused.isVisible():
            self._focus_page()

    def widen_curriculum(self, steps: int) -> None:
        """表示 > レッスン一覧を広く / 狭く: the pane divider from the keyboard."""
        self.say(self.tr("レッスン一覧の幅：{0}%").format(self.splitter.step(steps)))

    def set_high_contrast(self, enabled: bool) -> None:
        self.view.set_high_contrast(enabled)
        self.refresh()  # the tree's status colours come from the theme

    def zoom(self, step: int) -> None:
        """表示 > 文字を大きく / 小さく / 標準: 100–200 % in steps; the window stays on the
        screen and the layout reflows (the reset also restores the lesson list's width)."""
        percent = self.view.zoom(step)
        if step == 0:
            self.splitter.reset()
        keep_on_screen(self)
        self._update_actions()
        self.say(self.tr("文字の大きさ：{0}%").format(percent))

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._shown_once:  # the first step has the focus from the first paint on
            self._shown_once = True
            QTimer.singleShot(0, self._focus_page)

    # -- navigation -----------------------------------------------------------------------------

    def fill_library_chooser(self) -> None:
        self.left.fill_library_chooser(self.ctx.libraries, self.ctx.library.id)

    def select_library(self, library_id: str) -> None:
        library = next((lib for lib in self.ctx.libraries if lib.id == library_id), None)
        if library is None or library is self.ctx.library:
            return
        self.leave_current()
        self.ctx.library = library
        self.view.save("library_id", library.id)
        self.setWindowTitle(window_title(library.title))
        self.go_home()

    def _on_library_chooser_changed(self, index: int) -> None:
        library_id = self.library_chooser.itemData(index)
        if library_id:
            self.select_library(library_id)

    def import_pack(self) -> None:
        """ファイル > 教材パックの取り込み: verify, import into the data folder, then offer it."""
        from .pack_import_dialog import import_pack_from_menu

        import_pack_from_menu(self, self.ctx, self.ops, self._on_pack_imported)

    def _on_pack_imported(self, library: Library) -> None:
        others = [lib for lib in self.ctx.libraries if lib.id != library.id]
        self.ctx.libraries = (*others, library)
        if self.ctx.library.id == library.id:
            self.ctx.library = library
        self.fill_library_chooser()
        self.refresh()

    def leave_current(self) -> None:
        """Record what the open lesson or quiz still holds (study time, position) for the
        learner who studied it: call before anything changes the learner or the library."""
        self._leave_quiz()
        self.lesson_page.leave()
        self.review.leave()

    def go_home(self) -> None:
        self.leave_current()
        self.refresh()
        self._show_page(PAGE_HOME)

    def open_lesson(self, lesson_id: str) -> None:
        lesson = self.ctx.library.lesson(lesson_id)
        if lesson is None or self.ctx.learner is None:
            return
        self._leave_quiz()
        if lesson.broken:
            self._show_broken(lesson)
            return
        op = lesson_ops.open_lesson(self.ctx, lesson)
        self.ops.run(op.then(lambda record: self._show_lesson(lesson, record)))

    def _show_lesson(self, lesson: Lesson, record: LessonProgress) -> None:
        self._prepare_page(PAGE_LESSON)  # laid out at its width before it is filled
        self.lesson_page.show_lesson(lesson, self._lesson_state(lesson, record),
                                     record.last_position, self.css())
        self._show_page(PAGE_LESSON)
        self.tree.select_lesson(lesson.id)
        self.refresh()
        self.lesson_shown.emit(lesson.id)

    def _show_broken(self, lesson: Lesson) -> None:
        show_broken_lesson(self, lesson.title, [str(f) for f in lesson.findings])

    def start_quiz(self, lesson_id: str) -> None:
        lesson = self.ctx.library.lesson(lesson_id)
        if lesson is None or lesson.quiz is None or self.ctx.learner is None:
            return
        if self.ctx.read_only:
            self.say(self.tr("この画面では学習の記録は保存されません。"))
            return
        self.lesson_page.leave()
        self._leave_quiz()
        session = QuizSession(self.ctx, self.ops, lesson, self.quiz_page)
        session.no_attempt_left.connect(lambda: self._on_no_attempt_left(lesson.id))
        session.finished.connect(lambda _done: self.central.records_changed())
        self.quiz_session = session
        self._show_page(PAGE_QUIZ)
        session.start()
        self._focus_page()

    def _on_no_attempt_left(self, lesson_id: str) -> None:
        tell_no_attempt_left(self)
        self.open_lesson(lesson_id)

    def _leave_quiz(self) -> None:
        if self.quiz_session is not None:
            self.quiz_session.dismiss()
            self.quiz_session = None

    def confirm_leave_quiz(self) -> bool:
        """Mid-attempt: ask before leaving (the answers given are kept either way)."""
        session = self.quiz_session
        if session is None or not session.in_attempt or self.pages.currentIndex() != PAGE_QUIZ:
            return True
        return confirm_leave_quiz(self)

    # -- what the pages and menus report --------------------------------------------------------

    def _on_tree_lesson_activated(self, lesson_id: str) -> None:
        self.open_lesson(lesson_id)

    def _on_show_all_toggled(self, checked: bool) -> None:
        self.view.save("show_all_lessons", checked)
        self.refresh()

    def _on_home_action(self) -> None:
        if self.confirm_leave_quiz():
            self.go_home()

    def _on_switch_learner_action(self) -> None:
        if self.confirm_leave_quiz():
            self.learner_switch_requested.emit()

    def _on_mark_read_action(self) -> None:
        button = self.lesson_page.mark_read
        if self.pages.currentIndex() == PAGE_LESSON and button.isEnabled():
            button.click()

    def _on_start_quiz_action(self) -> None:
        button = self.lesson_page.start_quiz
        if (self.pages.currentIndex() == PAGE_LESSON and not button.isHidden()
                and button.isEnabled()):
            button.click()

    def _leaving_quiz(self, then: Callable[[], object]) -> None:
        """A menu action that leaves the page: mid-quiz, only after asking."""
        if self.confirm_leave_quiz():
            then()

    def _search(self) -> None:
        if self.pages.currentWidget() is self.quiz_page:
            self.go_home()  # the box is on the lesson list, which a quiz hides
        self.search.focus()

    def _export_records(self) -> None:
        from . import export_dialog  # the export stack (SQLAlchemy, openpyxl) loads on first use

        export_dialog.export_from_menu(self, self.ctx, self.ops)

    def _on_certificate_requested(self) -> None:
        from . import export_dialog

        export_dialog.certificate_from_menu(self, self.ctx, self.ops)

    def _on_lesson_read_reached(self, lesson_id: str) -> None:
        lesson = self.ctx.library.lesson(lesson_id)
        if lesson is None or self.ctx.learner is None:
            return
        op = lesson_ops.mark_read(self.ctx, lesson)

        def done(record: LessonProgress) -> None:
            if record.status is Status.COMPLETED:
                self.say(self.tr("「{0}」を修了しました。").format(lesson.title), True)
                self.central.records_changed()  # the share drop follows a completion
            else:
                self.say(self.tr("「{0}」を読了にしました。次は理解度チェックです。").format(
                    lesson.title), True)

        self.ops.run(op.then(done))

    def _on_lesson_study_seconds_elapsed(self, lesson_id: str, seconds: int) -> None:
        op = self.study_time.record(self.ctx, lesson_id, seconds)
        if op is not None:
            self.ops.run(op)

    def _on_lesson_position_changed(self, lesson_id: str, fraction: float) -> None:
        if self.ctx.learner is None or self.ctx.store is None or self.ctx.read_only:
            return
        self.ops.run(lesson_ops.save_position(self.ctx, lesson_id, fraction))

    def _on_lesson_link_activated(self, url: QUrl) -> None:
        outcome = follow_lesson_link(url, self.ctx.library, self,
                                     lambda lesson: self.open_lesson(lesson.id))
        if outcome is LinkOutcome.REFUSED:  # never run a program or follow a shortcut
            self.say(self.tr(
                "このリンク先のファイルは開けません。研修担当者に連絡してください。"))

    def _on_quiz_back_requested(self) -> None:
        """レッスンに戻る or Esc on a question: back to the lesson (after asking, mid-attempt:
        the answers are stored and the attempt resumes later)."""
        session = self.quiz_session
        if session is None:
            self.go_home()
        elif self.confirm_leave_quiz():
            self.open_lesson(session.lesson.id)

    def _on_quiz_lesson_requested(self) -> None:
        session = self.quiz_session
        if session is not None:
            self.open_lesson(session.lesson.id)

    def _on_quiz_next_lesson_requested(self) -> None:
        session = self.quiz_session
        if session is not None and session.next_lesson_id is not None:
            self.open_lesson(session.next_lesson_id)

    # -- preferences and help -------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.view.save("language", language)
        QMessageBox.information(self, self.tr("表示言語"), self.tr(
            "表示言語は、アプリを再起動すると切り替わります。"))

    def show_about(self) -> None:
        show_about(self, about_text(self.ctx.database_path, self.log_dir,
                                    [self.ctx.library.root]))

    # -- closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.leave_current()
        self.ops.wait()  # the last study seconds and position are written before the exit
        self.central.at_exit()  # the share drop's last copy
        super().closeEvent(event)


def window_title(library_title: str) -> str:
    """The library's title: Qt adds the application's name (自治体DX研修) itself."""
    return library_title
