"""The server goes away: answers go to the PC's journal and reach the server in order and
exactly once when it is back; a restart sends them first; a hung server never holds a call
longer than the deadline (interop review, PostgreSQL 6).

These stop, start and freeze a server of their own (``own_cluster``)."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from store_support import T0, ManualClock

from dxlearn.learning import Status
from dxlearn.store import ProgressStore, open_store
from dxlearn.store.engine import create_store_engine, resolve_target
from dxlearn.store.server import LinkState

from support.pgfixtures import Cluster

pytestmark = pytest.mark.postgresql
LIB = "lib"


def _server_rows(url: str) -> dict[str, object]:
    engine = create_store_engine(resolve_target(url))
    try:
        with engine.connect() as connection:
            answers = connection.execute(text(
                "SELECT question_index, selected::text, correct, answered_at "
                "FROM attempt_answers ORDER BY question_index")).all()
            attempts = connection.execute(text(
                "SELECT score, passed, finished_at FROM quiz_attempts")).all()
            progress = connection.execute(text(
                "SELECT study_seconds, read_at, completed_at FROM lesson_progress")).all()
    finally:
        engine.dispose()
    return {"answers": answers, "attempts": attempts, "progress": progress}


def _start_quiz(store: ProgressStore) -> int:
    store.ensure_learner("00123", "山田 太郎", "市民課", "staff")
    store.progress_for("00123", LIB)  # what the window reads first
    store.open_lesson("00123", LIB, "l1", version=1)
    state = store.start_attempt("00123", LIB, "l1", lesson_version=1, pass_score=75,
                                choice_orders=[[0, 1, 2]] * 4)
    store.attempts_for("00123", LIB, "l1")
    store.record_answer(state.attempt_id, 0, [0], True)
    return state.attempt_id


def _answer_while_away(store: ProgressStore, clock: ManualClock, attempt: int) -> None:
    for question, choice, correct in ((1, [1], True), (2, [2], False), (3, [0], True)):
        clock.advance(seconds=20)
        started = time.monotonic()
        store.record_answer(attempt, question, choice, correct)
        assert time.monotonic() - started < 3, "the learner never waits on a stopped server"
    store.add_study_seconds("00123", LIB, "l1", 120)
    clock.advance(seconds=5)
    finished = store.finish_attempt(attempt, 75)  # answered from what is known
    assert finished.attempt.passed and finished.attempt.score == 75
    clock.advance(seconds=5)
    record = store.mark_read("00123", LIB, "l1", version=1, has_quiz=True)
    assert record.status is Status.COMPLETED  # passed, then read: what the server will say
    assert store.attempts_for("00123", LIB, "l1")[0].finished


def _check_arrived_once(url: str) -> None:
    rows = _server_rows(url)
    assert [(q, s, c) for q, s, c, _at in rows["answers"]] == [
        (0, "[0]", True), (1, "[1]", True), (2, "[2]", False), (3, "[0]", True)]
    times = [at for *_rest, at in rows["answers"]]
    assert times[1:] == [T0 + timedelta(seconds=20 * n) for n in (1, 2, 3)]  # when answered
    assert [(score, passed) for score, passed, _f in rows["attempts"]] == [(75, True)]
    ((seconds, read_at, completed_at),) = rows["progress"]
    assert seconds == 120 and read_at == T0 + timedelta(seconds=70)
    assert completed_at == read_at


def test_answers_given_while_the_server_is_stopped_arrive_in_order_and_once(
        own_cluster: Cluster, own_url: str, tmp_path: Path) -> None:
    clock = ManualClock()
    with open_store(own_url, clock=clock, journal_dir=tmp_path) as opened:
        store = opened.store
        attempt = _start_quiz(store)
        own_cluster.server.stop()
        _answer_while_away(store, clock, attempt)
        status = store.link_status()
        assert status is not None and status.state is LinkState.AWAY and status.pending == 6
        assert store.flush_journal() == 0  # still away: nothing sent, nothing lost
        own_cluster.server.start()
        assert store.flush_journal() == 6
        assert store.flush_journal() == 0  # sent once
        after = store.link_status()
        assert after is not None and after.state is LinkState.ONLINE and after.pending == 0
        assert store.lesson_progress("00123", LIB, "l1").status is Status.COMPLETED
    _check_arrived_once(own_url)


def test_a_restart_with_unsent_answers_sends_them_first(
        own_cluster: Cluster, own_url: str, tmp_path: Path) -> None:
    clock = ManualClock()
    with open_store(own_url, clock=clock, journal_dir=tmp_path) as opened:
        attempt = _start_quiz(opened.store)
        own_cluster.server.stop()
        _answer_while_away(opened.store, clock, attempt)
    own_cluster.server.start()  # the PC was switched off meanwhile; the app starts again
    with open_store(own_url, journal_dir=tmp_path) as again:
        assert again.store.link_status().pending == 6  # type: ignore[union-attr]
        assert again.store.flush_journal() == 6  # what the app does first (gui.app)
    _check_arrived_once(own_url)


def test_a_hung_server_holds_no_call_longer_than_the_deadline(
        own_cluster: Cluster, own_url: str, tmp_path: Path) -> None:
    """SIGSTOP: the connection stays open and nothing answers; the window froze before."""
    clock = ManualClock()
    with open_store(own_url, clock=clock, journal_dir=tmp_path) as opened:
        store = opened.store
        assert store._link is not None
        store._link.deadline = 2.0
        attempt = _start_quiz(store)
        own_cluster.server.freeze()
        try:
            started = time.monotonic()
            store.record_answer(attempt, 1, [1], True)  # the deadline, then the journal
            store.add_study_seconds("00123", LIB, "l1", 120)  # straight to the journal
            waited = time.monotonic() - started
            assert waited < 4, waited
            assert store.link_status().state is LinkState.AWAY  # type: ignore[union-attr]
        finally:
            own_cluster.server.thaw()
        time.sleep(1)  # the abandoned call may now finish on its own: still counted once
        assert store.flush_journal() == 2
    rows = _server_rows(own_url)
    assert [q for q, *_rest in rows["answers"]] == [0, 1]
    assert rows["progress"][0][0] == 120


def test_a_write_the_server_refuses_is_kept_aside_and_the_rest_arrive(
        own_cluster: Cluster, own_url: str, tmp_path: Path) -> None:
    clock = ManualClock()
    with open_store(own_url, clock=clock, journal_dir=tmp_path) as opened:
        store = opened.store
        attempt = _start_quiz(store)
        own_cluster.server.stop()
        store.record_answer(attempt, 1, [1], True)
        store.add_study_seconds("00123", LIB, "l1", 30)
        own_cluster.server.start()
        engine = create_store_engine(resolve_target(own_url))
        try:  # meanwhile IT finished the attempt on the server (or anything else refusing it)
            with engine.begin() as connection:
                connection.execute(text("UPDATE quiz_attempts SET finished_at = now(), "
                                        "score = 0, passed = false"))
        finally:
            engine.dispose()
        assert store.flush_journal() == 1  # the study time; the answer was refused
        status = store.link_status()
        assert status is not None and status.pending == 0 and status.rejected == 1
    assert _server_rows(own_url)["progress"][0][0] == 30
