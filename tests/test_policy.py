"""policy.toml: lookup order, validation messages (file + key), fallbacks, the roster."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from dxlearn import policy as policy_module
from dxlearn.export.settings import settings_for
from dxlearn.policy import KEYS, Policy, load_policy, load_roster, read_policy

from support.deploy import toml_path, write

REPO = Path(__file__).resolve().parents[1]
KEY_HEX = "00112233445566778899aabbccddeeff" * 2


def keys_of(policy: Policy) -> list[str | None]:
    return [m.key for m in policy.messages]


def test_no_policy_file_gives_the_defaults_and_says_where_it_looked() -> None:
    policy = load_policy()
    assert policy.source is None and not policy.messages
    assert policy == Policy(searched=policy.searched)
    assert policy.searched[-1].name == "policy.toml"
    assert (policy.backup_keep, policy.lock_profile, policy.data_dir) == (7, False, None)


def test_lookup_order_env_then_beside_the_executable_then_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = write(tmp_path / "env" / "policy.toml", 'organisation = "env"\n')
    exe_dir = tmp_path / "app"
    write(exe_dir / "policy.toml", 'organisation = "beside"\n')
    system = write(tmp_path / "sys" / "policy.toml", 'organisation = "system"\n')
    monkeypatch.setattr(policy_module, "system_policy_path", lambda environ=None: system)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe_dir / "dxlearn.exe"))

    assert load_policy(environ={"DXLEARN_POLICY": str(env_file)}).organisation == "env"
    assert load_policy(environ={}).organisation == "beside"
    (exe_dir / "policy.toml").unlink()
    chosen = load_policy(environ={})
    assert (chosen.organisation, chosen.source) == ("system", system)


def test_a_source_run_has_no_beside_the_executable_location(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert policy_module.executable_dir() is None
    assert len(policy_module.candidate_paths({})) == 1  # the system location only


def test_windows_system_location_uses_programdata(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real system_policy_path, not the fixture's
    monkeypatch.setattr(sys, "platform", "win32")
    path = policy_module.system_policy_path({"PROGRAMDATA": r"D:\PD"})
    assert str(path).replace("/", "\\").endswith(r"D:\PD\dxlearn\policy.toml")


def test_a_missing_file_named_by_the_environment_is_reported_and_the_search_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system = write(tmp_path / "sys" / "policy.toml", "backup_keep = 3\n")
    monkeypatch.setattr(policy_module, "system_policy_path", lambda environ=None: system)
    policy = load_policy(environ={"DXLEARN_POLICY": str(tmp_path / "nowhere.toml")})
    assert policy.backup_keep == 3 and policy.source == system
    assert "DXLEARN_POLICY" in policy.messages[0].message.text("en")
    assert "nowhere.toml" in policy.messages[0].text("ja")


def test_every_key_is_read(tmp_path: Path) -> None:
    lessons = (tmp_path / "lessons").resolve()
    lessons.mkdir()
    exports = tmp_path / "exports"
    exports.mkdir()
    roster = write(tmp_path / "roster.csv", "staff_id,name,department,role\r\n1,a,b,staff\r\n")
    path = write(tmp_path / "policy.toml", "\n".join([
        'organisation = "○○市"',
        'organisation_url = "https://www.city.example.lg.jp/"',
        f"libraries = [{toml_path(lessons)}]",
        f"export_dir = {toml_path(exports)}",
        f"data_dir = {toml_path(tmp_path / 'data')}",  # does not exist yet: created at start
        "backup_keep = 0",
        f"roster = {toml_path(roster)}",
        "lock_profile = true",
        'export_key_id = "org-2026"',
        f'export_key = "{KEY_HEX}"',
        "force_rollback_journal = true",
    ]))
    policy = read_policy(path)
    assert policy.messages == ()
    assert policy.organisation == "○○市"
    assert policy.libraries == (lessons,)
    assert (policy.export_dir, policy.data_dir, policy.roster) == (
        exports, tmp_path / "data", roster)
    assert (policy.backup_keep, policy.lock_profile, policy.force_rollback_journal) == (
        0, True, True)
    assert policy.export_key == bytes.fromhex(KEY_HEX) and policy.export_key_id == "org-2026"


def test_unknown_key_names_file_and_key_and_suggests_the_nearest(tmp_path: Path) -> None:
    path = write(tmp_path / "policy.toml", "backup_kep = 3\nlock_profile = true\n")
    policy = read_policy(path)
    assert policy.lock_profile is True  # the rest of the file still applies
    assert policy.backup_keep == 7
    (message,) = policy.messages
    assert (message.path, message.key) == (path, "backup_kep")
    assert "backup_keep" in message.message.text("ja")
    assert "did you mean 'backup_keep'" in message.text("en")
    assert str(path) in message.text("ja") and "backup_kep" in message.text("ja")


@pytest.mark.parametrize(("line", "key", "default_attr", "default"), [
    ('backup_keep = "7"', "backup_keep", "backup_keep", 7),
    ("backup_keep = -1", "backup_keep", "backup_keep", 7),
    ("backup_keep = true", "backup_keep", "backup_keep", 7),
    ('lock_profile = "yes"', "lock_profile", "lock_profile", False),
    ("force_rollback_journal = 1", "force_rollback_journal", "force_rollback_journal", False),
    ("organisation = 12", "organisation", "organisation", ""),
    ("libraries = 5", "libraries", "libraries", ()),
    ("data_dir = 3", "data_dir", "data_dir", None),
])
def test_a_wrong_type_keeps_the_default_and_names_the_key(
    tmp_path: Path, line: str, key: str, default_attr: str, default: object
) -> None:
    path = write(tmp_path / "policy.toml", line + '\norganisation_url = "https://x.example/"\n')
    policy = read_policy(path)
    assert getattr(policy, default_attr) == default
    assert keys_of(policy) == [key]
    assert policy.organisation_url == "https://x.example/"
    assert "default" in policy.messages[0].message.text("en")


@pytest.mark.parametrize(("value", "expected"), [
    ('"not-hex-zz"', "hexadecimal"),
    ('"0011"', "too short"),
    ("1234", "hexadecimal string"),
])
def test_a_bad_export_key_is_reported_and_exports_stay_unsigned(
    tmp_path: Path, value: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "policy.toml", f"export_key = {value}\nexport_key_id = 'k'\n")
    policy = read_policy(path)
    assert policy.export_key == b"" and keys_of(policy) == ["export_key"]
    assert expected in policy.messages[0].message.text("en")
    monkeypatch.setenv("DXLEARN_POLICY", str(path))
    assert settings_for(load_policy()).signing is False


def test_the_policy_key_reaches_export_settings(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "policy.toml", f'export_key = "{KEY_HEX}"\nexport_key_id = "org-1"\n'
                 'organisation = "○○市"\norganisation_url = "https://c.example.lg.jp/"\n')
    monkeypatch.setenv("DXLEARN_POLICY", str(path))
    settings = settings_for(load_policy())
    assert settings.key == bytes.fromhex(KEY_HEX) and settings.key_id == "org-1"
    assert (settings.organisation, settings.organisation_url) == (
        "○○市", "https://c.example.lg.jp/")


def test_unreachable_folders_and_files_fall_back_one_by_one(tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    path = write(tmp_path / "policy.toml", "\n".join([
        f"libraries = [{toml_path(good)}, {toml_path(tmp_path / 'gone')}]",
        f"export_dir = {toml_path(tmp_path / 'no-exports')}",
        f"roster = {toml_path(tmp_path / 'no-roster.csv')}",
        f"data_dir = {toml_path(tmp_path / 'no' / 'such' / 'parent')}",
    ]))
    policy = read_policy(path)
    assert policy.libraries == (good,)
    assert (policy.export_dir, policy.roster, policy.data_dir) == (None, None, None)
    assert keys_of(policy) == ["libraries", "export_dir", "roster", "data_dir"]
    assert all(str(tmp_path) in m.message.text("ja") for m in policy.messages)


def test_a_syntax_error_names_the_line_and_the_whole_file_falls_back(tmp_path: Path) -> None:
    path = write(tmp_path / "policy.toml",
                 'organisation = "○○市"\nlock_profile = true\ndata_dir = "H:\\dxlearn"\n')
    policy = read_policy(path)
    assert (policy.organisation, policy.lock_profile) == ("", False)  # nothing applied
    (message,) = policy.messages
    assert message.key is None and message.line == 3
    assert f"{path}:3" in message.text("en") and "3行目" in message.text("ja")
    assert "単一引用符" in message.message.text("ja")  # the usual cause: a Windows path in "..."


@pytest.mark.parametrize("text", [
    "backup_keep = " + "9" * 5000 + "\n",  # int() of over 4300 digits raises ValueError
    "libraries = " + "[" * 2000 + "]" * 2000 + "\n",  # tomllib recurses per level
], ids=["5000-digit-integer", "2000-deep-array"])
def test_a_monstrous_value_is_one_message_and_the_defaults(tmp_path: Path, text: str) -> None:
    """Reliability M14: these raised a traceback on every start; now the whole file falls back
    with one message naming it, in the reader's language."""
    path = write(tmp_path / "policy.toml", 'organisation = "○○市"\n' + text)
    policy = read_policy(path)
    assert policy.organisation == "" and policy.backup_keep == Policy().backup_keep
    (message,) = policy.messages
    assert message.message.code == "policy.unreasonable"
    assert str(path) in message.text("en") and "大きすぎる" in message.text("ja")


def test_bom_is_accepted_and_cp932_is_read_with_a_message(tmp_path: Path) -> None:
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + 'organisation = "○○市"\n'.encode())
    assert read_policy(bom).organisation == "○○市" and not read_policy(bom).messages
    sjis = tmp_path / "sjis.toml"
    sjis.write_bytes('organisation = "○○市"\n'.encode("cp932"))
    policy = read_policy(sjis)
    assert policy.organisation == "○○市"
    assert "UTF-8" in policy.messages[0].message.text("ja") and policy.messages[0].key is None


def test_relative_paths_and_variables(tmp_path: Path) -> None:
    (tmp_path / "it" / "lessons").mkdir(parents=True)
    (tmp_path / "home" / "taro").mkdir(parents=True)
    path = write(tmp_path / "it" / "policy.toml",
                 "libraries = ['lessons']\ndata_dir = '${HOMEBASE}/%USERNAME%/dxlearn'\n")
    policy = read_policy(path, {"HOMEBASE": str(tmp_path / "home"), "USERNAME": "taro"})
    assert policy.messages == ()
    assert policy.libraries == (tmp_path / "it" / "lessons",)
    assert policy.data_dir == tmp_path / "home" / "taro" / "dxlearn"


def test_a_control_character_from_a_double_quoted_windows_path_is_explained(
    tmp_path: Path
) -> None:
    path = write(tmp_path / "policy.toml", 'export_dir = "\\\\server\\files\\new"\n')
    policy = read_policy(path)  # "\f" and "\n" escapes parse, but make no path
    assert policy.export_dir is None and "single quotes" in policy.messages[0].message.text("en")


def test_roster_in_japanese_headers_and_cp932(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes("職員番号,氏名,所属,役割\r\n００１２３,山田 花子,市民課,staff\r\n"
                       "00124,佐藤 一郎,情報政策課,leader\r\n".encode("cp932"))
    path = write(tmp_path / "policy.toml", f"roster = {toml_path(roster)}\n")
    people, messages = load_roster(read_policy(path))
    assert messages == ()
    assert [(p.staff_id, p.name, p.role) for p in people] == [
        ("00123", "山田 花子", "staff"), ("00124", "佐藤 一郎", "leader")]


def test_an_unusable_roster_is_a_message_not_a_crash(tmp_path: Path) -> None:
    roster = write(tmp_path / "roster.csv", "番号,なまえ\r\n1,a\r\n")
    path = write(tmp_path / "policy.toml", f"roster = {toml_path(roster)}\n")
    people, messages = load_roster(read_policy(path))
    assert people == () and messages[0].key == "roster" and messages[0].path == path


def test_the_example_policy_covers_every_key_and_only_its_shares_are_unreachable() -> None:
    example = REPO / "installer" / "policy.toml.example"
    assert set(tomllib.loads(example.read_text(encoding="utf-8"))) == set(KEYS)
    policy = read_policy(example)
    assert {m.key for m in policy.messages} <= {"libraries", "export_dir", "roster",
                                                "export_profiles"}
    assert policy.export_key and policy.lock_profile is True


def test_the_deployment_document_lists_every_key() -> None:
    """docs/deployment.md is the IT office's contract: every key the reader accepts is in its
    table, and nothing the reader does not accept."""
    text = (REPO / "docs" / "deployment.md").read_text(encoding="utf-8")
    table = {line.split("|")[1].strip().strip("`") for line in text.splitlines()
             if line.startswith("| `")}
    assert set(KEYS) <= table, f"undocumented keys: {set(KEYS) - table}"
    assert not {k for k in table if k.isidentifier() and k.islower()} - set(KEYS) - {
        "dxlearn"}, "documented keys the policy does not read"
