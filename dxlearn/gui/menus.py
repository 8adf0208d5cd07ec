"""The menu bar: ファイル, 表示, 学習者, ヘルプ. Actions call the main window's methods."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

if TYPE_CHECKING:
    from .main_window import MainWindow


def build_menus(window: MainWindow) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    bar = window.menuBar()

    def add(
        menu,
        key: str,
        text: str,
        slot,
        shortcut: str | None = None,  # type: ignore[no-untyped-def]
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, window)
        action.setObjectName(f"action-{key}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        menu.addAction(action)
        actions[key] = action
        return action

    file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "ファイル(&F)"))
    add(
        file_menu,
        "export",
        QCoreApplication.translate("MainWindow", "修了記録の書き出し..."),
        window.export_records,
        "Ctrl+E",
    )
    add(
        file_menu,
        "certificate",
        QCoreApplication.translate("MainWindow", "修了証..."),
        window.save_certificate,
    )
    add(
        file_menu,
        "import-pack",
        QCoreApplication.translate("MainWindow", "教材パックの取り込み..."),
        window.import_pack,
    )
    file_menu.addSeparator()
    add(file_menu, "quit", QCoreApplication.translate("MainWindow", "終了"), window.close, "Ctrl+Q")

    view = bar.addMenu(QCoreApplication.translate("MainWindow", "表示(&V)"))
    add(view, "home", QCoreApplication.translate("MainWindow", "ホーム"), window.go_home)
    view.addSeparator()
    add(
        view,
        "zoom-in",
        QCoreApplication.translate("MainWindow", "文字を大きく"),
        lambda: window.zoom(1),
        "Ctrl+=",
    )
    add(
        view,
        "zoom-out",
        QCoreApplication.translate("MainWindow", "文字を小さく"),
        lambda: window.zoom(-1),
        "Ctrl+-",
    )
    add(
        view,
        "zoom-reset",
        QCoreApplication.translate("MainWindow", "文字を標準の大きさに"),
        lambda: window.zoom(0),
        "Ctrl+0",
    )
    # Ctrl++ as well: on a Japanese keyboard "+" is Shift+";", which many people press.
    extra_zoom = QAction(window)
    extra_zoom.setShortcut(QKeySequence("Ctrl++"))
    extra_zoom.triggered.connect(lambda: window.zoom(1))
    window.addAction(extra_zoom)
    view.addSeparator()
    contrast = add(
        view,
        "high-contrast",
        QCoreApplication.translate("MainWindow", "ハイコントラスト表示"),
        window.set_high_contrast,
        checkable=True,
    )
    contrast.setChecked(window.ctx.preferences.high_contrast)
    language = view.addMenu(QCoreApplication.translate("MainWindow", "表示言語"))
    group = QActionGroup(window)
    for code, label in (("ja", "日本語"), ("en", "English")):
        action = add(
            language,
            f"language-{code}",
            label,
            lambda _checked=False, c=code: window.set_language(c),
            checkable=True,
        )
        action.setChecked(window.ctx.preferences.language == code)
        group.addAction(action)

    learner = bar.addMenu(QCoreApplication.translate("MainWindow", "学習者(&L)"))
    add(
        learner,
        "switch-learner",
        QCoreApplication.translate("MainWindow", "学習者の切り替え..."),
        window.learner_switch_requested.emit,
    )
    edit = add(
        learner,
        "edit-profile",
        QCoreApplication.translate("MainWindow", "登録内容の変更..."),
        window.profile_edit_requested.emit,
    )
    edit.setEnabled(True)

    help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "ヘルプ(&H)"))
    add(
        help_menu,
        "help",
        QCoreApplication.translate("MainWindow", "使い方"),
        window.show_help,
        "F1",
    )
    add(
        help_menu,
        "about",
        QCoreApplication.translate("MainWindow", "バージョン情報"),
        window.show_about,
    )
    return actions
