"""Keep a window inside the screen's *available* geometry (the taskbar excluded).

The PCs have 1366×768 screens with a 40 px taskbar: a window that asks for 1366×768 loses its
bottom edge (the status bar, 読了にする, 理解度チェックを始める) under the taskbar, and the title
bar pushes it further. So a window that would not fit with its frame is shown maximized (the
window manager fits it to the work area), else at its preferred size centred in the work
area. :func:`keep_on_screen` pulls a window back inside after a change of text size.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1366, 768)
FRAME_GUESS = QSize(16, 40)  # title bar and borders, before the window manager has said


def _screen(window: QWidget) -> QScreen:
    return window.screen() or QGuiApplication.primaryScreen()


def frame_margins(window: QWidget) -> QSize:
    """What the frame adds to the window's size (a guess until the window was shown)."""
    if window.isVisible():
        frame = window.frameGeometry().size() - window.geometry().size()
        if frame.width() >= 0 and frame.height() >= 0 and frame != QSize(0, 0):
            return frame
    return FRAME_GUESS


def fit_to_screen(window: QWidget, preferred: QSize = PREFERRED) -> None:
    """Size ``window`` (before it is shown) for the work area of its screen."""
    available = _screen(window).availableGeometry()
    frame = frame_margins(window)
    if (preferred.width() + frame.width() > available.width()
            or preferred.height() + frame.height() > available.height()):
        window.resize(available.size() - frame)
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return
    window.resize(preferred)
    target = QRect(0, 0, preferred.width() + frame.width(), preferred.height() + frame.height())
    target.moveCenter(available.center())
    window.move(target.topLeft())


def text_size(window: QWidget, columns: int, lines: int) -> QSize:
    """The size of ``columns`` full-width characters by ``lines`` lines in ``window``'s font (its
    stylesheet applied): a text window sized in the reader's text size, not in pixels, so it
    grows with 文字を大きく instead of scrolling inside a fixed box."""
    window.ensurePolished()
    metrics = window.fontMetrics()
    return QSize(metrics.horizontalAdvance("\u3042") * columns, metrics.lineSpacing() * lines)


def fit_text_window(window: QWidget, columns: int, lines: int, smallest: QSize) -> None:
    """Size ``window`` (before it is shown) for :func:`text_size`, never below ``smallest``;
    one that would not fit the work area fills it (:func:`fit_to_screen`)."""
    fit_to_screen(window, text_size(window, columns, lines).expandedTo(smallest))


def keep_on_screen(window: QWidget) -> None:
    """After the content changed size: a window that is not maximized and no longer fits the
    work area is made to fit again (never larger than the screen)."""
    if window.isMaximized() or window.isFullScreen():
        return
    available = _screen(window).availableGeometry()
    frame = window.frameGeometry() if window.isVisible() else window.geometry()
    if available.contains(frame):
        return
    margins = frame_margins(window)
    width = min(window.width(), available.width() - margins.width())
    height = min(window.height(), available.height() - margins.height())
    window.resize(width, height)
    left = min(max(frame.left(), available.left()), available.right() - width - margins.width())
    top = min(max(frame.top(), available.top()), available.bottom() - height - margins.height())
    window.move(max(left, available.left()), max(top, available.top()))
