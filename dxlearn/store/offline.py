"""What a window knows while the server is away: the last answers the server gave, updated by
the writes kept in the journal, so the learner keeps learning.

``LastKnown.learn`` records every result the server returned (learners, settings, lesson
records, attempts). ``LastKnown.answer`` answers a call while the server is away: a read from
what was last known, a kept write's result as the server will compute it (the same rules:
``learning.status`` for completion, ``learning.grading`` for a pass), and what it changes is
remembered for the next read. A call nothing is known about raises :class:`Unknown`; the
caller then says that the server cannot be reached.

What works while the server is away: the quiz in progress (every answer and its end), reading
lessons (opening, study time, reading position, marking read), moving between lessons and the
home page with the statuses last seen, preferences. What does not: starting a new quiz attempt
(the server numbers attempts), registering a learner, exports.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from dxlearn.learning.grading import is_passed
from dxlearn.learning.status import recorded_status
from dxlearn.store.errors import StoreError
from dxlearn.store.records import (
    AnswerRecord,
    AttemptRecord,
    AttemptState,
    FinishedAttempt,
    Learner,
    LessonProgress,
)

Lib = tuple[str, str]  # (staff_id, library_id)
LessonKey = tuple[str, str, str]  # (staff_id, library_id, lesson_id)


class Unknown(Exception):
    """Nothing is known that answers this call."""


def _not_started(library_id: str, lesson_id: str) -> LessonProgress:
    return LessonProgress(
        library_id=library_id, lesson_id=lesson_id,
        status=recorded_status(completed=False, started=False), version=1,
        first_opened_at=None, read_at=None, completed_at=None, completed_version=None,
        study_seconds=0, last_position=0.0, attempts=0, best_score=None, passed=None,
        started_at=None, library_version=None, completed_library_version=None)


def _restated(record: LessonProgress) -> LessonProgress:
    """``record`` with its status (and started_at) by the one status rule."""
    starts = [t for t in (record.first_opened_at, record.started_at) if t is not None]
    started = bool(starts) or record.read_at is not None or record.attempts > 0
    return replace(record, started_at=min(starts) if starts else None,
                   status=recorded_status(completed=record.completed_at is not None,
                                          started=started))


class LastKnown:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.learners: dict[str, Learner] = {}
        self.listed: list[Learner] | None = None
        self.settings: dict[str, dict[str, Any]] = {}
        self.whole_scopes: set[str] = set()  # settings_for has been answered for these
        self.lessons: dict[Lib, dict[str, LessonProgress]] = {}
        self.whole_libraries: set[Lib] = set()  # progress_for has been answered for these
        self.attempts: dict[int, AttemptState] = {}
        self.attempt_lists: dict[LessonKey, list[int]] = {}  # attempts_for, oldest first
        self.open_attempts: dict[LessonKey, int | None] = {}
        self.lists: dict[tuple[str, str, str], list[Any]] = {}  # review queues, study days...

    # -- the server's answers -------------------------------------------------------------------

    def learn(self, method: str, a: Mapping[str, Any], result: Any) -> None:
        handler = _LEARN.get(method)
        if handler is not None:
            with self._lock:
                handler(self, a, result)

    def answer(self, method: str, a: Mapping[str, Any], at: datetime) -> Any:
        """The result of ``method`` while the server is away; raises :class:`Unknown`."""
        handler = _ANSWER.get(method)
        if handler is None:
            raise Unknown(method)
        with self._lock:
            return handler(self, a, at)

    # -- helpers --------------------------------------------------------------------------------

    def _lesson(self, staff_id: str, library_id: str, lesson_id: str) -> LessonProgress | None:
        return self.lessons.get((staff_id, library_id), {}).get(lesson_id)

    def _lesson_or_new(self, staff_id: str, library_id: str, lesson_id: str) -> LessonProgress:
        return self._lesson(staff_id, library_id, lesson_id) or _not_started(library_id,
                                                                              lesson_id)

    def _keep_lesson(self, staff_id: str, record: LessonProgress) -> None:
        self.lessons.setdefault((staff_id, record.library_id), {})[record.lesson_id] = record

    def _keep_attempt(self, state: AttemptState) -> None:
        record = state.attempt
        self.attempts[record.attempt_id] = state
        key = (record.staff_id, record.library_id, record.lesson_id)
        ids = self.attempt_lists.get(key)
        if ids is not None and record.attempt_id not in ids:
            ids.append(record.attempt_id)
        if record.finished:
            if self.open_attempts.get(key) == record.attempt_id:
                self.open_attempts[key] = None
        else:
            self.open_attempts[key] = record.attempt_id


# -- learning what the server said ---------------------------------------------------------------


def _learn_learner(known: LastKnown, _a: Mapping[str, Any], result: Any) -> None:
    if isinstance(result, Learner):
        known.learners[result.staff_id] = result


def _learn_list(known: LastKnown, _a: Mapping[str, Any], result: Any) -> None:
    known.listed = list(result)
    for learner in known.listed:
        known.learners[learner.staff_id] = learner


def _learn_setting(known: LastKnown, a: Mapping[str, Any], result: Any) -> None:
    known.settings.setdefault(a["scope"], {})[a["key"]] = result


def _learn_settings(known: LastKnown, a: Mapping[str, Any], result: Any) -> None:
    known.settings[a["scope"]] = dict(result)
    known.whole_scopes.add(a["scope"])


def _learn_set_setting(known: LastKnown, a: Mapping[str, Any], _result: Any) -> None:
    known.settings.setdefault(a["scope"], {})[a["key"]] = a["value"]


def _learn_lesson(known: LastKnown, a: Mapping[str, Any], result: Any) -> None:
    if isinstance(result, LessonProgress):
        known._keep_lesson(a["staff_id"], result)


def _learn_progress(known: LastKnown, a: Mapping[str, Any], result: Any) -> None:
    key = (a["staff_id"], a["library_id"])
    known.lessons[key] = dict(result)
    known.whole_libraries.add(key)


def _learn_state(known: LastKnown, _a: Mapping[str, Any], result: Any) -> None:
    if isinstance(result, AttemptState):
        known._keep_attempt(result)


def _learn_open(known: LastKnown, a: Mapping[str, Any], result: Any) -> None:
    key = (a["staff_id"], a["library_id"], a["lesson_id"])
    if result is None:
        known.open_attempts[key] = None
    else:
        known._keep_attempt(result)


def _learn_list_attempts(known: LastKnown, a: Mapping[str, Any], result: Any) -> None:
    key = (a["staff_id"], a["library_id"], a["lesson_id"])
    known.attempt_lists[key] = [r.attempt_id for r in result]
    for record in result:
        earlier = known.attempts.get(record.attempt_id)
        known.attempts[record.attempt_id] = AttemptState(
            record, earlier.answers if earlier is not None else ())


def _learn_finished(known: LastKnown, _a: Mapping[str, Any], result: Any) -> None:
    if isinstance(result, FinishedAttempt):
        earlier = known.attempts.get(result.attempt.attempt_id)
        known._keep_attempt(AttemptState(result.attempt,
                                         earlier.answers if earlier is not None else ()))
        known._keep_lesson(result.attempt.staff_id, result.lesson)


def _learn_answer(known: LastKnown, a: Mapping[str, Any], _result: Any) -> None:
    _keep_answer(known, a, None)


def _learn_listing(method: str) -> Callable[[LastKnown, Mapping[str, Any], Any], None]:
    """Reads that only show what is there (the review queue, the record page): the last
    answer is shown again while the server is away."""

    def learn(known: LastKnown, a: Mapping[str, Any], result: Any) -> None:
        known.lists[(method, a["staff_id"], a["library_id"])] = result

    return learn


def _listing(method: str) -> Callable[[LastKnown, Mapping[str, Any], datetime], Any]:
    def answer(known: LastKnown, a: Mapping[str, Any], _at: datetime) -> Any:
        key = (method, a["staff_id"], a["library_id"])
        if key not in known.lists:
            raise Unknown(method)
        return known.lists[key]

    return answer


LISTINGS = ("review_cards", "due_reviews", "study_days", "attempts_in_library")

_LEARN: dict[str, Callable[[LastKnown, Mapping[str, Any], Any], None]] = {
    **{method: _learn_listing(method) for method in LISTINGS},
    "get_learner": _learn_learner,
    "register_learner": _learn_learner,
    "ensure_learner": _learn_learner,
    "update_learner": _learn_learner,
    "list_learners": _learn_list,
    "get_setting": _learn_setting,
    "settings_for": _learn_settings,
    "set_setting": _learn_set_setting,
    "open_lesson": _learn_lesson,
    "mark_read": _learn_lesson,
    "lesson_progress": _learn_lesson,
    "progress_for": _learn_progress,
    "start_attempt": _learn_state,
    "attempt_state": _learn_state,
    "open_attempt": _learn_open,
    "attempts_for": _learn_list_attempts,
    "finish_attempt": _learn_finished,
    "record_answer": _learn_answer,
}


# -- answering while the server is away ----------------------------------------------------------


def _known_learner(known: LastKnown, a: Mapping[str, Any], _at: datetime) -> Learner:
    found = known.learners.get(a["staff_id"])
    if found is None:
        raise Unknown("learner")
    return found


def _listed(known: LastKnown, _a: Mapping[str, Any], _at: datetime) -> list[Learner]:
    if known.listed is None:
        raise Unknown("learners")
    return list(known.listed)


def _setting(known: LastKnown, a: Mapping[str, Any], _at: datetime) -> Any:
    values = known.settings.get(a["scope"], {})
    if a["key"] in values:
        return values[a["key"]]
    if a["scope"] in known.whole_scopes:
        return a.get("default")
    raise Unknown("setting")


def _settings(known: LastKnown, a: Mapping[str, Any], _at: datetime) -> dict[str, Any]:
    if a["scope"] not in known.whole_scopes:
        raise Unknown("settings")
    return dict(known.settings[a["scope"]])


def _set_setting(known: LastKnown, a: Mapping[str, Any], _at: datetime) -> None:
    _learn_set_setting(known, a, None)


def _lesson_record(known: LastKnown, a: Mapping[str, Any], _at: datetime) -> LessonProgress:
    found = known._lesson(a["staff_id"], a["library_id"], a["lesson_id"])
    if found is not None:
        return found
    if (a["staff_id"], a["library_id"]) in known.whole_libraries:
        return _not_started(a["library_id"], a["lesson_id"])
    raise Unknown("lesson")


def _progress(known: LastKnown, a: Mapping[str, Any], _at: datetime) -> dict[str, Any]:
    key = (a["staff_id"], a["library_id"])
    if key not in known.whole_libraries:
        raise Unknown("progress")
    return dict(known.lessons.get(key, {}))


def _open_lesson(known: LastKnown, a: Mapping[str, Any], at: datetime) -> LessonProgress:
    record = known._lesson_or_new(a["staff_id"], a["library_id"], a["lesson_id"])
    record = _restated(replace(record, first_opened_at=record.first_opened_at or at,
                               version=int(a["version"])))
    known._keep_lesson(a["staff_id"], record)
    return record


def _mark_read(known: LastKnown, a: Mapping[str, Any], at: datetime) -> LessonProgress:
    record = known._lesson_or_new(a["staff_id"], a["library_id"], a["lesson_id"])
    record = replace(record, first_opened_at=record.first_opened_at or at,
                     read_at=record.read_at or at, version=int(a["version"]))
    if record.completed_at is None and (not a["has_quiz"] or record.passed):
        record = replace(record, completed_at=at, completed_version=int(a["version"]))
    record = _restated(record)
    known._keep_lesson(a["staff_id"], record)
    return record


def _study_seconds(known: LastKnown, a: Mapping[str, Any], _at: datetime) -> None:
    record = known._lesson(a["staff_id"], a["library_id"], a["lesson_id"])
    if record is not None:
        known._keep_lesson(a["staff_id"], replace(
            record, study_seconds=record.study_seconds + int(a["seconds"])))


def _position(known: LastKnown, a: Mapping[str, Any], _at: datetime) -> None:
    record = known._lesson(a["staff_id"], a["library_id"], a["lesson_id"])
    if record is not None:
        known._keep_lesson(a["staff_id"], replace(
            record, last_position=min(1.0, max(0.0, float(a["position"])))))


def _attempt(known: LastKnown, attempt_id: int) -> AttemptState:
    state = known.attempts.get(int(attempt_id))
    if state is None:
        raise Unknown("attempt")
    return state


def _keep_answer(known: LastKnown, a: Mapping[str, Any], at: datetime | None) -> None:
    state = known.attempts.get(int(a["attempt_id"]))
    if state is None:
        return
    index = int(a["question_index"])
    answer = AnswerRecord(index, tuple(sorted({int(i) for i in a["selected"]})),
                          bool(a["correct"]), at or state.attempt.started_at,
                          a.get("question_id"))  # absent in entries kept before 0006
    answers = [x for x in state.answers if x.question_index != index]
    answers.append(answer)
    known.attempts[state.attempt.attempt_id] = AttemptState(
        state.attempt, tuple(sorted(answers, key=lambda x: x.question_index)))


def _record_answer(known: LastKnown, a: Mapping[str, Any], at: datetime) -> None:
    state = _attempt(known, a["attempt_id"])
    where = f"attempt {state.attempt.attempt_id}"
    if state.attempt.finished:
        raise StoreError("attempt_finished", None, where)
    if not 0 <= int(a["question_index"]) < state.attempt.question_count:
        raise StoreError("invalid_value", None, f"question {a['question_index']}")
    _keep_answer(known, a, at)


def _finish(known: LastKnown, a: Mapping[str, Any], at: datetime) -> FinishedAttempt:
    state = _attempt(known, a["attempt_id"])
    record: AttemptRecord = state.attempt
    score = int(a["score"])
    if record.finished:
        if record.score != score:
            raise StoreError("attempt_finished", None, f"attempt {record.attempt_id}")
        lesson = known._lesson_or_new(record.staff_id, record.library_id, record.lesson_id)
        return FinishedAttempt(record, lesson, False)
    passed = is_passed(score, record.pass_score)
    record = replace(record, finished_at=max(at, record.started_at), score=score, passed=passed)
    known._keep_attempt(AttemptState(record, state.answers))
    lesson = known._lesson_or_new(record.staff_id, record.library_id, record.lesson_id)
    best = score if lesson.best_score is None else max(score, lesson.best_score)
    lesson = replace(lesson, attempts=lesson.attempts + 1, best_score=best,
                     passed=bool(lesson.passed) or passed,
                     started_at=lesson.started_at or record.started_at)
    completed_now = lesson.completed_at is None and lesson.read_at is not None and passed
    if completed_now:
        lesson = replace(lesson, completed_at=record.finished_at,
                         completed_version=record.lesson_version)
    lesson = _restated(lesson)
    known._keep_lesson(record.staff_id, lesson)
    return FinishedAttempt(record, lesson, completed_now)


def _open_attempt(known: LastKnown, a: Mapping[str, Any], _at: datetime) -> AttemptState | None:
    key = (a["staff_id"], a["library_id"], a["lesson_id"])
    if key not in known.open_attempts:
        raise Unknown("open attempt")
    attempt_id = known.open_attempts[key]
    return None if attempt_id is None else _attempt(known, attempt_id)


def _attempt_state(known: LastKnown, a: Mapping[str, Any], _at: datetime) -> AttemptState:
    return _attempt(known, a["attempt_id"])


def _attempts_for(known: LastKnown, a: Mapping[str, Any], _at: datetime) -> list[AttemptRecord]:
    ids = known.attempt_lists.get((a["staff_id"], a["library_id"], a["lesson_id"]))
    if ids is None:
        raise Unknown("attempts")
    return [known.attempts[i].attempt for i in ids if i in known.attempts]


def _best_score(known: LastKnown, a: Mapping[str, Any], at: datetime) -> int | None:
    return _lesson_record(known, a, at).best_score


_ANSWER: dict[str, Callable[[LastKnown, Mapping[str, Any], datetime], Any]] = {
    **{method: _listing(method) for method in LISTINGS},
    "get_learner": _known_learner,
    "ensure_learner": _known_learner,
    "list_learners": _listed,
    "get_setting": _setting,
    "settings_for": _settings,
    "set_setting": _set_setting,
    "lesson_progress": _lesson_record,
    "progress_for": _progress,
    "open_lesson": _open_lesson,
    "mark_read": _mark_read,
    "add_study_seconds": _study_seconds,
    "save_position": _position,
    "record_answer": _record_answer,
    "finish_attempt": _finish,
    "open_attempt": _open_attempt,
    "attempt_state": _attempt_state,
    "attempts_for": _attempts_for,
    "best_score": _best_score,
}
