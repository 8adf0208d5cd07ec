"""A small constructed set for item analysis: one lesson with a four-question quiz, seven
learners' attempts on three PCs (three databases), written through the store's public API.

First attempts (1 = right; the right choice is always choice 1, file index 0):

    learner  PC  q-a q-b q-c q-d  total   choices chosen (1-based, a b c d)
    10001    A    1   1   1   0     3      1 1 1 2
    10002    A    1   1   1   0     3      1 1 1 3
    10003    B    1   1   0   1     3      1 1 2 1
    10004    B    1   0   1   0     2      1 2 1 2
    10005    C    1   0   1   0     2      1 3 1 2
    10006    C    1   0   0   0     1      1 2 3 3

Besides: 10001 takes the quiz again on PC-A, and 10002 again on PC-C, a day later (all
right: later attempts, never counted); 10007's first attempt on PC-B was made on lesson
version 1 (the library holds version 2: left out), and their second, on version 2, is not a
first attempt (never counted).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from dxlearn.content.loader import load_library
from dxlearn.content.model import Library
from dxlearn.learning.grading import grade_answer, quiz_score
from dxlearn.store import ProgressStore, open_store

from support.export_builders import T0, Clock

LIBRARY_ID = "items-test"
LESSON_ID = "check"
QUIZ = "".join(
    f"## [q-{name}] 問{number}：正しいものを選んでください。\n\n"
    "- [x] 正しい\n- [ ] 誤り その1\n- [ ] 誤り その2\n\n"
    for number, name in enumerate("abcd", start=1))

FIRST = {  # learner -> (PC, file index chosen per question)
    "10001": ("A", [0, 0, 0, 1]),
    "10002": ("A", [0, 0, 0, 2]),
    "10003": ("B", [0, 0, 1, 0]),
    "10004": ("B", [0, 1, 0, 1]),
    "10005": ("C", [0, 2, 0, 1]),
    "10006": ("C", [0, 1, 2, 2]),
}
ALL_RIGHT = [0, 0, 0, 0]


def make_items_library(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "library.yaml").write_text(
        f"id: {LIBRARY_ID}\ntitle: 設問分析テスト\nversion: \"2026.2\"\n", encoding="utf-8")
    lesson = root / "01-check"
    lesson.mkdir()
    (lesson / "lesson.md").write_text(
        "---\ntitle: 確認テスト\nroles: [staff]\nversion: 2\n---\n\n本文です。\n",
        encoding="utf-8")
    (lesson / "quiz.md").write_text(QUIZ, encoding="utf-8")
    return root


def take_quiz(store: ProgressStore, clock: Clock, library: Library, staff_id: str,
              chosen: list[int], *, lesson_version: int | None = None) -> None:
    """One finished attempt choosing ``chosen`` (file indexes), graded as the app grades."""
    lesson = library.lesson(LESSON_ID)
    assert lesson is not None and lesson.quiz is not None
    questions = lesson.quiz.questions
    state = store.start_attempt(staff_id, library.id, LESSON_ID,
                                lesson_version=lesson_version or lesson.version,
                                pass_score=lesson.quiz.pass_score,
                                choice_orders=[[0, 1, 2]] * len(questions))
    right = 0
    for index, (question, choice) in enumerate(zip(questions, chosen, strict=True)):
        clock.advance(seconds=20)
        correct = grade_answer(question, [choice])
        right += correct
        store.record_answer(state.attempt_id, index, [choice], correct)
    clock.advance(seconds=5)
    store.finish_attempt(state.attempt_id, quiz_score(right, len(questions)))
    clock.advance(minutes=5)


def items_databases(folder: Path) -> tuple[Path, dict[str, Path]]:
    """(library folder, {PC name: database}) with the attempts of the module docstring."""
    library_path = make_items_library(folder / "library")
    library = load_library(library_path)
    assert not library.has_errors, library.all_findings()
    databases = {}
    for offset, pc in enumerate("ABC"):
        db = folder / f"pc-{pc.lower()}" / "progress.db"
        clock = Clock(T0 + timedelta(hours=offset))
        with open_store(db, clock=clock, backup_keep=0) as opened:
            store = opened.store
            store.set_setting("store", "database_id", f"items-pc-{pc.lower()}")
            mine = [s for s, (where, _c) in FIRST.items() if where == pc]
            extra = {"A": [], "B": ["10007"], "C": ["10002"]}[pc]
            for staff_id in [*mine, *extra]:
                store.register_learner(staff_id, f"職員 {staff_id}", "情報政策課", "staff")
            if pc == "B":  # 10007: first attempt on the old lesson version, then a retake
                take_quiz(store, clock, library, "10007", [1, 1, 1, 1], lesson_version=1)
            for staff_id in mine:
                take_quiz(store, clock, library, staff_id, FIRST[staff_id][1])
            clock.advance(days=1)
            if pc == "A":
                take_quiz(store, clock, library, "10001", ALL_RIGHT)
            if pc == "B":
                take_quiz(store, clock, library, "10007", ALL_RIGHT)
            if pc == "C":
                take_quiz(store, clock, library, "10002", ALL_RIGHT)
        databases[pc] = db
    return library_path, databases
