"""Past one PC, through the real window: the share drop follows the learner's completions and
says when the folder is away; on a server the last learner and the learner list are this PC's,
preferences follow the learner, and a server that goes away mid-quiz costs no answer."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from dxlearn.gui.app import Launched, LaunchOptions, launch
from dxlearn.policy import load_policy

from .conftest import fill_profile_dialog, find, settle, stop, when_modal
from .test_journey import answer, click_lesson, correct_positions
from support.deploy import toml_path
from support.pgfixtures import Cluster


@pytest.fixture
def start_pc(qtbot, library_dir: Path) -> Iterator[Callable[..., Launched]]:  # type: ignore[no-untyped-def]
    """Launch dxlearn as on a PC whose data folder is ``data_dir``."""
    launched: list[Launched] = []

    def start(data_dir: Path, db: str | None = None,
              register: tuple[str, str, str, str] | None = None) -> Launched:
        data_dir.mkdir(parents=True, exist_ok=True)
        if register is not None:
            when_modal(fill_profile_dialog(*register))
        hook = sys.excepthook
        result = launch(LaunchOptions(policy=load_policy(), libraries=(library_dir,),
                                      data_dir=data_dir, db=db))
        sys.excepthook = hook
        launched.append(result)
        if result.window is not None:
            qtbot.addWidget(result.window)
            settle(qtbot, result.window)
        return result

    yield start
    for item in launched:
        if item.window is not None:
            item.window.close()
        if item.ctx.store is not None:
            item.ctx.store.close()


def central_text(launched: Launched) -> str:
    assert launched.window is not None
    label = find(launched.window, QLabel, "central-status")
    return str(label.text()) if label.isVisible() else ""


# -- the share drop -------------------------------------------------------------------------------


def test_the_share_drop_follows_completions_and_says_when_the_folder_is_away(  # type: ignore[no-untyped-def]
        qtbot, use_policy, tmp_path: Path, start_pc) -> None:
    records = tmp_path / "share" / "records"
    use_policy(f"records_dir = {toml_path(records)}\n")
    data = tmp_path / "pc"
    launched = start_pc(data, register=("00123", "山田 花子", "市民課", "staff"))
    window = launched.window
    assert window is not None
    qtbot.waitUntil(lambda: "未送信（共有フォルダーに接続できません）" in central_text(launched),
                    timeout=10000)  # the start's drop found no folder: the learner goes on
    records.mkdir(parents=True)
    click_lesson(qtbot, window, "reading")
    qtbot.mouseClick(find(window, QPushButton, "lesson-mark-read"), Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "送信済み" in central_text(launched), timeout=10000)
    detail = next(records.glob("*-detail.csv"))
    assert ",reading," in detail.read_text(encoding="utf-8-sig")
    assert (records / (detail.name + ".sig.json")).is_file()
    shutil.rmtree(records)  # the share goes away; finishing a quiz tries again
    click_lesson(qtbot, window, "intro")
    qtbot.mouseClick(find(window, QPushButton, "lesson-start-quiz"), Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    answer(qtbot, window, correct_positions(window, 0))
    answer(qtbot, window, correct_positions(window, 1))
    qtbot.waitUntil(lambda: "未送信" in central_text(launched), timeout=10000)
    records.mkdir(parents=True)  # back before the learner quits: the exit's drop sends it
    stop(launched)
    text = next(records.glob("*-detail.csv")).read_text(encoding="utf-8-sig")
    assert "intro" in text and "completed" in text


# -- a server database ----------------------------------------------------------------------------


pg = pytest.mark.postgresql


@pg
def test_the_last_learner_and_the_learner_list_are_this_pcs(  # type: ignore[no-untyped-def]
        qtbot, start_pc, pg_url: str, tmp_path: Path) -> None:
    first = start_pc(tmp_path / "pc-a", pg_url, ("00123", "山田 花子", "市民課", "staff"))
    assert first.ctx.learner is not None and first.ctx.learner.staff_id == "00123"
    stop(first)
    # another PC on the same server: nobody is signed in there yet
    second = start_pc(tmp_path / "pc-b", pg_url, ("00456", "佐藤 一郎", "税務課", "staff"))
    assert second.ctx.learner is not None and second.ctx.learner.staff_id == "00456"
    from dxlearn.gui.operations import learner as learner_ops
    from dxlearn.gui.operations.runner import run_now

    listed = run_now(learner_ops.registered(second.ctx))
    assert [p.staff_id for p in listed] == ["00456"]  # not the whole organisation
    stop(second)
    again = start_pc(tmp_path / "pc-a", pg_url)  # PC A remembers its own learner
    assert again.ctx.learner is not None and again.ctx.learner.staff_id == "00123"


@pg
def test_preferences_follow_the_learner_from_pc_to_pc(  # type: ignore[no-untyped-def]
        qtbot, start_pc, pg_url: str, tmp_path: Path) -> None:
    first = start_pc(tmp_path / "pc-a", pg_url, ("00123", "山田 花子", "市民課", "staff"))
    assert first.window is not None
    first.window.view.zoom(3)
    first.window.view.set_high_contrast(True)
    settle(qtbot, first.window)
    stop(first)
    elsewhere = start_pc(tmp_path / "pc-b", pg_url, ("00123", "山田 花子", "市民課", "staff"))
    prefs = elsewhere.ctx.preferences
    assert (prefs.font_pt, prefs.high_contrast) == (16, True)


@pg
def test_a_server_gone_mid_quiz_costs_no_answer(  # type: ignore[no-untyped-def]
        qtbot, start_pc, own_cluster: Cluster, own_url: str, tmp_path: Path) -> None:
    launched = start_pc(tmp_path / "pc", own_url, ("00123", "山田 花子", "市民課", "staff"))
    window = launched.window
    assert window is not None and launched.ctx.store is not None
    click_lesson(qtbot, window, "intro")
    qtbot.mouseClick(find(window, QPushButton, "lesson-mark-read"), Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.mouseClick(find(window, QPushButton, "lesson-start-quiz"), Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    own_cluster.server.stop()
    answer(qtbot, window, correct_positions(window, 0))
    answer(qtbot, window, correct_positions(window, 1))
    assert "100" in find(window, QLabel, "quiz-score").text()
    window.central._tick()
    assert "サーバーに接続できません。回答はこのパソコンに保存され、接続が戻ると送られます。" in \
        central_text(launched)
    own_cluster.server.start()
    store = launched.ctx.store
    assert store._link is not None
    store._link._last_try = 0.0  # the next try is due now (it is every 10 s)
    window.central._tick()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: store.link_status().pending == 0, timeout=20000)  # type: ignore[union-attr]
    window.central._tick()
    assert "サーバーに接続できません" not in central_text(launched)
    record = store.lesson_progress("00123", "test-lib", "intro")
    assert record.completed_at is not None and record.best_score == 100
    (attempt,) = store.attempts_for("00123", "test-lib", "intro")
    assert len(store.attempt_state(attempt.attempt_id).answers) == 2
