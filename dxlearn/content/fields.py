"""Front-matter keys: types, ranges and friendly messages, shared by every YAML the trainers write.

A schema is a mapping ``key -> check``; a check takes the YAML value and returns the accepted
value or raises :class:`FieldError` with a catalogue code (``dxlearn/messages/content.py``) that
says what to write instead.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

from .model import Finding, Severity

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9\-_.]*")
# Anything that looks like an HTML tag: a title is shown as plain text, so markup in it is a
# mistake (or an attempt to make the label load something).
MARKUP = re.compile(r"<[A-Za-z!/?][^<>\n]{0,200}>")
SHOWN_LIMIT = 40  # characters of a trainer's value quoted back in a message

# A near miss of these keys is an error, not a warning: ignoring it silently changes who must
# study a lesson (roles) or whether it counts toward completion (required).
TYPO_CODES = {"roles": "content.key_typo_roles", "required": "content.key_typo_required"}
_TYPO_CUTOFF = 0.75


class _Refused:
    """The value of a key whose YAML was refused (an alias, a too-long number, ...): the key is
    there, its finding is already reported, and no check runs on it."""

    def __repr__(self) -> str:
        return "<refused>"


REFUSED = _Refused()

# Library and lesson ids key the learners' records: the progress database holds at most this
# many characters (``store.models.RECORD_ID_CHARS``; a test keeps the two equal), on SQLite and
# PostgreSQL alike, so a longer id is a lint error rather than a lesson that cannot be recorded.
MAX_RECORD_ID_CHARS = 128


class FieldError(ValueError):
    """A value that a check refuses: ``code`` and ``params`` of the message (``key`` is added
    by :func:`validate`)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


Check = Callable[[Any], Any]


def shown(value: object) -> str:
    """A value as a message quotes it: at most :data:`SHOWN_LIMIT` characters, one line."""
    result = str(value) if not isinstance(value, str) else value
    result = result.replace("\n", " ")
    return result if len(result) <= SHOWN_LIMIT else result[:SHOWN_LIMIT] + "…"


def text(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, list | dict):
        raise FieldError("content.value_not_text")
    result = str(value).strip()
    if not result:
        raise FieldError("content.value_empty")
    return result


def identifier(value: Any) -> str:
    result = text(value)
    if len(result) > MAX_RECORD_ID_CHARS:
        raise FieldError("content.value_id_too_long", value=shown(result), length=len(result),
                         limit=MAX_RECORD_ID_CHARS)
    if not ID_PATTERN.fullmatch(result):
        raise FieldError("content.value_bad_id", value=shown(result))
    return result


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise FieldError("content.value_not_bool", value=shown(value))


def integer(minimum: int, maximum: int | None = None) -> Check:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldError("content.value_not_int", value=shown(value))
        if maximum is not None and not minimum <= value <= maximum:
            raise FieldError("content.value_out_of_range", minimum=minimum, maximum=maximum,
                             value=shown(value))
        if value < minimum:
            raise FieldError("content.value_too_small", minimum=minimum, value=shown(value))
        return value

    return check


def text_list(value: Any) -> tuple[str, ...]:
    """A list of texts; a single text is accepted as a one-item list (forgiving)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise FieldError("content.value_not_list")
    items: list[str] = []
    for item in value:
        try:
            items.append(text(item))
        except FieldError as exc:
            code = ("content.value_item_empty" if exc.code == "content.value_empty"
                    else "content.value_item_not_text")
            raise FieldError(code) from exc
    return tuple(items)


def nearest_key(key: str, names: Collection[str], cutoff: float = 0.5) -> str | None:
    """The known key ``key`` is most likely a typo of, or None."""
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=cutoff)
    if close:
        return close[0]
    lowered = {name.lower(): name for name in names}
    return lowered.get(key.lower())


def unknown_key(path: str, line: int, key: str, schema: Mapping[str, Check],
                typo_codes: Mapping[str, str]) -> Finding:
    """An unknown key: a warning naming the nearest known key; an error when it is a near miss
    of a key in ``typo_codes`` (ignoring it would silently change the curriculum)."""
    near = nearest_key(key, schema)
    strict = nearest_key(key, typo_codes, cutoff=_TYPO_CUTOFF)
    if strict is not None and strict == near:
        return Finding(path, line, Severity.ERROR, typo_codes[strict], {"key": shown(key)})
    if near is not None:
        return Finding(path, line, Severity.WARNING, "content.key_unknown_near",
                       {"key": shown(key), "near": near})
    return Finding(path, line, Severity.WARNING, "content.key_unknown",
                   {"key": shown(key), "known": ", ".join(schema)})


def validate(
    data: Mapping[str, Any],
    key_lines: Mapping[str, int],
    schema: Mapping[str, Check],
    path: str,
    findings: list[Finding],
    *,
    typo_codes: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Check every key; return the accepted values. Unknown keys warn (a near miss of a key in
    ``typo_codes`` is an error), bad values are errors."""
    typos = TYPO_CODES if typo_codes is None else typo_codes
    typos = {key: code for key, code in typos.items() if key in schema}
    accepted: dict[str, Any] = {}
    for key, value in data.items():
        line = key_lines.get(key, 1)
        check = schema.get(key)
        if value is REFUSED and check is not None:
            continue
        if check is None:
            findings.append(unknown_key(path, line, key, schema, typos))
            continue
        try:
            accepted[key] = check(value)
        except FieldError as exc:
            findings.append(Finding(path, line, Severity.ERROR, exc.code,
                                    {"key": key, **exc.params}))
    return accepted


def markup_warnings(values: Mapping[str, Any], keys: Collection[str],
                    key_lines: Mapping[str, int], path: str, findings: list[Finding]) -> None:
    """Warn when a text shown in a label (a title, an objective) holds HTML markup: labels show
    it as plain text, so the markup never does what the trainer meant."""
    for key in keys:
        value = values.get(key)
        texts = value if isinstance(value, tuple) else (value,)
        for item in texts:
            match = MARKUP.search(item) if isinstance(item, str) else None
            if match is not None:
                findings.append(Finding(path, key_lines.get(key, 1), Severity.WARNING,
                                        "content.markup_in_text",
                                        {"key": key, "tag": shown(match.group(0))}))
                break
