"""和暦 conversion for import profiles: the era boundaries (平成→令和 on 2019-05-01), 元年,
the short R07.04.01 form, and every date of the table's range against a slow reference."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxlearn.export.wareki import ERAS, EraError, era_of, wareki_long, wareki_short


@pytest.mark.parametrize(("day", "long", "short"), [
    (date(2019, 4, 30), "平成31年4月30日", "H31.04.30"),  # the last day of 平成
    (date(2019, 5, 1), "令和元年5月1日", "R01.05.01"),  # the first day of 令和: 元年
    (date(2019, 12, 31), "令和元年12月31日", "R01.12.31"),
    (date(2020, 1, 1), "令和2年1月1日", "R02.01.01"),
    (date(2025, 4, 1), "令和7年4月1日", "R07.04.01"),  # the example
    (date(1989, 1, 7), "昭和64年1月7日", "S64.01.07"),
    (date(1989, 1, 8), "平成元年1月8日", "H01.01.08"),
    (date(1926, 12, 24), "大正15年12月24日", "T15.12.24"),
    (date(1926, 12, 25), "昭和元年12月25日", "S01.12.25"),
    (date(1912, 7, 29), "明治45年7月29日", "M45.07.29"),
    (date(1912, 7, 30), "大正元年7月30日", "T01.07.30"),
    (date(1868, 1, 25), "明治元年1月25日", "M01.01.25"),
])
def test_era_boundaries_and_gannen(day: date, long: str, short: str) -> None:
    assert wareki_long(day) == long
    assert wareki_short(day) == short


def test_a_date_before_meiji_is_refused() -> None:
    with pytest.raises(EraError):
        wareki_long(date(1868, 1, 24))
    with pytest.raises(EraError):
        wareki_short(date(1, 1, 1))


def _reference(day: date) -> tuple[str, int]:
    """The era by walking the table oldest first: the last era started on or before."""
    found = None
    for era in reversed(ERAS):
        if era.start <= day:
            found = (era.name, day.year - era.start.year + 1)
    assert found is not None
    return found


@given(st.dates(min_value=date(1868, 1, 25), max_value=date(2200, 12, 31)))
def test_every_date_has_the_era_the_table_says(day: date) -> None:
    era, year = era_of(day)
    assert (era.name, year) == _reference(day)
    long, short = wareki_long(day), wareki_short(day)
    assert long.startswith(era.name) and long.endswith(f"{day.month}月{day.day}日")
    assert ("元年" in long) == (year == 1)
    assert short == f"{era.letter}{year:02d}.{day.month:02d}.{day.day:02d}"
