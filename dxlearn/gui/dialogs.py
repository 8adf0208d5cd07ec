"""Small dialogs: an external address (never opened), a calm error, about/versions, help."""

from __future__ import annotations

import html
import platform
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QSize, Qt, qVersion
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

from .window_fit import fit_text_window


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
        browser = QTextBrowser()
        browser.setOpenLinks(False)
        browser.setHtml(html_text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
        # about 40 characters by 24 lines of the learner's text size (720 x 520 at 100 %):
        # at 200 % the dialog grows to the screen instead of scrolling in a small box
        fit_text_window(self, 40, 24, QSize(720, 520))


def show_help(parent: QWidget) -> None:
    """ヘルプ > 使い方: the steps and every key."""
    body = (
        QCoreApplication.translate("dialogs", "<h2>使い方</h2><ol>"
           "<li>左の一覧、またはホームの「次のレッスンを学習する」からレッスンを開きます。</li>"
           "<li>本文を最後までスクロールすると「読了」になります。"
           "「読了にする」ボタンでも構いません。</li>"
           "<li>「理解度チェックを始める」を押し、問題に答えます。"
           "合格するとレッスンは修了です。</li>"
           "<li>記録は自動で保存されます。途中で閉じても、続きから再開できます。</li></ol>")
        + QCoreApplication.translate("dialogs", "<h2>キー操作</h2><ul>"
             "<li>Ctrl + ;（または Ctrl + +、Ctrl + =）：文字を大きく（標準の 200% まで）</li>"
             "<li>Ctrl + -：文字を小さく　Ctrl + 0：標準の大きさ</li>"
             "<li>Ctrl + H：ホームに戻る</li>"
             "<li>Ctrl + F：レッスンを検索（Enter で開く、Esc で閉じる）</li>"
             "<li>Ctrl + R：今日の復習　Ctrl + L：学習の記録</li>"
             "<li>Ctrl + D：読了にする　Ctrl + T：理解度チェックを始める</li>"
             "<li>本文では Page Up／Page Down でスクロール、Ctrl + Home／Ctrl + End で"
             "先頭／末尾へ移動します。</li>"
             "<li>Ctrl + ]／Ctrl + [：レッスン一覧を広く／狭く</li>"
             "<li>Tab：次の項目へ　Enter・Space：ボタンを押す</li>"
             "<li>理解度チェックでは、数字キーで選択肢を選び、Enter で回答・次へ進みます。"
             "Esc で中断できます（答えた問題は保存されます）。</li>"
             "<li>Alt キーでメニューを開けます。</li>"
             "</ul>"))
    TextDialog(QCoreApplication.translate("dialogs", "使い方"), body, parent,
               "help-dialog").exec()


def show_broken_lesson(parent: QWidget, title: str, findings: list[str]) -> None:
    """A lesson with errors cannot be studied: say so and what to tell the trainer."""
    items = "".join(f"<li>{html.escape(f)}</li>" for f in findings)
    problem = QCoreApplication.translate(
        "dialogs", "このレッスンは教材ファイルに問題があるため、現在は学習できません。")
    ask = QCoreApplication.translate("dialogs", "研修担当者に次の内容を伝えてください。")
    body = f"<p>{html.escape(problem)}</p><p>{html.escape(ask)}</p><ul>{items}</ul>"
    TextDialog(title, body, parent, "broken-lesson-dialog").exec()


def tell_no_attempt_left(parent: QWidget) -> None:
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("dialogs", "理解度チェック"),
                      QCoreApplication.translate(
                          "dialogs", "受験できる回数の上限に達しています。"
                          "研修担当者に相談してください。"),
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def confirm_leave_quiz(parent: QWidget) -> bool:
    """Leave a quiz mid-attempt? 中断する is the default (nothing is lost: the answers are
    stored and the attempt resumes); Esc is 続ける."""
    box = QMessageBox(QMessageBox.Icon.Question,
                      QCoreApplication.translate("dialogs", "理解度チェックの中断"),
                      QCoreApplication.translate(
                          "dialogs", "理解度チェックを中断してレッスンに戻りますか？\n"
                          "答えた問題は保存されています。あとで「理解度チェックを始める」を"
                          "押すと、続きから再開できます。"),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("quiz-leave-dialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    leave = box.addButton(QCoreApplication.translate("dialogs", "中断する"),
                          QMessageBox.ButtonRole.AcceptRole)
    stay = box.addButton(QCoreApplication.translate("dialogs", "続ける"),
                         QMessageBox.ButtonRole.RejectRole)
    leave.setObjectName("quiz-leave-yes")
    stay.setObjectName("quiz-leave-no")
    box.setDefaultButton(leave)
    box.setEscapeButton(stay)
    box.exec()
    return box.clickedButton() is leave


def show_about(parent: QWidget, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("dialogs", "バージョン情報"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("about-dialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
