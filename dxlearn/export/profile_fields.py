"""The fields an HR import profile may name, per row set, and the rows it is given.

Three row sets (the profile's ``rows``):

- ``lesson``: one row per learner, library and lesson (the detail export's rows, or the
  detail of an ``hr merge``);
- ``library``: one row per learner and library (the summary export's rows, or the merge's
  per-learner summary);
- ``learner``: one row per learner, rolled up from the library rows (:func:`learner_rows`).

Most fields exist in both an export and a merge; a few exist in one only (an export knows its
``exported_at`` and ``app_version``, a merge knows ``on_roster`` and ``flags``).
:func:`check_available` refuses a profile that names a field the command cannot give, naming
the column. Rows are plain mappings of field -> Python value (status keys such as
``completed``, booleans, ints, aware datetimes, None for empty).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime

from dxlearn.export.columns import DETAIL_COLUMNS, SUMMARY_COLUMNS, Kind
from dxlearn.learning.status import Status

ROW_SETS = ("lesson", "library", "learner")
EXPORT, MERGE = "export", "merge"

Row = Mapping[str, object]

_KINDS: dict[str, Kind] = {c.key: c.kind for c in (*DETAIL_COLUMNS, *SUMMARY_COLUMNS)}
_KINDS.update({"libraries": Kind.INT, "libraries_completed": Kind.INT,
               "on_roster": Kind.BOOL, "flags": Kind.TEXT, "last_exported_at": Kind.DATETIME})

_LESSON_COMMON = tuple(c.key for c in DETAIL_COLUMNS
                       if c.key not in ("exported_at", "app_version"))
_LIBRARY_COMMON = tuple(c.key for c in SUMMARY_COLUMNS
                        if c.key not in ("exported_at", "app_version"))
_LEARNER_COMMON = ("staff_id", "name", "department", "role", "libraries",
                   "libraries_completed", "required_total", "required_completed", "status",
                   "completed_at", "study_seconds", "device")

FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "lesson": {EXPORT: (*_LESSON_COMMON, "exported_at", "app_version"),
               MERGE: (*_LESSON_COMMON, "flags")},
    "library": {EXPORT: (*_LIBRARY_COMMON, "exported_at", "app_version"),
                MERGE: (*_LIBRARY_COMMON, "last_exported_at", "on_roster", "flags")},
    "learner": {EXPORT: (*_LEARNER_COMMON, "exported_at", "app_version"),
                MERGE: (*_LEARNER_COMMON, "last_exported_at", "on_roster", "flags")},
}
STATUSES = tuple(s.value for s in Status)


def kind(field: str) -> Kind:
    return _KINDS.get(field, Kind.TEXT)


def all_fields(rows: str) -> tuple[str, ...]:
    """Every field of ``rows`` in an export or a merge (what a profile may name)."""
    both = FIELDS[rows]
    return tuple(dict.fromkeys((*both[EXPORT], *both[MERGE])))


def rows_from(keys: Iterable[str], tuples: Iterable[tuple[object, ...]],
              rename: Mapping[str, str] | None = None) -> Iterator[dict[str, object]]:
    """Rows as mappings from tuples in the order of ``keys`` (``rename``: key -> field)."""
    names = [(rename or {}).get(k, k) for k in keys]
    for values in tuples:
        yield dict(zip(names, values, strict=True))


def _status_of(statuses: list[object]) -> str:
    if statuses and all(s == Status.COMPLETED.value for s in statuses):
        return Status.COMPLETED.value
    if all(s == Status.NOT_STARTED.value for s in statuses):
        return Status.NOT_STARTED.value
    return Status.IN_PROGRESS.value


def _sum(values: Iterable[object]) -> int | None:
    numbers = [v for v in values if isinstance(v, int)]
    return sum(numbers) if numbers else None


def _roll_up(group: list[Row]) -> dict[str, object]:
    first = group[0]
    statuses = [row.get("status") for row in group]
    status = _status_of(statuses)
    times = [t for row in group if isinstance(t := row.get("completed_at"), datetime)]
    devices = sorted({d for row in group for d in str(row.get("device") or "").split() if d})
    flags = sorted({f for row in group for f in str(row.get("flags") or "").split() if f})
    rolled: dict[str, object] = {
        "staff_id": first.get("staff_id"), "name": first.get("name"),
        "department": first.get("department"), "role": first.get("role"),
        "libraries": sum(1 for row in group if row.get("library_id")),
        "libraries_completed": sum(1 for s in statuses if s == Status.COMPLETED.value),
        "required_total": _sum(row.get("required_total") for row in group),
        "required_completed": _sum(row.get("required_completed") for row in group),
        "status": status,
        "completed_at": max(times) if status == Status.COMPLETED.value and times else None,
        "study_seconds": _sum(row.get("study_seconds") for row in group) or 0,
        "device": " ".join(devices),
        "flags": " ".join(flags),
    }
    for key in ("exported_at", "app_version", "last_exported_at", "on_roster"):
        if key in first:
            rolled[key] = first[key]
    if "last_exported_at" in first:
        stamps = [t for row in group if isinstance(t := row.get("last_exported_at"), datetime)]
        rolled["last_exported_at"] = max(stamps) if stamps else None
    return rolled


def learner_rows(library_rows: Iterable[Row]) -> list[dict[str, object]]:
    """One row per learner from their library rows, in the order learners first appear: the
    status is ``completed`` when every library row is, ``not_started`` when every one is,
    else ``in_progress``; ``completed_at`` the latest of a completed learner; counts and
    seconds summed; devices and flags joined."""
    groups: dict[object, list[Row]] = {}
    for row in library_rows:
        groups.setdefault(row.get("staff_id"), []).append(row)
    return [_roll_up(group) for group in groups.values()]
