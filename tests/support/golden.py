"""The golden HR files: a small fixed database (fixed clock, fixed ids), every export format,
and the merge report, written the same way by the tests (``tests/export/test_golden.py``,
``tests/hr/test_golden_report.py``) and by ``tools/update_golden.py``, which regenerates the
checked-in reference files after an intended change of the formats; the HR import profiles
of docs/profiles/ are applied to the same database and merge (``write_profile_files``).

Everything that could vary is pinned: the clock of the database, the export time, the zone
(Asia/Tokyo), the device name, the signing key. The library is the test library of
``export_builders`` (never the bundled lessons, which change with the curriculum).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from dxlearn.content.loader import load_library
from dxlearn.export import ExportOptions, ExportSettings, Scope, export_completion
from dxlearn.export.api import Format
from dxlearn.export.vocabulary import role_names
from dxlearn.hr.merge import MergeOptions, merge_exports
from dxlearn.store import open_store

from support.export_builders import KEY_HEX, Clock, complete_lesson, fill_database, make_library

EXPORT_GOLDEN = Path(__file__).resolve().parents[1] / "export" / "golden"
REPORT_GOLDEN = Path(__file__).resolve().parents[1] / "hr" / "golden"
PROFILE_GOLDEN = EXPORT_GOLDEN / "profiles"
# The worked examples of the HR guide: the golden tests read these very files.
PROFILE_DOCS = Path(__file__).resolve().parents[2] / "docs" / "profiles"
PROFILES = ("jinji-kyuyo", "kenshu-kanri", "excel-summary")
ZONE = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 11, 30, 3, 0, 0, tzinfo=UTC)  # 12:00 in Tokyo
URL = "https://www.city.example.lg.jp/"
SETTINGS = {"key": bytes.fromhex(KEY_HEX), "key_id": "golden", "organisation_url": URL}
ROSTER = ("職員番号,氏名,所属,役割\r\n"
          "123,山田 太郎,情報政策課,一般職員\r\n"  # Excel dropped the leading zeros of 00123
          "00456,髙橋 﨑子,総務課,DX推進リーダー\r\n"
          "01000,髙木 花子,総務課,一般職員\r\n"
          "02000,佐藤 次郎,企画課,部長\r\n")  # a role no library knows

# (file name, scope, format, encoding, header)
EXPORTS = [
    (f"{scope}-{header}-{enc}.csv", scope, "csv", encoding, header)
    for scope in ("detail", "summary") for header in ("en", "ja")
    for enc, encoding in (("utf8", "utf-8-sig"), ("cp932", "cp932"))
] + [
    (f"{scope}-{header}.xlsx", scope, "xlsx", "utf-8-sig", header)
    for scope in ("detail", "summary") for header in ("en", "ja")
] + [("xapi.json", "detail", "xapi", "utf-8-sig", "en")]
REPORTS = [("report-en.csv", "en", "utf-8-sig"), ("report-ja.csv", "ja", "cp932"),
           ("report-en.xlsx", "en", "utf-8-sig"), ("report-ja.xlsx", "ja", "utf-8-sig")]


def databases(folder: Path) -> tuple[Path, Path, Path]:
    """(library folder, PC-A's database, PC-B's database), filled with fixed clocks."""
    library_path = make_library(folder / "library")
    library = load_library(library_path)
    pc_a = folder / "pc-a" / "progress.db"
    fill_database(pc_a, library)
    with open_store(pc_a, backup_keep=0) as opened:  # the ids xAPI statement ids are made of
        opened.store.set_setting("store", "database_id", "golden-pc-a")
    pc_b = folder / "pc-b" / "progress.db"
    clock = Clock(datetime(2026, 11, 28, 1, 0, tzinfo=UTC))
    with open_store(pc_b, clock=clock, backup_keep=0) as opened:
        store = opened.store
        store.set_setting("store", "database_id", "golden-pc-b")
        store.register_learner("00123", "山田 太郎", "情報政策課", "staff")
        complete_lesson(store, clock, library, "00123", "intro", score=95, seconds=200)
        complete_lesson(store, clock, library, "00123", "extra", seconds=50)
    return library_path, pc_a, pc_b


def write_exports(library_path: Path, db: Path, out: Path, device: str = "PC-A",
                  names: list[tuple[str, str, str, str, str]] | None = None) -> list[Path]:
    """Every export of ``EXPORTS`` (or ``names``) from ``db`` into ``out``."""
    library = load_library(library_path)
    out.mkdir(parents=True, exist_ok=True)
    settings = ExportSettings(device=device, **SETTINGS)  # type: ignore[arg-type]
    written = []
    with open_store(f"sqlite:///file:{db.as_posix()}?mode=ro&uri=true") as opened:
        for name, scope, fmt, encoding, header in names or EXPORTS:
            options = ExportOptions(scope=Scope(scope), format=Format(fmt), encoding=encoding,
                                    header=header, tz=ZONE, now=NOW)
            written.append(export_completion(opened.store, [library], out / name, options,
                                             settings).path)
    return written


@contextmanager
def inside(folder: Path) -> Iterator[None]:
    """Work in ``folder``: the report lists its inputs by these relative paths."""
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def merge_inputs(folder: Path) -> tuple[Path, Path, Path]:
    """(library folder, PC-A's database, the inputs folder): PC-A's English CSV and PC-B's
    Japanese XLSX detail exports in ``inputs/pc-a`` and ``inputs/pc-b``, and the roster."""
    library_path, pc_a, pc_b = databases(folder / "data")
    inputs = folder / "inputs"
    write_exports(library_path, pc_a, inputs / "pc-a", "PC-A",
                  [("detail.csv", "detail", "csv", "utf-8-sig", "en")])
    write_exports(library_path, pc_b, inputs / "pc-b", "PC-B",
                  [("detail.xlsx", "detail", "xlsx", "utf-8-sig", "ja")])
    (inputs / "roster.csv").write_bytes(ROSTER.encode("cp932"))
    return library_path, pc_a, inputs


def write_reports(folder: Path, out: Path) -> list[Path]:
    """The merge report of PC-A's English CSV and PC-B's Japanese XLSX detail exports, with
    the roster, in every report form of ``REPORTS``."""
    library_path, _pc_a, inputs = merge_inputs(folder)
    out.mkdir(parents=True, exist_ok=True)
    roles = role_names([load_library(library_path)])
    written = []
    settings = ExportSettings(**SETTINGS)  # type: ignore[arg-type]
    with inside(inputs):
        for name, header, encoding in REPORTS:
            target = out.resolve() / name
            merge_exports([Path("pc-a"), Path("pc-b")], target, roster=Path("roster.csv"),
                          options=MergeOptions(header=header, encoding=encoding, tz=ZONE,
                                               roles=roles), settings=settings)
            written.append(target)
    return written


def write_profile_files(folder: Path, out: Path) -> list[Path]:
    """Each example profile of docs/profiles/ applied to PC-A's export (``export-NAME.csv``)
    and to the merge of PC-A's and PC-B's detail exports with the roster
    (``merge-NAME.csv``)."""
    from dxlearn.export.profile import load_profile

    library_path, pc_a, inputs = merge_inputs(folder)
    library = load_library(library_path)
    out.mkdir(parents=True, exist_ok=True)
    settings = ExportSettings(device="PC-A", **SETTINGS)  # type: ignore[arg-type]
    roles = role_names([library])
    written = []
    for name in PROFILES:
        profile = load_profile(PROFILE_DOCS / f"{name}.toml")
        with open_store(f"sqlite:///file:{pc_a.as_posix()}?mode=ro&uri=true") as opened:
            written.append(export_completion(
                opened.store, [library], out / f"export-{name}.csv",
                ExportOptions(profile=profile, tz=ZONE, now=NOW), settings).path)
        target = out / f"merge-{name}.csv"
        merge_exports([inputs / "pc-a", inputs / "pc-b"], target, roster=inputs / "roster.csv",
                      options=MergeOptions(tz=ZONE, roles=roles, profile=profile),
                      settings=settings)
        written.append(target)
    return written


def xlsx_cells(path: Path) -> dict[str, object]:
    """What a spreadsheet shows of a workbook: the sheets in order, every cell's value, type,
    number format and quote prefix, and the document property naming the zone."""
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    sheets: dict[str, list[tuple[object, ...]]] = {}
    for sheet in workbook.worksheets:
        sheets[sheet.title] = [(c.coordinate, c.value, c.data_type, c.number_format,
                                bool(c.quotePrefix)) for row in sheet.iter_rows() for c in row
                               if c.value is not None or c.number_format != "General"]
    zone = [p.value for p in workbook.custom_doc_props.props if p.name == "dxlearn.timezone"]
    return {"sheets": list(sheets), "cells": sheets, "zone": zone,
            "frozen": [s.freeze_panes for s in workbook.worksheets]}


def regenerate(work: Path) -> list[Path]:
    """Rewrite every golden file (``tools/update_golden.py``)."""
    library_path, pc_a, _pc_b = databases(work / "export-data")
    fresh = write_exports(library_path, pc_a, work / "exports")
    reports = write_reports(work / "merge", work / "reports")
    profiled = write_profile_files(work / "profiles", work / "profiled")
    EXPORT_GOLDEN.mkdir(parents=True, exist_ok=True)
    REPORT_GOLDEN.mkdir(parents=True, exist_ok=True)
    PROFILE_GOLDEN.mkdir(parents=True, exist_ok=True)
    for path in profiled:
        shutil.copyfile(path, PROFILE_GOLDEN / path.name)
    kept = []
    for path in fresh:
        kept.append(Path(shutil.copyfile(path, EXPORT_GOLDEN / path.name)))
    for path in reports:
        kept.append(Path(shutil.copyfile(path, REPORT_GOLDEN / path.name)))
    kept.extend(PROFILE_GOLDEN / path.name for path in profiled)
    return kept
