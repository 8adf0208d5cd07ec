"""xAPI conformance, as a Learning Record Store reads our files.

1. Every statement of a varied export (and of its batches) passes ralph's strict xAPI 1.0.3
   statement model (``ralph-malph``, the test extra: unknown fields, empty values, bad IRIs,
   UUIDs, language maps, timestamps and scores are refused there).
2. "Same id => same content": an LRS keeps the first statement under an id and refuses a
   different one (409), and refuses a POST that repeats an id (400). Successive exports of a
   database that changes in every way the interop review found (a learner renamed, a lesson
   title edited, another time zone, the URL spelled without its '/', a second PC with another
   database id, two attempts started in the same microsecond) never give one id two contents,
   and never lose an id the first export had.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement

from dxlearn.content.loader import load_library
from dxlearn.store import open_store

from support.export_builders import Clock, complete_lesson, make_library, run_cli
from support.xapi_builders import (
    URL,
    Statement,
    export_statements,
    fill_varied,
    same_id_same_content,
)


def validate(statements: list[Statement]) -> None:
    for statement in statements:
        try:
            BaseXapiStatement.model_validate(statement, strict=False)
        except ValidationError as error:  # pragma: no cover - the message is the point
            pytest.fail(f"ralph refuses {json.dumps(statement, ensure_ascii=False)}:\n{error}")


def test_ralph_refuses_what_an_lrs_refuses() -> None:
    """The validator is strict where it matters here (so passing it means something)."""
    good = {"id": "9f6d7d52-8c3b-5d0a-9a34-0d6bd4d0f1a1", "version": "1.0.3",
            "actor": {"objectType": "Agent", "account": {"homePage": URL, "name": "00123"}},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
            "object": {"objectType": "Activity", "id": "urn:dxlearn:a:b"},
            "timestamp": "2026-11-27T05:00:00Z"}
    BaseXapiStatement.model_validate(good)
    for bad in ({**good, "actor": {**good["actor"], "account": {"homePage": "www.x.jp",
                                                                  "name": "1"}}},
                {**good, "actor": {**good["actor"], "account": {"homePage": "https://a b/",
                                                                  "name": "1"}}},
                {**good, "extra": 1}, {**good, "result": {}}, {**good, "id": "not-a-uuid"}):
        with pytest.raises(ValidationError):
            BaseXapiStatement.model_validate(bad)


@pytest.fixture
def varied(tmp_path: Path) -> tuple[Path, Path]:
    library_path = make_library(tmp_path / "library")
    library = load_library(library_path)
    db = tmp_path / "data" / "progress.db"
    fill_varied(db, library, Clock(), learners=12)
    return db, library_path


@pytest.mark.parametrize("url", [
    URL, "https://www.city.example.lg.jp", "http://lms.example.jp:8080/dx",
    "https://例え.jp/総務課/研修", "https://www.city.example.lg.jp/%e7%a0%94%e4%bf%ae/",
])
def test_every_statement_of_a_varied_export_passes_ralph(
        varied: tuple[Path, Path], tmp_path: Path, url: str) -> None:
    db, library_path = varied
    out = tmp_path / "x.json"
    result = run_cli("export", "-o", out, "--db", db, "--library", library_path,
                     "--organisation-url", url)
    assert result.returncode == 0, result.stderr
    statements = json.loads(out.read_text("utf-8"))

    verbs = {s["verb"]["display"]["en-US"] for s in statements}
    assert verbs == {"passed", "failed", "completed"} and len(statements) >= 40
    validate(statements)
    same_id_same_content(statements)


def test_every_batch_passes_ralph_and_together_they_are_the_export(
        varied: tuple[Path, Path], tmp_path: Path) -> None:
    db, library_path = varied
    whole = export_statements(db, library_path, tmp_path / "whole.json")
    out = tmp_path / "parts"
    out.mkdir()
    result = run_cli("export", "-o", out / "x.json", "--db", db, "--library", library_path,
                     "--organisation-url", URL, "--batch", "7")
    assert result.returncode == 0, result.stderr

    parts = [json.loads(p.read_text("utf-8")) for p in sorted(out.glob("x-*.json"))
             if not p.name.endswith(".sig.json")]
    assert all(1 <= len(part) <= 7 for part in parts) and len(parts) == -(-len(whole) // 7)
    for part in parts:
        validate(part)
    assert [s for part in parts for s in part] == whole


def test_same_id_same_content_over_a_changing_database(tmp_path: Path) -> None:
    library_path = make_library(tmp_path / "library")
    library = load_library(library_path)
    db = tmp_path / "pc1" / "progress.db"
    clock = Clock()
    fill_varied(db, library, clock, learners=6)
    first = export_statements(db, library_path, tmp_path / "1.json")  # TZ Asia/Tokyo

    # the learner renamed, a lesson title edited, a new attempt and a completion
    with open_store(db, clock=clock, backup_keep=0) as opened:
        opened.store.update_learner("00001", name="改名 後子")
        complete_lesson(opened.store, clock, library, "00001", "rules")
    lesson_md = library_path / "01-intro" / "lesson.md"
    lesson_md.write_text(lesson_md.read_text("utf-8").replace("=DXとは", "DXとは何か"),
                         encoding="utf-8")
    # two attempts started in the same microsecond (a double click, a clock that stands still)
    with open_store(db, clock=clock, backup_keep=0) as opened:
        states = [opened.store.start_attempt("00002", library.id, "intro", lesson_version=2,
                                             pass_score=80, choice_orders=[[0, 1]])
                  for _ in range(2)]
        for state in states:
            opened.store.finish_attempt(state.attempt_id, 50)
    # another zone on the exporting PC, and the URL typed without its trailing '/'
    out = tmp_path / "2.json"
    result = run_cli("export", "-o", out, "--db", db, "--library", library_path,
                     "--organisation-url", URL.rstrip("/"), env={"TZ": "UTC"})
    assert result.returncode == 0, result.stderr
    second = json.loads(out.read_text("utf-8"))

    # a second PC: the same learners and lessons, another database id
    pc2 = tmp_path / "pc2" / "progress.db"
    fill_varied(pc2, library, Clock(), learners=6)
    third = export_statements(pc2, library_path, tmp_path / "3.json", env={"TZ": "UTC"})
    # the first PC's database copied to a third PC (a roaming profile): the same records
    copied = tmp_path / "pc3" / "progress.db"
    copied.parent.mkdir()
    shutil.copy(db, copied)
    fourth = export_statements(copied, library_path, tmp_path / "4.json",
                               env={"TZ": "America/New_York"})

    everything = same_id_same_content(first, second, third, fourth)
    assert {s["id"] for s in first} <= {s["id"] for s in second}, "nothing is lost"
    assert len(second) == len(first) + 3  # rules completed, two same-instant attempts
    assert not {s["id"] for s in third} & {s["id"] for s in first}, "another PC, other ids"
    assert fourth == second, "a copy of the database is the same database"
    validate(list(everything.values()))
