"""Arrows point down only: nothing below ``gui/`` imports Qt (design/architecture.md).

Each package is imported, with every submodule ``pkgutil.walk_packages`` finds, in a fresh
interpreter; PySide6 (and its shiboken6 runtime) must not be in ``sys.modules`` afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

PROBE = """
import importlib, json, pkgutil, sys

name = sys.argv[1]
package = importlib.import_module(name)
imported = [name]


def fail(module_name):
    raise  # walk_packages calls this inside its except block: re-raise the import error


for info in pkgutil.walk_packages(package.__path__, name + ".", onerror=fail):
    parts = info.name.split(".")
    if "migrations" in parts and parts[-1] == "env":
        continue  # Alembic's env.py runs migrations when imported
    importlib.import_module(info.name)
    imported.append(info.name)

qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(json.dumps({"imported": imported, "qt": qt}))
"""


@pytest.mark.parametrize(
    "package", ["dxlearn.content", "dxlearn.learning", "dxlearn.store", "dxlearn.export"])
def test_package_never_imports_qt(package: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, package], capture_output=True, text=True,
        encoding="utf-8", cwd=REPO, timeout=120, check=False,
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["imported"][0] == package
    assert report["qt"] == [], (
        f"{package} loaded {report['qt']} (modules imported: {report['imported']})")


def test_probe_sees_every_content_module() -> None:
    """Guards the probe itself: it must really walk the package."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "dxlearn.content"], capture_output=True, text=True,
        encoding="utf-8", cwd=REPO, timeout=120, check=True,
    )

    imported = set(json.loads(result.stdout.strip().splitlines()[-1])["imported"])
    on_disk = {f"dxlearn.content.{p.stem}" for p in (REPO / "dxlearn" / "content").glob("*.py")
               if p.stem != "__init__"}
    assert on_disk <= imported
