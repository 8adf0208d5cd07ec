"""検索: the search box above the curriculum, the results page, opening a result at its match.

The box (``search-box``, Ctrl+F from anywhere) searches every lesson of the loaded libraries
(``content.search``: width, case and kana do not matter). Results (``search-results``) show the
lesson, its chapter and a snippet with the match highlighted; Enter (in the box: the first
result) opens the lesson scrolled to the match. Down moves from the box to the results, Escape
clears the search and goes back.

The index is built on a worker thread, never on the GUI thread, and not before the window is
painted: a few seconds after start, or at once when the learner first uses the box. It is cached
in the data folder's ``cache/`` (beside the library cache) and rebuilt when the loaded
libraries change (a lesson pack imported).
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QListWidgetItem, QWidget

from dxlearn.content.model import Library

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent  # (QEvent.Type's enum: made at the first key press)
    from PySide6.QtWidgets import QBoxLayout

    from dxlearn.content.search import Field, Hit, Results, SearchIndex

    from .main_window import MainWindow
    from .search_results import ResultsPage

logger = logging.getLogger(__name__)

LESSON_ID_ROLE = Qt.ItemDataRole.UserRole  # the automation contract
LIBRARY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
INDEX_DELAY_MS = 3000  # after the window is shown: never in the way of the first paint
TYPING_PAUSE_MS = 150
SCROLL_SETTLE_MS = 800
# the match in a snippet: readable on the list's background and on a selected row's
MARK_COLOURS = {"normal": ("#ffe08a", "#1b1f24"), "high-contrast": ("#ffd400", "#000000")}


class SearchBox(QLineEdit):
    """The box: Down goes to the results, Escape clears, Enter opens the first result."""

    down_pressed = Signal()
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search-box")
        self.setPlaceholderText(self.tr("レッスンを検索（Ctrl+F）"))
        self.setAccessibleName(self.tr("レッスンの検索"))
        self.setAccessibleDescription(self.tr(
            "言葉を入力すると、レッスンの題名・本文・理解度チェックの問題と解説から探します。"
            "下矢印で結果へ移り、Enter で開きます。"))
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)


def field_label(field: Field) -> str:
    from dxlearn.content.search import Field

    return {
        Field.TITLE: QCoreApplication.translate("SearchFeature", "題名"),
        Field.BODY: QCoreApplication.translate("SearchFeature", "本文"),
        Field.QUESTION: QCoreApplication.translate("SearchFeature", "理解度チェックの問題"),
        Field.EXPLANATION: QCoreApplication.translate("SearchFeature", "理解度チェックの解説"),
    }[field]


STOP_WAIT_MS = 30_000  # at exit, the longest wait for a build that has started

class _Signals(QObject):
    built = Signal(object, object)  # SearchIndex, the libraries it was built from
    failed = Signal(object)


class _Build(QRunnable):
    def __init__(self, libraries: tuple[Library, ...], cache: Path | None,
                 signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.libraries = libraries
        self.cache = cache
        self.signals = signals

    def run(self) -> None:
        from dxlearn.content.search import build_search_index  # here, off the GUI thread

        try:
            index = build_search_index(self.libraries, self.cache)
        except Exception as error:  # delivered to the GUI thread and logged there
            self.signals.failed.emit(error)
        else:
            self.signals.built.emit(index, self.libraries)


class SearchFeature(QObject):
    """The box, the results page and the index, in the main window (module docstring)."""

    index_ready = Signal()

    def __init__(self, window: MainWindow, layout: QBoxLayout) -> None:
        super().__init__(window)
        self.window = window
        self.box = SearchBox()
        layout.insertWidget(0, self.box)
        self._page: ResultsPage | None = None  # built on first use
        self.index: SearchIndex | None = None
        self._indexed: tuple[Library, ...] = ()
        self._building = False
        self._results: Results | None = None
        self._back_to: QWidget | None = None
        self._target: Hit | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals()
        self._signals.built.connect(self._on_built, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.run_query)
        self.box.textChanged.connect(self._on_text_changed)
        self.box.returnPressed.connect(self._open_first)
        self.box.down_pressed.connect(self._focus_results)
        self.box.escape_pressed.connect(self.close)
        window.lesson_shown.connect(self._on_lesson_shown)
        self._later = QTimer(self)  # a child: it dies with the window, never fires after it
        self._later.setSingleShot(True)
        self._later.timeout.connect(self.ensure_index)
        self._later.start(INDEX_DELAY_MS)
        self._task: _Build | None = None
        app = QCoreApplication.instance()
        if app is not None:  # a quit without closing the window (a script, the session end)
            app.aboutToQuit.connect(self.stop)

    @property
    def page(self) -> ResultsPage:
        """The results page, built and placed in the window's stack on first use."""
        if self._page is None:
            from .search_results import ResultsPage

            page = self._page = ResultsPage()
            page.results.itemActivated.connect(self._on_item_activated)
            page.close_button.clicked.connect(self.close)
            self.window.pages.place("search", page)
        return self._page

    # -- the index ------------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        return self.index is not None and self._indexed == tuple(self.window.ctx.libraries)

    def ensure_index(self) -> None:
        """Start building the index on the worker thread unless it is ready or being built."""
        if self.ready or self._building:
            return
        ctx = self.window.ctx
        libraries = tuple(ctx.libraries) or (ctx.library,)
        cache = ctx.data_dir / "cache" if ctx.data_dir is not None else None
        self._building = True
        self._task = _Build(libraries, cache, self._signals)  # kept until it has run
        self._pool.start(self._task)

    def _on_built(self, index: SearchIndex, libraries: tuple[Library, ...]) -> None:
        self._building = False
        self.index, self._indexed = index, libraries
        logger.info("search index ready: %d libraries", len(libraries))
        if not self.ready:  # the libraries changed meanwhile
            self.ensure_index()
            return
        self.index_ready.emit()
        if self.box.text().strip():
            self.run_query()

    def _on_failed(self, error: BaseException) -> None:
        self._building = False
        logger.error("search index not built", exc_info=error)
        self.window.statusBar().showMessage(self.tr(
            "検索の準備ができませんでした。アプリを再起動してください。"))

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    def stop(self) -> None:
        """At the window's close: a build not yet started is dropped, one running is waited
        for. A worker still running Python while the interpreter shuts down can deadlock the
        exit ("Error calling Python override of QRunnable::run()"): the app would not close.
        Building takes a few seconds at most; the index is cached for the next start."""
        self._later.stop()
        self._pool.clear()
        if not self._pool.waitForDone(STOP_WAIT_MS):
            logger.warning("search index still building after %d ms at exit", STOP_WAIT_MS)

    # -- searching ------------------------------------------------------------------------------

    def focus(self) -> None:
        """Ctrl+F: to the box, its text selected."""
        self.ensure_index()
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def _on_text_changed(self, text: str) -> None:
        self.ensure_index()
        if not text.strip():
            self._typing.stop()
            self._leave_results()
            return
        self._typing.start()

    def run_query(self) -> None:
        query = self.box.text().strip()
        if not query:
            return
        pages = self.window.pages
        if pages.currentWidget() is not self.page:
            self.window.leave_current()
            self._back_to = pages.currentWidget()
            pages.setCurrentWidget(self.page)
        page = self.page
        page.results.clear()
        if not self.ready or self.index is None:
            self.ensure_index()
            page.heading.setText(self.tr("「{0}」を検索しています").format(query))
            page.note.setText(self.tr("検索の準備をしています。少しお待ちください。"))
            return
        self._results = self.index.search(query)
        total = self._results.total
        if not total:
            page.heading.setText(self.tr("「{0}」は見つかりませんでした").format(query))
            page.note.setText(self.tr(
                "言葉を短くするか、別の言い方で探してください。"
                "ひらがなとカタカナ、全角と半角の違いは気にしなくて構いません。"))
            return
        page.heading.setText(self.tr("「{0}」の検索結果：{1}件").format(query, total))
        shown = len(self._results.hits)
        page.note.setText(self.tr("上位 {0}件を表示しています。").format(shown)
                          if shown < total else "")
        for hit in self._results.hits:
            page.results.addItem(self._item(hit))

    def _item(self, hit: Hit) -> QListWidgetItem:
        import html  # with the first results, not before the first paint

        theme = self.window.theme
        where = field_label(hit.field)
        if hit.question_index >= 0:
            where += self.tr("（問{0}）").format(hit.question_index + 1)
        chapter = hit.chapter_title or ""
        parts: list[str] = []
        cursor = 0
        background, color = MARK_COLOURS.get(theme.name, MARK_COLOURS["normal"])
        for start, end in hit.marks:  # marked by colour and weight (not by colour alone)
            parts.append(html.escape(hit.snippet[cursor:start]))
            parts.append(f'<span style="background-color:{background}; color:{color}; '
                         f'font-weight:bold;">{html.escape(hit.snippet[start:end])}</span>')
            cursor = end
        parts.append(html.escape(hit.snippet[cursor:]))
        snippet = ("…" if hit.leading_ellipsis else "") + "".join(parts) + (
            "…" if hit.trailing_ellipsis else "")
        meta = "・".join(p for p in (chapter, where) if p)
        markup = (f'<p style="margin:0"><b>{html.escape(hit.lesson_title)}</b>'
                  f"<br>{html.escape(meta)}<br>{snippet}</p>")
        plain = f"{hit.lesson_title}（{meta}）　{hit.snippet}"
        item = QListWidgetItem(plain)
        item.setData(LESSON_ID_ROLE, hit.lesson_id)
        item.setData(LIBRARY_ID_ROLE, hit.library_id)
        item.setData(HTML_ROLE, markup)
        item.setToolTip(plain)
        return item

    def _focus_results(self) -> None:
        if self._page is None:
            return  # nothing searched yet
        results = self._page.results
        if results.count():
            results.setFocus()
            results.setCurrentRow(max(results.currentRow(), 0))

    def _open_first(self) -> None:
        self._typing.stop()
        self.run_query()  # the text just typed, not the one 150 ms ago
        results = self.page.results
        if results.count():
            item = results.currentItem() or results.item(0)
            self._on_item_activated(item)

    def close(self) -> None:
        """Escape: clear the box and go back to where the learner was."""
        self.box.blockSignals(True)
        self.box.clear()
        self.box.blockSignals(False)
        self._typing.stop()
        self._leave_results()

    def _leave_results(self) -> None:
        pages = self.window.pages
        if self._page is not None and pages.currentWidget() is self._page:
            back = self._back_to
            if back is None or back is self._page or back is pages.page("lesson"):
                self.window.go_home()  # a lesson is reopened by its result, not restored
            else:
                pages.setCurrentWidget(back)
        self._back_to = None

    # -- opening a result -----------------------------------------------------------------------

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        row = self.page.results.row(item)
        if self._results is None or not 0 <= row < len(self._results.hits):
            return
        hit = self._results.hits[row]
        window = self.window
        if hit.library_id != window.ctx.library.id:
            window.select_library(hit.library_id)
            window.fill_library_chooser()
        self._target = hit
        self._back_to = None
        window.open_lesson(hit.lesson_id)

    def _on_lesson_shown(self, lesson_id: str) -> None:
        from dxlearn.content.search import Field

        hit, self._target = self._target, None
        if hit is None or hit.lesson_id != lesson_id:
            return
        if hit.field in (Field.QUESTION, Field.EXPLANATION):
            self.window.statusBar().showMessage(self.tr(
                "見つかった言葉は、このレッスンの理解度チェック（問{0}）にあります。").format(
                hit.question_index + 1))
            return
        if hit.field is Field.BODY and hit.match_text:
            self._scroll_to(hit)

    def _scroll_to(self, hit: Hit) -> None:
        """Select the match in the lesson and scroll it into view (again while the document is
        laid out: the page restores the last reading position on the first layout)."""
        from PySide6.QtGui import QTextCursor

        browser = self.window.lesson_page.browser

        def apply(*_args: object) -> None:
            document = browser.document()
            cursor = QTextCursor(document)
            for _ in range(hit.occurrence + 1):
                found = document.find(hit.match_text, cursor)
                if found.isNull():
                    break
                cursor = found
            if cursor.hasSelection():
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()

        bar = browser.verticalScrollBar()
        bar.rangeChanged.connect(apply)
        QTimer.singleShot(0, apply)
        QTimer.singleShot(SCROLL_SETTLE_MS, lambda: _disconnect(bar.rangeChanged, apply))


def _disconnect(signal: object, slot: object) -> None:
    with contextlib.suppress(RuntimeError, TypeError):
        signal.disconnect(slot)  # type: ignore[attr-defined]
