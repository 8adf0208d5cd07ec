"""The real wheel: built by the real backend, installed into a bare folder, run from there.

It must carry the top-level ``lessons/`` and ``resources/`` as ``dxlearn/_bundled/...`` (the
force-include in pyproject.toml), and ``dxlearn.paths`` must find them inside the install, not in
a source checkout. Needs the build backend from the package index (CI has it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
BUNDLED = "dxlearn/_bundled"


def _run(args: list[str], *, env: dict[str, str] | None = None,
         cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=cwd, timeout=600, check=False)


def _source_files(folder: str) -> set[str]:
    """Files under a top-level folder, as their wheel names."""
    base = REPO / folder
    return {
        f"{BUNDLED}/{folder}/{path.relative_to(base).as_posix()}"
        for path in base.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check",
                  "-w", str(out), str(REPO)], cwd=out)
    hint = ""
    if "Forced include not found" in built.stdout + built.stderr:
        hint = ("\nA folder named in [tool.hatch.build.targets.wheel.force-include] is missing "
                "(git does not keep empty folders: resources/ needs at least one file).")
    assert built.returncode == 0, (
        f"pip wheel failed:{hint}\n{built.stdout[-3000:]}\n{built.stderr[-3000:]}")
    (found,) = out.glob("dxlearn-*.whl")
    return found


@pytest.fixture(scope="module")
def names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("target")
    done = _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                 "--disable-pip-version-check", "--target", str(target), str(wheel)])
    assert done.returncode == 0, done.stderr
    return target


@pytest.fixture
def isolated_env(installed: Path) -> Iterator[dict[str, str]]:
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSAFEPATH"}}
    env["PYTHONPATH"] = str(installed)
    env["PYTHONIOENCODING"] = "utf-8"
    yield env


def test_wheel_contains_the_bundled_lessons(names: set[str]) -> None:
    lessons = {name for name in names if name.startswith(f"{BUNDLED}/lessons/")}

    assert f"{BUNDLED}/lessons/library.yaml" in lessons or any(
        name.endswith("/lesson.md") for name in lessons), sorted(lessons)[:20]
    missing = _source_files("lessons") - names
    assert not missing, f"lessons/ files not in the wheel: {sorted(missing)[:20]}"


def test_wheel_contains_the_bundled_resources(names: set[str]) -> None:
    resources = {name for name in names if name.startswith(f"{BUNDLED}/resources/")}

    assert resources, (
        "the wheel has no dxlearn/_bundled/resources/: resources/ holds no file, so "
        "paths.resources_dir() raises FileNotFoundError in an installed app")
    missing = _source_files("resources") - names
    assert not missing, f"resources/ files not in the wheel: {sorted(missing)[:20]}"


def test_wheel_contains_the_code_and_the_console_script(wheel: Path, names: set[str]) -> None:
    assert {"dxlearn/__init__.py", "dxlearn/__main__.py", "dxlearn/paths.py",
            "dxlearn/content/loader.py"} <= names
    (entry_points,) = (name for name in names if name.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(entry_points).decode("utf-8")
    assert "dxlearn = dxlearn.__main__:run" in text


def test_installed_paths_point_inside_the_install(installed: Path, isolated_env: dict[str, str],
                                                  tmp_path: Path) -> None:
    code = "import dxlearn, dxlearn.paths as p; print(dxlearn.__file__); print(p.lessons_dir())"
    result = _run([sys.executable, "-c", code], env=isolated_env, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    module_file, lessons = (Path(line) for line in result.stdout.splitlines())
    assert module_file.is_relative_to(installed), module_file  # not the source checkout
    assert lessons.is_relative_to(installed), lessons
    assert lessons == installed / "dxlearn" / "_bundled" / "lessons"
    assert lessons.is_dir()


def test_installed_lint_checks_the_bundled_library_clean(
        installed: Path, isolated_env: dict[str, str], tmp_path: Path) -> None:
    lessons = installed / "dxlearn" / "_bundled" / "lessons"

    result = _run([sys.executable, "-m", "dxlearn", "lint", str(lessons)], env=isolated_env,
                  cwd=tmp_path)

    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert result.stderr.strip().startswith("エラー 0 件")
