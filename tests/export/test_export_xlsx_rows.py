"""The XLSX table sheets' rows written as text (``xlsx_rows``) read back exactly as the rows
openpyxl itself writes (``cell_maker``/``number_cell`` + ``ws.append``, the previous writer)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from dxlearn.export.columns import Column, Kind
from dxlearn.export.errors import CellError
from dxlearn.export.xlsx_package import SpooledWorkbook
from dxlearn.export.xlsx_writer import (
    WIDTHS,
    add_table_sheet,
    cell_maker,
    header_cells,
    number_cell,
    save_workbook,
)

JST = timezone(timedelta(hours=9))
T, N, B, D = Kind.TEXT, Kind.INT, Kind.BOOL, Kind.DATETIME
COLUMNS = tuple(Column(key, key, key, kind) for key, kind in (
    ("staff_id", T), ("name", T), ("score", N), ("passed", B), ("started_at", D),
    ("rate", N), ("note", T)))
FORMATS = {"rate": "0.0%"}
MOMENT = datetime(2026, 11, 27, 5, 0, 9, 123456, tzinfo=UTC)
ROWS = [
    ("00123", "山田 太郎", 90, True, MOMENT, 0.5, "plain"),
    ("=1+2", "=SUM(A1)", 0, False, None, 1.0, "#N/A"),
    ("#N/A", " 前後に空白 ", None, None, MOMENT + timedelta(days=400), 0.12345, "a&b<c>d\"e'"),
    ("", "", -5, True, datetime(1999, 12, 31, 23, 59, 59, tzinfo=JST), 2, "改行\nあり\r\n"),
    ("   ", "=", 10**17, None, None, None, "x" * 40000),
    ("1e5", "#DIV/0!", 12345678901234567, False, MOMENT, float("nan"), "=HYPERLINK(\"x\")"),
]


def reference_sheet(workbook: Workbook, title: str, columns: tuple[Column, ...],
                    rows: Iterable[tuple[object, ...]], formats: dict[str, str]) -> None:
    """The sheet as the writer made it before the rows were written as text."""
    ws = workbook.create_sheet(title)
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = WIDTHS[column.kind]
    ws.freeze_panes = "A2"
    ws.append(header_cells(ws, (c.en for c in columns)))
    makers = [number_cell(ws, formats[c.key]) if c.key in formats
              else cell_maker(ws, c.kind, c.key, JST) for c in columns]
    count = 0
    for row in rows:
        count += 1
        ws.append([make(value) for make, value in zip(makers, row, strict=True)])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"


def cells(path: Path, title: str) -> list[list[tuple[object, ...]]]:
    sheet = openpyxl.load_workbook(path)[title]
    assert sheet.freeze_panes == "A2"
    return [[(c.value, c.data_type, c.number_format, c.font.b, c.quotePrefix) for c in row]
            for row in sheet.iter_rows()]


def test_rows_as_text_read_back_as_openpyxls_own(tmp_path: Path) -> None:
    reference = Workbook(write_only=True)
    reference_sheet(reference, "t", COLUMNS, ROWS, FORMATS)
    reference.save(tmp_path / "reference.xlsx")
    fast = SpooledWorkbook()
    assert add_table_sheet(fast, "t", COLUMNS, ROWS, tz=JST, formats=FORMATS) == len(ROWS)
    add_table_sheet(fast, "empty", COLUMNS, [], tz=JST)
    save_workbook(fast, tmp_path / "fast.xlsx")
    expected = cells(tmp_path / "reference.xlsx", "t")
    found = cells(tmp_path / "fast.xlsx", "t")
    assert len(found) == len(ROWS) + 1
    for want, got in zip(expected, found, strict=True):
        assert got == want or str(got) == str(want)  # NaN != NaN
    loaded = openpyxl.load_workbook(tmp_path / "fast.xlsx")
    assert loaded["t"].auto_filter.ref == "A1:G7"
    assert loaded["empty"].auto_filter.ref == "A1:G1" and loaded["empty"].max_row == 1
    assert loaded["t"]["E2"].value == datetime(2026, 11, 27, 14, 0, 9)  # whole seconds
    assert loaded["t"]["A3"].data_type == "s" and loaded["t"]["A3"].value == "=1+2"
    assert loaded["t"]["A3"].quotePrefix and not loaded["t"]["A2"].quotePrefix
    assert loaded["t"]["G3"].data_type == "s" and loaded["t"]["G3"].value == "#N/A", (
        "a typed #N/A is text, never an Excel error value")
    assert len(loaded["t"]["G6"].value) == 32767


def test_a_control_character_is_a_cell_error() -> None:
    book = SpooledWorkbook()
    with pytest.raises(CellError) as caught:
        add_table_sheet(book, "t", COLUMNS, [ROWS[0], ("1", "bell\x07", 1, True, None, 0, "")])
    assert caught.value.row == 2 and caught.value.column == "name"
    book.discard()
    book.workbook.worksheets[0].close()  # openpyxl's own stream of the unsaved sheet


@pytest.mark.parametrize("threaded", [False, True], ids=["held", "threaded"])
def test_every_part_of_the_package_is_deflated_at_the_chosen_level(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threaded: bool) -> None:
    """COMPRESS_LEVEL (chosen by measurement, bench/README.md) reaches the spliced sheets too.
    A small sheet's entry is deflated at once, as zipfile deflates any entry (the same
    bytes). A big one's rows are deflated on a worker thread as they are written
    (``xlsx_deflate``): its entry is one stream of three parts, within 1 % of deflating it at
    once at that level (and far from level 6); zipfile checks each entry's CRC-32."""
    import zipfile
    import zlib

    from dxlearn.export import xlsx_deflate
    from dxlearn.export.xlsx_package import COMPRESS_LEVEL

    if threaded:
        monkeypatch.setattr(xlsx_deflate, "THREADED", 50_000)
        # the rows after the first hand-over stay batched until finish() hands them over
        monkeypatch.setattr(xlsx_deflate, "BATCH", 10**9)
    book = SpooledWorkbook()
    many = [(f"{n:05d}", f"名前 {n % 97}", n, n % 2 == 0, MOMENT + timedelta(minutes=n),
             n / 7, f"note {n % 13}") for n in range(3000)]
    add_table_sheet(book, "t", COLUMNS, many, tz=JST, formats=FORMATS)
    save_workbook(book, tmp_path / "level.xlsx")
    with zipfile.ZipFile(tmp_path / "level.xlsx") as package:
        assert package.testzip() is None
        entries = package.infolist()
        assert any(e.file_size > 300_000 for e in entries)  # the spliced sheet
        for entry in entries:
            data = package.read(entry)
            deflate = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
            expected = len(deflate.compress(data) + deflate.flush())
            assert entry.compress_type == zipfile.ZIP_DEFLATED, entry.filename
            if entry.file_size < 300_000 or not threaded:
                assert entry.compress_size == expected, entry.filename
                continue
            assert entry.compress_size != expected  # the three-part stream
            assert abs(entry.compress_size - expected) < expected / 100, entry.filename
            level6 = zlib.compressobj(6, zlib.DEFLATED, -15)
            assert len(level6.compress(data) + level6.flush()) < expected * 0.95
    assert cells(tmp_path / "level.xlsx", "t")[1][0][0] == "00000"
    assert len(cells(tmp_path / "level.xlsx", "t")) == 3001


def test_a_zipfile_without_the_private_writer_state_gets_the_same_sheet(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A later Python whose zipfile writer names its state otherwise: the deflated rows are
    inflated and written through the public ``write`` instead: the same XML, a valid entry."""
    import zipfile

    from dxlearn.export import xlsx_deflate

    many = [(f"{n:05d}", f"名前 {n % 97}", n, n % 2 == 0, MOMENT + timedelta(minutes=n),
             n / 7, f"note {n % 13}") for n in range(3000)]
    monkeypatch.setattr(xlsx_deflate, "THREADED", 50_000)
    monkeypatch.setattr(xlsx_deflate, "BATCH", 30_000)  # several hand-overs
    made = {}
    for name, state in (("spliced", xlsx_deflate._WRITER_STATE),
                        ("fallback", (*xlsx_deflate._WRITER_STATE, "_not_in_any_zipfile"))):
        monkeypatch.setattr(xlsx_deflate, "_WRITER_STATE", state)
        book = SpooledWorkbook()
        add_table_sheet(book, "t", COLUMNS, many, tz=JST, formats=FORMATS)
        save_workbook(book, tmp_path / f"{name}.xlsx")
        with zipfile.ZipFile(tmp_path / f"{name}.xlsx") as package:
            assert package.testzip() is None
            made[name] = {e.filename: package.read(e) for e in package.infolist()
                          if e.filename.startswith("xl/worksheets/")}
    assert made["fallback"] == made["spliced"]


def test_crc32_combine_is_zlibs() -> None:
    import random
    import zlib

    from dxlearn.export.xlsx_deflate import crc32_combine

    rng = random.Random(3)
    for size_a, size_b in [(0, 0), (0, 5), (5, 0), (1, 1), (1000, 3), (3, 70000)]:
        a, b = rng.randbytes(size_a), rng.randbytes(size_b)
        assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


def test_grouped_columns_write_the_same_cells(tmp_path: Path) -> None:
    """Columns encoded together once per distinct run of values (``groups``, the merge
    report's learner and lesson) give the cells of the column-by-column encoding, on every
    row (the row number in each reference), including after the cache of runs is cleared."""
    from dxlearn.export import xlsx_rows

    rows = [ROWS[(n * 7) % len(ROWS)] for n in range(60)]
    plain, grouped = SpooledWorkbook(), SpooledWorkbook()
    add_table_sheet(plain, "t", COLUMNS, rows, tz=JST, formats=FORMATS)
    limit = xlsx_rows.CACHE_LIMIT
    xlsx_rows.CACHE_LIMIT = 3  # type: ignore[misc]
    try:
        add_table_sheet(grouped, "t", COLUMNS, rows, tz=JST, formats=FORMATS,
                        groups=((0, 2), (2, 4)))
    finally:
        xlsx_rows.CACHE_LIMIT = limit  # type: ignore[misc]
    save_workbook(plain, tmp_path / "plain.xlsx")
    save_workbook(grouped, tmp_path / "grouped.xlsx")
    expected, found = cells(tmp_path / "plain.xlsx", "t"), cells(tmp_path / "grouped.xlsx", "t")
    assert len(found) == len(rows) + 1
    for want, got in zip(expected, found, strict=True):
        assert got == want or str(got) == str(want)  # NaN != NaN


def test_a_control_character_in_a_group_names_its_row_and_column() -> None:
    book = SpooledWorkbook()
    with pytest.raises(CellError) as caught:
        add_table_sheet(book, "t", COLUMNS, [ROWS[0], ROWS[0], ("1", "bell\x07", *ROWS[0][2:])],
                        groups=((0, 2),))
    assert caught.value.row == 3 and caught.value.column == "name"
    book.discard()
    book.workbook.worksheets[0].close()


def _spooled_bytes(book: SpooledWorkbook) -> bytes:
    import zlib

    (_ws, spool), = book.spools
    if spool.raw is not None:
        data = bytes(spool.raw)
    else:
        assert spool.file is not None
        spool.file.seek(0)
        data = zlib.decompressobj(-15).decompress(spool.file.read())
        assert zlib.crc32(data) == spool.crc
    assert len(data) == spool.size
    book.discard()
    return data


@pytest.mark.parametrize("threaded", [False, True], ids=["held", "threaded"])
def test_rows_as_parts_write_the_bytes_of_flat_rows(monkeypatch: pytest.MonkeyPatch,
                                                    threaded: bool) -> None:
    """``parts=True`` (``RowSpool.append_parts``: the merge report's detail rows as a tuple per
    column group) writes byte for byte what the flat rows write, the cache of runs cleared in
    between too; a control character names the same row and column."""
    from dxlearn.export import xlsx_rows

    if threaded:
        from dxlearn.export import xlsx_deflate

        monkeypatch.setattr(xlsx_deflate, "THREADED", 1)
        monkeypatch.setattr(xlsx_deflate, "BATCH", 1)
    groups = ((0, 2), (3, 5))
    rows = [ROWS[(n * 5) % len(ROWS)] for n in range(40)]
    parts = [((r[0], r[1]), r[2], (r[3], r[4]), r[5], r[6]) for r in rows]
    flat, by_parts = SpooledWorkbook(), SpooledWorkbook()
    add_table_sheet(flat, "t", COLUMNS, rows, tz=JST, formats=FORMATS, groups=groups)
    limit = xlsx_rows.CACHE_LIMIT
    xlsx_rows.CACHE_LIMIT = 3  # type: ignore[misc]
    try:
        add_table_sheet(by_parts, "t", COLUMNS, parts, tz=JST, formats=FORMATS, groups=groups,
                        parts=True)
    finally:
        xlsx_rows.CACHE_LIMIT = limit  # type: ignore[misc]
    assert _spooled_bytes(by_parts) == _spooled_bytes(flat)
    bad = SpooledWorkbook()
    with pytest.raises(CellError) as caught:
        add_table_sheet(bad, "t", COLUMNS, [*parts[:2], (("1", "x"), 1, (True, None), 1.0,
                                                         "bell\x07")], groups=groups, parts=True)
    assert caught.value.row == 3 and caught.value.column == "note"
    bad.discard()


DST_CHANGES = [datetime(2026, 3, 8, 7, tzinfo=UTC), datetime(2026, 11, 1, 6, tzinfo=UTC),
               datetime(2026, 4, 4, 15, tzinfo=UTC), datetime(2026, 10, 3, 15, 30, tzinfo=UTC)]


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/New_York", "Australia/Lord_Howe",
                                  "Asia/Kolkata", "UTC", "-03:30", "local"])
def test_date_time_cells_use_the_local_time_of_the_zone(zone: str) -> None:
    """The date-time cells (the zone's offset cached per UTC hour by ``LocalTimes``) hold
    what ``to_excel`` makes of ``to_local(value).replace(tzinfo=None)``: random times from
    1899 to 9998 (Excel's 1900 leap-year bug included), every minute and second around DST
    changes, values given in other zones and with microseconds."""
    import random
    from zoneinfo import ZoneInfo

    from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, to_excel

    from dxlearn.export.formatting import to_local
    from dxlearn.export.xlsx_rows import cell_writer, datetime_encoder

    tz = {"local": None, "-03:30": timezone(-timedelta(hours=3, minutes=30))}.get(zone)
    if zone not in ("local", "-03:30"):
        tz = ZoneInfo(zone)
    rng = random.Random(7)
    moments = [datetime(rng.choice([1899, 1900, 1901, 1970, 2026, 2038, 9998]), 1, 1,
                        tzinfo=UTC) + timedelta(seconds=rng.randrange(365 * 86400),
                                                microseconds=rng.choice([0, 999999]))
               for _ in range(4000)]
    for change in DST_CHANGES:
        moments += [change + timedelta(minutes=m) for m in range(-60, 61)]
        moments += [change + timedelta(seconds=s) for s in range(-90, 91)]
    others = [UTC, JST, ZoneInfo("America/New_York")]
    encode = datetime_encoder(CALENDAR_WINDOWS_1900, 5, tz)
    cell = cell_writer('<c r="P\x00', datetime_encoder(CALENDAR_WINDOWS_1900, 5, tz))
    for n, moment in enumerate(moments):
        value = moment.astimezone(others[n % 3])
        serial = to_excel(to_local(value, tz).replace(tzinfo=None), CALENDAR_WINDOWS_1900)
        text = f'" s="5" t="n"><v>{serial:.16g}</v></c>'
        assert encode(value) == text, value
        # the bytes the spool writes (whole seconds through timestamp(), others exactly)
        assert cell(value) == b'<c r="P\x00' + text.encode("ascii"), value
    assert encode(None) is None
    assert cell(None) == b""


def test_text_cells_refer_to_one_shared_string_table(tmp_path: Path) -> None:
    """A text repeated on many rows is stored once, in ``xl/sharedStrings.xml``, which the
    package names (content type and the workbook's relationship) as Excel's own files do;
    spaces at either end survive, and a workbook without text cells has no table."""
    import re
    import zipfile

    book = SpooledWorkbook()
    rows = [(f"{n % 3:05d}", "山田 太郎", n, True, None, 0.5, "  両端に空白 ") for n in range(50)]
    add_table_sheet(book, "t", COLUMNS, rows, tz=JST, formats=FORMATS)
    save_workbook(book, tmp_path / "shared.xlsx")
    with zipfile.ZipFile(tmp_path / "shared.xlsx") as package:
        table = package.read("xl/sharedStrings.xml").decode("utf-8")
        sheet = package.read("xl/worksheets/sheet1.xml").decode("utf-8")
        types = package.read("[Content_Types].xml").decode("utf-8")
        rels = package.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    assert table.count("<si>") == 3 + 1 + 2 + 1  # three ids, one name, the bool words, note
    assert table.count("山田 太郎") == 1 and sheet.count('t="s"') == 50 * 4  # 4 text cells
    assert '<t xml:space="preserve">  両端に空白 </t>' in table
    assert 'PartName="/xl/sharedStrings.xml"' in types
    ids = re.findall(r'Id="(rId\d+)"', rels)
    assert len(ids) == len(set(ids)) and 'Target="sharedStrings.xml"' in rels
    loaded = openpyxl.load_workbook(tmp_path / "shared.xlsx")["t"]
    assert [c.value for c in loaded[51]] == ["00001", "山田 太郎", 49, "true", None, 0.5,
                                             "  両端に空白 "]

    numbers = SpooledWorkbook()
    add_table_sheet(numbers, "n", COLUMNS[2:3], [(1,), (2,)])
    save_workbook(numbers, tmp_path / "numbers.xlsx")
    with zipfile.ZipFile(tmp_path / "numbers.xlsx") as package:
        assert "xl/sharedStrings.xml" not in package.namelist()
        assert "sharedStrings" not in package.read("[Content_Types].xml").decode("utf-8")
