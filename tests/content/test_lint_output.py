"""lint: findings -> compiler-style text or JSON, and the exit status (docs/lesson-format.md,
"Errors and warnings"), through lint_path and the formatters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from content_builders import fixture, make_lesson, no_id, write

from dxlearn.content.lint import (
    EXIT_CLEAN,
    EXIT_ERRORS,
    EXIT_NOT_A_LIBRARY,
    format_json,
    format_text,
    lint_path,
)

LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>[1-9][0-9]*): (?P<severity>error|warning): (?P<message>.+)$")


def test_text_is_one_compiler_style_line_per_finding_sorted_by_path_then_line() -> None:
    result = lint_path(str(fixture("quiz")))
    text = format_text(result.findings)

    lines = text.splitlines()
    assert text.endswith("\n")
    assert len(lines) == len(result.findings) == 12
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    keys = [(m["path"], int(m["line"])) for m in parsed if m]
    assert keys == sorted(keys)
    assert lines[0] == "02-errors/quiz.md:2: error: pass_score: must be from 0 to 100, not 150"


def test_line_numbers_sort_as_numbers(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    body = "\n".join(["![](a.png)"] + ["本文"] * 8 + ["![](b.png)"]) + "\n"
    make_lesson(root, "01-x", body=body)

    lines = format_text(no_id(lint_path(str(root)).findings)).splitlines()

    assert [line.split(":")[1] for line in lines] == ["4", "13"]


def test_errors_come_before_warnings_on_the_same_line(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "01-x" / "lesson.md", b"---\ntitle: \x83e\x83X\x83g\n---\n![](gone.png)\n")
    # quiz.md gets an error and a warning both at line 1
    write(root / "01-x" / "quiz.md", "本文だけ\n")

    lines = format_text(no_id(lint_path(str(root)).findings)).splitlines()

    assert lines == [
        "01-x/lesson.md:1: warning: file is Shift_JIS (CP932), not UTF-8; it was read, but save "
        "it as UTF-8",
        "01-x/lesson.md:4: error: file not found: 'gone.png' (check the name and the folder)",
        "01-x/quiz.md:1: error: quiz has no questions: start each question with '## '",
        "01-x/quiz.md:1: warning: text before the first question ('## ') is not shown",
    ]


def test_json_is_a_list_of_objects_with_path_line_severity_message_and_code() -> None:
    result = lint_path(str(fixture("mixed")))

    data = json.loads(format_json(result.findings))

    assert isinstance(data, list) and len(data) == len(result.findings) == 5
    for item, finding in zip(data, result.findings, strict=True):
        assert list(item) == ["path", "line", "severity", "message", "code"]
        assert item["code"] == finding.code and item["code"].startswith("content.")
        assert isinstance(item["line"], int) and item["line"] >= 1
        assert item["severity"] in {"error", "warning"}
        assert f"{item['path']}:{item['line']}: {item['severity']}: {item['message']}" == str(
            finding)
    assert data[-1] == {
        "path": "02-ch/04-bad-roles/lesson.md", "line": 3, "severity": "error",
        "message": "roles: unknown role 'exective' (known: executive, leader, staff)",
        "code": "content.roles_unknown",
    }


def test_json_keeps_japanese_readable() -> None:
    text = format_json(lint_path(str(fixture("japanese"))).findings)

    assert "日本語だけ" in text and "\\u" not in text


def test_json_of_no_findings_is_an_empty_list() -> None:
    assert json.loads(format_json(lint_path(str(fixture("clean"))).findings)) == []
    assert format_text(()) == ""


@pytest.mark.parametrize(
    ("name", "status"),
    [("clean", EXIT_CLEAN), ("layout", EXIT_CLEAN), ("warnings_only", EXIT_CLEAN),
     ("mixed", EXIT_ERRORS), ("too_deep", EXIT_ERRORS), ("assets", EXIT_ERRORS),
     ("not_a_library", EXIT_NOT_A_LIBRARY)],
)
def test_exit_status(name: str, status: int) -> None:
    result = lint_path(str(fixture(name)))

    assert result.exit_status == status
    assert (EXIT_CLEAN, EXIT_ERRORS, EXIT_NOT_A_LIBRARY) == (0, 1, 2)
    if status == EXIT_NOT_A_LIBRARY:
        assert no_id(result.findings) == () and "not a lesson library" in result.problem
    else:
        assert result.problem == ""


def test_warnings_only_is_status_zero_with_the_warning_listed() -> None:
    result = lint_path(str(fixture("warnings_only")))

    assert [str(f) for f in result.findings] == [
        "01-ch/01-x/lesson.md:3: warning: minuts: unknown key, ignored; did you mean `minutes`?"]
    assert result.exit_status == 0


@pytest.mark.parametrize("kind", ["missing", "file", "empty"])
def test_paths_that_are_not_libraries(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "target"
    if kind == "file":
        target.write_text("title: x\n", "utf-8")
    elif kind == "empty":
        target.mkdir()

    result = lint_path(str(target))

    assert result.exit_status == 2
    assert no_id(result.findings) == ()
    assert str(target) in result.problem
