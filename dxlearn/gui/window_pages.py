"""The main window's page stack: its fixed order, and the pages built on first use.

The stack always holds its pages in one order — ホーム, the lesson, the quiz, 復習, 学習の記録, the
search results — whichever were built so far: a page built later is inserted at its place among
the built ones (the current page stays current). Only the home page is built before the first
paint; the lesson and quiz pages, the review's and the record's pages and the search results
are built, and their modules imported, the first time the window or a test reaches for them
(``MainWindow.lesson_page``, ``.quiz_page``, ``.record``, ``ReviewFeature.page``,
``SearchFeature.page``): they cost about a third of the start-up and several MiB that the
curriculum on screen does not need (bench/README.md, "startup").
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget

ORDER = ("home", "lesson", "quiz", "review", "record", "search")


class PageStack(QStackedWidget):
    """A QStackedWidget whose pages are placed by name in :data:`ORDER`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._placed: list[str] = []
        self._pages: dict[str, QWidget] = {}

    def place(self, name: str, page: QWidget) -> None:
        """Insert ``page`` at the position of ``name`` among the pages built so far."""
        rank = ORDER.index(name)
        if name in self._placed:
            raise ValueError(f"page {name!r} is already in the stack")
        position = sum(1 for placed in self._placed if ORDER.index(placed) < rank)
        self._placed.insert(position, name)
        self._pages[name] = page
        self.insertWidget(position, page)

    def page(self, name: str) -> QWidget | None:
        """The page called ``name`` if it has been built (never builds it)."""
        return self._pages.get(name)

    def built(self) -> tuple[str, ...]:
        """The names of the pages in the stack, in its order."""
        return tuple(self._placed)
