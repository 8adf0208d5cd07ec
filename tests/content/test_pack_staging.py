"""An import killed half-way leaves hidden folders; the next import or start cleans them up, puts
the previous version back when the new one never arrived, and leaves a running import alone."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dxlearn.content.loader import load_library
from dxlearn.content.pack import ImportRules, build_pack, clean_interrupted_imports, import_pack
from dxlearn.files.oslock import FileLock

from support.trainer import build_clean_library, libraries_with_version_1, snapshot, write

KILL_AT = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from dxlearn.content import pack

    def killed(*args, **kwargs):
        os._exit(9)  # what the task manager or a power cut does: no cleanup at all

    stage = sys.argv[3]
    if stage == "extracting":
        pack._check_loaded = killed
    else:  # the previous version renamed aside, the new one not yet in place
        real = os.replace
        def replace(src, dst):
            real(src, dst)
            if Path(dst).name.startswith(".test-lib.previous-"):
                os._exit(9)
        pack.os.replace = replace
    pack.import_pack(sys.argv[1], sys.argv[2], rules=pack.ImportRules())
""")


@pytest.fixture
def built(tmp_path: Path) -> Path:
    return build_pack(build_clean_library(tmp_path / "source"), tmp_path / "a.dxpack").output


@pytest.fixture
def into(tmp_path: Path) -> Path:
    return libraries_with_version_1(tmp_path / "libraries")


def _killed_import(pack: Path, into: Path, stage: str) -> None:
    result = subprocess.run([sys.executable, "-c", KILL_AT, str(pack), str(into), stage],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 9, result.stderr


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_kill_while_extracting_leaves_a_folder_the_next_import_removes(
        built: Path, into: Path) -> None:
    before = snapshot(into / "test-lib")
    _killed_import(built, into, "extracting")
    leftovers = _hidden(into)
    assert any(name.startswith(".importing-") and not name.endswith(".lock")
               for name in leftovers), leftovers
    assert snapshot(into / "test-lib") == before

    import_pack(built, into, rules=ImportRules())

    assert _hidden(into) == []
    assert load_library(into / "test-lib").title == "テスト研修"


def test_a_kill_during_the_swap_puts_the_previous_version_back(built: Path,
                                                              into: Path) -> None:
    before = snapshot(into / "test-lib")
    _killed_import(built, into, "swapping")
    assert not (into / "test-lib").exists()  # renamed aside, the new one never arrived

    cleaned = clean_interrupted_imports(into)

    assert into / "test-lib" in cleaned
    assert snapshot(into / "test-lib") == before
    assert _hidden(into) == []


def test_a_running_import_is_left_alone(into: Path) -> None:
    staging = into / ".importing-0123abcd"
    (staging / "test-lib").mkdir(parents=True)
    lock = FileLock(into / ".importing-0123abcd.lock")
    assert lock.acquire()
    try:
        assert clean_interrupted_imports(into) == []
        assert staging.is_dir()
    finally:
        lock.release()
    assert clean_interrupted_imports(into) == [staging]
    assert _hidden(into) == []


def test_folders_of_earlier_versions_and_old_lock_files_are_removed(into: Path) -> None:
    legacy = into / ".test-lib.importing-89abcdef"  # what earlier versions extracted into
    write(legacy / "01-a" / "lesson.md", "x")
    aside = into / ".test-lib.previous-fedcba98"  # the new version did arrive
    write(aside / "library.yaml", "id: test-lib\n")
    stale = into / ".importing-00000000.lock"
    stale.write_text("1 host\n")
    os.utime(stale, (0, 0))
    fresh = into / ".importing-11111111.lock"  # an import about to lock it: kept
    fresh.write_text("")

    assert sorted(clean_interrupted_imports(into)) == sorted([legacy, aside])

    assert _hidden(into) == [".importing-11111111.lock"]
    assert (into / "test-lib" / "01-old" / "lesson.md").is_file()


def test_cleaning_a_missing_folder_does_nothing(tmp_path: Path) -> None:
    assert clean_interrupted_imports(tmp_path / "nowhere") == []
