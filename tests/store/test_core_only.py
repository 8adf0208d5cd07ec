"""The store is SQLAlchemy Core only: a learner's whole path never imports ``sqlalchemy.orm``.

The ORM costs about 11 MiB of resident memory on every learner's PC (issue 19). The path is
run in a fresh interpreter (this test process has imported everything already): open a local
file, register, open a lesson of the bundled library, read it, take its quiz (some answers
wrong), fold the attempt into the review queue and rate a card, read the progress and export
it (the HR CSV and the answers feed), close. Then no ``sqlalchemy.orm`` module may be loaded.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys
from pathlib import Path

from dxlearn.content.loader import load_library
from dxlearn.export.api import ExportOptions, export_completion
from dxlearn.learning.grading import grade_quiz
from dxlearn.learning.review import lesson_shapes
from dxlearn.store import open_store
from dxlearn.store.export_queries import answer_feed, export_feed

library = load_library(Path(sys.argv[1]))
folder = Path(sys.argv[2])
lesson = next(l for l in library.lessons()
              if l.quiz is not None and len(l.quiz.questions) >= 2 and not l.broken)
quiz = lesson.quiz
store = open_store(folder / "progress.db").store
store.register_learner("00123", "山田 太郎", "総務課", "staff")
store.open_lesson("00123", library.id, lesson.id, version=lesson.version, library_version="1")
store.mark_read("00123", library.id, lesson.id, version=lesson.version, has_quiz=True)
state = store.start_attempt("00123", library.id, lesson.id, lesson_version=lesson.version,
                            pass_score=lesson.pass_score,
                            choice_orders=[list(range(len(q.choices))) for q in quiz.questions])
answers = {}
for question in quiz.questions:
    right = sorted(question.correct_indexes)
    wrong = [i for i in range(len(question.choices)) if i not in right][:1]
    chosen = wrong if question.index == 0 else right  # the first one wrong: a review card
    answers[question.index] = chosen
    store.record_answer(state.attempt.attempt_id, question.index, chosen,
                        set(chosen) == set(right))
result = grade_quiz(quiz, answers)
store.finish_attempt(state.attempt.attempt_id, result.score)
shapes = lesson_shapes(library)
sync = store.sync_reviews("00123", library.id, shapes)
cards = store.review_cards("00123", library.id, shapes)
rated = store.rate_review(cards[0].card_id, True)
store.add_study_seconds("00123", library.id, lesson.id, 30)
progress = store.progress_for("00123", library.id)
feed = list(export_feed(store, library.id))
feed_answers = list(answer_feed(store, library.id))
exported = export_completion(store, [library], folder / "export.csv", ExportOptions())
store.close()
print(json.dumps({
    "orm": sorted(m for m in sys.modules if m == "sqlalchemy.orm"
                  or m.startswith("sqlalchemy.orm.")),
    "status": progress[lesson.id].status.value,
    "attempts": progress[lesson.id].attempts,
    "folded": sync.attempts_taken, "cards": len(cards), "rated": rated.card_id,
    "feed": len(feed), "answers": len(feed_answers), "rows": exported.rows,
}))
"""


def test_a_learners_path_never_imports_the_orm(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT))}
    done = subprocess.run([sys.executable, "-c", CHILD, str(ROOT / "lessons"), str(tmp_path)],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    # the path did what it says (a real quiz, a review card, an export with rows)
    assert report["attempts"] == 1 and report["folded"] == 1 and report["cards"] >= 1
    assert report["feed"] == 1 and report["answers"] >= 2 and report["rows"] >= 1
    assert report["orm"] == [], f"sqlalchemy.orm imported: {report['orm']}"


ORM_IMPORT = re.compile(r"^\s*(from\s+sqlalchemy\.orm\b|import\s+sqlalchemy\.orm\b|"
                        r"from\s+sqlalchemy\s+import\s+.*\borm\b)", re.MULTILINE)


def test_no_module_of_dxlearn_imports_the_orm() -> None:
    found = [str(path.relative_to(ROOT)) for path in sorted((ROOT / "dxlearn").rglob("*.py"))
             if ORM_IMPORT.search(path.read_text(encoding="utf-8"))]
    assert found == []
