"""E1: every export covers every library the learner has records in, found as the app finds
them (bundled, the policy's, imported packs; --library adds), and the records of a library
this PC cannot find are still exported; records keep the library version they were earned
on (point 0)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl

from dxlearn.content.loader import load_library
from dxlearn.export import ExportOptions, ExportSettings, Scope, export_completion
from dxlearn.store import open_store

from support.deploy import build_library, toml_path
from support.export_builders import (
    LIBRARY_ID,
    Clock,
    Fixture,
    complete_lesson,
    open_store_at,
    read_csv,
    run_cli,
)


def study(db: Path, library_path: Path, staff_id: str, lesson_id: str) -> None:
    """``staff_id`` completes ``lesson_id`` of the library at ``library_path`` (quiz 100)."""
    library = load_library(library_path)
    clock = Clock()
    with open_store(db, clock=clock, backup_keep=0) as opened:
        lesson = library.lesson(lesson_id)
        assert lesson is not None
        store = opened.store
        store.open_lesson(staff_id, library.id, lesson_id, version=lesson.version,
                          library_version=library.version)
        store.mark_read(staff_id, library.id, lesson_id, version=lesson.version,
                        has_quiz=lesson.quiz is not None, library_version=library.version)
        if lesson.quiz is not None:
            state = store.start_attempt(staff_id, library.id, lesson_id,
                                        lesson_version=lesson.version,
                                        pass_score=lesson.quiz.pass_score,
                                        choice_orders=[[0, 1]])
            store.finish_attempt(state.attempt_id, 100)


def by_library(rows: list[list[str]]) -> dict[str, list[list[str]]]:
    found: dict[str, list[list[str]]] = {}
    for row in rows[1:]:
        found.setdefault(row[4], []).append(row)
    return found


def test_export_covers_the_policy_library_bundled_and_imported_packs(
        fx: Fixture, tmp_path: Path, use_policy) -> None:  # type: ignore[no-untyped-def]
    """The learner studies the organisation's library (policy) and an imported pack; the
    export without --library holds both, and the bundled library, as the app shows them."""
    data_dir = tmp_path / "user-data"
    pack = build_library(data_dir / "libraries" / "extra-lib", "extra-lib")
    policy = use_policy(f"libraries = [{toml_path(fx.library_path)}]\n")
    study(fx.db, pack, "00123", "intro")
    out = tmp_path / "out" / "dx.csv"
    out.parent.mkdir()
    result = run_cli("--data-dir", data_dir, "export", "-o", out, "--db", fx.db,
                     env={"DXLEARN_POLICY": str(policy)})
    assert result.returncode == 0, result.stderr
    libraries = by_library(read_csv(out))
    assert set(libraries) == {LIBRARY_ID, "extra-lib", "lg-dx-literacy"}
    mine = {(r[0], r[6]): r[10] for r in libraries[LIBRARY_ID]}
    assert mine[("00123", "intro")] == "completed" and mine[("00123", "rules")] == "completed"
    assert {(r[0], r[6]): r[10] for r in libraries["extra-lib"]}[("00123", "intro")] == (
        "completed")
    sidecar = json.loads((out.parent / "dx.csv.sig.json").read_text("utf-8"))
    assert {lib["id"] for lib in sidecar["libraries"]} == set(libraries)


def test_each_library_flag_adds_a_folder(fx: Fixture, tmp_path: Path) -> None:
    second = build_library(tmp_path / "second", "second-lib")
    study(fx.db, second, "00456", "intro")
    out = tmp_path / "dx.csv"
    result = run_cli("export", "-o", out, "--db", fx.db, "--library", fx.library_path,
                     "--library", second)
    assert result.returncode == 0, result.stderr
    assert set(by_library(read_csv(out))) == {LIBRARY_ID, "second-lib", "lg-dx-literacy"}


def test_records_of_a_library_that_cannot_be_found_are_still_exported(
        fx: Fixture, tmp_path: Path) -> None:
    """Never a file that says 'not started' for someone who finished."""
    gone = build_library(tmp_path / "gone", "gone-lib")
    study(fx.db, gone, "00789", "intro")
    shutil.rmtree(gone)
    out = tmp_path / "out" / "dx.csv"
    out.parent.mkdir()
    result = run_cli("--lang", "en", "export", "-o", out, "--db", fx.db, "--library",
                     fx.library_path)
    assert result.returncode == 0, result.stderr
    assert "library gone-lib is not found on this PC" in result.stderr
    rows = by_library(read_csv(out))["gone-lib"]
    assert len(rows) == 1
    row = rows[0]
    assert (row[0], row[5], row[6], row[7], row[9], row[10], row[11]) == (
        "00789", "1", "intro", "", "", "completed", "100")
    assert row[16].endswith("+09:00"), "the completion time is there"
    summary = out.parent / "s.csv"
    run_cli("export", "-o", summary, "--scope", "summary", "--db", fx.db, "--library",
            fx.library_path)
    line = by_library(read_csv(summary))["gone-lib"][0]
    assert (line[0], line[6], line[7], line[8]) == ("00789", "", "", "in_progress"), (
        "the curriculum is unknown: no counts, never completed, never not started")
    book = out.parent / "dx.xlsx"
    assert run_cli("export", "-o", book, "--db", fx.db, "--library", fx.library_path
                   ).returncode == 0
    cells = [r for r in openpyxl.load_workbook(book)["detail"].iter_rows(values_only=True)
             if r[4] == "gone-lib"]
    assert cells[0][10] == "completed"
    xapi = out.parent / "dx.json"
    result = run_cli("--lang", "en", "export", "-o", xapi, "--organisation-url",
                     "https://city.example.lg.jp/", "--db", fx.db, "--library",
                     fx.library_path)
    assert result.returncode == 0 and "its records are not in the xAPI file" in result.stderr


def test_a_completion_keeps_the_library_version_it_was_earned_on(
        fx: Fixture, tmp_path: Path) -> None:
    """Completed on 2026.1; the library is then updated to 2026.2: the 修了 row still says
    2026.1, the others (and the summary) the version loaded now."""
    study(fx.db, fx.library_path, "00456", "rules")
    yaml = fx.library_path / "library.yaml"
    yaml.write_text(yaml.read_text("utf-8").replace('"2026.1"', '"2026.2"'), "utf-8")
    out = tmp_path / "dx.csv"
    assert run_cli("export", "-o", out, "--db", fx.db, "--library", fx.library_path
                   ).returncode == 0
    rows = {(r[0], r[6]): r for r in by_library(read_csv(out))[LIBRARY_ID]}
    assert rows[("00456", "rules")][5] == "2026.1" and rows[("00456", "rules")][10] == (
        "completed")
    assert rows[("00456", "lead")][5] == "2026.2"
    assert rows[("00123", "intro")][5] == "2026.2", (
        "a completion recorded before the app kept versions: the version loaded now")
    summary = tmp_path / "s.csv"
    assert run_cli("export", "-o", summary, "--scope", "summary", "--db", fx.db,
                   "--library", fx.library_path).returncode == 0
    assert {r[5] for r in by_library(read_csv(summary))[LIBRARY_ID]} == {"2026.2"}


def test_a_record_outside_the_curriculum_follows_it(fx: Fixture, tmp_path: Path) -> None:
    with open_store_at(fx.db) as store:  # 00123 (staff) opened the leader-only lesson
        store.open_lesson("00123", LIBRARY_ID, "lead", version=1)
    out = tmp_path / "dx.csv"
    assert run_cli("export", "-o", out, "--db", fx.db, "--library", fx.library_path
                   ).returncode == 0
    mine = [r for r in by_library(read_csv(out))[LIBRARY_ID] if r[0] == "00123"]
    assert [r[6] for r in mine] == ["intro", "rules", "extra", "lead"]
    assert (mine[-1][9], mine[-1][10], mine[-1][7]) == ("", "in_progress", "推進")


def test_api_takes_the_library_set_and_reports_progress_per_library(
        fx: Fixture, tmp_path: Path) -> None:
    second = load_library(build_library(tmp_path / "second", "second-lib"))
    calls: list[tuple[int, int]] = []
    with open_store(fx.read_only_target) as opened:
        result = export_completion(
            opened.store, [fx.library, second], tmp_path / "s.csv",
            ExportOptions(scope=Scope.SUMMARY), ExportSettings(device="PC-1"),
            progress=lambda done, total: calls.append((done, total)) is None)
    assert result.libraries == ((LIBRARY_ID, "2026.1"), ("second-lib", "1"))
    assert calls[-1] == (6, 6)  # 3 learners x 2 libraries
    assert result.rows == 6 and not result.warnings


def test_complete_lesson_builder_records_versions(fx: Fixture, tmp_path: Path) -> None:
    """The shared builder studies without a library version (as records made before 0003):
    such completions report the version loaded now."""
    clock = Clock()
    with open_store(fx.db, clock=clock, backup_keep=0) as opened:
        complete_lesson(opened.store, clock, fx.library, "00456", "rules")
        record = opened.store.progress_for("00456", LIBRARY_ID)["rules"]
    assert record.completed_library_version is None
