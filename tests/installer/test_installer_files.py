"""The packaging files say what the deployment contract needs (the CI builds and self-tests
the real bundle; these checks catch an edit that would break the Windows build we cannot run
here)."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
INSTALLER = REPO / "installer"


def test_the_spec_bundles_lessons_resources_and_the_migrations_where_the_app_looks() -> None:
    spec = (INSTALLER / "dxlearn.spec").read_text(encoding="utf-8")
    assert '"dxlearn/_bundled/lessons"' in spec and '"dxlearn/_bundled/resources"' in spec
    assert '"dxlearn/store/migrations"' in spec  # Alembic loads revisions by path
    assert '"PySide6.QtNetwork"' in spec
    assert re.search(r'name="dxlearn", console=not WINDOWS', spec)  # windowed on Windows
    assert 'name="dxlearn-cli", console=True' in spec
    paths_py = (REPO / "dxlearn" / "paths.py").read_text(encoding="utf-8")
    assert '"dxlearn" / "_bundled" / name' in paths_py


def test_the_inno_setup_script_installs_per_user_silently_and_keeps_learners_data() -> None:
    iss = (INSTALLER / "dxlearn.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert "PrivilegesRequiredOverridesAllowed=dialog commandline" in iss
    assert "DefaultDirName={autopf}\\dxlearn" in iss
    assert "{autoprograms}" in iss  # Start menu shortcut
    assert "skipifsilent" in iss
    assert '{param:POLICY|}' in iss and 'Source: "{src}\\policy.toml"' in iss
    code = "\n".join(line for line in iss.splitlines() if not line.lstrip().startswith(";"))
    assert "[UninstallDelete]" not in code
    for word in ("localappdata", "deltree", "deletefile", "removedir"):
        assert word not in code.lower(), f"the installer must not touch learners' data ({word})"


def test_the_build_script_reports_what_it_skipped() -> None:
    build = (INSTALLER / "build.py").read_text(encoding="utf-8")
    assert "--bundle-only" in build and "skipped:" in build
    assert "dxlearn self-test: OK" in build
    from dxlearn.selftest import SUCCESS_LINE

    assert SUCCESS_LINE == "dxlearn self-test: OK"


def test_ci_builds_the_bundle_and_runs_its_self_test() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    assert "installer/build.py --bundle-only" in ci
    assert "--self-test" in ci and "dxlearn self-test: OK" in ci
