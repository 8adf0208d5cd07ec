"""Small building blocks every page uses so that 200 % text reflows instead of pushing the
window off the screen, Enter works on a focused button, and text from lesson files is never
read as rich text.

- :class:`FlowLayout` puts buttons on as many rows as the width needs (Qt's flow-layout
  example, with height-for-width so a scroll area knows how tall it is);
- :func:`vertical_scroll` wraps a page in a scroll area that scrolls vertically only;
- :class:`FittedBrowser` is a read-only document as tall as its text (no scroll bar of its own;
  the page around it scrolls), for the quiz's question and explanation;
- :func:`push_button` makes a button that Enter activates when it has focus (Qt does that only
  in dialogs) and :func:`plain_label` a label that shows text as text (a lesson title
  ``<img src=…>`` stays those characters).
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QWidget,
    QWidgetItem,
)


class FlowLayout(QLayout):
    """Items left to right, wrapping onto the next row when the width runs out."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 10) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add(self, widget: QWidget) -> None:
        """Add ``widget`` (the layout reparents it to its own widget)."""
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y = area.x(), y + row_height + self._spacing
                row_height = 0
            if apply:
                width = min(hint.width(), max(area.width(), item.minimumSize().width()))
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + margins.bottom()


def push_button(text: str, name: str, *, primary: bool = False,
                parent: QWidget | None = None) -> QPushButton:
    """A button that Enter (as well as Space) activates while it has focus."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(True)  # outside a dialog Qt ignores Enter on a focused button
    if primary:
        button.setProperty("primary", True)
    return button


def plain_label(text: str = "", name: str | None = None, *, wrap: bool = True) -> QLabel:
    """A label for text that may come from a lesson file: shown as text, never as HTML."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


# the app's scroll areas, for ``focus_in_view`` (weakly: an area goes when Qt deletes it)
_SCROLL_AREAS: weakref.WeakSet[QScrollArea] = weakref.WeakSet()


def scrolls_to_focus(area: QScrollArea) -> QScrollArea:
    """``area`` scrolls to the widget :func:`focus_in_view` focuses inside it (every scroll
    area of the app is made through here or :func:`vertical_scroll`)."""
    _SCROLL_AREAS.add(area)
    return area


def vertical_scroll(content: QWidget, name: str | None = None) -> QScrollArea:
    """``content`` in a frameless scroll area that scrolls vertically only: at large text the
    page grows downwards, never sideways."""
    area = scrolls_to_focus(QScrollArea())
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    content.setObjectName(content.objectName() or "scroll-content")
    area.setWidget(content)
    if name:
        area.setObjectName(name)
    return area


class FittedBrowser(QTextBrowser):
    """A read-only document exactly as tall as its text at the current width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setOpenLinks(False)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    def setHtml(self, text: str) -> None:
        super().setHtml(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def _fit(self, *_args: object) -> None:
        document = self.document()
        document.setTextWidth(max(self.viewport().width(), 50))
        frame = 2 * self.frameWidth()
        height = int(document.size().height()) + frame + 4
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(height)


def focus_in_view(widget: QWidget) -> None:
    """Give ``widget`` the focus and scroll every scroll area around it so that it is seen
    (Qt scrolls to a widget only when Tab moves the focus, not when the program does)."""
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    if not widget.isVisible():
        return  # a window being built: nothing is laid out to scroll to yet
    # the app's scroll areas are known (``scrolls_to_focus``): walking up through
    # ``parentWidget()`` made PySide resolve each parent's Python type, which created the enums
    # of some 20 widget classes this app never uses during the first paint (~7 ms, 55 enums),
    # and ``findChildren`` wraps every widget of the window (~3 ms each time)
    for area in list(_SCROLL_AREAS):
        inner = area.widget() if shiboken6.isValid(area) else None
        if inner is not None and (inner is widget or inner.isAncestorOf(widget)):
            area.ensureWidgetVisible(widget, 8, 8)
