"""The menu bar: ファイル, レッスン, 表示, 学習者, ヘルプ. Each action calls a handler it is
given (the window passes them in), so this module knows no window class."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from dxlearn import messages

if TYPE_CHECKING:
    from dxlearn.policy import Policy

Handler = Callable[..., object]



def build_menus(window: QMainWindow, on: Mapping[str, Handler], *, high_contrast: bool,
                language: str) -> dict[str, QAction]:
    """The menus; ``on`` maps each action key to its handler. Returns the actions by key
    (objectName ``action-<key>``, the automation contract in the README). Every shortcut is
    on a menu item, so the menus show it."""
    actions: dict[str, QAction] = {}
    bar = window.menuBar()

    def add(menu: QMenu, key: str, text: str, *shortcuts: str,
            checkable: bool = False) -> QAction:
        action = QAction(text, window)
        action.setObjectName(f"action-{key}")
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setCheckable(checkable)
        action.triggered.connect(on[key])
        menu.addAction(action)
        actions[key] = action
        return action

    file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "ファイル(&F)"))
    add(file_menu, "export",
        QCoreApplication.translate("MainWindow", "修了記録の書き出し..."), "Ctrl+E")
    add(file_menu, "certificate",
        QCoreApplication.translate("MainWindow", "修了証..."))
    add(file_menu, "import-pack",
        QCoreApplication.translate("MainWindow", "教材パックの取り込み..."))
    file_menu.addSeparator()
    add(file_menu, "quit",
        QCoreApplication.translate("MainWindow", "終了"), "Ctrl+Q")

    lesson = bar.addMenu(QCoreApplication.translate("MainWindow", "レッスン(&S)"))
    add(lesson, "mark-read",
        QCoreApplication.translate("MainWindow", "読了にする"), "Ctrl+D")
    add(lesson, "start-quiz",
        QCoreApplication.translate("MainWindow", "理解度チェックを始める"), "Ctrl+T")

    view = bar.addMenu(QCoreApplication.translate("MainWindow", "表示(&V)"))
    add(view, "home", QCoreApplication.translate("MainWindow", "ホーム"), "Ctrl+H")
    add(view, "review", QCoreApplication.translate("MainWindow", "復習"), "Ctrl+R")
    add(view, "search", QCoreApplication.translate("MainWindow", "検索"), "Ctrl+F")
    add(view, "record", QCoreApplication.translate("MainWindow", "学習の記録"), "Ctrl+L")
    view.addSeparator()
    # Ctrl++ first (the menu shows it); Ctrl+= for US keyboards, where "+" needs Shift, and
    # Ctrl+; for Japanese keyboards, where "+" is Shift+";".
    add(view, "zoom-in",
        QCoreApplication.translate("MainWindow", "文字を大きく"), "Ctrl++", "Ctrl+=", "Ctrl+;")
    add(view, "zoom-out",
        QCoreApplication.translate("MainWindow", "文字を小さく"), "Ctrl+-")
    add(view, "zoom-reset",
        QCoreApplication.translate("MainWindow", "文字を標準の大きさに"), "Ctrl+0")
    view.addSeparator()
    add(view, "curriculum-wider",
        QCoreApplication.translate("MainWindow", "レッスン一覧を広く"), "Ctrl+]")
    add(view, "curriculum-narrower",
        QCoreApplication.translate("MainWindow", "レッスン一覧を狭く"), "Ctrl+[")
    view.addSeparator()
    contrast = add(view, "high-contrast",
        QCoreApplication.translate("MainWindow", "ハイコントラスト表示"), checkable=True)
    contrast.setChecked(high_contrast)
    language_menu = view.addMenu(QCoreApplication.translate("MainWindow", "表示言語"))
    group = QActionGroup(window)
    for code, label in (("ja", "日本語"), ("en", "English")):
        action = add(language_menu, f"language-{code}", label, checkable=True)
        action.setChecked(language == code)
        group.addAction(action)

    learner = bar.addMenu(QCoreApplication.translate("MainWindow", "学習者(&L)"))
    add(learner, "switch-learner",
        QCoreApplication.translate("MainWindow", "学習者の切り替え..."))
    add(learner, "edit-profile",
        QCoreApplication.translate("MainWindow", "登録内容の変更..."))

    help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "ヘルプ(&H)"))
    add(help_menu, "help",
        QCoreApplication.translate("MainWindow", "使い方"), "F1")
    add(help_menu, "about", QCoreApplication.translate("MainWindow", "バージョン情報"))
    return actions


def restrict_import_action(action: QAction, policy: Policy, lang: str = "ja") -> None:
    """Disable ファイル > 教材パックの取り込み where the policy does not allow pack import, and
    say why in its label, tooltip and status tip (read by screen readers too)."""
    if policy.pack_import_allowed:
        return
    reason = messages.text("pack.import_not_allowed", lang)
    action.setEnabled(False)
    action.setText(action.text().removesuffix("...")
                   + messages.text("pack.menu_not_allowed", lang))
    action.setToolTip(reason)
    action.setStatusTip(reason)
    action.setWhatsThis(reason)
    for menu in action.associatedObjects():
        if isinstance(menu, QMenu):
            menu.setToolTipsVisible(True)  # the reason shows when the item is pointed at
