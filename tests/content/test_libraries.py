"""Which libraries a PC studies (content.libraries): the bundled one, the policy's, imported
packs; a pack never replaces the bundled or a policy library at load time either, unless the
policy allows updates and the version is newer; and what an import must not replace."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from dxlearn.content.libraries import (
    Source,
    default_folders,
    import_rules,
    is_newer,
    load_library_set,
    version_key,
)
from dxlearn.content.pack import ProtectedLibrary

from support.trainer import write


def _library(root: Path, library_id: str, version: str, title: str = "研修",
             quiz: bool = True) -> Path:
    write(root / "library.yaml", f"id: {library_id}\ntitle: {title}\nversion: '{version}'\n")
    write(root / "01-a" / "lesson.md", "---\ntitle: あ\n---\n本文\n")
    if quiz:
        write(root / "01-a" / "quiz.md", "## 問い\n\n- [x] はい\n- [ ] いいえ\n")
    return root


def _imported(data_dir: Path, folder: str, library_id: str, version: str, **kw: object) -> Path:
    return _library(data_dir / "libraries" / folder, library_id, version, **kw)  # type: ignore[arg-type]


def test_an_imported_library_never_replaces_the_bundled_one(tmp_path: Path) -> None:
    bundled = _library(tmp_path / "lessons", "lg-dx-literacy", "2026.1")
    data = tmp_path / "data"
    _imported(data, "lg-dx-literacy", "lg-dx-literacy", "2026.1", title="偽物", quiz=False)

    found = load_library_set(default_folders(bundled, [], data))

    assert [lib.id for lib in found.libraries] == ["lg-dx-literacy"]
    assert found.libraries[0].root == bundled
    assert found.libraries[0].lesson("a").quiz is not None
    assert found.sources == {"lg-dx-literacy": Source.BUNDLED}
    assert [m.code for m in found.problems] == ["content.library_not_replaced"]
    assert "組織の教材は教材パックで置き換えられません" in found.problems[0].text("ja")


def test_a_folder_named_otherwise_with_the_bundled_id_is_refused_too(tmp_path: Path) -> None:
    """C2's variant: imported as 'innocent' (by a version without the id check), library.yaml
    says lg-dx-literacy."""
    bundled = _library(tmp_path / "lessons", "lg-dx-literacy", "2026.1")
    data = tmp_path / "data"
    _imported(data, "innocent", "lg-dx-literacy", "2026.1", quiz=False)

    found = load_library_set(default_folders(bundled, [], data), allow_updates=True)

    assert [lib.root for lib in found.libraries] == [bundled]
    assert found.problems[0].params["folder"] == data / "libraries" / "innocent"


def test_a_policy_library_is_not_replaced_by_an_imported_one(tmp_path: Path) -> None:
    bundled = _library(tmp_path / "lessons", "lg-dx-literacy", "2026.1")
    share = _library(tmp_path / "share" / "org", "org-lib", "3")
    data = tmp_path / "data"
    _imported(data, "org-lib", "org-lib", "3", quiz=False)

    found = load_library_set(default_folders(bundled, [share], data))

    assert [(lib.id, lib.root) for lib in found.libraries] == [
        ("lg-dx-literacy", bundled), ("org-lib", share)]
    assert found.sources["org-lib"] is Source.POLICY


def test_the_policy_edition_replaces_the_bundled_library(tmp_path: Path) -> None:
    bundled = _library(tmp_path / "lessons", "lg-dx-literacy", "2026.1")
    edition = _library(tmp_path / "share" / "edition", "lg-dx-literacy", "2026.1-city")

    found = load_library_set(default_folders(bundled, [edition], None))

    assert [lib.root for lib in found.libraries] == [edition]
    assert found.sources["lg-dx-literacy"] is Source.POLICY
    assert found.problems == ()


def test_with_allow_library_updates_only_a_newer_version_replaces(tmp_path: Path) -> None:
    bundled = _library(tmp_path / "lessons", "lg-dx-literacy", "2026.9")
    data = tmp_path / "data"
    newer = _imported(data, "lg-dx-literacy", "lg-dx-literacy", "2026.10")

    allowed = load_library_set(default_folders(bundled, [], data), allow_updates=True)
    refused = load_library_set(default_folders(bundled, [], data), allow_updates=False)

    assert [lib.root for lib in allowed.libraries] == [newer]
    assert allowed.sources["lg-dx-literacy"] is Source.IMPORTED
    assert [lib.root for lib in refused.libraries] == [bundled]

    _library(newer, "lg-dx-literacy", "2026.9")  # the same version is not newer
    same = load_library_set(default_folders(bundled, [], data), allow_updates=True)
    assert [lib.root for lib in same.libraries] == [bundled]


def test_imported_libraries_with_other_ids_are_added(tmp_path: Path) -> None:
    bundled = _library(tmp_path / "lessons", "lg-dx-literacy", "2026.1")
    data = tmp_path / "data"
    _imported(data, "b-lib", "b-lib", "1")
    _imported(data, "a-lib", "a-lib", "1")
    (data / "libraries" / ".importing-0123abcd" / "x").mkdir(parents=True)  # hidden: skipped

    found = load_library_set(default_folders(bundled, [], data))

    assert [lib.id for lib in found.libraries] == ["lg-dx-literacy", "a-lib", "b-lib"]
    assert found.problems == ()


def test_command_line_folders_replace_each_other_in_order(tmp_path: Path) -> None:
    first = _library(tmp_path / "one", "same", "1")
    second = _library(tmp_path / "two", "same", "0")

    found = load_library_set([(first, Source.COMMAND_LINE), (second, Source.COMMAND_LINE)])

    assert [lib.root for lib in found.libraries] == [second]


def test_import_rules_name_the_bundled_and_policy_libraries(tmp_path: Path) -> None:
    bundled = _library(tmp_path / "lessons", "lg-dx-literacy", "2026.1")
    share = _library(tmp_path / "share", "org-lib", "7")
    missing = tmp_path / "offline-share"

    rules = import_rules(bundled, [share, missing], allow_updates=True)

    assert rules.protected == (ProtectedLibrary("lg-dx-literacy", "2026.1", "bundled"),
                               ProtectedLibrary("org-lib", "7", "policy"))
    assert rules.allow_updates is True
    assert import_rules(None, [], allow_updates=False).protected == ()


def test_versions_compare_as_dotted_numbers() -> None:
    assert is_newer("2026.10", "2026.9")
    assert not is_newer("2026.9", "2026.10")
    assert is_newer("2027.1", "2026.12")
    assert is_newer("2026.1.1", "2026.1")
    assert not is_newer("2026.1", "2026.1")
    assert is_newer("2", "")
    assert version_key("2026.10") == ((0, 2026), (0, 10))


_VERSIONS = st.from_regex(r"[0-9]{1,5}(\.[0-9]{1,5}){0,3}(-[a-z]{1,3})?", fullmatch=True)


@given(_VERSIONS, _VERSIONS)
def test_is_newer_is_a_strict_order(a: str, b: str) -> None:
    assert not is_newer(a, a)
    assert not (is_newer(a, b) and is_newer(b, a))
    if version_key(a) != version_key(b):
        assert is_newer(a, b) or is_newer(b, a)


@given(st.text(max_size=40))
def test_any_version_text_has_a_key(version: str) -> None:
    assert isinstance(version_key(version), tuple)
    assert not is_newer(version, version)
