"""``dxlearn --self-test`` in a fresh interpreter, as the IT office runs it after installing:
no display, a policy with findings, and the learner's real data folder left untouched."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dxlearn.selftest import FAILURE_PREFIX, SUCCESS_LINE

from support.deploy import toml_path, write

REPO = Path(__file__).resolve().parents[2]


def run_self_test(tmp_path: Path, *extra: str, policy: Path | None = None
                  ) -> tuple[subprocess.CompletedProcess[str], Path]:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "DXLEARN_POLICY")}
    env.update(HOME=str(profile), XDG_DATA_HOME=str(profile / "data"),
               XDG_CONFIG_HOME=str(profile / "config"), XDG_STATE_HOME=str(profile / "state"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir(exist_ok=True)
    if policy is not None:
        env["DXLEARN_POLICY"] = str(policy)
    result = subprocess.run([sys.executable, "-m", "dxlearn", "--self-test", *extra],
                            capture_output=True, text=True, encoding="utf-8", env=env, cwd=REPO,
                            timeout=180, check=False)
    return result, profile


def test_self_test_passes_offscreen_and_touches_no_learner_data(tmp_path: Path) -> None:
    data = tmp_path / "learners"
    data.mkdir()
    policy = write(tmp_path / "policy.toml",
                   f"data_dir = {toml_path(data)}\nbackup_kep = 3\nforce_rollback_journal = true\n")
    result, profile = run_self_test(tmp_path, policy=policy)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert out.rstrip().splitlines()[-1] == f"{SUCCESS_LINE} (1 warning(s))"
    for check in ("libraries", "database", "quiz", "export", "window"):
        assert f"[ OK ] {check}:" in out
    assert "platform offscreen" in out  # chose offscreen itself: no DISPLAY was set
    assert "journal delete (policy)" in out  # the policy's journal choice was applied
    assert re.search(rf"policy file +{re.escape(str(policy))}\n", out)
    assert "[WARN] policy:" in out and "did you mean 'backup_keep'" in out
    assert re.search(rf"data folder +{re.escape(str(data))} \(not touched", out)
    assert re.search(r"frozen +no\n", out)
    assert "japanese font" in out or "no Japanese font" in out
    assert list(data.iterdir()) == [], "the self-test wrote into the learners' data folder"
    assert sorted(profile.rglob("*")) == [], "the self-test wrote into the user profile"
    assert list((tmp_path / "tmp").iterdir()) == []  # its temporary folder is removed


def test_self_test_fails_naming_what_failed(tmp_path: Path) -> None:
    result, _ = run_self_test(tmp_path, "--library", str(tmp_path / "no-such-library"))
    assert result.returncode == 1
    last = result.stdout.rstrip().splitlines()[-1]
    assert last.startswith(f"{FAILURE_PREFIX}: libraries:")
    assert "no-such-library" in last
    assert "[ OK ] window" not in result.stdout


@pytest.mark.parametrize("environ", [
    {}, {"DISPLAY": ":0"}, {"QT_QPA_PLATFORM": "xcb"}, {"WAYLAND_DISPLAY": "wayland-0"}])
def test_offscreen_is_chosen_only_without_a_display(environ: dict[str, str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from dxlearn.gui import application

    monkeypatch.setattr(sys, "platform", "linux")
    assert application.needs_offscreen(environ) is (environ == {})


def test_self_test_reports_the_roster_and_the_policy_settings(tmp_path: Path) -> None:
    """Finding I2: the IT office sees the roster (count and problems), lock_profile,
    backup_keep, the organisation and the pack-import rule."""
    roster = tmp_path / "roster.csv"
    roster.write_text("職員番号,氏名,所属,役割\n00123,山田 花子,市民課,staff\n"
                      "00124,佐藤 次郎,税務課,leader\n00123,重複 太郎,市民課,staff\n",
                      encoding="utf-8-sig")
    policy = write(tmp_path / "policy.toml",
                   f'organisation = "○○市"\nroster = {toml_path(roster)}\nlock_profile = true\n'
                   "backup_keep = 5\n")
    result, _ = run_self_test(tmp_path, policy=policy)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert re.search(r"policy roster +.*roster\.csv \(2 staff\)", out)
    assert re.search(r"\[WARN\] .*\[roster\]: .*00123 listed twice", out)  # the duplicate row
    assert re.search(r"policy lock_profile +yes\n", out)
    assert re.search(r"policy backup_keep +5\n", out)
    assert re.search(r"policy organisation +○○市\n", out)
    assert re.search(r"policy pack import +not allowed", out)
