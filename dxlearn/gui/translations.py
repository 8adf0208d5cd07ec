"""The translators of one application: dxlearn's own (English; Japanese is the source language)
and Qt's (so context menus, file dialogs and message-box buttons speak the learner's language).

An explicit object created at launch and kept by the caller, never a module global.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from dxlearn import paths

logger = logging.getLogger(__name__)

QT_CATALOGUES = ("qtbase",)  # Qt's widget strings: Copy, Select All, Cancel, file dialogs

# What Qt's own Japanese catalogue (qtbase_ja) leaves in English in the widgets we show: the
# Qt file dialog's "Look in" and "Files of type" (the dialog on Linux; Windows uses its own).
QT_JAPANESE_GAPS = {
    ("QFileDialog", "&Look in:"): "場所(&L):",
    ("QFileDialog", "Files of &type:"): "ファイルの種類(&T):",
    ("QFileDialog", "Look in:"): "場所:",
    ("QFileDialog", "Files of type:"): "ファイルの種類:",
}


class _QtGaps(QTranslator):
    """Japanese for the few Qt strings qtbase_ja does not translate."""

    def __init__(self, parent: QApplication, texts: dict[tuple[str, str], str]) -> None:
        super().__init__(parent)
        self._texts = texts

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        # None, not "": an empty string would be taken as the translation of every text
        return self._texts.get((context, source))  # type: ignore[return-value]

    def isEmpty(self) -> bool:
        return False


class Translations:
    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "ja"

    def use(self, language: str) -> None:
        """Install the translators for ``language`` ("ja" or "en"), removing earlier ones."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = language
        locale = QLocale(language)
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for catalogue in QT_CATALOGUES:
            self._load(locale, catalogue, qt_folder)
        if language == "ja":
            gaps = _QtGaps(self._app, QT_JAPANESE_GAPS)
            self._app.installTranslator(gaps)
            self._installed.append(gaps)
        if language != "ja":
            self._load(locale, "dxlearn", str(paths.resources_dir() / "translations"))

    def _load(self, locale: QLocale, name: str, folder: str) -> None:
        translator = QTranslator(self._app)
        if translator.load(locale, name, "_", folder):
            self._app.installTranslator(translator)
            self._installed.append(translator)
        else:
            logger.info("no %s translation for %s in %s", name, locale.name(), folder)
