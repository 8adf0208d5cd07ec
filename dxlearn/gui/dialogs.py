"""Small dialogs: an external address (never opened), a calm error, about/versions, help."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dxlearn import __version__


class ExternalLinkDialog(QDialog):
    """The PCs are offline: show the address so the learner can copy it, and open nothing."""

    def __init__(self, address: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("external-link-dialog")
        self.setWindowTitle(self.tr("外部のページ"))
        self.setMinimumWidth(560)
        message = QLabel(
            self.tr(
                "このパソコンはインターネットに接続していないため、ページは開きません。\n"
                "必要な場合は、アドレスをコピーしてインターネットに接続できる端末で開いてください。"
            )
        )
        message.setWordWrap(True)
        self.address = QLineEdit(address)
        self.address.setObjectName("external-link-address")
        self.address.setReadOnly(True)
        self.address.setAccessibleName(self.tr("アドレス"))
        self.copy = QPushButton(self.tr("アドレスをコピー"))
        self.copy.setObjectName("external-link-copy")
        self.copy.clicked.connect(self._on_copy_clicked)
        self.copied = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.address, 1)
        row.addWidget(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addLayout(row)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.address.text())
        self.copied.setText(self.tr("コピーしました。"))


def show_error(parent: QWidget | None, message: str, log_path: Path | None) -> None:
    """A calm message: what happened, that nothing was lost, what to do next."""
    box = QMessageBox(parent)
    box.setObjectName("error-dialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("dialogs", "お知らせ"))
    text = message
    if log_path is not None:
        text += "\n\n" + QCoreApplication.translate(
            "dialogs", "困ったときは、情報政策担当にこの記録ファイルの場所を伝えてください：\n{0}"
        ).format(str(log_path))
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def about_text(database: Path | None, log_dir: Path | None, libraries: list[Path]) -> str:
    lines = [
        f"dxlearn {__version__}",
        f"Python {platform.python_version()} / Qt {qVersion()} / PySide6 {pyside_version}",
        f"OS: {platform.platform()}",
        "",
        f"学習記録: {database or '-'}",
        f"ログ: {log_dir or '-'}",
    ]
    lines += [f"教材: {path}" for path in libraries]
    if getattr(sys, "frozen", False):
        lines.append(f"実行ファイル: {sys.executable}")
    return "\n".join(lines)


class TextDialog(QDialog):
    def __init__(
        self,
        title: str,
        html_text: str,
        parent: QWidget | None = None,
        object_name: str = "text-dialog",
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.resize(720, 520)
        browser = QTextBrowser()
        browser.setOpenLinks(False)
        browser.setHtml(html_text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
