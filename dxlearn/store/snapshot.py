"""A read-only snapshot for the first paint, with the standard library's sqlite3 only.

Importing SQLAlchemy and Alembic costs most of a second on the PCs we target; the learner
should see their curriculum before that. This reads the last learner, their preferences and
their lesson statuses straight from the SQLite file, opened read-only (``mode=ro``), and
returns ``None`` whenever anything is unusual (no file, an older or newer schema, a lock, a
damaged file): the caller then simply opens the full store first. The full store opens right
after the first paint and takes over; nothing is ever written here.

The SQL lives in ``dxlearn.store`` like every other query; it reads the tables the 0002
revision defines (see ``models.py``; 0003 only added columns this does not read).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dxlearn.learning.profile import Profile
from dxlearn.learning.status import Status, recorded_status
from dxlearn.store.location import sqlite_uri

logger = logging.getLogger(__name__)

# the tables read here are 0002's
KNOWN_REVISIONS = frozenset({"0002", "0003", "0004", "0005", "0006"})


@dataclass(frozen=True, slots=True)
class SnapshotOutcome:
    """Satisfies ``learning.status.HasOutcome`` (status + completed_at)."""

    status: Status
    completed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Snapshot:
    learner: Profile
    library_id: str  # the library the statuses are for
    settings: dict[str, Any] = field(default_factory=dict)
    outcomes: dict[str, SnapshotOutcome] = field(default_factory=dict)


def _utc(text: str | None) -> datetime | None:
    if text is None:
        return None
    parsed = datetime.fromisoformat(text)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def read_snapshot(database: Path, library_ids: str | Sequence[str]) -> Snapshot | None:
    """The last signed-in learner's preferences and statuses, or None. The statuses are for
    the library the learner last chose (setting ``library_id``) when it is among
    ``library_ids``, else for the first of them."""
    if isinstance(library_ids, str):
        library_ids = [library_ids]
    if not database.is_file():
        return None
    try:
        connection = sqlite3.connect(sqlite_uri(database, read_only=True), uri=True, timeout=0.2)
    except sqlite3.Error:
        return None
    try:
        return _read(connection, list(library_ids))
    except (sqlite3.Error, ValueError, TypeError) as exc:
        logger.info("no start-up snapshot from %s: %s", database, exc)
        return None
    finally:
        connection.close()


def _read(connection: sqlite3.Connection, library_ids: list[str]) -> Snapshot | None:
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] not in KNOWN_REVISIONS:
        return None  # a migration is due (or the file is newer): the full store decides
    # The JSON column has NUMERIC affinity in SQLite: numbers come back as numbers, the rest
    # as JSON text.
    settings = {
        key: json.loads(value) if isinstance(value, str) else value
        for key, value in connection.execute(
            "SELECT key, value FROM settings WHERE scope = 'app'")
    }
    chosen = settings.get("library_id")
    library_id = chosen if chosen in library_ids else library_ids[0]
    staff_id = settings.get("last_learner")
    if not isinstance(staff_id, str):
        return None
    row = connection.execute(
        "SELECT id, staff_id, name, department, role FROM learners WHERE staff_id = ?",
        (staff_id,)).fetchone()
    if row is None:
        return None
    learner_id = row[0]
    learner = Profile(row[1], row[2], row[3], row[4])
    attempted = {
        lesson_id for (lesson_id,) in connection.execute(
            "SELECT DISTINCT lesson_id FROM quiz_attempts WHERE learner_id = ? "
            "AND library_id = ?", (learner_id, library_id))
    }
    outcomes: dict[str, SnapshotOutcome] = {}
    for lesson_id, completed_at, first_opened_at, read_at in connection.execute(
        "SELECT lesson_id, completed_at, first_opened_at, read_at FROM lesson_progress "
        "WHERE learner_id = ? AND library_id = ?", (learner_id, library_id)):
        completed = _utc(completed_at)
        status = recorded_status(
            completed=completed is not None,
            started=bool(first_opened_at or read_at or lesson_id in attempted))
        if status is not Status.NOT_STARTED:
            outcomes[lesson_id] = SnapshotOutcome(status, completed)
    for lesson_id in attempted - outcomes.keys():
        outcomes[lesson_id] = SnapshotOutcome(recorded_status(completed=False, started=True))
    return Snapshot(learner, library_id, settings, outcomes)


def read_app_setting(database: Path, key: str) -> Any:
    """One of the app's preferences (e.g. the display language, for the CLI), read-only with
    the standard library; None when the file, the table or the key is not there."""
    if not database.is_file():
        return None
    try:
        connection = sqlite3.connect(sqlite_uri(database, read_only=True), uri=True, timeout=0.2)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute("SELECT value FROM settings WHERE scope = 'app' AND key = ?",
                                 (key,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    if row is None:
        return None
    value = row[0]
    try:
        return json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return None
