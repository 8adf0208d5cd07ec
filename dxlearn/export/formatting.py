"""Cell values -> text for CSV (and the checks shared by every text writer).

- ``true``/``false`` for booleans (``はい``/``いいえ`` with Japanese headers), empty for None;
- ISO 8601 with the local offset for times (``2026-11-27T14:05:09+09:00``), whole seconds;
- formula neutralisation (docs/completion-export.md): a text cell that a spreadsheet could take
  for a formula gets a leading ``'``: one starting with ``= + - @``, tab, CR or LF, with their
  full-width and small forms (``＝＋－＠``, ``﹦﹢﹣﹫``: Japanese Excel takes ``＝`` for ``=``
  once the IME has converted it), also after leading blanks (space, U+3000, U+00A0, U+200B,
  U+2060, U+FEFF: ``" =1+1"``); :func:`unneutralise` undoes exactly that, so reading our own
  output back gives the original text (a text that itself starts with ``'`` before such a
  start gets one more ``'``);
- for CP932 the classic Unicode/CP932 mapping differences (WAVE DASH vs FULLWIDTH TILDE, ...)
  are mapped to the CP932 characters Windows itself uses, so a title typed on a Mac exports
  instead of failing; anything else CP932 cannot hold is an error (never a silent ``?``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from dxlearn.export.columns import Column, Kind

# The first character of a formula in Excel (and in LibreOffice, Google Sheets), the control
# characters that start one in some CSV importers, and the forms a Japanese IME produces.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n" "＝＋－＠" "﹦﹢﹣﹫")
# Blanks a spreadsheet skips before it looks for the "=" (or a person cannot see).
LEADING_BLANKS = " \u3000\u00a0\u200b\u2060\ufeff"

# JIS X 0208 code points that Python's (and Windows') cp932 spells differently.
CP932_EQUIVALENTS = str.maketrans({
    "\u301c": "\uff5e",  # WAVE DASH -> FULLWIDTH TILDE
    "\u2016": "\u2225",  # DOUBLE VERTICAL LINE -> PARALLEL TO
    "\u2212": "\uff0d",  # MINUS SIGN -> FULLWIDTH HYPHEN-MINUS
    "\u00a2": "\uffe0",  # CENT SIGN
    "\u00a3": "\uffe1",  # POUND SIGN
    "\u00ac": "\uffe2",  # NOT SIGN
    "\u2014": "\u2015",  # EM DASH -> HORIZONTAL BAR
})


def looks_like_formula(text: str) -> bool:
    """True when ``text`` (after any leading ``'`` and blanks) starts like a formula."""
    rest = text.lstrip("'").lstrip(LEADING_BLANKS)
    return rest[:1] in FORMULA_TRIGGERS and rest != ""


def neutralise(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet could take it for a formula."""
    if not text or (text[0] not in FORMULA_TRIGGERS and text[0] not in _SUSPECT_START):
        return text  # the common case, decided by one look at the first character
    return "'" + text if looks_like_formula(text) else text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise`: ``unneutralise(neutralise(x)) == x`` for every text."""
    if text[:1] == "'" and looks_like_formula(text[1:]):
        return text[1:]
    return text


_SUSPECT_START = frozenset("'" + LEADING_BLANKS)


def to_local(value: datetime, tz: tzinfo | None) -> datetime:
    """An aware time in the export's zone (``tz`` None: this PC's local zone), whole seconds."""
    return value.astimezone(tz).replace(microsecond=0)


def iso_local(value: datetime, tz: tzinfo | None) -> str:
    return value.astimezone(tz).isoformat(timespec="seconds")


BOOL_WORDS = {"en": ("true", "false"), "ja": ("はい", "いいえ")}


def text_formatter(kind: Kind, tz: tzinfo | None, *, cp932: bool,
                   bools: tuple[str, str] = BOOL_WORDS["en"]) -> Callable[[object], str]:
    """The function turning one cell value of ``kind`` into CSV text (``bools``: the words
    for True and False)."""
    if kind is Kind.TEXT:
        if cp932:
            return lambda v: "" if v is None else neutralise(str(v).translate(CP932_EQUIVALENTS))
        return lambda v: "" if v is None else neutralise(str(v))
    if kind is Kind.INT:
        return lambda v: "" if v is None else str(int(v))  # type: ignore[call-overload]
    if kind is Kind.DECIMAL:
        return lambda v: "" if v is None else repr(float(v))  # type: ignore[arg-type]
    if kind is Kind.BOOL:
        yes, no = bools
        return lambda v: "" if v is None else (yes if v else no)

    def fmt_time(v: object) -> str:
        return "" if v is None else iso_local(v, tz)  # type: ignore[arg-type]

    return fmt_time


CACHE_LIMIT = 4096  # per column: learner, lesson and export-wide values repeat row after row


def segment_formatter(
    columns: tuple[Column, ...], tz: tzinfo | None, *, cp932: bool,
    bools: tuple[str, str] = BOOL_WORDS["en"],
) -> Callable[[int, tuple[object, ...]], tuple[str, ...]]:
    """Format the cells of columns ``start``.. of a row; each column memoises recent values
    (scores, statuses, counts repeat)."""
    formatters = [text_formatter(c.kind, tz, cp932=cp932, bools=bools) for c in columns]
    caches: list[dict[object, str]] = [{} for _ in columns]
    plan = list(zip(formatters, caches, strict=True))

    def fmt(start: int, values: tuple[object, ...]) -> tuple[str, ...]:
        out = []
        for (format_, cache), value in zip(plan[start:start + len(values)], values, strict=True):
            text = cache.get(value)
            if text is None:
                text = format_(value)
                if len(cache) < CACHE_LIMIT:
                    cache[value] = text
            out.append(text)
        return tuple(out)

    return fmt


def row_formatter(
    columns: tuple[Column, ...], tz: tzinfo | None, *, cp932: bool,
    bools: tuple[str, str] = BOOL_WORDS["en"],
) -> Callable[[tuple[object, ...]], tuple[str, ...]]:
    """Format a whole row (see :func:`segment_formatter`)."""
    segment = segment_formatter(columns, tz, cp932=cp932, bools=bools)
    return lambda row: segment(0, row)


CACHE_ENTRIES = 1 << 16  # distinct UTC hours (or minutes) remembered, about 7 years of hours


class LocalTimes:
    """UTC times -> ``iso_local`` text, fast: the local offset is looked up per UTC hour.

    Accepts aware datetimes and the UTC text SQLite stores (``2026-11-27 05:00:00.000000``,
    see ``dxlearn.store.export_queries.UtcStamp``). For stored text the local date and hour and
    the offset text are cached per UTC hour, so formatting a value is a slice, a dictionary
    lookup and a concatenation instead of ``astimezone`` + ``isoformat`` (about 3 us). Zones
    whose offset is not whole hours (+05:30) are cached per UTC minute instead. An hour (or
    minute) in which the zone's offset changes, or an offset with seconds (historical local
    mean time), is not cached: those values take the exact path. The output is identical to
    :func:`iso_local` (whole seconds, truncated).
    """

    def __init__(self, tz: tzinfo | None) -> None:
        self.tz = tz
        self._hours: dict[str, tuple[str, str] | None] = {}
        self._minutes: dict[str, tuple[str, str] | None] = {}
        # UTC hour (since 0001-01-01) -> the zone's offset in seconds, None when it changes
        # within that hour; filled by offset_at (read directly by xlsx_rows.datetime_encoder)
        self.offsets: dict[int, int | None] = {}

    def local_seconds(self, value: datetime) -> int:
        """An aware time as the local wall-clock time of the zone, in whole seconds since
        0001-01-01 00:00 (what ``to_local(value, tz).replace(tzinfo=None)`` shows, as a
        number: the XLSX writer's date-time cells). The offset is looked up per UTC hour as
        for the text; an hour in which it changes (or an offset with microseconds) takes the
        exact ``to_local`` path."""
        utc = (value - _AWARE_ORIGIN) // _SECOND
        hour = utc // 3600
        offset = self.offsets.get(hour, _UNKNOWN)
        if offset is _UNKNOWN:
            offset = self.offset_at(hour)
        if offset is not None:
            return utc + offset  # type: ignore[operator]
        return (to_local(value, self.tz).replace(tzinfo=None) - _ORIGIN) // _SECOND

    def offset_at(self, hour: int) -> int | None:
        """The zone's offset (seconds) in the UTC ``hour`` since 0001-01-01, learnt and kept
        in :attr:`offsets`; None when it changes within the hour (or has microseconds)."""
        try:
            start = _AWARE_ORIGIN + timedelta(hours=hour)
            first = start.astimezone(self.tz).utcoffset()
            last = (start + timedelta(seconds=3599)).astimezone(self.tz).utcoffset()
        except OverflowError:  # the first or last hour datetime can hold
            first = last = None
        usable = first is not None and first == last and not first.microseconds
        offset = int(first.total_seconds()) if usable else None  # type: ignore[union-attr]
        if len(self.offsets) >= CACHE_ENTRIES:
            self.offsets.clear()
        self.offsets[hour] = offset
        return offset

    def __call__(self, value: object) -> str:
        if value is None:
            return ""
        if type(value) is str and value[10:11] == " " and (
                len(value) == 19 or (len(value) == 26 and value[19] == ".")):
            hour = value[:13]
            entry = self._hours.get(hour)
            if entry is None and hour not in self._hours:
                entry = self._learn(self._hours, hour, ":00:00", 3599, 13)
            if entry is not None:
                return entry[0] + value[13:19] + entry[1]
            minute = value[:16]
            entry = self._minutes.get(minute)
            if entry is None and minute not in self._minutes:
                entry = self._learn(self._minutes, minute, ":00", 59, 16)
            if entry is not None:
                return entry[0] + value[16:19] + entry[1]
        return iso_local(utc_value(value), self.tz)

    def _learn(self, cache: dict[str, tuple[str, str] | None], key: str, rest: str, span: int,
               cut: int) -> tuple[str, str] | None:
        """(local text up to ``cut``, offset text) for a UTC hour or minute, or None when the
        values in it must take the exact path."""
        try:
            start = datetime.fromisoformat(key + rest + "+00:00")
        except ValueError:
            return None
        first = iso_local(start, self.tz)
        last = iso_local(start + timedelta(seconds=span), self.tz)
        end = iso_local(start + timedelta(seconds=span), UTC)
        usable = (first[cut:19] == rest and last[cut:19] == end[cut:19]
                  and first[19:] == last[19:] and len(first) == 25)  # "+09:00", no seconds
        entry = (first[:cut], first[19:]) if usable else None
        if len(cache) >= CACHE_ENTRIES:
            cache.clear()
        cache[key] = entry
        return entry


_ORIGIN = datetime(1, 1, 1)
_AWARE_ORIGIN = _ORIGIN.replace(tzinfo=UTC)
_SECOND = timedelta(seconds=1)
_UNKNOWN = object()
UNIX_SECONDS = (datetime(1970, 1, 1) - _ORIGIN) // _SECOND  # 0001-01-01 .. 1970-01-01


def utc_value(value: object) -> datetime:
    """An aware datetime from a datetime or stored UTC text (naive text is UTC)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# -- time zones written into files ------------------------------------------------------------

ZONE_PROPERTY = "dxlearn.timezone"  # the XLSX document property naming the zone of its times
_OFFSET_LABEL = re.compile(r"UTC([+-])(\d\d):(\d\d)")


def zone_label(tz: tzinfo | None, now: datetime | None = None) -> str:
    """A name for the zone of the times in a file: the IANA name when one is known (the
    policy's ``timezone``, ``TZ``, ``/etc/localtime``), else the fixed offset in force at
    ``now`` (``UTC+09:00``), which :func:`zone_from_label` reads back."""
    from zoneinfo import ZoneInfo

    if isinstance(tz, ZoneInfo):
        return tz.key
    if tz is None:
        name = _local_zone_name()
        if name:
            return name
    moment = (now or datetime.now(UTC)).astimezone(tz)
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minute = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minute:02d}"


def zone_from_label(label: str) -> tzinfo | None:
    """The zone :func:`zone_label` named; None when the label is not one we can read."""
    from zoneinfo import ZoneInfo

    text = label.strip()
    found = _OFFSET_LABEL.fullmatch(text)
    if found:
        sign, hours, minutes = found.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes))
        return timezone(-delta if sign == "-" else delta)
    try:
        return ZoneInfo(text) if text else None
    except (ValueError, KeyError, OSError):  # not an IANA name this PC knows
        return None


def _local_zone_name() -> str:
    from zoneinfo import ZoneInfo

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        link = os.path.realpath("/etc/localtime")
    except OSError:
        link = ""
    if "zoneinfo" + os.sep in link:
        candidates.append(link.split("zoneinfo" + os.sep, 1)[1])
    for name in candidates:
        try:
            if name and ZoneInfo(name) is not None:
                return name
        except (ValueError, KeyError, OSError):
            continue
    return ""
