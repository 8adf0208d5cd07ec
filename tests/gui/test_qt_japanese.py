"""Qt's own strings are Japanese in the Japanese app (context menus, message-box buttons, the
file dialog), and the export dialog speaks plain Japanese."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
)

from .conftest import settle, when_modal

JARGON = re.compile(r"summary|detail|xAPI|JSON|BOM|sig\.json|CP932|UTF-8|Shift_JIS", re.I)


def test_qt_strings_are_japanese(qtbot, start_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    window = launched.window
    window.open_lesson("intro")
    settle(qtbot, window)
    menu = window.lesson_page.browser.createStandardContextMenu(QPoint(0, 0))
    texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert "コピー(&C)" in texts and "すべてを選択" in texts
    assert not [t for t in texts if re.search(r"[A-Za-z]{3,}", t)], texts
    box = QMessageBox(QMessageBox.Icon.Question, "t", "t",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
                      | QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert {b.text() for b in box.buttons()} == {"OK", "キャンセル", "はい(&Y)", "いいえ(&N)"}
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    assert buttons.buttons()[0].text() == "閉じる"
    dialog = QFileDialog(window, "保存先", str(tmp_path), "PDF ファイル (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert labels and all(not re.search(r"[A-Za-z]{3,}", t) for t in labels), labels
    english = [b.text() for b in dialog.findChildren(QPushButton)
               if re.search(r"[A-Za-z]{3,}", b.text())]
    assert english == []


def test_export_dialog_labels_are_plain_japanese(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    seen: list[list[str]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        texts = [label.text() for label in dialog.findChildren(QLabel)
                 if label.objectName() != "hint"]  # the explanation line may name formats
        for combo in dialog.findChildren(QComboBox):
            texts += [combo.itemText(i) for i in range(combo.count())]
        seen.append(texts)
        dialog.reject()

    when_modal(look)
    launched.window.menu_actions["export"].trigger()
    qtbot.waitUntil(lambda: bool(seen))
    texts = seen[0]
    assert "人事システム取り込み用（詳細）" in texts
    jargon = [t for t in texts if JARGON.search(t)]
    assert jargon == []


def test_code_blocks_use_a_japanese_font_of_their_own(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A lesson's code block (the prompt in genai-practice) used ``monospace`` alone: a Latin
    font (Noto Sans Mono here, Consolas-like on Windows) drew the ASCII and Qt took each
    Japanese run from a fallback font, so 「やさしい」 showed as 「やさ しい」. The CSS names
    Japanese monospaced fonts first (BIZ UDGothic / MS Gothic on Windows, IPAGothic here)."""
    from PySide6.QtGui import QFontDatabase, QFontInfo, QTextCursor, QTextDocument

    from dxlearn.gui import style

    for theme in (style.NORMAL, style.HIGH_CONTRAST):
        document = QTextDocument()
        document.setDefaultStyleSheet(style.document_css(theme, 12))
        document.setHtml("<p>本文</p><pre>条件：300字程度。やさしい表現で。</pre>")
        cursor = QTextCursor(document)
        cursor.setPosition(document.toPlainText().index("やさしい") + 1)
        family = QFontInfo(cursor.charFormat().font()).family()
        assert QFontDatabase.WritingSystem.Japanese in QFontDatabase.writingSystems(family), (
            family)
