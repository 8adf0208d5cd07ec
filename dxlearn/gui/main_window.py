"""The learner's main window: curriculum on the left, home / lesson / quiz on the right.

Layout and navigation live here. Pages report what the learner did; the window turns each
report into an operation (``gui.operations``) run by its :class:`OperationRunner`, and every
screen refreshes from the runner's one ``progress_changed`` signal.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dxlearn.content.model import Lesson, Library
from dxlearn.learning.status import HasOutcome, Status
from dxlearn.store.records import LessonProgress

from . import style
from .central_status import CentralStatus
from .context import AppContext
from .curriculum_tree import CurriculumTree
from .dialogs import TextDialog, about_text, show_error
from .home_page import HomePage
from .lesson_page import LessonPage
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
        self.setObjectName("main-window")
        self.setWindowTitle(self.tr("自治体DX研修 - {0}").format(ctx.library.title))
        self.resize(1366, 768)
        self.ops = OperationRunner(
            self, language=lambda: ctx.preferences.language, read_only=lambda: ctx.read_only,
            status=self.statusBar().showMessage, show_error=self._show_error,
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
        home = QAction(self.tr("ホームに戻る"), self)
        home.setShortcut(QKeySequence("Ctrl+H"))
        home.triggered.connect(self.go_home)
        self.addAction(home)
        self.apply_preferences()
        self.statusBar().showMessage(self.tr("学習の記録は自動で保存されます。"))
        self.central = CentralStatus(self)  # the server's journal and the share drop

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        ctx = self.ctx
        self.learner_label = QLabel()
        self.learner_label.setObjectName("learner-label")
        self.overall = QProgressBar()
        self.overall.setObjectName("overall-progress")
        self.overall.setAccessibleName(self.tr("必須レッスンの修了状況"))
        self.overall.setMinimumWidth(360)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.library_chooser = QComboBox()
        self.library_chooser.setObjectName("library-chooser")
        self.library_chooser.setAccessibleName(self.tr("学習する教材"))
        self.fill_library_chooser()
        self.library_chooser.currentIndexChanged.connect(self._on_library_chooser_changed)
        self.tree = CurriculumTree()
        self.tree.lesson_activated.connect(self._on_tree_lesson_activated)
        self.show_all = QCheckBox(self.tr("すべてのレッスンを表示"))
        self.show_all.setObjectName("curriculum-show-all")
        self.show_all.setChecked(ctx.preferences.show_all_lessons)
        self.show_all.toggled.connect(self._on_show_all_toggled)

        self.home = HomePage()
        self.home.lesson_requested.connect(self.open_lesson)
        self.lesson_page = LessonPage()
        self.lesson_page.read_reached.connect(self._on_lesson_read_reached)
        self.lesson_page.quiz_requested.connect(self.start_quiz)
        self.lesson_page.link_activated.connect(self._on_lesson_link_activated)
        self.lesson_page.study_seconds_elapsed.connect(self._on_lesson_study_seconds_elapsed)
        self.lesson_page.position_changed.connect(self._on_lesson_position_changed)
        self.quiz_page = QuizPage()
        self.quiz_page.back_requested.connect(self._on_quiz_back_requested)

        self.pages = QStackedWidget()
        for page in (self.home, self.lesson_page, self.quiz_page):
            self.pages.addWidget(page)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        left_layout.addWidget(self.library_chooser)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.show_all)
        # 復習, 学習の記録, 検索: each adds its page to the stack (the search its box on top)
        self.review = ReviewFeature(self)
        self.record = RecordFeature(self)
        self.search = SearchFeature(self, left_layout)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([480, 886])

        header = QHBoxLayout()
        header.setContentsMargins(12, 8, 12, 0)
        header.addWidget(self.learner_label, 1)
        header.addWidget(QLabel(self.tr("修了状況：")))
        header.addWidget(self.overall)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

    def _menu_handlers(self) -> dict[str, Callable[..., object]]:
        return {
            "export": self._export_records,
            "certificate": self._save_certificate,
            "import-pack": self.import_pack,
            "quit": self.close,
            "home": self.go_home,
            "review": lambda: self.review.start(),
            "search": lambda: self.search.focus(),
            "record": lambda: self.record.show(),
            "zoom-in": lambda: self.view.zoom(1),
            "zoom-out": lambda: self.view.zoom(-1),
            "zoom-reset": lambda: self.view.zoom(0),
            "high-contrast": self.view.set_high_contrast,
            "language-ja": lambda: self.set_language("ja"),
            "language-en": lambda: self.set_language("en"),
            "switch-learner": self.learner_switch_requested.emit,
            "edit-profile": self.profile_edit_requested.emit,
            "help": self.show_help,
            "about": self.show_about,
        }

    def _export_records(self) -> None:
        from . import export_dialog  # the export stack (SQLAlchemy, openpyxl) loads on first use

        export_dialog.export_from_menu(self, self.ctx, self.ops)

    def _save_certificate(self) -> None:
        from . import export_dialog

        export_dialog.certificate_from_menu(self, self.ctx, self.ops)

    # -- state ----------------------------------------------------------------------------------

    @property
    def theme(self) -> style.Theme:
        return self.view.theme

    def css(self) -> str:
        return self.view.css()

    def set_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

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
        self.learner_label.setText(self.tr("{0} さん（{1}・{2}）").format(
            learner.name, learner.department, role_label))
        self.overall.setRange(0, max(curriculum.required_total, 1))
        self.overall.setValue(curriculum.required_completed)
        self.overall.setFormat(self.tr("必須レッスン {0} / {1} 修了").format(
            curriculum.required_completed, curriculum.required_total))
        lessons = (list(self.ctx.library.lessons()) if self.show_all.isChecked()
                   else list(curriculum.lessons))
        statuses = {lesson_id: record.status for lesson_id, record in progress.items()}
        self.tree.populate(self.ctx.library, lessons, statuses, self.theme,
                           following.id if following else None)
        self.home.show_state(learner.name, role_label, curriculum, following)
        self.review.refresh_count()
        lesson = self.lesson_page.lesson
        if lesson is not None:
            record = progress.get(lesson.id)
            read = isinstance(record, LessonProgress) and record.read_at is not None
            self.lesson_page.update_state(record.status if record else Status.NOT_STARTED,
                                          read or self.lesson_page.is_read)

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
        show_error(self, text, log)

    # -- navigation -----------------------------------------------------------------------------

    def fill_library_chooser(self) -> None:
        """One entry per loaded library; shown only when there is a choice to make."""
        chooser = self.library_chooser
        chooser.blockSignals(True)
        chooser.clear()
        for library in self.ctx.libraries:
            label = f"{library.title}（{library.version}）" if library.version else library.title
            chooser.addItem(label, library.id)
        chooser.setCurrentIndex(max(chooser.findData(self.ctx.library.id), 0))
        chooser.blockSignals(False)
        chooser.setVisible(len(self.ctx.libraries) > 1)

    def select_library(self, library_id: str) -> None:
        library = next((lib for lib in self.ctx.libraries if lib.id == library_id), None)
        if library is None or library is self.ctx.library:
            return
        self.leave_current()
        self.ctx.library = library
        self.view.save("library_id", library.id)
        self.setWindowTitle(self.tr("自治体DX研修 - {0}").format(library.title))
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
        self.pages.setCurrentIndex(PAGE_HOME)
        self.refresh()

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
        self.pages.setCurrentIndex(PAGE_LESSON)
        self.lesson_page.show_lesson(lesson, record.status, record.read_at is not None,
                                     record.last_position, self.css())
        self.tree.select_lesson(lesson.id)
        self.refresh()
        self.lesson_page.browser.setFocus()
        self.lesson_shown.emit(lesson.id)

    def _show_broken(self, lesson: Lesson) -> None:
        findings = "".join(f"<li>{html.escape(str(f))}</li>" for f in lesson.findings)
        problem = self.tr("このレッスンは教材ファイルに問題があるため、現在は学習できません。")
        ask = self.tr("研修担当者に次の内容を伝えてください。")
        body = f"<p>{problem}</p><p>{ask}</p><ul>{findings}</ul>"
        dialog = TextDialog(lesson.title, body, self, "broken-lesson-dialog")
        dialog.exec()

    def start_quiz(self, lesson_id: str) -> None:
        lesson = self.ctx.library.lesson(lesson_id)
        if lesson is None or lesson.quiz is None or self.ctx.learner is None:
            return
        if self.ctx.read_only:
            self.statusBar().showMessage(self.tr("この画面では学習の記録は保存されません。"))
            return
        self.lesson_page.leave()
        self._leave_quiz()
        session = QuizSession(self.ctx, self.ops, lesson, self.quiz_page)
        session.no_attempt_left.connect(lambda: self._on_no_attempt_left(lesson.id))
        session.finished.connect(lambda _done: self.central.records_changed())
        self.quiz_session = session
        self.pages.setCurrentIndex(PAGE_QUIZ)
        session.start()

    def _on_no_attempt_left(self, lesson_id: str) -> None:
        QMessageBox.information(self, self.tr("理解度チェック"), self.tr(
            "受験できる回数の上限に達しています。研修担当者に相談してください。"))
        self.open_lesson(lesson_id)

    def _leave_quiz(self) -> None:
        if self.quiz_session is not None:
            self.quiz_session.dismiss()
            self.quiz_session = None

    # -- what the pages report ------------------------------------------------------------------

    def _on_tree_lesson_activated(self, lesson_id: str) -> None:
        self.open_lesson(lesson_id)

    def _on_show_all_toggled(self, checked: bool) -> None:
        self.view.save("show_all_lessons", checked)
        self.refresh()

    def _on_lesson_read_reached(self, lesson_id: str) -> None:
        lesson = self.ctx.library.lesson(lesson_id)
        if lesson is None or self.ctx.learner is None:
            return
        op = lesson_ops.mark_read(self.ctx, lesson)

        def done(record: LessonProgress) -> None:
            if record.status is Status.COMPLETED:
                self.statusBar().showMessage(self.tr("「{0}」を修了しました。").format(
                    lesson.title))
                self.central.records_changed()  # the share drop follows a completion

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
            self.statusBar().showMessage(self.tr(
                "このリンク先のファイルは開けません。研修担当者に連絡してください。"))

    def _on_quiz_back_requested(self) -> None:
        session = self.quiz_session
        if session is not None and session.in_attempt:
            self.open_lesson(session.lesson.id)  # mid-quiz: answers are stored, resume later
        else:
            self.go_home()

    # -- preferences and help -------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.view.save("language", language)
        QMessageBox.information(self, self.tr("表示言語"), self.tr(
            "表示言語は、アプリを再起動すると切り替わります。"))

    def show_about(self) -> None:
        text = about_text(self.ctx.database_path, self.log_dir, [self.ctx.library.root])
        QMessageBox.about(self, self.tr("バージョン情報"), text)

    def show_help(self) -> None:
        body = self.tr(
            "<h2>使い方</h2><ol>"
            "<li>左の一覧、またはホームの「次のレッスンを学習する」からレッスンを開きます。</li>"
            "<li>本文を最後までスクロールすると「読了」になります。"
            "「読了にする」ボタンでも構いません。</li>"
            "<li>「理解度チェックを始める」を押し、問題に答えます。"
            "合格するとレッスンは修了です。</li>"
            "<li>記録は自動で保存されます。途中で閉じても、続きから再開できます。</li></ol>"
            "<h2>キー操作</h2><ul>"
            "<li>Ctrl + = / Ctrl + - / Ctrl + 0：文字の拡大・縮小・標準</li>"
            "<li>Ctrl + H：ホームに戻る</li>"
            "<li>Ctrl + F：レッスンを検索（Enter で開く、Esc で閉じる）</li>"
            "<li>Ctrl + R：今日の復習　Ctrl + L：学習の記録</li>"
            "<li>理解度チェックでは、数字キーで選択肢を選び、Enter で回答・次へ進みます。</li>"
            "</ul>")
        TextDialog(self.tr("使い方"), body, self, "help-dialog").exec()

    # -- closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.leave_current()
        self.ops.wait()  # the last study seconds and position are written before the exit
        self.central.at_exit()  # the share drop's last copy
        super().closeEvent(event)

