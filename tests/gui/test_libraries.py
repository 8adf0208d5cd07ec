"""Several libraries: the bundled one, imported packs, the learner's choice remembered."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox

from dxlearn.content.pack import build_pack
from dxlearn.gui.app import LaunchOptions, launch
from dxlearn.policy import load_policy

from .conftest import build_library, fill_profile_dialog, settle, stop, when_modal


def _launch(data_dir: Path, qtbot, register: bool):  # type: ignore[no-untyped-def]
    if register:
        when_modal(fill_profile_dialog("0042", "佐藤 一郎", "総務課", "staff"))
    hook = sys.excepthook
    launched = launch(LaunchOptions(policy=load_policy(), data_dir=data_dir))
    sys.excepthook = hook
    qtbot.addWidget(launched.window)
    return launched


def _second_library(root: Path) -> Path:
    build_library(root)
    (root / "library.yaml").write_text("id: second-lib\ntitle: 追加の研修\nversion: '2'\n",
                                       encoding="utf-8")
    return root


def test_imported_library_can_be_chosen_and_the_choice_is_remembered(
    qtbot, data_dir: Path, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    _second_library(data_dir / "libraries" / "second-lib")
    launched = _launch(data_dir, qtbot, register=True)
    window = launched.window
    chooser = window.findChild(QComboBox, "library-chooser")
    assert chooser.isVisibleTo(window) and chooser.count() == 2
    assert launched.ctx.library.id == "lg-dx-literacy"  # the bundled library comes first

    chooser.setCurrentIndex(chooser.findData("second-lib"))
    assert launched.ctx.library.id == "second-lib"
    assert "intro" in window.tree.lesson_ids()
    window.open_lesson("reading")
    window.lesson_page.mark_read.click()
    stop(launched)

    again = _launch(data_dir, qtbot, register=False)
    assert again.ctx.library.id == "second-lib"
    progress = again.ctx.store.progress_for("0042", "second-lib")
    assert progress["reading"].status.value == "completed"
    assert again.window.findChild(QComboBox, "library-chooser").currentData() == "second-lib"
    stop(again)


def test_pack_import_from_the_menu_adds_the_library(
    qtbot, data_dir: Path, tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    source = _second_library(tmp_path / "source")
    (source / "01-basics" / "04-broken").rename(tmp_path / "broken-aside")  # packs lint clean
    pack = tmp_path / "second.dxpack"
    build_pack(source, pack)
    launched = _launch(data_dir, qtbot, register=True)
    window = launched.window
    chooser = window.findChild(QComboBox, "library-chooser")
    assert not chooser.isVisibleTo(window)  # one library: nothing to choose

    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(pack), "")))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    window.menu_actions["import-pack"].trigger()
    settle(qtbot, window)

    assert (data_dir / "libraries" / "second-lib" / "library.yaml").is_file()
    assert chooser.isVisibleTo(window) and chooser.findData("second-lib") >= 0
    stop(launched)


def test_a_pack_folder_with_the_bundled_id_is_not_loaded_and_the_learner_is_told(
    qtbot, data_dir: Path  # type: ignore[no-untyped-def]
) -> None:
    """Finding C2 at load time: a library in the imported folder claiming the bundled
    library's id (copied there by hand, or left by an older version) never replaces it, and
    the window says so."""
    forged = data_dir / "libraries" / "lg-dx-literacy"
    build_library(forged)
    (forged / "library.yaml").write_text("id: lg-dx-literacy\ntitle: 偽の研修\nversion: '9999'\n",
                                         encoding="utf-8")
    launched = _launch(data_dir, qtbot, register=True)
    try:
        assert [lib.title for lib in launched.ctx.libraries] == ["自治体DXリテラシー研修"]
        banner = launched.window.banner
        assert banner.isVisibleTo(launched.window)
        assert "読み込みませんでした" in banner.text() and str(forged) in banner.text()
    finally:
        stop(launched)
