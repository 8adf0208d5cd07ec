"""Learner profile rules: what a valid registration is (the dialog only reports the input).

Staff ids are text: leading zeros are part of the id, and full-width digits typed with a
Japanese IME are the same id as half-width ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

# The longest staff id (the progress database's column, on SQLite and PostgreSQL alike).
MAX_STAFF_ID_CHARS = 64


class ProfileProblem(StrEnum):
    STAFF_ID_MISSING = "staff_id_missing"
    STAFF_ID_INVALID = "staff_id_invalid"
    NAME_MISSING = "name_missing"
    DEPARTMENT_MISSING = "department_missing"
    ROLE_MISSING = "role_missing"
    ROLE_UNKNOWN = "role_unknown"


@dataclass(frozen=True, slots=True)
class Profile:
    staff_id: str
    name: str
    department: str
    role: str


def normalise_staff_id(value: str) -> str:
    """Trim, turn full-width letters/digits into half-width (NFKC), keep leading zeros."""
    return unicodedata.normalize("NFKC", value).strip()


def normalise_text(value: str) -> str:
    """Trim, including the full-width space (U+3000) an IME leaves at either end."""
    return value.strip().strip("\u3000").strip()


def validate_profile(
    staff_id: str, name: str, department: str, role: str, known_roles: list[str]
) -> tuple[Profile | None, dict[str, ProfileProblem]]:
    """Return the normalised profile, or the problems keyed by field name."""
    problems: dict[str, ProfileProblem] = {}
    clean_id = normalise_staff_id(staff_id)
    if not clean_id:
        problems["staff_id"] = ProfileProblem.STAFF_ID_MISSING
    elif (any(ch.isspace() or not ch.isprintable() for ch in clean_id)
          or len(clean_id) > MAX_STAFF_ID_CHARS):
        problems["staff_id"] = ProfileProblem.STAFF_ID_INVALID
    clean_name = normalise_text(name)
    if not clean_name:
        problems["name"] = ProfileProblem.NAME_MISSING
    clean_department = normalise_text(department)
    if not clean_department:
        problems["department"] = ProfileProblem.DEPARTMENT_MISSING
    if not role:
        problems["role"] = ProfileProblem.ROLE_MISSING
    elif role not in known_roles:
        problems["role"] = ProfileProblem.ROLE_UNKNOWN
    if problems:
        return None, problems
    return Profile(clean_id, clean_name, clean_department, role), {}


MIN_ID_CHARS_SHARED_PC = 3  # a shared PC: this much of a staff id before any name is shown


def suggestions(typed: str, registered: Sequence[Profile], roster: Sequence[Profile],
                limit: int = 20) -> list[Profile]:
    """The sign-in picker's candidates for what was typed into 職員番号.

    With an organisation roster (policy) only roster entries are offered, matched by the start
    of the staff id or any part of the name. Without one, the learners registered on this PC
    are matched by the start of their staff id only, and on a PC shared by more than one
    learner only after ``MIN_ID_CHARS_SHARED_PC`` characters: the list never shows every
    stored name to whoever sits down at the PC. Nothing is offered for an empty field.
    """
    text = normalise_staff_id(typed)
    if not text:
        return []
    if roster:
        name_part = normalise_text(typed)
        found = [p for p in roster
                 if p.staff_id.startswith(text) or (name_part and name_part in p.name)]
        return found[:limit]
    needed = MIN_ID_CHARS_SHARED_PC if len(registered) > 1 else 1
    if len(text) < needed:
        return []
    return [p for p in registered if p.staff_id.startswith(text)][:limit]
