"""``dxlearn pack import`` as a learner would run it (subprocesses, a real policy file): who may
import into the per-user folder, and finding C2 end to end: a quiz-less copy of the bundled
library, packed and imported, never replaces the bundled library, so no completion can be
exported for it. Also the files a pack command must never wait on or write over."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from dxlearn import paths
from dxlearn.content.libraries import default_folders, load_library_set
from dxlearn.store import open_store

from support.export_builders import run_cli
from support.trainer import build_clean_library, snapshot

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and FIFOs")


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The CLI with the policy file the test wrote (``use_policy``), if any."""
    policy = os.environ.get("DXLEARN_POLICY")
    return run_cli(*args, env={"DXLEARN_POLICY": policy} if policy else None)


@pytest.fixture
def quizless_pack(tmp_path: Path) -> Path:
    """C2's reproduction: copy lessons/, delete every quiz.md, build a pack."""
    copy = shutil.copytree(paths.lessons_dir(), tmp_path / "copy")
    quizzes = list(copy.rglob("quiz.md"))
    assert len(quizzes) >= 10
    for quiz in quizzes:
        quiz.unlink()
    pack = tmp_path / "noquiz.dxpack"
    built = run("pack", "build", copy, "-o", pack, "--lang", "en")
    assert built.returncode == 0, built.stderr
    assert "library 'lg-dx-literacy'" in built.stdout
    return pack


def _innocent(pack: Path, out: Path) -> Path:
    """C2's variant: the manifest says 'innocent', library.yaml still says lg-dx-literacy."""
    with zipfile.ZipFile(pack) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["library"]["id"] = "innocent"
                data = json.dumps(manifest).encode()
            dst.writestr(info, data)
    return out


def _import(pack: Path, data: Path, *extra: str) -> tuple[int, str, str]:
    result = run("--data-dir", data, "pack", "import", pack, *extra)
    return result.returncode, result.stdout, result.stderr


def test_a_learner_pc_with_a_policy_refuses_pack_import(
        quizless_pack: Path, tmp_path: Path, use_policy: Callable[[str], Path]) -> None:
    use_policy('organisation = "○○市"\n')
    data = tmp_path / "data"

    code, _out, err = _import(quizless_pack, data)

    assert code == 1
    assert "組織の設定（policy.toml の allow_pack_import）により教材パックを取り込めません" in err
    assert "何も書き込んでいません" in err
    assert not (data / "libraries").exists()
    code, _out, err = _import(quizless_pack, data, "--lang", "en")
    assert "the organisation's policy (allow_pack_import in policy.toml) does not allow it" in err


def test_allow_pack_import_lets_a_learner_import_other_libraries(
        tmp_path: Path, use_policy: Callable[[str], Path]) -> None:
    use_policy("allow_pack_import = true\n")
    pack = tmp_path / "other.dxpack"
    assert run("pack", "build", build_clean_library(tmp_path / "src"), "-o", pack).returncode == 0

    code, out, err = _import(pack, tmp_path / "data")

    assert code == 0, err
    assert "に取り込みました。" in out
    assert (tmp_path / "data" / "libraries" / "test-lib" / "library.yaml").is_file()


def test_into_another_folder_is_not_restricted_by_allow_pack_import(
        tmp_path: Path, use_policy: Callable[[str], Path]) -> None:
    use_policy('organisation = "○○市"\n')
    pack = tmp_path / "other.dxpack"
    assert run("pack", "build", build_clean_library(tmp_path / "src"), "-o", pack).returncode == 0
    data = tmp_path / "data"

    elsewhere = _import(pack, data, "--into", str(tmp_path / "unpacked"))
    same_folder_spelled_otherwise = _import(pack, data, "--into",
                                            str(data / "x" / ".." / "libraries"))

    assert elsewhere[0] == 0, elsewhere[2]
    assert same_folder_spelled_otherwise[0] == 1
    assert not (data / "libraries").exists()


@pytest.mark.parametrize("policy", [
    None,  # a trainer's own PC: import allowed
    "allow_pack_import = true\n",
    "allow_pack_import = true\nallow_library_updates = true\n",  # same version: not newer
])
def test_c2_the_quizless_bundled_library_is_never_imported(
        quizless_pack: Path, tmp_path: Path, use_policy: Callable[[str], Path],
        policy: str | None) -> None:
    if policy is not None:
        use_policy(policy)
    data = tmp_path / "data"

    for pack in (quizless_pack, _innocent(quizless_pack, tmp_path / "innocent.dxpack")):
        code, out, err = _import(pack, data)
        assert code == 1, out
        assert "何も書き込んでいません" in err
        assert snapshot(data / "libraries") == {}
    code, out, _err = _import(quizless_pack, data, "--lang", "en")
    assert ("has the id of the library that comes with the app" in out
            or "is not newer than the library with the same id" in out)
    _code, out, _err = _import(tmp_path / "innocent.dxpack", data, "--lang", "en")
    assert "'innocent' differs from library.yaml's id 'lg-dx-literacy'" in out

    _no_completion_can_be_exported(data, tmp_path)


def _no_completion_can_be_exported(data: Path, tmp_path: Path) -> None:
    """The libraries the app loads are the bundled one, with its quizzes: a learner who marks
    every lesson read has completed none that has a quiz, and the export says so."""
    found = load_library_set(default_folders(paths.lessons_dir(), [], data))
    assert [lib.root for lib in found.libraries] == [paths.lessons_dir()]
    library = found.libraries[0]
    lessons = list(library.lessons())
    assert sum(1 for lesson in lessons if lesson.quiz is not None) >= 10
    with open_store(data / "progress.db") as opened:
        store = opened.store
        store.register_learner("000123", "試験 太郎", "人事課", "staff")
        for lesson in lessons:
            store.mark_read("000123", library.id, lesson.id, version=lesson.version,
                            has_quiz=lesson.quiz is not None)
    output = tmp_path / "summary.csv"
    exported = run("export", "--db", data / "progress.db", "-o", output, "--scope", "summary")
    assert exported.returncode == 0, exported.stderr
    with output.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1
    assert rows[0]["library_id"] == "lg-dx-literacy"
    assert rows[0]["status"] != "completed"
    assert int(rows[0]["required_completed"]) < int(rows[0]["required_total"])


@posix_only
def test_verify_of_dev_zero_and_a_fifo_answers_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.dxpack"
    os.mkfifo(fifo)
    for target in ("/dev/zero", fifo):
        result = run("pack", "verify", target)  # run() has a timeout: a hang fails the test
        assert result.returncode == 1
        assert result.stdout.startswith(f"{target}: 通常のファイルではありません")
        imported = run("pack", "import", target, "--into", tmp_path / "libs", "--lang", "en")
        assert imported.returncode == 1
        assert f"{target}: not a regular file" in imported.stdout
        assert "Traceback" not in result.stderr + imported.stderr


@posix_only
def test_build_never_writes_over_a_device_or_into_the_library(tmp_path: Path) -> None:
    library = build_clean_library(tmp_path / "source")
    before = snapshot(library)
    full = run("pack", "build", library, "-o", "/dev/full", "--force")
    inside = run("pack", "build", library, "-o", library / "01-基礎" / "01-intro" / "lesson.md",
                 "--force")

    assert full.returncode == 2 and "は通常のファイルではありません" in full.stderr
    assert inside.returncode == 2 and "教材フォルダー" in inside.stderr
    assert snapshot(library) == before
