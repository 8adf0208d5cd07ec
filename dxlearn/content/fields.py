"""Front-matter keys: types, ranges and friendly messages, shared by every YAML the trainers write.

A schema is a mapping ``key -> check``; a check takes the YAML value and returns the accepted
value or raises :class:`FieldError` with a message that says what to write instead.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from typing import Any

from .model import Finding, Severity

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9\-_.]*")
# Library and lesson ids key the learners' records: the progress database holds at most this
# many characters (``store.models.RECORD_ID_CHARS``; a test keeps the two equal), on SQLite and
# PostgreSQL alike, so a longer id is a lint error rather than a lesson that cannot be recorded.
MAX_RECORD_ID_CHARS = 128


class FieldError(ValueError):
    pass


Check = Callable[[Any], Any]


def text(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, list | dict):
        raise FieldError("must be text")
    result = str(value).strip()
    if not result:
        raise FieldError("must not be empty")
    return result


def identifier(value: Any) -> str:
    result = text(value)
    if len(result) > MAX_RECORD_ID_CHARS:
        raise FieldError(f"'{result[:40]}...' is too long for an id ({len(result)} characters); "
                         f"use at most {MAX_RECORD_ID_CHARS}")
    if not ID_PATTERN.fullmatch(result):
        raise FieldError(
            f"'{result}' is not a valid id: use lower-case letters a-z, digits and - _ . "
            "(starting with a letter or digit), e.g. what-is-dx"
        )
    return result


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise FieldError(f"must be true or false, not '{value}'")


def integer(minimum: int, maximum: int | None = None) -> Check:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldError(f"must be a whole number, not '{value}'")
        if value < minimum or (maximum is not None and value > maximum):
            bounds = f"from {minimum} to {maximum}" if maximum is not None else f">= {minimum}"
            raise FieldError(f"must be {bounds}, not {value}")
        return value

    return check


def text_list(value: Any) -> tuple[str, ...]:
    """A list of texts; a single text is accepted as a one-item list (forgiving)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise FieldError("must be a list, e.g. ['executive', 'staff'] or '- item' lines")
    items: list[str] = []
    for item in value:
        try:
            items.append(text(item))
        except FieldError as exc:
            raise FieldError(f"every item {exc}") from exc
    return tuple(items)


def suggestion(key: str, known: Mapping[str, Check] | list[str]) -> str:
    names = list(known)
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.5)
    if not close:
        lowered = {name.lower(): name for name in names}
        close = [lowered[key.lower()]] if key.lower() in lowered else []
    hint = f"did you mean `{close[0]}`?" if close else f"known keys: {', '.join(names)}"
    return f"{key}: unknown key, ignored; {hint}"


def validate(
    data: Mapping[str, Any],
    key_lines: Mapping[str, int],
    schema: Mapping[str, Check],
    path: str,
    findings: list[Finding],
) -> dict[str, Any]:
    """Check every key; return the accepted values. Unknown keys warn, bad values are errors."""
    accepted: dict[str, Any] = {}
    for key, value in data.items():
        line = key_lines.get(key, 1)
        check = schema.get(key)
        if check is None:
            findings.append(Finding(path, line, Severity.WARNING, suggestion(key, schema)))
            continue
        try:
            accepted[key] = check(value)
        except FieldError as exc:
            findings.append(Finding(path, line, Severity.ERROR, f"{key}: {exc}"))
    return accepted
