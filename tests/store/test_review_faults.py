"""A power cut during review loses no acknowledged rating, and never splits a card from its log
(the same SIGKILL harness as tests/store/test_faults.py, with review ratings)."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dxlearn.learning.review import CardState, Rating, new_card, schedule
from dxlearn.store import open_store

CHILD = Path(__file__).with_name("review_child.py")
KILLS = 12


def _run_and_kill(db: Path, rng: random.Random) -> list[str]:
    child = subprocess.Popen([sys.executable, str(CHILD), "rate", str(db)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    lines: list[str] = []
    first = threading.Event()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line.strip())
            first.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    first.wait(timeout=30)
    time.sleep(rng.uniform(0.0, 0.3))
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=20)
    reader.join(timeout=20)
    return lines


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text + "+00:00")


@pytest.mark.slow
def test_sigkill_during_review_loses_no_acknowledged_rating(tmp_path: Path) -> None:
    db = tmp_path / "data" / "progress.db"
    with open_store(db) as opened:
        opened.store.register_learner("00001", "n", "", "staff")
    rng = random.Random(20261128)
    acked: Counter[int] = Counter()
    for _ in range(KILLS):
        for line in _run_and_kill(db, rng):
            kind, card_id = line.split()
            assert kind == "rev"
            acked[int(card_id)] += 1
    assert acked, "no rating was acknowledged"
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        logs = connection.execute(
            "SELECT card_id, rating, reviewed_at, source FROM review_logs ORDER BY id").fetchall()
        cards = {row[0]: row[1:] for row in connection.execute(
            "SELECT id, state, step, stability, difficulty, due, last_review FROM review_cards")}
    finally:
        connection.close()
    stored = Counter(card for card, _r, _at, source in logs if source == "review")
    for card, count in acked.items():  # at most one in-flight rating per kill unacknowledged
        assert stored[card] >= count, f"card {card}: acknowledged ratings lost"
    assert sum(stored.values()) - sum(acked.values()) <= KILLS
    # every card is exactly what its log lines make of it: card and log committed together
    for card_id, (state, step, stability, difficulty, due, last) in cards.items():
        lines = [(r, _utc(at)) for c, r, at, _s in logs if c == card_id]
        replayed: CardState = new_card(lines[0][1], UTC)
        for rating, at in lines:
            replayed = schedule(replayed, Rating(rating), at, zone=UTC)
        assert (replayed.state, replayed.step, replayed.due, replayed.last_review) == (
            state, step, _utc(due), _utc(last))
        assert replayed.stability == pytest.approx(stability)
        assert replayed.difficulty == pytest.approx(difficulty)
