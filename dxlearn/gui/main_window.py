"""The learner's main window: curriculum on the left, home / lesson / quiz on the right.

Layout and navigation live here. Pages report what the learner did; the window turns each
report into an operation (``gui.operations``) run by its :class:`OperationRunner`, and every
screen refreshes from the runner's one ``progress_changed`` signal.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from dxlearn.content.model import Lesson, Library
from dxlearn.learning.status import HasOutcome

from . import style
from .announce import announce
from .central_status import CentralStatus
from .context import AppContext
from .home_page import HomePage
from .lesson_reports import LessonReports
from .menus import build_menus, restrict_import_action
from .operations import lesson as lesson_ops
from .operations.runner import OpChanges, OperationRunner
from .review_feature import ReviewFeature
from .search_panel import SearchFeature
from .view_settings import ViewSettings
from .widgets import focus_in_view, plain_label
from .window_fit import fit_to_screen, keep_on_screen
from .window_menu import menu_handlers, open_certificate
from .window_pages import PageStack
from .window_parts import CurriculumPane, Header, PaneSplitter

if TYPE_CHECKING:  # built on first use (window_pages): not imported before the first paint
    from PySide6.QtGui import QCloseEvent  # (importing it made QEvent.Type's enum: ~2 ms)

    from dxlearn.store.records import LessonProgress

    from .lesson_page import LessonPage, LessonState
    from .quiz_page import QuizPage
    from .quiz_session import QuizSession
    from .record_page import RecordFeature

logger = logging.getLogger(__name__)


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
        self._lesson_page: LessonPage | None = None  # the pages built on first use
        self._quiz_page: QuizPage | None = None
        self._record: RecordFeature | None = None
        self.setObjectName("main-window")
        self.setWindowTitle(window_title(ctx.library.title))
        fit_to_screen(self)
        self.ops = OperationRunner(
            self, language=lambda: ctx.preferences.language, read_only=lambda: ctx.read_only,
            status=self.say, show_error=self._show_error,
            background_store=background_store)
        self.ops.progress_changed.connect(self._on_ops_progress_changed)
        self.view = ViewSettings(ctx, self.ops, self._apply_css)
        self.lesson_reports = LessonReports(self)
        self._build()
        self.menu_actions = build_menus(self, menu_handlers(self),
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
        self.home.certificate_requested.connect(lambda: open_certificate(self))

        self.pages = PageStack()  # the other pages are placed in it when first used
        self.pages.place("home", self.home)
        self.review = ReviewFeature(self)  # the home page's 今日の復習; its page on first use
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

    @property
    def lesson_page(self) -> LessonPage:
        if self._lesson_page is None:
            from .lesson_page import LessonPage

            page = self._lesson_page = LessonPage()
            page.quiz_requested.connect(self.start_quiz)
            self.lesson_reports.connect(page)  # read, study time, position, links
            self.pages.place("lesson", page)
        return self._lesson_page

    @property
    def quiz_page(self) -> QuizPage:
        if self._quiz_page is None:
            from .quiz_page import QuizPage

            page = self._quiz_page = QuizPage()
            page.set_css(self.css())
            page.back_requested.connect(self._on_quiz_back_requested)
            page.lesson_requested.connect(self._on_quiz_lesson_requested)
            page.home_requested.connect(self.go_home)
            page.next_lesson_requested.connect(self._on_quiz_next_lesson_requested)
            self.pages.place("quiz", page)
        return self._quiz_page

    @property
    def record(self) -> RecordFeature:
        if self._record is None:
            from .record_page import RecordFeature

            self._record = RecordFeature(self)
        return self._record

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
        lesson = self._lesson_page.lesson if self._lesson_page is not None else None
        if lesson is not None:
            self.lesson_page.update_state(self._lesson_state(lesson, progress.get(lesson.id)))
        self._update_actions()
        self._keep_focus_visible()

    def _lesson_state(self, lesson: Lesson, record: HasOutcome | None) -> LessonState:
        from .lesson_page import lesson_state

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

    def _apply_css(self, css: str) -> None:  # the pages not built yet take it when built
        if self._lesson_page is not None:
            self._lesson_page.refresh_css(css)
        if self._quiz_page is not None:
            self._quiz_page.set_css(css)
        self.review.set_css(css)

    def _show_error(self, text: str) -> None:
        from .dialogs import show_error  # the dialogs are imported when one is shown

        log = self.log_dir / "dxlearn.log" if self.log_dir is not None else None
        announce(self, text, assertive=True)
        show_error(self, text, log)

    def _update_actions(self) -> None:
        """読了にする and 理解度チェックを始める work while their buttons are on screen."""
        page = self._lesson_page
        on_lesson = page is not None and self.pages.currentWidget() is page
        actions = getattr(self, "menu_actions", {})
        if "mark-read" in actions:
            actions["mark-read"].setEnabled(on_lesson and page is not None
                                            and page.mark_read.isEnabled())
            actions["start-quiz"].setEnabled(on_lesson and page is not None
                                             and not page.start_quiz.isHidden()
                                             and page.start_quiz.isEnabled())
            actions["zoom-in"].setEnabled(self.view.can_zoom(1))
            actions["zoom-out"].setEnabled(self.view.can_zoom(-1))

    # -- pages and focus ------------------------------------------------------------------------

    def _show_page(self, page: QWidget) -> None:
        """Show a page; the lesson list is hidden during a quiz (its rows are not in the
        quiz's tab order and cannot silently abandon it); the focus goes to the page's next
        step — never to a widget that is not on screen."""
        self._prepare_page(page)
        self._update_actions()
        self._focus_page()

    def _prepare_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        self._on_page_changed(self.pages.currentIndex())

    def _on_page_changed(self, _index: int) -> None:
        """Whoever changed the page (the window, the review, the search): the lesson list is
        hidden during a quiz or a review, and the menu actions follow the page."""
        questions = getattr(self.pages.currentWidget(), "hides_curriculum", False)
        if self.left.isHidden() != questions:
            self.left.setVisible(not questions)
            self.splitter.apply_share()
        self._update_actions()

    def _focus_page(self) -> None:
        page = self.pages.currentWidget()
        if page is not None and page is self._lesson_page:
            target: QWidget = self._lesson_page.browser
        elif isinstance(page, HomePage) or getattr(page, "hides_curriculum", False):
            target = page.focus_target()  # type: ignore[union-attr]  # home, quiz, 復習
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
        if self._lesson_page is not None:
            self._lesson_page.leave()
        self.review.leave()

    def go_home(self) -> None:
        self.leave_current()
        self.refresh()
        self._show_page(self.home)

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
        self._prepare_page(self.lesson_page)  # laid out at its width before it is filled
        self.lesson_page.show_lesson(lesson, self._lesson_state(lesson, record),
                                     record.last_position, self.css())
        self._show_page(self.lesson_page)
        self.tree.select_lesson(lesson.id)
        self.refresh()
        self.lesson_shown.emit(lesson.id)

    def _show_broken(self, lesson: Lesson) -> None:
        from .dialogs import show_broken_lesson

        show_broken_lesson(self, lesson.title, [str(f) for f in lesson.findings])

    def start_quiz(self, lesson_id: str) -> None:
        lesson = self.ctx.library.lesson(lesson_id)
        if lesson is None or lesson.quiz is None or self.ctx.learner is None:
            return
        if self.ctx.read_only:
            self.say(self.tr("この画面では学習の記録は保存されません。"))
            return
        from .quiz_session import QuizSession

        self.lesson_page.leave()
        self._leave_quiz()
        session = QuizSession(self.ctx, self.ops, lesson, self.quiz_page)
        session.no_attempt_left.connect(lambda: self._on_no_attempt_left(lesson.id))
        session.finished.connect(lambda _done: self.central.records_changed())
        self.quiz_session = session
        self._show_page(self.quiz_page)
        session.start()
        self._focus_page()

    def _on_no_attempt_left(self, lesson_id: str) -> None:
        from .dialogs import tell_no_attempt_left

        tell_no_attempt_left(self)
        self.open_lesson(lesson_id)

    def _leave_quiz(self) -> None:
        if self.quiz_session is not None:
            self.quiz_session.dismiss()
            self.quiz_session = None

    def confirm_leave_quiz(self) -> bool:
        """Mid-attempt: ask before leaving (the answers given are kept either way)."""
        from .dialogs import confirm_leave_quiz

        session = self.quiz_session
        if (session is None or not session.in_attempt
                or self.pages.currentWidget() is not self._quiz_page):
            return True
        return confirm_leave_quiz(self)

    # -- what the pages and menus report --------------------------------------------------------

    def _on_tree_lesson_activated(self, lesson_id: str) -> None:
        self.open_lesson(lesson_id)

    def _on_show_all_toggled(self, checked: bool) -> None:
        self.view.save("show_all_lessons", checked)
        self.refresh()

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

    # -- closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.leave_current()
        self.ops.wait()  # the last study seconds and position are written before the exit
        self.central.at_exit()  # the share drop's last copy
        self.search.stop()  # no worker left running Python while the interpreter shuts down
        super().closeEvent(event)


def window_title(library_title: str) -> str:
    """The library's title: Qt adds the application's name (自治体DX研修) itself."""
    return library_title
