"""The policy's ``export_profiles``: the profiles the GUI export dialog offers."""

from __future__ import annotations

from pathlib import Path

from dxlearn.export.profile import ProfileError, load_profile
from dxlearn.policy import read_policy

from support.deploy import toml_path


def test_export_profiles_are_existing_files_relative_to_the_policy(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "a.toml").write_text('name = "a"\n', encoding="utf-8")
    policy_path = tmp_path / "policy.toml"
    policy_path.write_text(f"export_profiles = ['p/a.toml', {toml_path(tmp_path / 'no.toml')}]\n",
                           encoding="utf-8")
    policy = read_policy(policy_path)
    assert policy.export_profiles == (tmp_path / "p" / "a.toml",)
    assert [m.key for m in policy.messages] == ["export_profiles"]
    assert "no.toml" in policy.messages[0].text("en")


def test_a_huge_number_or_deep_nesting_is_a_refusal_not_a_crash(tmp_path: Path) -> None:
    for text in ("x = " + "9" * 5000 + "\n", "x = " + "[" * 5000 + "]" * 5000 + "\n"):
        path = tmp_path / "p.toml"
        path.write_text(text, encoding="utf-8")
        try:
            load_profile(path)
        except ProfileError as error:
            assert error.problems
        else:
            raise AssertionError("accepted")
