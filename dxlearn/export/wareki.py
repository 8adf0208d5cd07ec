"""和暦 (Japanese era) dates for HR import profiles: 令和7年4月1日 and R07.04.01.

A small, table-driven converter written here on purpose: no well-kept library for this is in
the package registry we may use (the few that exist are unmaintained or pull in a calendar
framework for what is a five-row table), and the rule is short enough to test completely.

Each era begins on the Gregorian date in :data:`ERAS` (the day of the 改元: 平成 began on
1989-01-08, 令和 on 2019-05-01; 明治 is counted from 1868-01-25, the Gregorian day of 明治元年
1月1日, since Japan used the lunar calendar until 1872). The first year of an era is 元年 in the
long form (令和元年5月1日) and 01 in the short form (R01.05.01). A date before 明治 has no era
here and is refused (:class:`EraError`).

A new era is one row added to :data:`ERAS` (its start date, name and letter).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Era:
    name: str  # 令和
    letter: str  # R
    start: date  # first day, Gregorian


ERAS: tuple[Era, ...] = (  # newest first
    Era("令和", "R", date(2019, 5, 1)),
    Era("平成", "H", date(1989, 1, 8)),
    Era("昭和", "S", date(1926, 12, 25)),
    Era("大正", "T", date(1912, 7, 30)),
    Era("明治", "M", date(1868, 1, 25)),
)


class EraError(ValueError):
    """A date before the first era of the table."""


def era_of(day: date) -> tuple[Era, int]:
    """The era of ``day`` and the year within it (1 for 元年)."""
    for era in ERAS:
        if day >= era.start:
            return era, day.year - era.start.year + 1
    raise EraError(day.isoformat())


def wareki_long(day: date) -> str:
    """``令和7年4月1日``; the first year is ``元年`` (``令和元年5月1日``)."""
    era, year = era_of(day)
    shown = "元" if year == 1 else str(year)
    return f"{era.name}{shown}年{day.month}月{day.day}日"


def wareki_short(day: date) -> str:
    """``R07.04.01``: the era's letter, two-digit year (``01`` for 元年), month and day."""
    era, year = era_of(day)
    return f"{era.letter}{year:02d}.{day.month:02d}.{day.day:02d}"
