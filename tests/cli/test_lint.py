"""``python -m dxlearn lint PATH [--format json] [--lang en]`` run as a subprocess: exact output
lines in Japanese (the default) and English, and exit statuses 0 / 1 / 2
(docs/lesson-format.md, "Errors and warnings")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"

SPEC_LINES = [
    "01-basics/01-what-is-dx/lesson.md:3: error: roles: unknown role 'exective' (known: "
    "executive, leader, staff)",
    "01-basics/02-x/lesson.md:1: warning: file is Shift_JIS (CP932), not UTF-8; it was read, "
    "but save it as UTF-8",
    "01-basics/02-x/quiz.md:14: error: question has no correct choice (mark one with [x])",
]


def run_lint(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [sys.executable, "-m", "dxlearn", "lint", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd, timeout=120,
        check=False,
    )


def _write(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode(encoding))


@pytest.fixture
def spec_library(tmp_path: Path) -> Path:
    """The three findings the spec shows, reproduced byte for byte (one file is CP932)."""
    root = tmp_path / "研修"
    _write(root / "01-basics" / "01-what-is-dx" / "lesson.md",
           "---\ntitle: 自治体DXとは\nroles: [exective]\nid: what-is-dx\n---\n本文\n")
    _write(root / "01-basics" / "02-x" / "lesson.md",
           "---\ntitle: メモ帳で保存した教材\nid: x\n---\n本文\n", encoding="cp932",
           newline="\r\n")
    # the broken question's heading is line 14, as in the spec
    quiz = "".join([
        "---\n",                      # 1
        "shuffle: true\n",            # 2
        "---\n",                      # 3
        "## 正しい設問\n",             # 4
        "\n",                         # 5
        "- [x] はい\n",                # 6
        "- [ ] いいえ\n",              # 7
        "\n",                         # 8
        "> 解説です。\n",              # 9
        "\n",                         # 10
        "## 二つ目の正しい設問\n",      # 11
        "- [ ] A\n",                  # 12
        "- [x] B\n",                  # 13
        "## 正解のない設問\n",          # 14
        "\n",                         # 15
        "- [ ] A\n",                  # 16
        "- [ ] B\n",                  # 17
    ])
    _write(root / "01-basics" / "02-x" / "quiz.md", quiz)
    return root


JA_LINES = [
    "エラー: 01-basics/01-what-is-dx/lesson.md 3行目: roles の 'exective' という役割はありません"
    "（使える役割：executive, leader, staff）。",
    "警告: 01-basics/02-x/lesson.md 1行目: 文字コードが Shift_JIS（CP932）です。読み込みましたが、"
    "メモ帳の「名前を付けて保存」で、文字コードを「UTF-8」にして保存し直してください。",
    "エラー: 01-basics/02-x/quiz.md 14行目: 正解の選択肢がありません。正解の選択肢を「- [x] 」に"
    "してください。",
]


def test_text_output_is_japanese_by_default(spec_library: Path) -> None:
    result = run_lint(spec_library)

    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == JA_LINES
    assert result.stderr.strip() == "エラー 2 件、警告 1 件"


def test_text_output_in_english_reproduces_the_spec_example(spec_library: Path) -> None:
    result = run_lint(spec_library, "--lang", "en")

    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == SPEC_LINES
    assert result.stdout.endswith("\n")
    assert result.stderr.strip() == "2 error(s), 1 warning(s)"


def test_relative_path_from_the_parent_folder(spec_library: Path) -> None:
    result = run_lint(spec_library.name, "--lang", "en", cwd=spec_library.parent)

    assert result.returncode == 1
    assert result.stdout.splitlines() == SPEC_LINES


def test_json_output_has_the_same_findings_with_codes(spec_library: Path) -> None:
    result = run_lint(spec_library, "--format", "json", "--lang", "en")

    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert all(list(item) == ["path", "line", "severity", "message", "code"] for item in data)
    assert [f"{d['path']}:{d['line']}: {d['severity']}: {d['message']}" for d in data] == (
        SPEC_LINES)
    assert data[2] == {"path": "01-basics/02-x/quiz.md", "line": 14, "severity": "error",
                       "message": "question has no correct choice (mark one with [x])",
                       "code": "content.question_no_correct"}
    assert result.stderr == ""


def test_json_messages_are_translated_and_codes_never(spec_library: Path) -> None:
    japanese = json.loads(run_lint(spec_library, "--format", "json").stdout)
    english = json.loads(run_lint(spec_library, "--format", "json", "--lang", "en").stdout)

    assert [d["code"] for d in japanese] == [d["code"] for d in english] == [
        "content.roles_unknown", "content.encoding_cp932", "content.question_no_correct"]
    assert [d["message"] for d in japanese] == [line.split(": ", 2)[2] for line in JA_LINES]
    assert [(d["path"], d["line"], d["severity"]) for d in japanese] == [
        (d["path"], d["line"], d["severity"]) for d in english]


def test_clean_library_exits_zero_silently() -> None:
    result = run_lint(DATA / "clean")

    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "エラー 0 件、警告 0 件"


def test_clean_library_json_is_an_empty_list() -> None:
    result = run_lint(DATA / "layout", "--format", "json")

    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_warnings_only_exit_zero() -> None:
    text = run_lint(DATA / "warnings_only", "--lang", "en")
    as_json = run_lint(DATA / "warnings_only", "--format", "json", "--lang", "en")

    assert text.returncode == 0 and as_json.returncode == 0
    assert text.stdout.splitlines() == [
        "01-ch/01-x/lesson.md:3: warning: minuts: unknown key, ignored; did you mean `minutes`?"]
    assert json.loads(as_json.stdout) == [{
        "path": "01-ch/01-x/lesson.md", "line": 3, "severity": "warning",
        "message": "minuts: unknown key, ignored; did you mean `minutes`?",
        "code": "content.key_unknown_near"}]


def test_errors_exit_one_with_sorted_lines() -> None:
    result = run_lint(DATA / "mixed", "--lang", "en")

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "01-ch/02-bad-yaml/lesson.md:2: error: a bracket ([ ] or { }) is not closed, e.g. "
        "roles: [leader, staff]",
        "01-ch/03-bad-quiz/quiz.md:1: error: question has no correct choice (mark one with [x])",
        "02-ch/01-no-title/lesson.md:1: error: title: missing; add 'title: ...' to the front "
        "matter",
        "02-ch/02-missing-image/lesson.md:5: error: file not found: 'nothere.png' (check the "
        "name and the folder)",
        "02-ch/04-bad-roles/lesson.md:3: error: roles: unknown role 'exective' (known: "
        "executive, leader, staff)",
    ]
    assert result.stderr.strip() == "5 error(s), 0 warning(s)"


def test_japanese_paths_are_printed_as_utf8() -> None:
    result = run_lint(DATA / "japanese")

    assert result.returncode == 1
    assert result.stdout.startswith(
        "エラー: 01-はじめに/02-日本語だけ/lesson.md 1行目: フォルダー名「02-日本語だけ」")


@pytest.mark.parametrize("kind", ["missing", "file", "no-lesson", "empty"])
@pytest.mark.parametrize("output", ["text", "json"])
def test_not_a_library_exits_two(tmp_path: Path, kind: str, output: str) -> None:
    target = {"missing": tmp_path / "ない", "file": tmp_path / "lesson.md",
              "no-lesson": DATA / "not_a_library", "empty": tmp_path / "empty"}[kind]
    if kind == "file":
        target.write_text("---\ntitle: x\n---\n", "utf-8")
    if kind == "empty":
        target.mkdir()

    result = run_lint(target, "--format", output)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"dxlearn lint: エラー: {target} ")
    english = run_lint(target, "--format", output, "--lang", "en")
    assert english.stderr.startswith(f"dxlearn lint: error: {target}: ")


def test_usage_error_exits_two() -> None:
    result = run_lint()  # no PATH

    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_lint_does_not_load_qt() -> None:
    code = (
        "import sys\n"
        "from dxlearn.__main__ import main\n"
        f"status = main(['lint', {str(DATA / 'mixed')!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print('QT', loaded, file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            encoding="utf-8", timeout=120, check=False)

    assert result.returncode == 1
    assert "QT []" in result.stderr
