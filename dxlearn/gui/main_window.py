"""The learner's main window: curriculum on the left, home / lesson / quiz on the right.

Pages report what the learner did; this window asks the store to record it (through the
context) and refreshes the tree, the progress bar and the home page from the result.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
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

from dxlearn.content.model import Lesson
from dxlearn.learning.status import Status
from dxlearn.store.errors import StoreError

from . import style
from .context import DEFAULT_FONT_PT, MAX_FONT_PT, MIN_FONT_PT, AppContext
from .curriculum_tree import CurriculumTree
from .dialogs import TextDialog, about_text
from .home_page import HomePage
from .lesson_page import LessonPage
from .links import LinkOutcome, follow_lesson_link
from .menus import build_menus
from .quiz_page import QuizPage
from .quiz_session import QuizSession

logger = logging.getLogger(__name__)

PAGE_HOME, PAGE_LESSON, PAGE_QUIZ = 0, 1, 2


class MainWindow(QMainWindow):
    learner_switch_requested = Signal()
    profile_edit_requested = Signal()

    def __init__(self, ctx: AppContext, log_dir: Path | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.log_dir = log_dir
        self.quiz_session: QuizSession | None = None
        self._unsaved_seconds: dict[tuple[str, str, str], int] = {}
        self.setObjectName("main-window")
        self.setWindowTitle(self.tr("自治体DX研修 - {0}").format(ctx.library.title))
        self.resize(1366, 768)

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

        self.actions = build_menus(self)
        home = QAction(self.tr("ホームに戻る"), self)
        home.setShortcut(QKeySequence("Ctrl+H"))
        home.triggered.connect(self.go_home)
        self.addAction(home)
        self.apply_preferences()
        self.statusBar().showMessage(self.tr("学習の記録は自動で保存されます。"))

    # -- state ----------------------------------------------------------------------------------

    @property
    def theme(self) -> style.Theme:
        return style.theme_for(self.ctx.preferences.high_contrast)

    def css(self) -> str:
        return style.document_css(self.theme, self.ctx.preferences.font_pt)

    def set_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def refresh(self) -> None:
        """Re-read progress and show it everywhere (one place, after every recorded action)."""
        learner = self.ctx.learner
        if learner is None:
            return
        progress = self.ctx.progress()
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
        lesson = self.lesson_page.lesson
        if lesson is not None:
            record = progress.get(lesson.id)
            self.lesson_page.update_state(
                record.status if record else Status.NOT_STARTED,
                bool(record and record.read_at))

    def apply_preferences(self) -> None:
        prefs = self.ctx.preferences
        app = QApplication.instance()
        if isinstance(app, QApplication):
            style.apply_theme(app, self.theme, prefs.font_pt)
        css = self.css()
        self.lesson_page.refresh_css(css)
        self.quiz_page.set_css(css)
        if self.ctx.learner is not None:
            self.refresh()

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
        self.ctx.save_preference("library_id", library.id)
        self.setWindowTitle(self.tr("自治体DX研修 - {0}").format(library.title))
        self.go_home()

    def _on_library_chooser_changed(self, index: int) -> None:
        library_id = self.library_chooser.itemData(index)
        if library_id:
            self.select_library(library_id)

    def import_pack(self) -> None:
        """ファイル > 教材パックの取り込み: verify, import into the data folder, then offer it."""
        from dxlearn.content.loader import LibraryError, load_library

        from .pack_import_dialog import import_pack_with_progress

        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("教材パックを選ぶ"), "",
                                                self.tr("教材パック (*.dxpack)"))
        if not chosen:
            return
        data_dir = self.ctx.data_dir or Path.home()
        outcome = import_pack_with_progress(self, chosen, data_dir / "libraries")
        if outcome.result is None:
            return
        try:
            library = load_library(outcome.result.target)
        except LibraryError as exc:
            logger.error("imported library not loaded: %s", exc)
            return
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

    def go_home(self) -> None:
        self.leave_current()
        self.pages.setCurrentIndex(PAGE_HOME)
        self.refresh()

    def open_lesson(self, lesson_id: str) -> None:
        lesson = self.ctx.library.lesson(lesson_id)
        learner = self.ctx.learner
        if lesson is None or learner is None:
            return
        self._leave_quiz()
        if lesson.broken:
            self._show_broken(lesson)
            return
        record = self._record(lambda: self.ctx.store.open_lesson(
            learner.staff_id, self.ctx.library.id, lesson.id, version=lesson.version,
            library_version=self.ctx.library.version))
        if record is None:
            record = self.ctx.store.lesson_progress(learner.staff_id, self.ctx.library.id,
                                                    lesson.id)
        self.pages.setCurrentIndex(PAGE_LESSON)
        self.lesson_page.show_lesson(lesson, record.status, record.read_at is not None,
                                     record.last_position, self.css())
        self.tree.select_lesson(lesson.id)
        self.refresh()
        self.lesson_page.browser.setFocus()

    def _show_broken(self, lesson: Lesson) -> None:
        findings = "".join(f"<li>{html.escape(str(f))}</li>" for f in lesson.findings)
        problem = self.tr("このレッスンは教材ファイルに問題があるため、現在は学習できません。")
        ask = self.tr("研修担当者に次の内容を伝えてください。")
        body = f"<p>{problem}</p><p>{ask}</p><ul>{findings}</ul>"
        dialog = TextDialog(lesson.title, body, self, "broken-lesson-dialog")
        dialog.exec()

    def start_quiz(self, lesson_id: str) -> None:
        lesson = self.ctx.library.lesson(lesson_id)
        learner = self.ctx.learner
        if lesson is None or lesson.quiz is None or learner is None or self._read_only_notice():
            return
        self.lesson_page.leave()
        self._leave_quiz()
        session = QuizSession(self.ctx.store, learner.staff_id, self.ctx.library.id, lesson,
                              self.quiz_page, lambda: self._lesson_read(lesson.id))
        session.finished.connect(self._on_quiz_finished)
        self.quiz_session = session
        self.pages.setCurrentIndex(PAGE_QUIZ)
        if not session.start():
            QMessageBox.information(self, self.tr("理解度チェック"), self.tr(
                "受験できる回数の上限に達しています。研修担当者に相談してください。"))
            self.open_lesson(lesson_id)

    def _leave_quiz(self) -> None:
        if self.quiz_session is not None:
            self.quiz_session.dismiss()
            self.quiz_session = None

    def _lesson_read(self, lesson_id: str) -> bool:
        learner = self.ctx.learner
        assert learner is not None
        record = self.ctx.store.lesson_progress(learner.staff_id, self.ctx.library.id, lesson_id)
        return record.read_at is not None

    # -- recording ------------------------------------------------------------------------------

    def _read_only_notice(self) -> bool:
        if self.ctx.read_only:
            self.statusBar().showMessage(self.tr("この画面では学習の記録は保存されません。"))
            return True
        return False

    def _record(self, action):  # type: ignore[no-untyped-def]
        """Run one recording action unless the store is read-only (then say so, once)."""
        if self._read_only_notice():
            return None
        return action()

    def _on_tree_lesson_activated(self, lesson_id: str) -> None:
        self.open_lesson(lesson_id)

    def _on_show_all_toggled(self, checked: bool) -> None:
        self.ctx.save_preference("show_all_lessons", checked)
        self.refresh()

    def _on_lesson_read_reached(self, lesson_id: str) -> None:
        lesson = self.ctx.library.lesson(lesson_id)
        learner = self.ctx.learner
        if lesson is None or learner is None:
            return
        has_quiz = lesson.quiz is not None and bool(lesson.quiz.questions)
        record = self._record(lambda: self.ctx.store.mark_read(
            learner.staff_id, self.ctx.library.id, lesson.id, version=lesson.version,
            has_quiz=has_quiz, library_version=self.ctx.library.version))
        if record is not None and record.status is Status.COMPLETED:
            self.statusBar().showMessage(self.tr("「{0}」を修了しました。").format(lesson.title))
        self.refresh()

    def _on_lesson_study_seconds_elapsed(self, lesson_id: str, seconds: int) -> None:
        learner = self.ctx.learner
        if learner is None or self.ctx.read_only or self.ctx.store is None:
            return
        key = (learner.staff_id, self.ctx.library.id, lesson_id)
        pending = self._unsaved_seconds.pop(key, 0) + seconds
        try:
            self.ctx.store.add_study_seconds(*key, pending)
        except StoreError as exc:  # e.g. a full disk: keep the time and try again next flush
            self._unsaved_seconds[key] = pending
            self._report_store_problem(exc)

    def _on_lesson_position_changed(self, lesson_id: str, fraction: float) -> None:
        learner = self.ctx.learner
        if learner is None or self.ctx.read_only or self.ctx.store is None:
            return
        try:
            self.ctx.store.save_position(learner.staff_id, self.ctx.library.id, lesson_id,
                                         fraction)
        except StoreError as exc:  # the reading position is a convenience, never worth a dialog
            self._report_store_problem(exc)

    def _report_store_problem(self, error: StoreError) -> None:
        logger.warning("not recorded: %s", error)
        self.statusBar().showMessage(error.message(self.ctx.preferences.language))

    def _on_lesson_link_activated(self, url: QUrl) -> None:
        outcome = follow_lesson_link(url, self.ctx.library, self,
                                     lambda lesson: self.open_lesson(lesson.id))
        if outcome is LinkOutcome.REFUSED:  # never run a program or follow a shortcut
            self.statusBar().showMessage(self.tr(
                "このリンク先のファイルは開けません。研修担当者に連絡してください。"))

    def _on_quiz_finished(self, _done: object) -> None:
        self.refresh()

    def _on_quiz_back_requested(self) -> None:
        session = self.quiz_session
        if session is not None and session.state is not None:
            self.open_lesson(session.lesson.id)  # mid-quiz: answers are stored, resume later
        else:
            self.go_home()

    # -- preferences (menu actions) -------------------------------------------------------------

    def zoom(self, step: int) -> None:
        current = self.ctx.preferences.font_pt
        size = DEFAULT_FONT_PT if step == 0 else current + step
        size = max(MIN_FONT_PT, min(MAX_FONT_PT, size))
        self.ctx.save_preference("font_pt", size)
        self.apply_preferences()

    def set_high_contrast(self, enabled: bool) -> None:
        self.ctx.save_preference("high_contrast", enabled)
        self.apply_preferences()

    def set_language(self, language: str) -> None:
        self.ctx.save_preference("language", language)
        QMessageBox.information(self, self.tr("表示言語"), self.tr(
            "表示言語は、アプリを再起動すると切り替わります。"))

    def export_records(self) -> Path | None:
        from .export_dialog import export_from_menu  # the export stack loads on first use

        return export_from_menu(self, self.ctx)

    def save_certificate(self) -> Path | None:
        from .export_dialog import certificate_from_menu

        return certificate_from_menu(self, self.ctx)

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
            "<li>理解度チェックでは、数字キーで選択肢を選び、Enter で回答・次へ進みます。</li>"
            "</ul>")
        TextDialog(self.tr("使い方"), body, self, "help-dialog").exec()

    # -- closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.lesson_page.leave()
        self._leave_quiz()
        super().closeEvent(event)

