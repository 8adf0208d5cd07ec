"""``python -m dxlearn pack ...`` and ``import-gift`` as subprocesses: exit codes and messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dxlearn.__main__ import main
from dxlearn.content.loader import load_library

from support.trainer import build_clean_library, make_pack, snapshot, write

REPO = Path(__file__).resolve().parents[2]


def run(*args: str | Path, cwd: Path | None = None,
        env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "dxlearn", *map(str, args)], capture_output=True, text=True,
        encoding="utf-8", env=env, cwd=cwd or REPO, timeout=120, check=False)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return build_clean_library(tmp_path / "source")


def test_pack_build_verify_import(library: Path, tmp_path: Path) -> None:
    pack = tmp_path / "研修.dxpack"
    built = run("pack", "build", library, "-o", pack, "--lang", "en")
    assert built.returncode == 0, built.stderr
    assert "library 'test-lib' version '2026.1', 8 files" in built.stdout

    verified = run("pack", "verify", pack, "--lang", "en")
    assert verified.returncode == 0, verified.stdout
    assert f"{pack}: ok: library 'test-lib' version '2026.1', 8 files" in verified.stdout

    into = tmp_path / "libs"
    imported = run("pack", "import", pack, "--into", into, "--lang", "en")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert f"imported into {into / 'test-lib'}" in imported.stdout
    assert load_library(into / "test-lib").title == "テスト研修"

    again = run("pack", "import", pack, "--into", into, "--lang", "en")
    assert again.returncode == 0
    assert "replaced the previous version in" in again.stdout


def test_pack_messages_are_japanese_by_default(library: Path, tmp_path: Path) -> None:
    pack = tmp_path / "研修.dxpack"
    built = run("pack", "build", library, "-o", pack)
    assert built.stdout.strip() == (f"{pack}：教材「test-lib」版「2026.1」、8 ファイルのパックを"
                                    "作りました。")
    verified = run("pack", "verify", pack)
    assert verified.stdout.startswith(f"{pack}：問題ありません。教材「test-lib」版「2026.1」")
    imported = run("pack", "import", pack, "--into", tmp_path / "libs")
    assert imported.stdout.strip() == (f"{pack}：教材「test-lib」版「2026.1」を "
                                       f"{tmp_path / 'libs' / 'test-lib'} に取り込みました。")
    again = run("pack", "build", library, "-o", pack)
    assert again.returncode == 2
    assert "は既にあります" in again.stderr and "--force" in again.stderr


def test_pack_import_defaults_to_the_per_user_libraries_folder(library: Path,
                                                               tmp_path: Path) -> None:
    pack = tmp_path / "a.dxpack"
    assert run("pack", "build", library, "-o", pack).returncode == 0
    home = tmp_path / "home"
    imported = run("pack", "import", pack, env_extra={
        "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
        "LOCALAPPDATA": str(home / "local")})
    assert imported.returncode == 0, imported.stderr
    assert list(home.rglob("libraries/test-lib/library.yaml")), imported.stdout


def test_pack_build_with_lint_errors_prints_findings_and_exits_1(library: Path,
                                                                 tmp_path: Path) -> None:
    write(library / "09-loose" / "lesson.md", "---\ntitle: x\nroles: [exective]\n---\n")
    result = run("pack", "build", library, "-o", tmp_path / "bad.dxpack")

    assert result.returncode == 1
    assert ("エラー: 09-loose/lesson.md 3行目: roles の 'exective' という役割はありません"
            "（使える役割：executive, leader, staff）。") in result.stdout
    assert "教材にエラーが 1 件あります。dxlearn lint で確かめて" in result.stderr
    assert not (tmp_path / "bad.dxpack").exists()
    english = run("pack", "build", library, "-o", tmp_path / "bad.dxpack", "--lang", "en")
    assert ("09-loose/lesson.md:3: error: roles: unknown role 'exective' (known: executive, "
            "leader, staff)") in english.stdout


def test_pack_build_not_a_library_exits_2(tmp_path: Path) -> None:
    result = run("pack", "build", tmp_path, "-o", tmp_path.parent / "x.dxpack", "--lang", "en")
    assert result.returncode == 2
    assert "is not a lesson library" in result.stderr


def test_pack_verify_and_import_refuse_an_evil_pack(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "evil.dxpack", entries=[("../../evil.txt", b"x"),
                                                         ("library/01-a/extra.md", b"x")])
    verified = run("pack", "verify", pack, "--lang", "en")
    assert verified.returncode == 1
    lines = verified.stdout.splitlines()
    assert lines == [f"{pack}: ../../evil.txt: would be written outside the library folder "
                     "or under another name: it contains '..', '.' or an empty folder name"]
    japanese = run("pack", "verify", pack)
    assert japanese.stdout.splitlines() == [
        f"{pack}: ../../evil.txt：教材フォルダーの外や別の名前で書き込まれるおそれがあるため、"
        "取り込みません（「..」「.」または空のフォルダー名を含んでいます）。"]
    assert "問題が 1 件あります" in japanese.stderr

    into = tmp_path / "libs"
    imported = run("pack", "import", pack, "--into", into)
    assert imported.returncode == 1
    assert "何も書き込んでいません" in imported.stderr
    assert snapshot(into) == {}


GIFT = "::a:: 正しいのは？{=はい ~いいえ}\n\n数値 {#3}\n\n短答 {=a =b}\n"


def test_import_gift_writes_supported_and_reports_skipped(tmp_path: Path) -> None:
    source = tmp_path / "q.gift"
    source.write_bytes(GIFT.encode("cp932"))
    output = tmp_path / "lesson" / "quiz.md"
    result = run("import-gift", source, "-o", output)

    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        f"{source}:3: 変換しませんでした: 数値問題（{{#...}}）は変換できません。選択式の問題に"
        "書き直してください。",
        f"{source}:5: 変換しませんでした: 記述式の問題（答えを入力する問題。答えが「=」だけ、"
        "「=%50%」などの部分点付き、「*」を含むもの）は変換できません。「~」で誤りの選択肢を"
        "加えると選択式になります。"]
    assert result.stdout == (f"{output}：1 問を書き出しました。2 問は変換しませんでした（上の"
                             "一覧を見てください）。（Shift_JIS（CP932）として読みました）\n")
    assert output.read_text(encoding="utf-8").startswith("## 正しいのは？\n")

    english = run("import-gift", source, "-o", output, "--force", "--lang", "en")
    assert english.stderr.splitlines()[:2] == [
        f"{source}:3: skipped: numerical question ({{#...}}) is not supported; rewrite it as a "
        "choice question",
        f"{source}:5: skipped: short answer question (only '=' answers, weighted '=%50%' "
        "answers or a '*' wildcard) is not supported; add wrong choices with '~' to make it "
        "multiple choice"]
    assert "1 question(s) written, 2 skipped (see above) (read as Shift_JIS/CP932)" in (
        english.stdout)


def test_import_gift_all_supported_exits_0_and_refuses_to_overwrite(tmp_path: Path) -> None:
    source = tmp_path / "q.gift"
    source.write_text("正しいのは？{=はい ~いいえ}\n", encoding="utf-8-sig")
    output = tmp_path / "quiz.md"
    assert run("import-gift", source, "-o", output).returncode == 0

    again = run("import-gift", source, "-o", output)
    assert again.returncode == 2
    assert "既にあります" in again.stderr and "--force" in again.stderr
    assert run("import-gift", source, "-o", output, "--force").returncode == 0


def test_import_gift_nothing_convertible_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "q.gift"
    source.write_text("論述 {}\n", encoding="utf-8")
    output = tmp_path / "quiz.md"
    result = run("import-gift", source, "-o", output)

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{source}:1: 変換しませんでした: 論述問題（答えの欄が空の {{}}）は変換できません。"
        "理解度チェックは選択式の問題だけです。",
        f"dxlearn import-gift: {source} には変換できる問題がありませんでした。{output} は"
        "作っていません。"]
    assert not output.exists()


def test_help_lists_the_trainer_commands() -> None:
    result = run("--help")
    for command in ("preview", "pack", "import-gift"):
        assert command in result.stdout


def test_preview_of_a_non_library_exits_2_in_process(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", str(tmp_path)]) == 2
    assert "教材のフォルダーではありません" in capsys.readouterr().err  # Japanese by default
    assert main(["preview", str(tmp_path), "--lang", "en"]) == 2
    assert "not a lesson library" in capsys.readouterr().err
