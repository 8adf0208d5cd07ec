"""The manifest of a lesson pack and the ``library.yaml`` inside it, parsed as an author who
wants to hurt us might write them: numbers bounded to 19 digits before ``int()`` sees them,
nesting bounded by the JSON parser's recursion limit, every value checked for its type and
length, paths checked by the name rules, and library.yaml read the way the loader reads it.
Never raises for any bytes. Split from :mod:`dxlearn.content.pack_check`. Pure Python.
"""

from __future__ import annotations

import json
from typing import Any

from dxlearn.files.text import DecodeError, decode

from . import fields
from .loader import LIBRARY_SCHEMA
from .model import Finding
from .pack_format import (
    _SHA256,
    FORMAT_ID,
    LIBRARY_FILE,
    MANIFEST,
    MAX_ID_CHARS,
    MAX_TEXT_CHARS,
    Limits,
    Manifest,
    PackFile,
    PackProblem,
    collision_key,
    is_lesson_file,
    shown,
    unsafe_name_reason,
)
from .textfile import parse_yaml_file

_DEFAULT = Limits()
_MAX_DIGITS = 19  # sizes fit in 64 bits; a 5000-digit number is refused before int() sees it


class _NumberTooLong(ValueError):
    pass


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > _MAX_DIGITS:
        raise _NumberTooLong(digits[:20])
    return int(digits)


def _text_field(raw: dict[str, Any], key: str, where: str,
                problems: list[PackProblem]) -> str:
    value = raw.get(key, "")
    if (not isinstance(value, str) or len(value) > MAX_TEXT_CHARS
            or any(ord(c) < 32 for c in value)):
        problems.append(PackProblem("pack.manifest_bad_text", MANIFEST, {"key": where}))
        return ""
    return value


def _file_entries(files: list[Any], problems: list[PackProblem]) -> list[PackFile]:
    entries: list[PackFile] = []
    seen: dict[str, str] = {}  # collision key -> the first path listed with it
    for index, item in enumerate(files):
        if not (isinstance(item, dict) and isinstance(item.get("path"), str)
                and isinstance(item.get("sha256"), str) and _SHA256.fullmatch(item["sha256"])
                and isinstance(item.get("size"), int) and not isinstance(item["size"], bool)
                and item["size"] >= 0 and not item["path"].endswith("/")):
            problems.append(PackProblem("pack.manifest_bad_entry", MANIFEST, {"index": index}))
            continue
        path = item["path"]
        reason = unsafe_name_reason(path)
        if reason is not None:
            problems.append(PackProblem("pack.manifest_unsafe_path", MANIFEST, {
                "path": shown(path), "reason": reason}))
            continue
        key = collision_key(path)
        first = seen.get(key)
        if first is not None:
            code = "pack.manifest_duplicate" if first == path else "pack.manifest_case_duplicate"
            problems.append(PackProblem(code, MANIFEST, {"path": shown(path),
                                                         "first": shown(first)}))
            continue
        seen[key] = path
        entries.append(PackFile(path, item["sha256"], item["size"]))
    return entries


def _shown_value(value: object) -> str:
    """A manifest value in a message: text as it is (cut), anything else by its JSON type."""
    if isinstance(value, str):
        return shown(value)
    return {dict: "object", list: "array", bool: "boolean", int: "number", float: "number",
            type(None): "null"}.get(type(value), type(value).__name__)


def parse_manifest(data: bytes, limits: Limits = _DEFAULT) -> tuple[Manifest | None,
                                                                          list[PackProblem]]:
    """The manifest, or None with the reasons. Never raises for any bytes."""

    def bad(code: str, **params: object) -> tuple[None, list[PackProblem]]:
        return None, [PackProblem(code, MANIFEST, params)]

    try:
        raw = json.loads(data.decode("utf-8-sig"), parse_int=_bounded_int)
    except UnicodeDecodeError:
        return bad("pack.manifest_not_utf8")
    except RecursionError:
        return bad("pack.manifest_too_deep")
    except _NumberTooLong:
        return bad("pack.manifest_number_too_long", limit=_MAX_DIGITS)
    except json.JSONDecodeError as exc:
        return bad("pack.manifest_not_json", line=exc.lineno, column=exc.colno)
    except ValueError:  # any other number Python will not convert
        return bad("pack.manifest_number_too_long", limit=_MAX_DIGITS)
    if not isinstance(raw, dict):
        return bad("pack.manifest_not_object")
    if raw.get("format") != FORMAT_ID:
        return bad("pack.manifest_format", found=_shown_value(raw.get("format")),
                   expected=FORMAT_ID)
    library = raw.get("library")
    files = raw.get("files")
    if not isinstance(library, dict) or not isinstance(files, list):
        return bad("pack.manifest_shape")
    library_id = library.get("id")
    if (not isinstance(library_id, str) or not fields.ID_PATTERN.fullmatch(library_id)
            or len(library_id) > MAX_ID_CHARS or unsafe_name_reason(library_id) is not None):
        return bad("pack.manifest_bad_id", id=_shown_value(library_id))
    if len(files) > limits.max_entries:
        return bad("pack.too_many_entries", count=len(files), limit=limits.max_entries)
    if not files:
        return bad("pack.manifest_empty")
    problems: list[PackProblem] = []
    title = _text_field(library, "title", "library.title", problems)
    version = _text_field(library, "version", "library.version", problems)
    created_at = _text_field(raw, "created_at", "created_at", problems)
    app_version = _text_field(raw, "app_version", "app_version", problems)
    entries = _file_entries(files, problems)
    if not problems and not any(is_lesson_file(e.path) for e in entries):
        problems.append(PackProblem("pack.manifest_no_lessons", MANIFEST))
    manifest = Manifest(library_id=library_id, title=title, version=version,
                        created_at=created_at, app_version=app_version, files=tuple(entries))
    return manifest, problems


def declared_identity(data: bytes) -> tuple[dict[str, str], list[Finding], str | None]:
    """``id`` and ``version`` as the loader reads them from library.yaml's bytes (the same
    decoder, YAML parser and field checks), the findings about them, and why the file cannot be
    read at all (None when it can)."""
    try:
        decoded = decode(data)
    except DecodeError as exc:
        return {}, [], f"encoding: {exc.problem.value}"
    doc = parse_yaml_file(decoded.text, LIBRARY_FILE)  # never raises: problems are findings
    if not doc.readable:
        return {}, [], doc.findings[0].message if doc.findings else "not 'key: value' lines"
    meta, lines = doc.data, doc.key_lines
    schema = {key: LIBRARY_SCHEMA[key] for key in ("id", "version")}
    findings: list[Finding] = [f for f in doc.findings if f.is_error]
    values = fields.validate({k: v for k, v in meta.items() if k in schema}, lines, schema,
                             LIBRARY_FILE, findings)
    return values, [f for f in findings if f.is_error], None
