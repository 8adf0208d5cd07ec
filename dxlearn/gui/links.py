"""What a click on a link in a lesson does: the one rule for the learner's window and the
trainers' preview.

- ``http(s)``/``mailto``: the PCs are offline; the address is shown to copy, never opened;
- a lesson of the library (its folder or its ``lesson.md``): opened inside the app;
- a document inside the library on the allowlist (``content.links``): opened in its viewer;
- anything else (a program, a shortcut, an ``.svg`` that could run script): refused, with a
  message, and logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from dxlearn.content.links import is_openable_document
from dxlearn.content.model import Lesson, Library

from .dialogs import ExternalLinkDialog

logger = logging.getLogger(__name__)


class LinkOutcome(Enum):
    EXTERNAL_SHOWN = "external"
    LESSON_OPENED = "lesson"
    DOCUMENT_OPENED = "document"
    REFUSED = "refused"


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True


def follow_lesson_link(url: QUrl, library: Library, parent: QWidget,
                       open_lesson: Callable[[Lesson], None]) -> LinkOutcome:
    """Act on a clicked link; the caller shows a status message for ``REFUSED``."""
    if url.scheme() in ("http", "https", "mailto"):
        ExternalLinkDialog(url.toString(), parent).exec()
        return LinkOutcome.EXTERNAL_SHOWN
    if not url.isLocalFile():
        logger.warning("link %s refused: not a local file", url.toString())
        return LinkOutcome.REFUSED
    target = Path(url.toLocalFile())
    folder = target.parent if target.name == "lesson.md" else target
    for lesson in library.lessons():
        if lesson.folder == folder:
            open_lesson(lesson)
            return LinkOutcome.LESSON_OPENED
    if is_openable_document(target) and _inside(target, library.root) and target.is_file():
        QDesktopServices.openUrl(url)
        return LinkOutcome.DOCUMENT_OPENED
    logger.warning("link to %s refused: not a document inside the library", target)
    return LinkOutcome.REFUSED
