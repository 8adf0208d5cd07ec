"""xAPI 1.0.3 statements (a JSON array) for a Learning Record Store.

Per lesson of a learner's curriculum:
- ``completed`` when the lesson is completed (timestamp = completion time, completion true;
  no duration, since study time may grow after completion and the statement must not change);
- ``passed``/``failed`` per finished quiz attempt, with ``result.score`` (scaled, raw, min,
  max), ``success``, ``completion`` (was the lesson completed by the end of this attempt) and
  ``duration`` (attempt start to finish).

Actor: an ``account`` (homePage = the organisation's URL, name = staff_id). Activity:
``urn:dxlearn:<library_id>:<lesson_id>``. Statement ids are UUID v5 of the record's key
(library, lesson, staff_id) and the attempt (its start time in UTC) or ``completed``, so
exporting twice gives the same ids and an LRS stores each statement once.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from dxlearn.export.csv_writer import WrittenFile
from dxlearn.export.errors import ExportError
from dxlearn.export.formatting import iso_local
from dxlearn.export.rows import RowBuilder
from dxlearn.files.atomic import AtomicFile
from dxlearn.learning.status import Status
from dxlearn.store.export_queries import FinishedAttemptRow
from dxlearn.store.records import LearnerProgress

logger = logging.getLogger(__name__)

XAPI_VERSION = "1.0.3"
VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
VERB_PASSED = "http://adlnet.gov/expapi/verbs/passed"
VERB_FAILED = "http://adlnet.gov/expapi/verbs/failed"
ACTIVITY_LESSON = "http://adlnet.gov/expapi/activities/lesson"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:dxlearn:xapi")
LANGUAGE = "ja-JP"

AttemptKey = tuple[str, str]  # (staff_id, lesson_id)


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration: 330 -> ``PT5M30S``, 0 -> ``PT0S``, 3725 -> ``PT1H2M5S``."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if secs or text == "PT":
        text += f"{secs}S"
    return text


def activity_id(library_id: str, lesson_id: str) -> str:
    return f"urn:dxlearn:{library_id}:{lesson_id}"


def statement_id(library_id: str, lesson_id: str, staff_id: str, attempt: str) -> str:
    """UUID v5 of the record's key and ``attempt`` ("completed" or the attempt's start)."""
    name = f"{library_id}\x1f{lesson_id}\x1f{staff_id}\x1f{attempt}"
    return str(uuid.uuid5(NAMESPACE, name))


def utc_key(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def statements_for(
    item: LearnerProgress,
    builder: RowBuilder,
    attempts: dict[AttemptKey, list[FinishedAttemptRow]],
    *,
    home_page: str,
    tz: tzinfo | None,
) -> Iterator[dict[str, Any]]:
    learner = item.learner
    library = builder.context.library
    actor = {"objectType": "Agent", "name": learner.name,
             "account": {"homePage": home_page, "name": learner.staff_id}}
    context = {"platform": "dxlearn", "language": LANGUAGE}
    for facts in builder.curriculum(learner.role):
        lesson = facts.lesson
        record = item.lessons.get(lesson.id)
        if record is None:
            continue
        activity = {"objectType": "Activity", "id": activity_id(library.id, lesson.id),
                    "definition": {"name": {LANGUAGE: lesson.title}, "type": ACTIVITY_LESSON}}
        for attempt in attempts.get((learner.staff_id, lesson.id), ()):
            done = record.completed_at is not None and record.completed_at <= attempt.finished_at
            yield {
                "id": statement_id(library.id, lesson.id, learner.staff_id,
                                   utc_key(attempt.started_at)),
                "version": XAPI_VERSION,
                "actor": actor,
                "verb": {"id": VERB_PASSED if attempt.passed else VERB_FAILED,
                         "display": {"en-US": "passed" if attempt.passed else "failed"}},
                "object": activity,
                "result": {
                    "score": {"scaled": round(attempt.score / 100, 4), "raw": attempt.score,
                              "min": 0, "max": 100},
                    "success": attempt.passed,
                    "completion": done,
                    "duration": iso_duration(
                        (attempt.finished_at - attempt.started_at) / timedelta(seconds=1)),
                },
                "context": context,
                "timestamp": iso_local(attempt.finished_at, tz),
            }
        if record.status is Status.COMPLETED and record.completed_at is not None:
            yield {
                "id": statement_id(library.id, lesson.id, learner.staff_id, "completed"),
                "version": XAPI_VERSION,
                "actor": actor,
                "verb": {"id": VERB_COMPLETED, "display": {"en-US": "completed"}},
                "object": activity,
                # no duration: study time keeps growing after completion, and a statement id
                # must always carry the same content, or an LRS rejects the re-export
                "result": {"completion": True},
                "context": context,
                "timestamp": iso_local(record.completed_at, tz),
            }


def group_attempts(
    rows: Iterable[FinishedAttemptRow],
) -> dict[AttemptKey, list[FinishedAttemptRow]]:
    grouped: dict[AttemptKey, list[FinishedAttemptRow]] = defaultdict(list)
    for row in rows:
        grouped[(row.staff_id, row.lesson_id)].append(row)
    return grouped


def write_xapi(
    path: Path,
    items: Iterable[LearnerProgress],
    builder: RowBuilder,
    attempts: dict[AttemptKey, list[FinishedAttemptRow]],
    *,
    home_page: str,
    tz: tzinfo | None = None,
    key: bytes = b"",
    check: Callable[[], None] | None = None,
) -> WrittenFile:
    if not home_page:
        raise ExportError("xAPI needs the organisation's URL for the actor's homePage: set "
                          "organisation_url in policy.toml or pass --organisation-url")
    count = 0
    atomic = AtomicFile(path, key)
    with atomic:
        atomic.write(b"[")
        for item in items:
            for statement in statements_for(item, builder, attempts, home_page=home_page, tz=tz):
                prefix = "\n" if count == 0 else ",\n"
                atomic.write((prefix + json.dumps(statement, ensure_ascii=False)).encode())
                count += 1
            if check is not None:
                check()
        atomic.write(b"\n]\n")
    logger.info("wrote %s: %d xAPI statements", path, count)
    return WrittenFile(path, count, atomic.sha256, atomic.hmac_sha256)
