"""One learner's window, as a process of its own, for the concurrency test and the benchmark
(run as a script, never imported by pytest).

    python server_learner.py URL STAFF_ID LESSONS QUESTIONS GO_FILE [PAUSE_S]

Waits until GO_FILE exists (so every process records at the same moment), then studies LESSONS
lessons: opens each, studies 2 x 10 s, starts a quiz of QUESTIONS questions, answers each (with
PAUSE_S between answers), finishes it and marks the lesson read. Prints one JSON line: the time
each answer took until it was durable (seconds) and any error; exit 0 when nothing failed.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from dxlearn.store import StoreError, open_store


def main(url: str, staff_id: str, lessons: int, questions: int, go: Path,
         pause: float) -> int:
    times: list[float] = []
    errors: list[str] = []
    with open_store(url) as opened:
        store = opened.store
        store.ensure_learner(staff_id, f"職員 {staff_id}", "情報政策課", "staff")
        while not go.exists():
            time.sleep(0.01)
        for lesson in range(lessons):
            lesson_id = f"lesson-{lesson:02d}"
            try:
                store.open_lesson(staff_id, "bench", lesson_id, version=1)
                store.add_study_seconds(staff_id, "bench", lesson_id, 10)
                store.add_study_seconds(staff_id, "bench", lesson_id, 10)
                state = store.start_attempt(staff_id, "bench", lesson_id, lesson_version=1,
                                            pass_score=60,
                                            choice_orders=[[0, 1, 2, 3]] * questions)
                for question in range(questions):
                    if pause:
                        time.sleep(pause)
                    started = time.perf_counter()
                    store.record_answer(state.attempt_id, question, [question % 4],
                                        question % 4 == 0)
                    times.append(time.perf_counter() - started)
                store.finish_attempt(state.attempt_id, 100)
                store.mark_read(staff_id, "bench", lesson_id, version=1, has_quiz=True)
            except StoreError as error:
                errors.append(f"{lesson_id}: {error.code}: {error.detail[:200]}")
    print(json.dumps({"staff_id": staff_id, "times": times, "errors": errors}), flush=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]),
                  Path(sys.argv[5]), float(sys.argv[6]) if len(sys.argv) > 6 else 0.0))
