"""The CLI reads the policy for its defaults and prints its findings on stderr; the command
line's --data-dir and --db win over it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dxlearn.cli import main
from dxlearn.store import default_database_path, open_store

from support.deploy import toml_path

KEY_HEX = "ab" * 32


def make_database(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = default_database_path(data_dir)
    with open_store(path) as opened:
        opened.store.register_learner("00123", "山田 花子", "市民課", "staff")
    return path


def test_export_uses_the_policy_data_dir_key_and_prints_findings(
    use_policy, tmp_path: Path, capsys: pytest.CaptureFixture[str]  # type: ignore[no-untyped-def]
) -> None:
    data = tmp_path / "H" / "dxlearn"
    make_database(data)
    policy = use_policy(f"data_dir = {toml_path(data)}\nexport_key = '{KEY_HEX}'\n"
                        "export_key_id = 'org-9'\nlock_profil = true\n")
    out = tmp_path / "summary.csv"
    assert main(["export", "-o", str(out), "--scope", "summary"]) == 0
    captured = capsys.readouterr()
    assert f"dxlearn: policy: {policy} の「lock_profil」" in captured.err
    assert "「lock_profile」の誤りではありませんか" in captured.err
    sidecar = json.loads(Path(f"{out}.sig.json").read_text(encoding="utf-8"))
    assert sidecar["key_id"] == "org-9" and sidecar["rows"] == 1
    assert "00123" in out.read_text(encoding="utf-8-sig")


def test_command_line_data_dir_overrides_the_policy(
    use_policy, tmp_path: Path, capsys: pytest.CaptureFixture[str]  # type: ignore[no-untyped-def]
) -> None:
    make_database(tmp_path / "policy-data")
    use_policy(f"data_dir = {toml_path(tmp_path / 'policy-data')}\n")
    other = tmp_path / "cli-data"
    other.mkdir()
    assert main(["--data-dir", str(other), "export", "-o", str(tmp_path / "x.csv")]) == 1
    assert str(default_database_path(other)) in capsys.readouterr().err


def test_lint_does_not_read_the_policy(use_policy, tmp_path: Path,  # type: ignore[no-untyped-def]
                                       capsys: pytest.CaptureFixture[str]) -> None:
    use_policy("nonsense_key = 1\n")
    main(["lint", str(tmp_path)])
    assert "policy" not in capsys.readouterr().err
