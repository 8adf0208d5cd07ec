"""The trainers' preview: ``dxlearn preview PATH`` (a library or one lesson folder).

Lessons and quizzes are shown with the learners' own pages (LessonPage, QuizPage) and the same
stylesheet and document CSS; a findings panel lists lint findings (clicking one names the file
and line and selects its lesson); a QFileSystemWatcher reloads within about a second of a save,
including editors that save by writing a new file and renaming it over the old one. The quiz
is playable and graded by ``learning.grading`` but nothing is recorded: there is no store.
"""

from __future__ import annotations

import logging
import os
import random
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dxlearn.content.loader import LibraryError, load_library
from dxlearn.content.model import Finding, Lesson, Library
from dxlearn.learning.grading import grade_quiz
from dxlearn.learning.shuffle import ChoiceOrders, choice_orders
from dxlearn.learning.status import Status

from . import style
from .application import ensure_application
from .lesson_page import LessonPage, LessonState
from .links import LinkOutcome, follow_lesson_link
from .quiz_flow import QuizFlow
from .quiz_page import QuizPage, ResultView
from .translations import Translations
from .window_fit import fit_to_screen

logger = logging.getLogger(__name__)

RELOAD_DEBOUNCE_MS = 300
RETRY_MS = 500  # a save-by-rename can leave lesson.md missing for an instant
MAX_WATCHED = 5000
WATCH_DEPTH = 6  # folders below the watched one (library -> chapter -> lesson -> images/...)
PREVIEW_FONT_PT = 13  # the learners' default (gui.context.DEFAULT_FONT_PT)
PAGE_LESSON, PAGE_QUIZ = 0, 1


class PreviewQuizSession(QuizFlow):
    """A quiz attempt that only lives in memory: grade, show feedback and the result, store
    nothing. Choice orders are drawn as for learners (shuffled when ``shuffle: true``)."""

    def __init__(self, lesson: Lesson, page: QuizPage, rng: random.Random | None = None,
                 start_at: int = 0) -> None:
        super().__init__(lesson, page)
        self.orders: ChoiceOrders = choice_orders(self.quiz, rng)
        self.current = min(max(start_at, 0), max(len(self.quiz.questions) - 1, 0))
        self.finished = False

    def order(self, index: int) -> tuple[int, ...]:
        return self.orders[index]

    def start(self) -> None:
        self.answers = {}
        self.finished = False
        self.show_current()

    def _on_page_answer_submitted(self, positions: list[int]) -> None:
        self.show_feedback(self.judge(positions))  # shown only: the preview records nothing

    def _on_page_next_requested(self) -> None:
        if self.current + 1 < len(self.quiz.questions):
            self.current += 1
            self.show_current()
            return
        result = grade_quiz(self.quiz, self.answers)
        review = self.review()
        self.finished = True
        self.page.show_result(ResultView(
            score=result.score, pass_score=self.quiz.pass_score, passed=result.passed,
            correct=result.correct, total=result.total, review=review, can_retry=True,
            attempts_note=self.tr("プレビューのため、この結果は記録されません。"),
            completed_now=False, lesson_completed=False, needs_reading=False,
        ), self.lesson.title)

    def _on_page_retry_requested(self) -> None:
        self.current = 0
        self.start()


def _watch_targets(watch_root: Path, library_root: Path) -> list[str]:
    """Folders and files whose change should reload: everything the loader reads. Iterative and
    at most WATCH_DEPTH folders down (os.walk recursed: a 1,000-deep folder raised)."""
    found: list[str] = []
    stack = [(watch_root, 0)]
    while stack:
        here, depth = stack.pop(0)
        try:
            dirs: list[str] = []
            files: list[str] = []
            for entry in sorted(os.scandir(here), key=lambda e: e.name):
                is_dir = entry.is_dir(follow_symlinks=False)
                (dirs if is_dir else files).append(entry.name)
        except OSError:
            continue
        found.append(str(here))
        found.extend(str(here / name) for name in files if not name.startswith("."))
        if depth < WATCH_DEPTH:
            stack.extend((here / d, depth + 1) for d in dirs if not d.startswith((".", "_"))
                         or (d == "_assets" and here == library_root))
        if len(found) >= MAX_WATCHED:
            logger.warning("preview watches the first %d paths only", MAX_WATCHED)
            return found[:MAX_WATCHED]
    if library_root != watch_root:  # one lesson: its library.yaml and _assets matter too
        for extra in (library_root / "library.yaml", library_root / "_assets"):
            if extra.exists():
                found.append(str(extra))
    return found


def _lessons_by_depth(library: Library) -> list[Lesson]:
    return sorted(library.lessons(), key=lambda lesson: len(lesson.rel_path), reverse=True)


def lesson_for_finding(library: Library, finding: Finding) -> Lesson | None:
    """The lesson a finding is about (its file sits in the lesson's folder), if any."""
    for lesson in _lessons_by_depth(library):
        prefix = f"{lesson.rel_path}/" if lesson.rel_path else ""
        if finding.path.startswith(prefix):
            return lesson
    return None


class PreviewWindow(QMainWindow):
    reloaded = Signal()

    def __init__(self, path: Path, css: str, parent: QWidget | None = None,
                 language: str = "ja") -> None:
        super().__init__(parent)
        self.setObjectName("preview-window")
        self.language = language  # of the lint findings (the catalogue's, not Qt's .ts)
        fit_to_screen(self)
        self.watch_root = path.absolute()
        self.css = css
        self.library: Library = load_library(self.watch_root)  # LibraryError: caller reports
        self.findings: list[Finding] = []
        self.current_rel: str | None = None  # lesson folder (stable across id edits)
        self.quiz_session: PreviewQuizSession | None = None
        self.reload_count = 0

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.lesson_list = QListWidget()
        self.lesson_list.setObjectName("preview-lessons")
        self.lesson_list.setAccessibleName(self.tr("レッスン一覧"))
        self.lesson_list.setWordWrap(True)
        self.lesson_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lesson_list.currentItemChanged.connect(self._on_lesson_list_current_changed)
        self.findings_title = QLabel()
        self.findings_list = QListWidget()
        self.findings_list.setObjectName("preview-findings")
        self.findings_list.setAccessibleName(self.tr("教材チェックの結果"))
        self.findings_list.setWordWrap(True)
        self.findings_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings_list.itemClicked.connect(self._on_findings_item_clicked)
        self.findings_list.itemActivated.connect(self._on_findings_item_clicked)
        self.location = QLabel()
        self.location.setObjectName("preview-location")
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location.setText(self.tr("教材チェックの行をクリックすると、ファイルと行がここに"
                                      "表示されます。"))
        self.lesson_notice = QLabel()
        self.lesson_notice.setObjectName("banner")
        self.lesson_notice.setWordWrap(True)
        self.lesson_notice.hide()

        self.lesson_page = LessonPage()
        self.lesson_page.quiz_requested.connect(self._on_lesson_page_quiz_requested)
        self.lesson_page.read_reached.connect(self._on_lesson_page_read_reached)
        self.lesson_page.link_activated.connect(self._on_lesson_page_link_activated)
        self.quiz_page = QuizPage()
        self.quiz_page.set_css(css)
        self.quiz_page.back_requested.connect(self._on_quiz_page_back_requested)
        self.quiz_page.lesson_requested.connect(self._on_quiz_page_back_requested)
        self.quiz_page.home_requested.connect(self._on_quiz_page_back_requested)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.lesson_page)
        self.pages.addWidget(self.quiz_page)

        left = QSplitter(Qt.Orientation.Vertical)
        lessons_box = QWidget()
        lessons_layout = QVBoxLayout(lessons_box)
        lessons_layout.setContentsMargins(8, 8, 0, 0)
        lessons_layout.addWidget(QLabel(self.tr("レッスン")))
        lessons_layout.addWidget(self.lesson_list, 1)
        findings_box = QWidget()
        findings_layout = QVBoxLayout(findings_box)
        findings_layout.setContentsMargins(8, 0, 0, 8)
        findings_layout.addWidget(self.findings_title)
        findings_layout.addWidget(self.findings_list, 1)
        left.addWidget(lessons_box)
        left.addWidget(findings_box)
        left.setSizes([330, 330])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.lesson_notice)
        right_layout.addWidget(self.pages, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([440, 926])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.statusBar().addWidget(self.location, 1)

        self.watcher = self._new_watcher()
        self.reload_timer = QTimer(self)
        self.reload_timer.setSingleShot(True)
        self.reload_timer.setInterval(RELOAD_DEBOUNCE_MS)
        self.reload_timer.timeout.connect(self.reload)
        self._show_library(None)

    # -- loading --------------------------------------------------------------------------------

    def _new_watcher(self) -> QFileSystemWatcher:
        watcher = QFileSystemWatcher(self)
        watcher.fileChanged.connect(self._on_watcher_changed)
        watcher.directoryChanged.connect(self._on_watcher_changed)
        return watcher

    def _rewatch(self) -> None:
        """Watch again after every change: an editor that saves by renaming a new file over the
        old one leaves the watcher holding a path it has silently dropped."""
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        targets = _watch_targets(self.watch_root, self.library.root)
        if targets:
            self.watcher.addPaths(targets)

    def _on_watcher_changed(self, _path: str) -> None:
        self.reload_timer.start(RELOAD_DEBOUNCE_MS)  # debounce: editors write several times

    def reload(self) -> None:
        try:
            library = load_library(self.watch_root)
        except LibraryError as exc:
            logger.info("preview reload failed: %s", exc)
            self.location.setText(self.tr("読み込めませんでした：{0}（保存し直すと再読み込み"
                                          "します）").format(exc.message(self.language)))
            self._rewatch()
            self.reload_timer.start(RETRY_MS)
            return
        self.library = library
        self.reload_count += 1
        self._show_library(self.current_rel)
        self.reloaded.emit()

    def _show_library(self, keep_rel: str | None) -> None:
        library = self.library
        self.setWindowTitle(self.tr("プレビュー - {0}").format(library.title))
        self.banner.setText(self.tr(
            "プレビュー：{0}（{1}）　学習者と同じ表示です。学習の記録は保存されません。"
            "ファイルを保存すると自動で再読み込みします（最終読み込み {2}）。").format(
            library.title, self.watch_root, datetime.now().strftime("%H:%M:%S")))
        self.lesson_list.blockSignals(True)
        self.lesson_list.clear()
        chapters = {c.rel_path: c.title for c in library.chapters}
        shown_chapter: str | None = None
        for lesson in library.lessons():
            if lesson.chapter and lesson.chapter != shown_chapter:
                shown_chapter = lesson.chapter
                header = QListWidgetItem(chapters.get(lesson.chapter, lesson.chapter))
                header.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.lesson_list.addItem(header)
            label = f"　{lesson.title}" if lesson.chapter else lesson.title
            if lesson.broken:
                label = self.tr("{0}（エラーあり）").format(label)
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, lesson.rel_path)
            item.setToolTip(lesson.lesson_md)
            if lesson.broken:
                item.setForeground(QBrush(QColor(style.NORMAL.disabled_text)))
            self.lesson_list.addItem(item)
        self.lesson_list.blockSignals(False)
        self._show_findings()
        self._rewatch()
        lessons = list(library.lessons())
        target = next((le for le in lessons if le.rel_path == keep_rel), None)
        if target is None and lessons:
            target = lessons[0]
        if target is not None:
            self.select_lesson(target.rel_path, restart=False)

    def _show_findings(self) -> None:
        from dxlearn.content.lint import sort_findings

        self.findings = sort_findings(self.library.all_findings())
        errors = sum(1 for f in self.findings if f.is_error)
        self.findings_title.setText(self.tr("教材チェック：エラー {0} 件、警告 {1} 件").format(
            errors, len(self.findings) - errors))
        self.findings_list.clear()
        for index, finding in enumerate(self.findings):
            kind = self.tr("エラー") if finding.is_error else self.tr("警告")
            item = QListWidgetItem(self.tr("{0}　{1} {2}行目：{3}").format(
                kind, finding.path, finding.line, finding.text(self.language)))
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setToolTip(finding.line_text(self.language))
            if finding.is_error:
                item.setForeground(QBrush(QColor(style.NORMAL.wrong)))
            self.findings_list.addItem(item)
        if not self.findings:
            item = QListWidgetItem(self.tr("問題は見つかりませんでした。"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.findings_list.addItem(item)

    # -- showing --------------------------------------------------------------------------------

    def lesson(self, rel_path: str | None = None) -> Lesson | None:
        wanted = self.current_rel if rel_path is None else rel_path
        return next((le for le in self.library.lessons() if le.rel_path == wanted), None)

    def select_lesson(self, rel_path: str, restart: bool = True) -> None:
        """Show a lesson (by folder). ``restart=False`` (a reload) keeps the page: the scroll
        position of the lesson, or the question of a running quiz."""
        lesson = self.lesson(rel_path)
        if lesson is None:
            return
        same = rel_path == self.current_rel
        self.current_rel = rel_path
        for row in range(self.lesson_list.count()):
            item = self.lesson_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == rel_path:
                self.lesson_list.blockSignals(True)
                self.lesson_list.setCurrentRow(row)
                self.lesson_list.blockSignals(False)
        self.lesson_notice.setText(self.tr(
            "このレッスンにはエラーがあるため、学習者の画面では灰色で表示され、開けません。"
            "左下の教材チェックの内容を直してください。"))
        self.lesson_notice.setVisible(lesson.broken)
        session = self.quiz_session
        if (not restart and same and session is not None and not session.finished
                and self.pages.currentIndex() == PAGE_QUIZ and lesson.quiz is not None
                and lesson.quiz.questions):
            self._start_quiz(lesson, session.current)
            return
        position = 0.0
        if not restart and same:
            bar = self.lesson_page.browser.verticalScrollBar()
            position = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self._leave_quiz()
        self.pages.setCurrentIndex(PAGE_LESSON)
        self.lesson_page.show_lesson(lesson, LessonState(), position, self.css)

    def _start_quiz(self, lesson: Lesson, start_at: int = 0) -> None:
        self._leave_quiz()
        if lesson.quiz is None or not lesson.quiz.questions:
            return
        self.lesson_page.leave()
        self.quiz_session = PreviewQuizSession(lesson, self.quiz_page, start_at=start_at)
        self.pages.setCurrentIndex(PAGE_QUIZ)
        self.quiz_session.start()

    def _leave_quiz(self) -> None:
        if self.quiz_session is not None:
            self.quiz_session.dismiss()
            self.quiz_session = None

    def show_finding(self, index: int) -> None:
        finding = self.findings[index]
        full = self.library.root / finding.path
        kind = self.tr("エラー") if finding.is_error else self.tr("警告")
        self.location.setText(self.tr("{0}：ファイル {1} の {2} 行目 ― {3}").format(
            kind, full, finding.line, finding.text(self.language)))
        self.location.setToolTip(self.location.text())
        lesson = lesson_for_finding(self.library, finding)
        if lesson is not None:
            self.select_lesson(lesson.rel_path)

    # -- events ---------------------------------------------------------------------------------

    def _on_lesson_list_current_changed(self, current: QListWidgetItem | None,
                                        _previous: QListWidgetItem | None) -> None:
        if current is not None and current.data(Qt.ItemDataRole.UserRole) is not None:
            self.select_lesson(current.data(Qt.ItemDataRole.UserRole))

    def _on_findings_item_clicked(self, item: QListWidgetItem) -> None:
        index = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(index, int):
            self.show_finding(index)

    def _on_lesson_page_quiz_requested(self, _lesson_id: str) -> None:
        lesson = self.lesson()
        if lesson is not None:
            self._start_quiz(lesson)

    def _on_lesson_page_read_reached(self, _lesson_id: str) -> None:
        # what the learner would see
        self.lesson_page.update_state(LessonState(Status.IN_PROGRESS, read=True))

    def _on_quiz_page_back_requested(self) -> None:
        if self.current_rel is not None:
            self.select_lesson(self.current_rel)

    def _on_lesson_page_link_activated(self, url: QUrl) -> None:
        outcome = follow_lesson_link(url, self.library, self,
                                     lambda lesson: self.select_lesson(lesson.rel_path))
        if outcome is LinkOutcome.REFUSED:
            self.statusBar().showMessage(self.tr(
                "このリンク先は開けません。教材の中の文書（PDF など）だけを開けます。"))

    def closeEvent(self, event: object) -> None:
        self.reload_timer.stop()
        self.lesson_page.leave()
        self._leave_quiz()
        super().closeEvent(event)  # type: ignore[arg-type]


def open_preview(path: str | os.PathLike[str], language: str = "ja") -> PreviewWindow:
    """Build and show the preview window without entering the event loop (tests call this).
    Raises LibraryError when ``path`` is not a library or a lesson folder."""
    app = ensure_application("自治体DX研修 プレビュー")
    style.apply_theme(app, style.NORMAL, PREVIEW_FONT_PT)
    window = PreviewWindow(Path(path), style.document_css(style.NORMAL, PREVIEW_FONT_PT),
                           language=language)
    window.show()
    return window


def run_preview(path: str, language: str = "ja") -> int:
    """``dxlearn preview PATH``: 0 when the window is closed, 2 when PATH is not a library."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        window = open_preview(path, language)
    except LibraryError as exc:
        print(f"dxlearn preview: {exc.message(language)}", file=sys.stderr)
        return 2
    app = ensure_application()
    translations = Translations(app)
    translations.use(language)
    code = app.exec()
    window.deleteLater()
    return code
