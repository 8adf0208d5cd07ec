"""xAPI 1.0.3 statements (JSON arrays) for a Learning Record Store (docs/xapi.md).

Per lesson of a learner's curriculum:
- ``completed`` when the lesson is completed (timestamp = completion time, completion true;
  no duration, since study time may grow after completion);
- ``passed``/``failed`` per finished quiz attempt, with ``result.score`` (scaled, raw, min,
  max), ``success``, ``completion`` (was the lesson completed by the end of this attempt) and
  ``duration`` (attempt start to finish).

The rule every field follows: **a statement's content never changes under its id**. An LRS
keeps the first statement it receives under an id and refuses a different one (409), and one
refusal rejects the whole POST. So:

- timestamps are UTC (``2026-11-27T05:00:30Z``), never the exporting PC's zone;
- the actor is its ``account`` only (homePage = the normalised organisation URL,
  :mod:`dxlearn.export.xapi_iri`; name = staff_id): no display name, which a rename changes;
- the activity's definition holds its type only: a lesson's title can be edited, and the
  title is in the CSV/XLSX exports;
- the id is a UUID v5 of everything the content is built from that may differ between two
  exports: the statement format version (:data:`STATEMENT_FORMAT`), the homePage, the
  database's id (two PCs completing one lesson are two statements), library, lesson, staff_id,
  and the attempt's database id and start (two attempts started in the same microsecond are two
  statements) or ``completed``. A database's completion time and an attempt's result are
  written once and never change.

An export with no statement writes nothing (:class:`NothingToExport`): an LRS refuses ``[]``.
:func:`write_xapi_batches` splits a large export into numbered files of at most N statements
(``x-0001.json``, ...), each a complete array an LRS accepts in one POST.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from dxlearn.export.csv_writer import WrittenFile
from dxlearn.export.errors import ExportError
from dxlearn.export.rows import RowBuilder
from dxlearn.export.xapi_iri import HomePageError, normalise_home_page
from dxlearn.files.atomic import AtomicFile, replace_into_place, temp_beside
from dxlearn.learning.status import Status
from dxlearn.messages import CodedError
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
# Part of every statement id: raise it whenever the content built for the same record changes
# (a field added, a value spelled differently), so a new version never sends different content
# under an id an LRS already holds. 1 was the first release (local times, display name,
# title in the definition); 2 is the content described in the module docstring.
STATEMENT_FORMAT = "2"
PART_DIGITS = 4  # x-0001.json; more parts than 9999 simply get more digits

AttemptKey = tuple[str, str]  # (staff_id, lesson_id)


class XapiError(CodedError, ExportError):
    """An xAPI export that cannot be written; ``message(lang)`` says why (nothing written)."""


class NothingToExport(XapiError):
    """No statement at all: no file is written (an LRS refuses an empty array)."""

    def __init__(self) -> None:
        super().__init__("xapi.nothing_to_export")


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


def iso_utc(value: datetime) -> str:
    """An aware time as UTC with whole seconds: ``2026-11-27T05:00:30Z``."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_key(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def activity_id(library_id: str, lesson_id: str) -> str:
    return f"urn:dxlearn:{library_id}:{lesson_id}"


def statement_id(*key: str) -> str:
    """UUID v5 of the statement's key (see the module docstring for what it holds)."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join((STATEMENT_FORMAT, *key))))


def home_page_for(organisation_url: str) -> str:
    """The normalised homePage; raises :class:`XapiError` naming the value and the reason."""
    try:
        return normalise_home_page(organisation_url)
    except HomePageError as error:
        raise XapiError(error.code, **error.params) from error


def statements_for(
    item: LearnerProgress,
    builder: RowBuilder,
    attempts: dict[AttemptKey, list[FinishedAttemptRow]],
    *,
    home_page: str,
    database_id: str,
) -> Iterator[dict[str, Any]]:
    """The statements of one learner. ``home_page`` must be normalised already."""
    learner = item.learner
    library = builder.context.library
    actor = {"objectType": "Agent",
             "account": {"homePage": home_page, "name": learner.staff_id}}
    context = {"platform": "dxlearn", "language": LANGUAGE}
    for facts in builder.curriculum(learner.role):
        lesson = facts.lesson
        record = item.lessons.get(lesson.id)
        if record is None:
            continue
        key = (home_page, database_id, library.id, lesson.id, learner.staff_id)
        activity = {"objectType": "Activity", "id": activity_id(library.id, lesson.id),
                    "definition": {"type": ACTIVITY_LESSON}}
        for attempt in attempts.get((learner.staff_id, lesson.id), ()):
            done = record.completed_at is not None and record.completed_at <= attempt.finished_at
            yield {
                "id": statement_id(*key, f"attempt:{attempt.attempt_id}:"
                                   f"{utc_key(attempt.started_at)}"),
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
                "timestamp": iso_utc(attempt.finished_at),
            }
        if record.status is Status.COMPLETED and record.completed_at is not None:
            yield {
                "id": statement_id(*key, "completed"),
                "version": XAPI_VERSION,
                "actor": actor,
                "verb": {"id": VERB_COMPLETED, "display": {"en-US": "completed"}},
                "object": activity,
                # no duration: study time keeps growing after completion
                "result": {"completion": True},
                "context": context,
                "timestamp": iso_utc(record.completed_at),
            }


def group_attempts(
    rows: Iterable[FinishedAttemptRow],
) -> dict[AttemptKey, list[FinishedAttemptRow]]:
    grouped: dict[AttemptKey, list[FinishedAttemptRow]] = defaultdict(list)
    for row in rows:
        grouped[(row.staff_id, row.lesson_id)].append(row)
    return grouped


def _statements(
    items: Iterable[LearnerProgress],
    builder: RowBuilder,
    attempts: dict[AttemptKey, list[FinishedAttemptRow]],
    home_page: str,
    database_id: str,
    check: Callable[[], None] | None,
) -> Iterator[bytes]:
    """Each statement as one line of JSON (UTF-8)."""
    if not database_id:
        logger.warning("xAPI export of a database without an id: statement ids cannot tell "
                       "this database from another one")
    for item in items:
        for statement in statements_for(item, builder, attempts, home_page=home_page,
                                        database_id=database_id):
            yield json.dumps(statement, ensure_ascii=False).encode()
        if check is not None:
            check()


def write_xapi(
    path: Path,
    items: Iterable[LearnerProgress],
    builder: RowBuilder,
    attempts: dict[AttemptKey, list[FinishedAttemptRow]],
    *,
    home_page: str,
    database_id: str,
    key: bytes = b"",
    check: Callable[[], None] | None = None,
) -> WrittenFile:
    """One JSON array in ``path``; raises :class:`XapiError` (:class:`NothingToExport` for
    no statement), and then nothing is left on disk."""
    home = home_page_for(home_page)
    count = 0
    atomic = AtomicFile(path, key)
    with atomic:
        for line in _statements(items, builder, attempts, home, database_id, check):
            atomic.write((b"[\n" if count == 0 else b",\n") + line)
            count += 1
        if count == 0:
            raise NothingToExport()
        atomic.write(b"\n]\n")
    logger.info("wrote %s: %d xAPI statements", path, count)
    return WrittenFile(path, count, atomic.sha256, atomic.hmac_sha256)


def part_path(path: Path, number: int) -> Path:
    """``x.json`` -> ``x-0001.json`` for part 1."""
    return path.with_name(f"{path.stem}-{number:0{PART_DIGITS}d}{path.suffix}")


def stale_parts(path: Path, parts: int) -> list[Path]:
    """Numbered files of an earlier, longer export beside ``path`` (``x-0004.json`` when this
    export wrote three parts): they are not part of this export."""
    digits = rf"(\d{{{PART_DIGITS},}})"
    pattern = re.compile(rf"^{re.escape(path.stem)}-{digits}{re.escape(path.suffix)}$")
    found = []
    with contextlib.suppress(OSError):
        for entry in path.parent.iterdir():
            match = pattern.match(entry.name)
            if match and int(match.group(1)) > parts and entry.is_file():
                found.append(entry)
    return sorted(found)


def write_xapi_batches(
    path: Path,
    items: Iterable[LearnerProgress],
    builder: RowBuilder,
    attempts: dict[AttemptKey, list[FinishedAttemptRow]],
    *,
    batch: int,
    home_page: str,
    database_id: str,
    key: bytes = b"",
    check: Callable[[], None] | None = None,
) -> list[WrittenFile]:
    """Numbered files of at most ``batch`` statements each (see :func:`part_path`).

    Every part is written to a temporary file first; only when all are written are they
    renamed into place, so an error (or no statement at all) leaves nothing behind."""
    if batch < 1:
        raise XapiError("xapi.batch_invalid", value=batch)
    home = home_page_for(home_page)
    lines = _statements(items, builder, attempts, home, database_id, check)
    temps: list[Path] = []
    written: list[WrittenFile] = []
    try:
        while (first := next(lines, None)) is not None:
            final = part_path(path, len(written) + 1)
            temps.append(temp_beside(final))
            count = 1
            with AtomicFile(temps[-1], key) as out:
                out.write(b"[\n" + first)
                for line in itertools.islice(lines, batch - 1):
                    out.write(b",\n" + line)
                    count += 1
                out.write(b"\n]\n")
            written.append(WrittenFile(final, count, out.sha256, out.hmac_sha256))
        if not written:
            raise NothingToExport()
        for temp, part in zip(temps, written, strict=True):
            replace_into_place(temp, part.path)
    except BaseException:
        for temp in temps:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        raise
    logger.info("wrote %d xAPI parts of at most %d statements beside %s", len(written), batch,
                path)
    return written
