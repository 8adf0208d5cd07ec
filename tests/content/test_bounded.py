"""Bounded work on any input (findings reliability.md M2-M5, M7): no file, folder shape or link
makes lint hang, eat memory, raise, or read outside the library; each such input is a finding
on the right line, in Japanese."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from content_builders import make_lesson, no_id, png_bytes, write

import dxlearn.content.loader as loader_module
from dxlearn.content.lint import lint_path
from dxlearn.content.loader import load_library

from support.deep import deep_folder

LESSON = "---\ntitle: 教材\nid: {id}\n---\n本文です。\n"
GOOD_QUIZ = "## 問題です。\n\n- [x] はい\n- [ ] いいえ\n"


def ja(root: Path) -> list[str]:
    return [f.line_text("ja") for f in no_id(lint_path(str(root)).findings)]


def codes(root: Path) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.code) for f in no_id(lint_path(str(root)).findings)]


# -- M2: YAML anchors and aliases (billion laughs) ------------------------------------------------

def laughs(levels: int = 9) -> str:
    """``a0`` .. ``a{levels}``, each nine aliases of the one before: 9**levels strings if built."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


ALIAS_JA = ("「&」や「*」で始まる値（YAML のアンカーと別名）は使えません。文字として書くときは"
            " '…' で囲んでください。")


@pytest.mark.parametrize("where", ["lesson", "quiz", "chapter", "library"])
def test_m2_anchors_and_aliases_are_refused_in_every_yaml_before_anything_is_built(
        tmp_path: Path, where: str) -> None:
    root = tmp_path / "lib"
    bomb = laughs()
    make_lesson(root, "01-ch/01-x", front="title: 教材\nid: x\n" + (
        bomb + "required: *a9\n" if where == "lesson" else ""), quiz=(
        f"---\n{bomb}shuffle: *a9\n---\n" + GOOD_QUIZ if where == "quiz" else GOOD_QUIZ))
    if where == "chapter":
        write(root / "01-ch" / "chapter.yaml", "title: 章\n" + bomb)
    if where == "library":
        write(root / "library.yaml", "id: lib\n" + bomb)
    path, line = {"lesson": ("01-ch/01-x/lesson.md", 4), "quiz": ("01-ch/01-x/quiz.md", 2),
                  "chapter": ("01-ch/chapter.yaml", 2), "library": ("library.yaml", 2)}[where]

    result = lint_path(str(root))

    findings = [f for f in result.findings if f.code != "content.id_missing"]
    assert [f.line_text("ja") for f in findings] == [f"エラー: {path} {line}行目: {ALIAS_JA}"]
    assert all(len(f.text("en")) < 200 for f in findings)  # nothing expanded into a message
    assert result.exit_status == (2 if where == "library" else 1)


# -- M3: symlink loops, /proc/self ---------------------------------------------------------------

symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32",
                              reason="symlinks need privileges on Windows")


@symlinks
def test_m3_links_to_the_folder_itself_are_read_once_and_reported(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    lesson = make_lesson(root, "01-ch/01-a", front="title: a\nid: a\n")
    os.symlink(".", root / "loop1")
    os.symlink(".", root / "01-ch" / "loop2")
    os.symlink("..", lesson / "loop3")

    loop = "これは、すでに読んだフォルダーを指すリンクです（堂々巡りになるため、読み込みません）。"
    assert ja(root) == [f"警告: 01-ch/loop2/ 1行目: {loop}", f"警告: loop1/ 1行目: {loop}"]
    assert [x.rel_path for x in load_library(root).lessons()] == ["01-ch/01-a"]


@pytest.mark.skipif(not Path("/proc/self/root").exists(), reason="needs Linux /proc")
def test_m3_lint_of_proc_self_answers_at_once() -> None:
    result = subprocess.run([sys.executable, "-m", "dxlearn", "lint", "/proc/self"],
                            capture_output=True, text=True, encoding="utf-8", timeout=60,
                            check=False)

    assert result.returncode == 2
    assert "/proc/self は教材のフォルダーではありません" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_never_read(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-a", front="title: a\nid: a\n")
    (root / "01-ch" / "02-fifo").mkdir()
    os.mkfifo(root / "01-ch" / "02-fifo" / "lesson.md")
    os.mkfifo(root / "01-ch" / "01-a" / "quiz.md")
    os.mkfifo(tmp_path / "pipe")

    fifo = "通常のファイルではありません（名前付きパイプや装置のファイルは読み込みません）。"
    assert ja(root) == [f"エラー: 01-ch/01-a/quiz.md 1行目: {fifo}",
                        f"エラー: 01-ch/02-fifo/lesson.md 1行目: {fifo}"]
    assert lint_path(str(tmp_path / "pipe")).exit_status == 2


# -- M4: folder shapes ---------------------------------------------------------------------------

def test_m4_four_hundred_nested_folders_are_a_warning_not_a_recursion_error(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-a", front="title: a\nid: a\n")
    with deep_folder(root / "02-deep", 400) as deep:
        write(deep / "lesson.md", LESSON.format(id="deep"))

        assert ja(root) == [
            "警告: 02-deep/d/ 1行目: フォルダーの階層が深すぎるため、これより下は読みません。"]
        assert [x.rel_path for x in load_library(root).lessons()] == ["01-ch/01-a"]


UNREADABLE_JA = ("エラー: 02-locked/ 1行目: このフォルダーを読み取れません"
                 "（アクセスの権限がありません）。中のレッスンは表示されません。")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="permissions: POSIX, and root reads everything")
def test_m4_an_unreadable_chapter_is_a_finding(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-a", front="title: a\nid: a\n")
    make_lesson(root, "02-locked/01-b", front="title: b\nid: b\n")
    (root / "02-locked").chmod(0)
    try:
        assert ja(root) == [UNREADABLE_JA]
    finally:
        (root / "02-locked").chmod(0o755)


def test_m4_a_folder_the_system_refuses_to_list_is_a_finding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as above where permissions cannot be tested (as root): listing raises."""
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-a", front="title: a\nid: a\n")
    make_lesson(root, "02-locked/01-b", front="title: b\nid: b\n")
    locked = str(root / "02-locked")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)

    assert ja(root) == [UNREADABLE_JA]


# -- M5: sizes and time --------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["lesson.md", "quiz.md"])
def test_m5_a_file_over_one_megabyte_is_not_read(tmp_path: Path, name: str) -> None:
    root = tmp_path / "lib"
    folder = make_lesson(root, "01-ch/01-a", front="title: a\nid: a\n", quiz=GOOD_QUIZ)
    with open(folder / name, "r+b") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB (sparse: the test writes nothing)

    assert ja(root) == [
        f"エラー: 01-ch/01-a/{name} 1行目: ファイルが大きすぎます（52428800 バイト。1000000 バイト"
        "まで）。レッスンを分けてください。"]


def test_m5_more_lessons_than_the_limit_stop_with_a_finding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader_module, "MAX_LESSONS", 2)
    root = tmp_path / "lib"
    for n in range(1, 5):
        make_lesson(root, f"01-ch/0{n}-x", front=f"title: x\nid: x{n}\n")

    assert ja(root) == ["エラー: 01-ch/03-x/lesson.md 1行目: レッスンが多すぎます（2 個まで）。"
                        "これより後のレッスンは読み込みません。"]
    assert len(list(load_library(root).lessons())) == 2


N = 60_000


def _seconds(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


PATHOLOGICAL_QUIZZES = {
    "heading-spaces": "## a" + " " * N + "x\n\n- [x] a\n- [ ] b\n",
    "bracket-spaces": "## q\n\n- [" + " " * N + "x\n- [x] a\n- [ ] b\n",
    "dash-spaces": "## q\n\n-" + " " * N + "[x\n- [x] a\n- [ ] b\n",
    "hashes": "#" * N + "\n## q\n\n- [x] a\n- [ ] b\n",
    "front-matter-spaces": "---\nshuffle:" + " " * N + "x\n---\n## q\n\n- [x] a\n- [ ] b\n",
    "brackets-in-heading": "## " + "[" * N + "\n\n- [x] a\n- [ ] b\n",
    "quote-spaces": "## q\n\n- [x] a\n- [ ] b\n\n>" + " " * N + "x\n",
}
PATHOLOGICAL_BODIES = {
    "brackets": "[" * N,
    "href-spaces": "<a href=" + " " * N + "x>y</a>",
    "unclosed-tags": ("<a " * 30 + "\n\n") * (N // 90),
    "emphasis": "*a" * (N // 2),
    "links": "[a](" * (N // 4),
    "spaces": "a" + " " * N + "b",
}


def test_m5_no_input_costs_more_than_a_small_multiple_of_ordinary_text(tmp_path: Path) -> None:
    """Each pathological file of N characters lints within 10x the time of an ordinary lesson
    and quiz of the same size (measured here, on this machine), never in seconds per line."""
    ordinary = ("本文です。[資料](#a) と **強調** があります。\n\n" * (N // 30))[:N]
    baseline_root = tmp_path / "baseline"
    make_lesson(baseline_root, "01-x", front="title: x\nid: x\n", body=ordinary,
                quiz="## " + "あ" * N + "\n\n- [x] a\n- [ ] b\n")
    baseline = _seconds(lambda: lint_path(str(baseline_root)))

    slow: dict[str, float] = {}
    cases = [(name, GOOD_QUIZ, quiz) for name, quiz in PATHOLOGICAL_QUIZZES.items()]
    cases += [(name, body, GOOD_QUIZ) for name, body in PATHOLOGICAL_BODIES.items()]
    for name, body, quiz in cases:
        root = tmp_path / name
        make_lesson(root, "01-x", front="title: x\nid: x\n", body=body, quiz=quiz)
        elapsed = _seconds(lambda root=root: lint_path(str(root)))
        if elapsed > 10 * baseline + 0.05:
            slow[name] = elapsed
    assert slow == {}, f"baseline {baseline:.3f}s"


# -- M7: links out of the library ----------------------------------------------------------------

@symlinks
def test_m7_links_out_of_the_library_are_errors_and_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "secret.txt", "秘密\n")
    write(outside / "lesson" / "lesson.md", LESSON.format(id="outside"))
    root = tmp_path / "lib"
    lesson = make_lesson(root, "01-ch/01-a", front="title: a\nid: a\n",
                         body="![](../../_assets/secret.txt)\n\n[資料](../../_assets/secret.txt)\n")
    os.symlink(outside, root / "_assets")
    os.symlink(outside / "lesson", root / "01-ch" / "02-linked")
    (root / "01-ch" / "03-file").mkdir()
    os.symlink(outside / "lesson" / "lesson.md", root / "01-ch" / "03-file" / "lesson.md")
    os.symlink(outside / "secret.txt", lesson / "handout.txt")

    library = load_library(root)

    outside_ja = ("これは教材フォルダーの外を指すリンク（ショートカット）です。読み込みません。"
                  "中身をこのフォルダーにコピーしてください。")
    through_ja = ("「../../_assets/secret.txt」は、教材フォルダーの外を指すリンク"
                  "（ショートカット）を通っています。ファイルそのものを教材フォルダーの中に"
                  "置いてください。")
    assert ja(root) == [
        f"エラー: 01-ch/01-a/handout.txt 1行目: {outside_ja}",
        f"エラー: 01-ch/01-a/lesson.md 5行目: {through_ja}",
        f"エラー: 01-ch/01-a/lesson.md 7行目: {through_ja}",
        f"エラー: 01-ch/02-linked/ 1行目: {outside_ja}",
        f"エラー: 01-ch/03-file/lesson.md 1行目: {outside_ja}",
        f"エラー: _assets/ 1行目: {outside_ja}",
    ]
    first = library.lesson("a")
    assert first is not None and str(outside) not in first.body_html
    assert library.lesson("outside") is None


@symlinks
def test_m7_a_link_inside_the_library_is_allowed(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "_assets" / "logo.png", png_bytes())
    lesson = make_lesson(root, "01-ch/01-a", front="title: a\nid: a\n",
                         body="![](images/logo.png)\n")
    (lesson / "images").mkdir()
    os.symlink(root / "_assets" / "logo.png", lesson / "images" / "logo.png")

    assert ja(root) == []
    assert "logo.png" in load_library(root).lessons().__next__().body_html
