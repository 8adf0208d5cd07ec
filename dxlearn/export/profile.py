"""HR import profiles: a TOML file saying the layout a personnel system imports.

    profile = load_profile(Path("jinji.toml"))      # ProfileError naming file, line and key

The contract (keys, values, the three worked examples) is in docs/completion-export.md
("Import profiles") and the HR guide docs/hr-import.md; the examples are the files under
docs/profiles/, which the golden tests read. Writing a profile's file is
``profile_write.write_profile``; the rows come from the export (``api``) or the merge.

Every problem is collected, not only the first, each with its key path (``columns[2].source``)
and a line: for a TOML syntax error the line ``tomllib`` reports; for a wrong value the line
of its key found by a small scan of the text (:func:`key_line`: best effort: a key written as
a dotted key or inside an inline array is given the line of its table, or none).
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dxlearn.export.columns import Kind
from dxlearn.export.errors import ExportError
from dxlearn.export.profile_fields import (
    MERGE,
    ROW_SETS,
    STATUSES,
    all_fields,
    kind,
)
from dxlearn.files.text import DecodeError, decode
from dxlearn.messages import Message, text

MAX_PROFILE_BYTES = 1 << 20  # a profile is a few kilobytes
MAX_COLUMNS = 200
ENCODINGS = ("cp932", "utf-8", "utf-8-sig")
LINE_ENDS = {"crlf": "\r\n", "lf": "\n"}
QUOTING = ("minimal", "all")
DELIMITERS = (",", "\t", ";")
DATE_FORMATS = ("yyyy/mm/dd", "yyyy-mm-dd", "yyyymmdd", "wareki", "wareki-short")
COLUMN_FORMATS = ("date", "datetime")
TOP_KEYS = ("name", "title", "rows", "encoding", "line_end", "quoting", "delimiter", "header",
            "date_format", "staff_id_width", "neutralise_formulas", "filter", "columns")
FILTER_KEYS = ("status", "role", "department", "library")
COLUMN_KEYS = ("header", "source", "value", "format", "map", "default")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True, slots=True)
class ProfileColumn:
    path: str  # "columns[2]": where it is in the file, for messages
    header: str
    source: str = ""  # a field; "" for a constant
    value: str = ""  # the constant (source "")
    format: str = ""  # "", "date" or "datetime" (datetime fields only)
    map: Mapping[str, str] | None = None  # label map: the value's text -> what to write
    default: str | None = None  # written for a value the map does not list


@dataclass(frozen=True, slots=True)
class Filters:
    status: tuple[str, ...] = ()  # empty: every value
    role: tuple[str, ...] = ()
    department: tuple[str, ...] = ()
    library: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    rows: str  # lesson | library | learner
    columns: tuple[ProfileColumn, ...]
    title: str = ""
    encoding: str = "utf-8-sig"
    line_end: str = "\r\n"
    quoting: str = "minimal"
    delimiter: str = ","
    header: bool = True
    date_format: str = "yyyy-mm-dd"
    staff_id_width: int = 0  # 0: ids as registered
    neutralise_formulas: bool = True
    filters: Filters = field(default_factory=Filters)
    path: Path = Path()
    sha256: str = ""  # of the file's bytes: the sidecar names it
    text: str = field(default="", repr=False)  # the file's text: lines for later messages


@dataclass(frozen=True, slots=True)
class Problem:
    key: str  # "columns[2].source"; "" for the whole file
    line: int | None
    reason: Message

    def text(self, lang: str, file: str) -> str:
        code = "profile.problem_at" if self.line is not None else "profile.problem"
        return text(code, lang, file=file, line=self.line, key=self.key or "-",
                    reason=self.reason)


class ProfileError(ExportError):
    """A profile that cannot be used; ``problems`` lists every mistake found."""

    def __init__(self, path: Path, problems: Sequence[Problem]) -> None:
        super().__init__("profile.invalid", file=str(path), count=len(problems))
        self.path = path
        self.problems = list(problems)

    def message(self, lang: str = "ja") -> str:
        head = text("profile.invalid", lang, file=str(self.path), count=len(self.problems))
        return "\n".join([head, *(p.text(lang, str(self.path)) for p in self.problems)])


# -- finding a key's line ---------------------------------------------------------------------

_HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def key_line(source: str, path: Sequence[str | int]) -> int | None:
    """The 1-based line of the key at ``path`` (``["columns", 2, "source"]``), else of its
    table, else None. Best effort: a small scan of the text, not a TOML parser."""
    table: tuple[str, int] | None = None  # ("columns", index) or ("filter", -1)
    counts: dict[str, int] = {}
    wanted_table: tuple[str, int] | None = None
    key: str | None = None
    if len(path) >= 3 and isinstance(path[1], int):
        wanted_table, key = (str(path[0]), path[1]), str(path[2])
    elif len(path) == 2 and isinstance(path[1], int):
        wanted_table = (str(path[0]), path[1])
    elif len(path) >= 2:
        wanted_table, key = (str(path[0]), -1), str(path[1])
    elif path:
        key = str(path[0])
    table_line: int | None = None
    for number, line in enumerate(source.splitlines(), start=1):
        header = _HEADER.match(line)
        if header and not line.lstrip().startswith("#"):
            name = header.group(2).strip().strip('"')
            if header.group(1) == "[[":
                index = counts.get(name, -1) + 1
                counts[name] = index
                table = (name, index)
            else:
                table = (name, -1)
            if table == wanted_table:
                table_line = number
            continue
        found = _KEY.match(line)
        if not found:
            continue
        name = found.group(1).strip("\"'")
        if table == wanted_table and name == key:
            return number
        if table is None and wanted_table is not None and name == wanted_table[0] and (
                wanted_table[1] == -1):
            return number  # filter = { ... } written inline
    return table_line


# -- reading ----------------------------------------------------------------------------------

class _Checker:
    def __init__(self, path: Path, source: str) -> None:
        self.path = path
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, where: Sequence[str | int], code: str, /, **params: object) -> None:
        label = ""
        for part in where:
            label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else part)
        self.problems.append(Problem(label, key_line(self.source, where),
                                     Message(code, params)))

    def unknown_keys(self, table: Mapping[str, Any], known: Sequence[str],
                     where: Sequence[str | int]) -> None:
        for key in table:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                if close:
                    self.problem([*where, key], "profile.unknown_key_close", key=key,
                                 close=close[0])
                else:
                    self.problem([*where, key], "profile.unknown_key", key=key,
                                 known=", ".join(known))

    def text(self, table: Mapping[str, Any], key: str, where: Sequence[str | int],
             default: str | None = None) -> str | None:
        value = table.get(key, default)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem([*where, key], "profile.want_text", found=_shown(value))
            return None
        if any(ord(ch) < 32 and ch != "\t" for ch in value):
            self.problem([*where, key], "profile.control_character")
            return None
        return value

    def choice(self, table: Mapping[str, Any], key: str, choices: Sequence[str],
               default: str) -> str:
        value = self.text(table, key, [], default)
        if value is None:
            return default
        if value not in choices:
            self.problem([key], "profile.want_choice", found=value,
                         choices=" / ".join(f'"{c}"' for c in choices).replace("\t", "\\t"))
            return default
        return value

    def flag(self, table: Mapping[str, Any], key: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            self.problem([key], "profile.want_flag", found=_shown(value))
            return default
        return value

    def text_list(self, table: Mapping[str, Any], key: str, where: Sequence[str | int]
                  ) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem([*where, key], "profile.want_text_list", found=_shown(value))
            return ()
        return tuple(value)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, list):
        return "[...]"
    return str(value)


def _syntax_line(error: tomllib.TOMLDecodeError) -> int | None:
    """The line tomllib names (``lineno`` from Python 3.14, else in the message)."""
    found = re.search(r"line (\d+)", str(error))
    line = getattr(error, "lineno", None) or (int(found.group(1)) if found else None)
    return line if isinstance(line, int) else None


def read_profile_text(path: Path) -> tuple[str, bytes]:
    """The profile's text and bytes (UTF-8 with or without BOM, or CP932 as Notepad saves)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PROFILE_BYTES + 1)
    except FileNotFoundError:
        raise ProfileError(path, [Problem("", None, Message("profile.file_missing"))]) from None
    except OSError as error:
        raise ProfileError(path, [Problem("", None, Message(
            "profile.file_unreadable", {"reason": error.strerror or str(error)}))]) from None
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError(path, [Problem("", None, Message(
            "profile.file_too_large", {"limit": MAX_PROFILE_BYTES}))])
    try:
        return decode(data, newlines=True).text, data
    except DecodeError:
        raise ProfileError(path, [Problem("", None, Message("profile.not_text"))]) from None


def load_profile(path: str | Path) -> Profile:
    """The profile in ``path``; raises :class:`ProfileError` listing every mistake."""
    path = Path(path)
    source, data = read_profile_text(path)
    try:
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(path, [Problem("", _syntax_line(error), Message(
            "profile.syntax", {"detail": str(error)}))]) from None
    except (ValueError, RecursionError, MemoryError) as error:  # a 5000-digit number, nesting
        raise ProfileError(path, [Problem("", None, Message(
            "profile.syntax", {"detail": type(error).__name__}))]) from None
    return parse_profile(raw, path, source, hashlib.sha256(data).hexdigest())


def parse_profile(raw: Mapping[str, Any], path: Path, source: str = "",
                  sha256: str = "") -> Profile:
    """Check the parsed TOML ``raw``; ``source`` (the text) gives the lines of messages."""
    check = _Checker(path, source)
    check.unknown_keys(raw, TOP_KEYS, [])
    name = check.text(raw, "name", [])
    if name is None and "name" not in raw:
        check.problem(["name"], "profile.missing", key="name", example='name = "jinji-kyuyo"')
    elif name is not None and not _NAME.fullmatch(name):
        check.problem(["name"], "profile.bad_name", found=name)
    rows = raw.get("rows")
    if rows is None:
        check.problem(["rows"], "profile.missing", key="rows", example='rows = "library"')
        rows = ""
    else:
        rows = check.choice(raw, "rows", ROW_SETS, "")
    encoding = check.choice(raw, "encoding", ENCODINGS, "utf-8-sig")
    width = raw.get("staff_id_width", 0)
    if isinstance(width, bool) or not isinstance(width, int) or not 0 <= width <= 20:
        check.problem(["staff_id_width"], "profile.want_width", found=_shown(width))
        width = 0
    profile = Profile(
        name=name or "",
        title=check.text(raw, "title", [], "") or "",
        rows=rows,
        encoding=encoding,
        line_end=LINE_ENDS[check.choice(raw, "line_end", tuple(LINE_ENDS), "crlf")],
        quoting=check.choice(raw, "quoting", QUOTING, "minimal"),
        delimiter=check.choice(raw, "delimiter", DELIMITERS, ","),
        header=check.flag(raw, "header", True),
        date_format=check.choice(raw, "date_format", DATE_FORMATS, "yyyy-mm-dd"),
        staff_id_width=width,
        neutralise_formulas=check.flag(raw, "neutralise_formulas", True),
        filters=_filters(check, raw.get("filter", {})),
        columns=_columns(check, raw.get("columns"), rows, encoding),
        path=path,
        sha256=sha256,
        text=source,
    )
    if check.problems:
        raise ProfileError(path, sorted(check.problems, key=lambda p: p.line or 0))
    return profile


def _filters(check: _Checker, raw: object) -> Filters:
    if not isinstance(raw, dict):
        check.problem(["filter"], "profile.want_table", key="filter", example="[filter]")
        return Filters()
    check.unknown_keys(raw, FILTER_KEYS, ["filter"])
    statuses = check.text_list(raw, "status", ["filter"])
    for status in statuses:
        if status not in STATUSES:
            check.problem(["filter", "status"], "profile.unknown_status", found=status,
                          known=", ".join(STATUSES))
    return Filters(statuses, check.text_list(raw, "role", ["filter"]),
                   check.text_list(raw, "department", ["filter"]),
                   check.text_list(raw, "library", ["filter"]))


def _columns(check: _Checker, raw: object, rows: str, encoding: str
             ) -> tuple[ProfileColumn, ...]:
    if raw is None:
        check.problem(["columns"], "profile.no_columns")
        return ()
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        check.problem(["columns"], "profile.want_columns")
        return ()
    if not raw:
        check.problem(["columns"], "profile.no_columns")
        return ()
    if len(raw) > MAX_COLUMNS:
        check.problem(["columns"], "profile.too_many_columns", limit=MAX_COLUMNS)
        return ()
    # rows not known (a mistake reported already): a field of any row set is accepted here
    fields = all_fields(rows) if rows else tuple(
        dict.fromkeys(f for each in ROW_SETS for f in all_fields(each)))
    return tuple(c for i, item in enumerate(raw)
                 if (c := _column(check, item, i, rows, fields, encoding)) is not None)


def _column(check: _Checker, raw: dict[str, Any], index: int, rows: str,
            fields: tuple[str, ...], encoding: str) -> ProfileColumn | None:
    where: list[str | int] = ["columns", index]
    before = len(check.problems)
    check.unknown_keys(raw, COLUMN_KEYS, where)
    header = check.text(raw, "header", where)
    if header is None and "header" not in raw:
        check.problem(where, "profile.column_header", example='header = "職員番号"')
    source = check.text(raw, "source", where) or ""
    value = check.text(raw, "value", where)
    if "source" in raw and "value" in raw:
        check.problem([*where, "value"], "profile.source_and_value")
    elif "source" not in raw and "value" not in raw:
        check.problem(where, "profile.no_source", example='source = "staff_id"')
    if source and source not in fields:
        close = difflib.get_close_matches(source, fields, n=1, cutoff=0.6)
        check.problem([*where, "source"], "profile.unknown_field", found=source, rows=rows or "?",
                      close=Message("profile.close", {"close": close[0]}) if close else "",
                      known=", ".join(fields))
    fmt = check.text(raw, "format", where) or ""
    if fmt and fmt not in COLUMN_FORMATS:
        check.problem([*where, "format"], "profile.want_column_format", found=fmt)
    elif fmt and source in fields and kind(source) is not Kind.DATETIME:
        check.problem([*where, "format"], "profile.format_not_time", field=source)
    elif fmt and value is not None:
        check.problem([*where, "format"], "profile.format_on_value")
    labels = _label_map(check, raw, where, source)
    default = check.text(raw, "default", where)
    if default is not None and labels is None:
        check.problem([*where, "default"], "profile.default_without_map")
    if encoding == "cp932":
        _check_cp932(check, where, header=header, value=value, default=default,
                     **{f"map.{k}": v for k, v in (labels or {}).items()})
    if len(check.problems) > before:
        return None
    return ProfileColumn(f"columns[{index}]", header or "", source, value or "", fmt, labels,
                         default)


def _label_map(check: _Checker, raw: dict[str, Any], where: list[str | int], source: str
               ) -> dict[str, str] | None:
    if "map" not in raw:
        return None
    labels = raw["map"]
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        check.problem([*where, "map"], "profile.want_map")
        return None
    if source == "status":
        for key in labels:
            if key not in (*STATUSES, ""):
                check.problem([*where, "map"], "profile.unknown_status", found=key,
                              known=", ".join(STATUSES))
    elif source and kind(source) is Kind.BOOL:
        for key in labels:
            if key not in ("true", "false", ""):
                check.problem([*where, "map"], "profile.map_bool_key", found=key)
    return dict(labels)


def _check_cp932(check: _Checker, where: list[str | int], **texts: str | None) -> None:
    for key, value in texts.items():
        if not value:
            continue
        try:
            value.encode("cp932")
        except UnicodeEncodeError as error:
            bad = value[error.start:error.end]
            check.problem([*where, *key.split(".")[:1]], "profile.not_cp932", char=bad,
                          code=f"U+{ord(bad[0]):04X}")


def check_available(profile: Profile, origin: str) -> None:
    """Refuse a profile naming a field ``origin`` (``export`` or ``merge``) cannot give."""
    from dxlearn.export.profile_fields import FIELDS

    fields = FIELDS[profile.rows][origin]
    problems = [
        Problem(f"{c.path}.source", key_line(profile.text, ["columns", i, "source"]), Message(
            "profile.field_not_in_merge" if origin == MERGE else "profile.field_not_in_export",
            {"field": c.source}))
        for i, c in enumerate(profile.columns) if c.source and c.source not in fields
    ]
    if problems:
        raise ProfileError(profile.path, problems)
