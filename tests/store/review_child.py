"""Child process for the review power-cut test (run as a script, never imported by pytest).

``rate DB``: make sure the learner has a review queue (one failed attempt of 40 questions),
then rate its cards forever, right and wrong in turn, printing ``rev <card id>`` AFTER each
``rate_review`` returned (committed). The parent kills it.
"""

from __future__ import annotations

import sys
from datetime import UTC

from dxlearn.learning.review import LessonShape
from dxlearn.store import open_store

QUESTIONS = 40
SHAPES = {"fault": LessonShape(1, tuple(f"q{i}" for i in range(QUESTIONS)))}


def _rate(db: str) -> None:
    store = open_store(db, backup_keep=2).store
    store.zone = UTC  # the parent replays the log lines in the same zone
    if not store.attempts_for("00001", "dx", "fault"):
        attempt = store.start_attempt("00001", "dx", "fault", lesson_version=1, pass_score=80,
                                      choice_orders=[[0, 1]] * QUESTIONS).attempt_id
        for question in range(QUESTIONS):
            store.record_answer(attempt, question, [1], False)
        store.finish_attempt(attempt, 0)
    store.sync_reviews("00001", "dx", SHAPES)
    cards = store.review_cards("00001", "dx", SHAPES)
    out = sys.stdout
    turn = 0
    while True:
        card = cards[turn % len(cards)]
        store.rate_review(card.card_id, turn % 3 != 0)
        out.write(f"rev {card.card_id}\n")
        out.flush()
        turn += 1


if __name__ == "__main__":
    {"rate": _rate}[sys.argv[1]](sys.argv[2])
