"""Render 復習, 検索 and 学習の記録 offscreen at 1366×768 into docs/screenshots/.

Run: ``QT_QPA_PLATFORM=offscreen python tools/screenshots_depth.py`` (needs a Japanese font,
e.g. Debian's fonts-ipafont-gothic). The bundled lessons, a throw-away data folder with a
learner who studied for two weeks (the store's clock is set, so the dates are fixed): a few
lessons completed, quizzes failed and passed, study time on several days. Writes
``review.png``, ``search.png`` and ``record.png``. Look at every PNG after running it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from dxlearn.content.libraries import Source, load_library_set
from dxlearn.gui.app import LaunchOptions, launch
from dxlearn.learning.grading import grade_quiz
from dxlearn.learning.review import lesson_shapes
from dxlearn.paths import lessons_dir
from dxlearn.policy import Policy
from dxlearn.store import open_store

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZE = (1366, 768)
JST = timezone(timedelta(hours=9))
START = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)  # 9:30 in Tokyo
STAFF, LIB = "012345", "dx-literacy"


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def history(data: Path, clock: Clock) -> None:
    """Two weeks of a learner's study, written through the store as the app writes it."""
    library = load_library_set([(lessons_dir(), Source.BUNDLED)]).libraries[0]
    lessons = [lesson for lesson in library.curriculum("staff") if lesson.quiz is not None]
    with open_store(data / "progress.db", clock=clock) as opened:
        store = opened.store
        store.zone = JST
        store.register_learner(STAFF, "山田 花子", "市民課", "staff")
        store.set_setting("app", "last_learner", STAFF)
        store.set_setting("app", "library_id", library.id)
        for day, (lesson, wrong) in enumerate(zip(lessons[:5], [2, 0, 1, 3, 0], strict=True)):
            clock.now = START + timedelta(days=2 * day, hours=day % 3)
            quiz = lesson.quiz
            assert quiz is not None
            store.open_lesson(STAFF, library.id, lesson.id, version=lesson.version)
            store.add_study_seconds(STAFF, library.id, lesson.id, 600 + 180 * day)
            store.mark_read(STAFF, library.id, lesson.id, version=lesson.version, has_quiz=True)
            for tries in range(2 if wrong else 1):
                orders = [list(range(len(q.choices))) for q in quiz.questions]
                attempt = store.start_attempt(STAFF, library.id, lesson.id,
                                              lesson_version=lesson.version,
                                              pass_score=quiz.pass_score,
                                              choice_orders=orders).attempt_id
                answers = {}
                for question in quiz.questions:
                    right = sorted(question.correct_indexes)
                    miss = tries == 0 and question.index < wrong
                    chosen = ([i for i in range(len(question.choices)) if i not in right][:1]
                              if miss else right)
                    clock.now += timedelta(minutes=1)
                    store.record_answer(attempt, question.index, chosen, not miss)
                    answers[question.index] = chosen
                store.finish_attempt(attempt, grade_quiz(quiz, answers).score)
                clock.now += timedelta(minutes=20)
        store.sync_reviews(STAFF, library.id, lesson_shapes(library))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        clock = Clock(START)
        history(data, clock)
        clock.now = START + timedelta(days=13, hours=1)
        hook = sys.excepthook
        launched = launch(LaunchOptions(policy=Policy(), data_dir=data))
        sys.excepthook = hook
        window, app = launched.window, launched.app
        assert window is not None and launched.ctx.store is not None
        store = launched.ctx.store
        store._clock = clock  # the dates on the pages follow the history's clock
        store.zone = JST
        window.resize(*SIZE)
        window.show()
        window.go_home()
        settle(app)

        window.review.start()
        settle(app)
        page = window.review.page
        item = window.review.items[0]
        wrong = next(p for p, i in enumerate(window.review.order)
                     if i not in item.question.correct_indexes)
        page.choice_buttons()[wrong].click()
        page.submit.click()
        settle(app)
        window.grab().save(str(OUT / "review.png"))

        window.go_home()
        window.search.ensure_index()
        window.search.wait(60000)
        settle(app)
        window.search.box.setFocus()
        window.search.box.insert("ぺーぱーれす")
        window.search.run_query()
        window.search.page.results.setCurrentRow(0)
        settle(app)
        window.grab().save(str(OUT / "search.png"))
        window.search.close()

        window.record.show()
        settle(app)
        window.grab().save(str(OUT / "record.png"))
        window.close()
        store.close()
    print(f"wrote {OUT / 'review.png'}, {OUT / 'search.png'}, {OUT / 'record.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
