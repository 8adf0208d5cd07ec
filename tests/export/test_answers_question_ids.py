"""Answers recorded with their question's id (store revision 0006) stay in item analysis
after the lesson changes: the id names the question, not its position or the lesson version.

Built through the store's public API and exported with the real command, as HR would."""

from __future__ import annotations

from pathlib import Path

from dxlearn.content.loader import load_library
from dxlearn.store import ProgressStore, open_store

from support.export_builders import KEY_HEX, T0, Clock, read_csv, run_cli
from support.items_builders import LESSON_ID, make_items_library

SIGNED = {"DXLEARN_EXPORT_KEY": KEY_HEX, "DXLEARN_EXPORT_KEY_ID": "org-2026"}
QUESTION_ID, CORRECT_CHOICES, IN_ANALYSIS = 8, 10, 13


def _attempt(store: ProgressStore, clock: Clock, staff_id: str, version: int,
             answers: list[tuple[str, int, int]]) -> None:
    """One finished attempt on lesson ``version``: (question id, choices shown, chosen)."""
    state = store.start_attempt(staff_id, "items-test", LESSON_ID, lesson_version=version,
                                pass_score=80,
                                choice_orders=[list(range(n)) for _q, n, _c in answers])
    for index, (question_id, _shown, chosen) in enumerate(answers):
        clock.advance(seconds=20)
        store.record_answer(state.attempt_id, index, [chosen], chosen == 0,
                            question_id=question_id)
    clock.advance(seconds=5)
    store.finish_attempt(state.attempt_id, 50)


def test_answers_with_question_ids_survive_a_new_lesson_version(tmp_path: Path) -> None:
    library_path = make_items_library(tmp_path / "library")  # lesson version 2: q-a .. q-d
    library = load_library(library_path)
    assert not library.has_errors
    db = tmp_path / "pc" / "progress.db"
    clock = Clock(T0)
    with open_store(db, clock=clock, backup_keep=0) as opened:
        store = opened.store
        for staff_id in ("20001", "20002", "20003"):
            store.register_learner(staff_id, f"職員 {staff_id}", "情報政策課", "staff")
        # version 1 held the same questions in another order
        _attempt(store, clock, "20001", 1,
                 [("q-b", 3, 0), ("q-a", 3, 1), ("q-d", 3, 0), ("q-c", 3, 2)])
        # version 1 also held a question since removed (q-old)
        _attempt(store, clock, "20002", 1,
                 [("q-b", 3, 0), ("q-a", 3, 1), ("q-old", 3, 0), ("q-d", 3, 2)])
        # version 2, but q-a was answered when it had four choices: numbers would not match
        _attempt(store, clock, "20003", 2,
                 [("q-a", 4, 3), ("q-b", 3, 0), ("q-c", 3, 0), ("q-d", 3, 0)])
        assert [a.question_id for a in store.attempt_state(2).answers] == [
            "q-b", "q-a", "q-old", "q-d"]

    out = tmp_path / "answers.csv"
    result = run_cli("--lang", "en", "export", "--scope", "answers", "-o", out,
                     "--library", library_path, "--db", db, env=SIGNED)
    assert result.returncode == 0, result.stderr
    assert "2 answer(s) cannot be matched to a question" in result.stderr
    rows = read_csv(out)[1:]
    by_learner = {staff_id: [(r[4], r[7], r[QUESTION_ID], r[CORRECT_CHOICES], r[IN_ANALYSIS])
                             for r in rows if r[0] == staff_id]
                  for staff_id in ("20001", "20002", "20003")}
    assert by_learner["20001"] == [  # found by id in version 2, at other positions
        ("1", "1", "q-b", "1", "true"), ("1", "2", "q-a", "1", "true"),
        ("1", "3", "q-d", "1", "true"), ("1", "4", "q-c", "1", "true")]
    assert by_learner["20002"][2] == ("1", "3", "q-old", "", "false")  # no longer held
    assert [r[3:] for r in by_learner["20002"]].count(("1", "true")) == 3
    assert by_learner["20003"][0] == ("2", "1", "q-a", "", "false")  # its choices changed

    # item analysis: 20001's first attempt counts, by question id; the other two are left
    # out whole (their attempts are incomplete now)
    items = tmp_path / "items.csv"
    result = run_cli("--lang", "en", "hr", "items", out, "-o", items, env=SIGNED)
    assert result.returncode == 0, result.stderr
    assert "2 learner(s)' first attempt" in result.stderr + result.stdout
    table = read_csv(items)
    header = table[0]
    found = {r[header.index("question_id")]: (r[header.index("answered")],
                                               r[header.index("correct")])
             for r in table[1:]}
    assert found == {"q-a": ("1", "0"), "q-b": ("1", "1"), "q-c": ("1", "0"),
                     "q-d": ("1", "1")}
