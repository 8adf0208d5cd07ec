"""The detail CSV's fast path (``export_feed`` + ``detail_csv`` + ``LocalTimes``) against the
general path (``learner_progress`` + ``RowBuilder`` + ``write_csv``): same facts, same bytes."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from dxlearn.export.columns import DETAIL_COLUMNS
from dxlearn.export.csv_writer import cell_format_for, write_csv
from dxlearn.export.detail_csv import DetailLines, csv_join, write_detail_csv
from dxlearn.export.errors import CellError
from dxlearn.export.formatting import LocalTimes, iso_local
from dxlearn.export.rows import RowBuilder, RowContext, detail_rows
from dxlearn.export.vocabulary import vocabulary
from dxlearn.store import open_store
from dxlearn.store.export_queries import (
    FEED_ATTEMPTS,
    FEED_BEST_SCORE,
    FEED_COMPLETED_AT,
    FEED_COMPLETED_LIBRARY_VERSION,
    FEED_COMPLETED_VERSION,
    FEED_PASSED,
    FEED_STARTED_AT,
    FEED_STATUS,
    FEED_STUDY_SECONDS,
    FEED_VERSION,
    export_feed,
)

from support.export_builders import JST, Fixture, open_store_at

NOW = datetime(2026, 11, 27, 6, 0, 0, tzinfo=UTC)
ZONES: list[tzinfo | None] = [JST, None, UTC, ZoneInfo("Asia/Kolkata"),
                              ZoneInfo("America/New_York"), ZoneInfo("Australia/Lord_Howe"),
                              timezone(timedelta(hours=-3, minutes=-30))]


def read_only(fx: Fixture) -> str:
    return fx.read_only_target


def as_utc(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


@pytest.mark.parametrize("wanted", [None, ["00456", "00123"], ["00789"], ["nobody"]])
def test_export_feed_holds_what_learner_progress_holds(
        fx: Fixture, wanted: list[str] | None, monkeypatch: pytest.MonkeyPatch) -> None:
    import dxlearn.store.export_queries as export_queries

    with open_store(read_only(fx)) as opened:
        store = opened.store
        expected = list(store.learner_progress(fx.library.id, wanted))
        found = list(export_feed(store, fx.library.id, wanted))
        monkeypatch.setattr(export_queries, "IN_LIST_LIMIT", 1)  # filtered in Python
        assert list(export_feed(store, fx.library.id, wanted)) == found
        assert list(export_feed(store, "another-library", wanted)) == [
            (learner, {}) for learner, _ in found]
    assert len(found) == len(expected)
    assert any(lessons for _, lessons in found) or wanted == ["00789"] or wanted == ["nobody"]
    for (learner, lessons), item in zip(found, expected, strict=True):
        who = item.learner
        assert learner == (who.staff_id, who.name, who.department, who.role)
        assert sorted(lessons) == sorted(item.lessons)
        for lesson_id, record in item.lessons.items():
            tuple_ = lessons[lesson_id]
            assert tuple_[FEED_STATUS] == record.status.value
            assert tuple_[FEED_VERSION] == record.version
            assert as_utc(tuple_[FEED_COMPLETED_AT]) == record.completed_at
            assert tuple_[FEED_COMPLETED_VERSION] == record.completed_version
            assert tuple_[FEED_COMPLETED_LIBRARY_VERSION] == record.completed_library_version
            assert tuple_[FEED_STUDY_SECONDS] == record.study_seconds
            assert tuple_[FEED_ATTEMPTS] == record.attempts
            assert tuple_[FEED_BEST_SCORE] == record.best_score
            assert tuple_[FEED_PASSED] == record.passed
            assert as_utc(tuple_[FEED_STARTED_AT]) == record.started_at


def general_path(fx: Fixture, path: Path, *, encoding: str, header: str, tz: tzinfo | None,
                 wanted: list[str] | None = None) -> tuple[bytes, str]:
    words = vocabulary(header, fx.library.roles)
    context = RowContext(fx.library, "PC-0123", NOW, "9.9.9", words)
    builder = RowBuilder(context, cell_format_for(DETAIL_COLUMNS, encoding, tz, words.bools))
    with open_store(read_only(fx)) as opened:
        rows = detail_rows(opened.store.learner_progress(fx.library.id, wanted), builder)
        written = write_csv(path, DETAIL_COLUMNS, rows, header=header, encoding=encoding, tz=tz,
                            key=b"k" * 32, preformatted=True)
    return path.read_bytes(), written.hmac_sha256


def fast_path(fx: Fixture, path: Path, *, encoding: str, header: str, tz: tzinfo | None,
              wanted: list[str] | None = None) -> tuple[bytes, str]:
    context = RowContext(fx.library, "PC-0123", NOW, "9.9.9",
                         vocabulary(header, fx.library.roles))
    lines = DetailLines(context, encoding, tz)
    with open_store(read_only(fx)) as opened:
        feed = export_feed(opened.store, fx.library.id, wanted)
        written = write_detail_csv(path, (lines.lines(who, lessons) for who, lessons in feed),
                                   header=header, encoding=encoding, key=b"k" * 32)
    return path.read_bytes(), written.hmac_sha256


@pytest.mark.parametrize("tz", ZONES, ids=str)
@pytest.mark.parametrize(("encoding", "header"), [("utf-8-sig", "en"), ("cp932", "ja")])
def test_detail_csv_fast_path_writes_the_same_bytes(
        fx: Fixture, tmp_path: Path, tz: tzinfo | None, encoding: str, header: str) -> None:
    with open_store_at(fx.db) as store:  # a name that needs quoting, and a tricky department
        store.register_learner("01000", 'Smith, "Bob"', "総務課\r\n分室", "staff")
        store.register_learner("01001", "〜波線〜", "", "leader")
        store.open_lesson("01001", fx.library.id, "lead", version=1)
        # records the curriculum does not list: a lesson of another role, a lesson that left
        # the library, and a completion earned on an earlier library version
        store.open_lesson("01000", fx.library.id, "lead", version=1)
        store.mark_read("01000", fx.library.id, "gone", version=3, has_quiz=False,
                        library_version="2025.9")
        store.mark_read("01001", fx.library.id, "rules", version=1, has_quiz=False,
                        library_version="2025.9")
    general = general_path(fx, tmp_path / "general.csv", encoding=encoding, header=header, tz=tz)
    fast = fast_path(fx, tmp_path / "fast.csv", encoding=encoding, header=header, tz=tz)
    assert fast == general
    assert fast[0].count(b"\r\n") > 10
    some = ["00789", "01001"]
    assert fast_path(fx, tmp_path / "f2.csv", encoding=encoding, header=header, tz=tz,
                     wanted=some) == general_path(fx, tmp_path / "g2.csv", encoding=encoding,
                                                  header=header, tz=tz, wanted=some)


def test_detail_csv_fast_path_names_the_same_cell_cp932_cannot_hold(
        fx: Fixture, tmp_path: Path) -> None:
    with open_store_at(fx.db) as store:
        store.register_learner("00999", "山田", "𠮷野課", "staff")
    out = tmp_path / "out"
    out.mkdir()
    errors = []
    for write in (general_path, fast_path):
        with pytest.raises(CellError) as caught:
            write(fx, out / "x.csv", encoding="cp932", header="ja", tz=JST)
        errors.append((str(caught.value), caught.value.row, caught.value.column))
        assert list(out.iterdir()) == []
    assert errors[0] == errors[1]
    assert "row 10" in errors[0][0] and errors[0][2] == "department"


def test_csv_join_quotes_as_csv_writer_does() -> None:
    assert csv_join(("a", "", "b,c", 'd"e', "f\ng")) == 'a,,"b,c","d""e","f\ng"'
    assert csv_join(("",)) == ""
    assert csv_join(("", "")) == ","


@pytest.mark.parametrize("tz", ZONES, ids=str)
def test_local_times_match_iso_local(tz: tzinfo | None) -> None:
    rng = random.Random(5)
    times = LocalTimes(tz)
    moments = [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(400 * 86400),
                                                            microseconds=rng.randrange(10**6))
               for _ in range(3000)]
    # around the 2026 DST changes of New York, Lord Howe (30 minutes) and a leap second-ish
    # boundary: every minute for an hour either side, and every second around the change
    for change in (datetime(2026, 3, 8, 7, tzinfo=UTC), datetime(2026, 11, 1, 6, tzinfo=UTC),
                   datetime(2026, 4, 4, 15, tzinfo=UTC), datetime(2026, 10, 3, 15, 30,
                                                                  tzinfo=UTC)):
        moments += [change + timedelta(minutes=m) for m in range(-60, 61)]
        moments += [change + timedelta(seconds=s) for s in range(-90, 91)]
    for moment in moments:
        expected = iso_local(moment, tz)
        stored = moment.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
        assert times(stored) == expected, stored
        assert times(stored[:19]) == expected
        assert times(moment) == expected
    assert times(None) == ""
    assert times("2026-11-27 05:00:00+09:00") == iso_local(
        datetime(2026, 11, 26, 20, tzinfo=UTC), tz), "an offset in the text is honoured"


def test_merge_csv_reader_fast_path_reads_what_the_general_reader_reads() -> None:
    from dxlearn.hr.values import RowProblem, RowReader, header_map

    header = [c.en for c in DETAIL_COLUMNS]
    good = ["00123", "山田", "課", "staff", "lib", "1", "intro", "=DX", "2", "true",
            "completed", "90", "80", "true", "1", "2026-11-27T14:00:00+09:00",
            "2026-11-27T14:05:30+09:00", "300", "PC-1", "2026-11-27T15:00:00+09:00", "0.1"]
    variants = [
        good,
        [*good[:9], "TRUE", *good[10:]],  # words the fast path leaves to the general reader
        [*good[:11], " 90 ", *good[12:]],
        [*good[:15], "2026-11-27T14:00:00", *good[16:]],  # no offset: local time
        [*good[:15], " 2026-11-27T14:00:00+09:00", *good[16:]],
        ["'=00123", "'-山田", "'@課", *good[3:]],  # neutralised cells
        ["'00123", "O'Brien", *good[2:]],
        [*good[:3], "一般職員", *good[4:10], "修了", *good[11:13], "はい", *good[14:]],  # ja
        [*good[:10], "half-done", *good[11:]],  # bad rows: the same messages
        [*good[:11], "ninety", *good[12:]],
        [*good[:13], "maybe", *good[14:]],
        ["  ", *good[1:]],
        good[:12],  # short row
        [""] * len(good),  # empty row: left out
        [],
        [*good[:16], "", *good[17:]],  # completed without completed_at
        [*good[:11], "101", *good[12:]],  # a score above 100
        [*good[:11], "１００", *good[12:]],  # full-width digits
        [*good[:17], "1_000", *good[18:]],
        [*good[:14], "-5", *good[15:]],
        [*good[:17], "9" * 5000, *good[18:]],
        [*good[:14], "", *good[15:]],
        [*good[:17], "", *good[18:]],
    ]
    mapping, _ = header_map(header)
    fast, general = RowReader(mapping, 3), RowReader(mapping, 3)
    found: list[object] = []
    expected: list[object] = []
    for variant in variants:
        for reader, out in ((fast, found), (general, expected)):
            try:
                out.append(reader.fast(list(variant)) if reader is fast
                           else reader.read(list(variant)))
            except RowProblem as problem:
                out.append(problem.reason)
    assert found == expected
    records = [r for r in found if not hasattr(r, "code")]
    assert len(records) == 10
    assert records[7].role == "staff" and records[7].status == "completed" and records[7].passed
    reasons = [r.code for r in found if hasattr(r, "code")]  # type: ignore[attr-defined]
    assert reasons == ["hr.row_bad_status", "hr.row_not_number", "hr.row_not_bool",
                       "hr.row_empty", "hr.row_completed_at",  # the short row
                       "hr.row_bad_status", "hr.row_bad_status",  # empty rows
                       "hr.row_completed_at", "hr.row_out_of_range",
                       "hr.row_not_number", "hr.row_not_number", "hr.row_not_number",
                       "hr.row_not_number"]
