"""Helpers for the xAPI tests: exports read back as statements, databases that change between
two exports, and a check that no statement id ever carries two different contents."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dxlearn.content.model import Library
from dxlearn.store import open_store

from support.export_builders import Clock, complete_lesson, run_cli

URL = "https://www.city.example.lg.jp/"
Statement = dict[str, Any]


def export_statements(db: Path, library_path: Path, out: Path, *args: str | Path,
                      env: dict[str, str] | None = None) -> list[Statement]:
    """``dxlearn export -o OUT.json`` as a subprocess; the statements it wrote."""
    result = run_cli("export", "-o", out, "--db", db, "--library", library_path,
                     "--organisation-url", URL, *args, env=env)
    assert result.returncode == 0, result.stderr
    statements: list[Statement] = json.loads(out.read_text("utf-8"))
    return statements


def same_id_same_content(*exports: Iterable[Statement]) -> dict[str, Statement]:
    """Every statement by id across ``exports``; fails naming the id whose content differs
    (what an LRS answers with 409) or an id repeated inside one export (400)."""
    seen: dict[str, Statement] = {}
    for number, statements in enumerate(exports, start=1):
        ids_here: set[str] = set()
        for statement in statements:
            sid = statement["id"]
            assert sid not in ids_here, f"export {number}: statement id {sid} twice"
            ids_here.add(sid)
            if sid in seen:
                assert seen[sid] == statement, (
                    f"export {number}: statement {sid} changed:\n{seen[sid]}\n{statement}")
            seen[sid] = statement
    return seen


def fill_varied(db: Path, library: Library, clock: Clock, *, learners: int = 12) -> None:
    """Learners of every role with passed, failed and repeated attempts, completions, lessons
    in progress, odd names and staff ids; ``clock`` drives the times."""
    roles = ("staff", "leader")
    with open_store(db, clock=clock, backup_keep=0) as opened:
        store = opened.store
        for number in range(learners):
            staff_id = f"{number:05d}" if number % 3 else f"S-{number}＿職員"
            role = roles[number % 2]
            store.register_learner(staff_id, f"職員 {number} <b>&\"'", "課", role)
            complete_lesson(store, clock, library, staff_id, "intro",
                            score=(100, 90, 40, 0)[number % 4])
            if number % 4 == 2:  # failed once, then passed
                complete_lesson(store, clock, library, staff_id, "intro", score=85)
            if number % 2 == 0:
                complete_lesson(store, clock, library, staff_id, "rules", seconds=125)
            if role == "leader":
                complete_lesson(store, clock, library, staff_id, "lead",
                                score=(100, 60)[number % 3 == 0])
            clock.advance(hours=7, seconds=number * 13)
