"""One status rule: every path that turns stored records into a status agrees with
``learning.status`` on every record.

Random histories (open, read, attempts passed or failed, unfinished attempts) are played through
the real store into a real database file; then the store's own records, the export's fast feed,
the first-paint snapshot, the detail export read back by ``hr merge``, and the merge report's
per-learner roll-up are each compared with ``lesson_outcome`` / ``curriculum_status`` applied to
the facts of the history.
"""

from __future__ import annotations

import csv
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxlearn.content.loader import load_library
from dxlearn.export.api import ExportOptions, export_completion
from dxlearn.export.columns import Scope
from dxlearn.export.settings import ExportSettings
from dxlearn.hr.merge import merge_exports
from dxlearn.learning.status import (
    AttemptFacts,
    LessonFacts,
    Status,
    curriculum_status,
    lesson_outcome,
)
from dxlearn.store import open_store
from dxlearn.store.export_queries import FEED_STATUS, export_feed
from dxlearn.store.snapshot import read_snapshot

from support.export_builders import LIBRARY_ID, make_library

T0 = datetime(2026, 11, 27, 5, 0, 0, tzinfo=UTC)
LESSONS = {"intro": True, "rules": False, "extra": False}  # lesson id -> has a quiz (staff)
STAFF = ("00001", "00002", "00003")

ACTION = st.sampled_from(["open", "read", "pass", "fail", "unfinished"])
HISTORY = st.dictionaries(
    st.sampled_from(STAFF),
    st.dictionaries(st.sampled_from(sorted(LESSONS)), st.lists(ACTION, max_size=4), max_size=3),
    min_size=1, max_size=3)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def _play(store, clock, staff_id: str, lesson_id: str, actions: list[str]):  # type: ignore[no-untyped-def]
    """Apply the actions through the store; return the facts the rule needs."""
    facts_opened: datetime | None = None
    facts_read: datetime | None = None
    attempts: list[AttemptFacts] = []
    has_quiz = LESSONS[lesson_id]
    for action in actions:
        if action == "open":
            store.open_lesson(staff_id, LIBRARY_ID, lesson_id, version=1)
            facts_opened = facts_opened or clock.now
        elif action == "read":
            store.mark_read(staff_id, LIBRARY_ID, lesson_id, version=1, has_quiz=has_quiz)
            facts_opened = facts_opened or clock.now
            facts_read = facts_read or clock.now
        elif has_quiz:
            state = store.start_attempt(staff_id, LIBRARY_ID, lesson_id, lesson_version=1,
                                        pass_score=100, choice_orders=[[0, 1]])
            started = clock.now
            facts_opened = facts_opened or started
            if action == "unfinished":
                attempts.append(AttemptFacts(started))
                continue
            passed = action == "pass"
            store.record_answer(state.attempt_id, 0, [0 if passed else 1], passed)
            store.finish_attempt(state.attempt_id, 100 if passed else 0)
            attempts.append(AttemptFacts(started, clock.now, passed))
    return LessonFacts(facts_opened, facts_read, tuple(attempts))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=HISTORY)
def test_every_path_agrees_with_the_rule(history: dict[str, dict[str, list[str]]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        library = load_library(make_library(root / "lib"))
        db = root / "data" / "progress.db"
        clock = Clock()
        expected: dict[tuple[str, str], Status] = {}
        with open_store(db, clock=clock, backup_keep=0) as opened:
            store = opened.store
            for staff_id in STAFF:
                store.register_learner(staff_id, f"職員{staff_id}", "市民課", "staff")
            for staff_id, lessons in history.items():
                for lesson_id, actions in lessons.items():
                    facts = _play(store, clock, staff_id, lesson_id, actions)
                    outcome = lesson_outcome(facts, has_quiz=LESSONS[lesson_id])
                    expected[(staff_id, lesson_id)] = outcome.status

            def want(staff_id: str, lesson_id: str) -> Status:
                return expected.get((staff_id, lesson_id), Status.NOT_STARTED)

            # the store's own records
            for staff_id in STAFF:
                for lesson_id in LESSONS:
                    got = store.lesson_progress(staff_id, LIBRARY_ID, lesson_id).status
                    assert got is want(staff_id, lesson_id), ("store", staff_id, lesson_id)
            # the export's fast feed
            for (staff_id, *_rest), lessons in export_feed(store, LIBRARY_ID):
                for lesson_id in LESSONS:
                    record = lessons.get(lesson_id)
                    got = Status(record[FEED_STATUS]) if record else Status.NOT_STARTED
                    assert got is want(staff_id, lesson_id), ("feed", staff_id, lesson_id)
            # the curriculum roll-up the app and the exports show
            rolled = {s: curriculum_status(library, "staff", store.progress_for(s, LIBRARY_ID))
                      for s in STAFF}
            for staff_id in STAFF:
                store.set_setting("app", "last_learner", staff_id)
                snapshot = read_snapshot(db, [LIBRARY_ID])
                assert snapshot is not None
                for lesson_id in LESSONS:
                    outcome = snapshot.outcomes.get(lesson_id)
                    got = outcome.status if outcome else Status.NOT_STARTED
                    assert got is want(staff_id, lesson_id), ("snapshot", staff_id, lesson_id)
            export = root / "detail.csv"
            export_completion(store, [library], export, ExportOptions(scope=Scope.DETAIL),
                              ExportSettings(device="PC-1"))
        with export.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                assert Status(row["status"]) is want(row["staff_id"], row["lesson_id"]), (
                    "detail export", row["staff_id"], row["lesson_id"])
        report = root / "report.csv"
        merge_exports([export], report)
        with report.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                progress = rolled[row["staff_id"]]
                assert row["status"] == progress.status.value, ("merge report", row)
                assert int(row["required_completed"]) == progress.required_completed
                assert int(row["required_total"]) == progress.required_total
