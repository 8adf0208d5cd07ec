"""Tell a screen reader what just happened: 正解/不正解, a score, pass or fail, 読了, an error.

A label whose text changes is not enough (a screen reader reads only what has focus); Qt 6.8
added :class:`QAccessibleAnnouncementEvent` (AT-SPI ``Announcement`` on Linux, UIA
``Notification`` on Windows), which a reader speaks without moving the focus. Results are
*assertive* (spoken now, interrupting), notices such as the text size *polite*.

Every announcement goes through :func:`announce` so that tests can observe them at
``QAccessible.updateAccessibility`` (the point where an event enters Qt's accessibility
bridge).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

# QAccessible's classes are imported at the first announcement: importing them made PySide
# create their 8 enums before the first paint (~2 ms), which announces nothing
if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

logger = logging.getLogger(__name__)


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have ``text`` spoken, as said by ``widget`` (which should be visible: readers ignore
    events from hidden objects)."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    text = " ".join(text.split())
    if not text:
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
    logger.debug("announced: %s", text)


def name_changed(widget: QWidget) -> None:
    """The accessible name or text of ``widget`` changed (for readers that watch the object,
    e.g. a live region in the result page)."""
    from PySide6.QtGui import QAccessible, QAccessibleEvent

    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.NameChanged))
