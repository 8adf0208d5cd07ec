"""A whole learner session on the real window, as on a closed LGWAN PC:

- with every socket blocked (creating, connecting, resolving), nothing tries to connect;
- on a wiped (non-persistent) desktop with the policy's data_dir on a home drive, the
  per-user profile stays empty: the database, backups, settings and logs all go to data_dir.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton, QTextBrowser

from dxlearn.export.api import ExportOptions, export_completion
from dxlearn.export.columns import Scope
from dxlearn.export.settings import settings_for
from dxlearn.integrity.verify import Verdict, verify_file
from dxlearn.learning.status import Status
from dxlearn.policy import load_policy

from support.deploy import fill_sign_in, gui_args, run_launch, toml_path

KEY_HEX = "0123456789abcdef" * 4


def find(window, cls, name):  # type: ignore[no-untyped-def]
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name!r}"
    return widget


def learner_session(qtbot, export_dir: Path) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Sign in, open a bundled lesson, read it, pass its quiz by clicking, export, close."""
    launched = run_launch(gui_args(), fill_sign_in())
    window, ctx = launched.window, launched.ctx
    assert window is not None
    qtbot.addWidget(window)
    try:
        lesson = next(les for les in ctx.library.curriculum("staff") if les.quiz is not None)
        window.open_lesson(lesson.id)
        assert lesson.title in window.lesson_page.title.text()
        assert find(window, QTextBrowser, "lesson-view").toPlainText().strip()
        qtbot.mouseClick(find(window, QPushButton, "lesson-mark-read"), Qt.MouseButton.LeftButton)
        window.start_quiz(lesson.id)
        session = window.quiz_session
        assert session is not None
        for index, question in enumerate(session.quiz.questions):
            order = session.state.choice_orders[index]
            for position in sorted(order.index(i) for i in question.correct_indexes):
                qtbot.mouseClick(find(window, QAbstractButton, f"quiz-choice-{position}"),
                                 Qt.MouseButton.LeftButton)
            qtbot.mouseClick(find(window, QPushButton, "quiz-submit"), Qt.MouseButton.LeftButton)
            qtbot.mouseClick(find(window, QPushButton, "quiz-next"), Qt.MouseButton.LeftButton)
        assert "100" in find(window, QLabel, "quiz-score").text()
        record = ctx.store.lesson_progress("00123", ctx.library.id, lesson.id)
        assert record.status is Status.COMPLETED

        assert ctx.export_dir == export_dir
        target = export_dir / "detail.csv"
        settings = settings_for(load_policy())
        result = export_completion(ctx.store, ctx.libraries, target,
                                   ExportOptions(scope=Scope.DETAIL), settings)
        assert result.signed and result.rows >= 1
        assert verify_file(target, settings).verdict is Verdict.AUTHENTIC
        return {"lesson": lesson.id, "database": ctx.database_path}
    finally:
        window.close()
        ctx.store.close()


class SocketBlocked(RuntimeError):
    pass


@pytest.fixture
def blocked_sockets(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def call(*args: object, **kwargs: object) -> object:
            attempts.append(f"{name}{args!r}")
            raise SocketBlocked(f"network use attempted: {name}{args!r}")
        return call

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname",
                 "create_server", "socketpair"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


@pytest.fixture
def policy_with_data_dir(use_policy, tmp_path: Path) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    data = tmp_path / "H-drive" / "dxlearn"
    data.parent.mkdir()
    exports = tmp_path / "exports"
    exports.mkdir()
    use_policy("\n".join([f"data_dir = {toml_path(data)}", f"export_dir = {toml_path(exports)}",
                          'export_key_id = "org-test"', f'export_key = "{KEY_HEX}"',
                          'organisation_url = "https://www.city.example.lg.jp/"']) + "\n")
    return {"data": data, "exports": exports}


def test_a_full_learner_session_opens_no_socket(qtbot, blocked_sockets, policy_with_data_dir,  # type: ignore[no-untyped-def]
                                                fresh_log_handlers) -> None:
    done = learner_session(qtbot, policy_with_data_dir["exports"])
    assert done["database"] == policy_with_data_dir["data"] / "progress.db"
    assert blocked_sockets == []
    with pytest.raises(SocketBlocked):  # the block was in force
        socket.create_connection(("www.example.lg.jp", 443))
    # the host name for the export's device column is a local call, still allowed
    assert socket.gethostname()


def test_a_wiped_profile_stays_empty_when_the_policy_sets_data_dir(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, policy_with_data_dir,  # type: ignore[no-untyped-def]
    fresh_log_handlers
) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    for name, sub in (("HOME", ""), ("USERPROFILE", ""), ("XDG_DATA_HOME", ".local/share"),
                      ("XDG_CONFIG_HOME", ".config"), ("XDG_STATE_HOME", ".local/state"),
                      ("XDG_CACHE_HOME", ".cache"), ("LOCALAPPDATA", "AppData/Local"),
                      ("APPDATA", "AppData/Roaming")):
        monkeypatch.setenv(name, str(profile / sub) if sub else str(profile))

    learner_session(qtbot, policy_with_data_dir["exports"])

    left = sorted(str(p.relative_to(profile)) for p in profile.rglob("*"))
    assert left == [], f"written into the wiped profile: {left}"
    data = policy_with_data_dir["data"]
    assert (data / "progress.db").is_file()
    assert (data / "logs" / "dxlearn.log").is_file()
    assert "signed in: 00123" in (data / "logs" / "dxlearn.log").read_text(encoding="utf-8")
    assert any((data / "backups").iterdir())  # the clean close's backup
