"""What a pack may be and replace (finding C2): its manifest id and version are its
library.yaml's, and it never replaces the bundled library or a policy library unless the policy
allows updates and the pack is newer. Refused packs write nothing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from dxlearn.content.loader import load_library
from dxlearn.content.pack import (
    ImportRules,
    PackError,
    ProtectedLibrary,
    build_pack,
    import_pack,
    verify_pack,
)

from support.trainer import GOOD_FILES, build_clean_library, make_pack, manifest_for, snapshot

BUNDLED = ProtectedLibrary("test-lib", "2026.1", "bundled")
POLICY = ProtectedLibrary("test-lib", "2026.1", "policy")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return build_pack(build_clean_library(tmp_path / "source"), tmp_path / "a.dxpack").output


def _refused(pack: Path, into: Path, rules: ImportRules) -> PackError:
    before = snapshot(into)
    with pytest.raises(PackError) as caught:
        import_pack(pack, into, rules=rules)
    assert snapshot(into) == before, "a refused pack must write nothing"
    return caught.value


def _with_version(source: Path, version: str) -> Path:
    text = (source / "library.yaml").read_text(encoding="utf-8")
    (source / "library.yaml").write_text(text.replace("'2026.1'", f"'{version}'"),
                                         encoding="utf-8")
    return source


def test_the_bundled_id_is_refused_in_japanese_naming_the_id(pack: Path, tmp_path: Path) -> None:
    error = _refused(pack, tmp_path / "libraries", ImportRules((BUNDLED,)))

    assert [p.code for p in error.problems] == ["pack.protected_bundled"]
    text = error.problems[0].text("ja")
    assert "ID test-lib、版 2026.1" in text and "アプリに同梱の教材" in text
    assert "a pack never replaces it" in error.problems[0].text("en")
    assert not (tmp_path / "libraries").exists()


def test_a_policy_id_is_refused(pack: Path, tmp_path: Path) -> None:
    error = _refused(pack, tmp_path / "libraries", ImportRules((POLICY,)))
    assert [p.code for p in error.problems] == ["pack.protected_policy"]
    assert "組織が配布している教材" in error.problems[0].text()


def test_updates_allowed_but_not_newer_is_refused(pack: Path, tmp_path: Path) -> None:
    newer_installed = ProtectedLibrary("test-lib", "2026.10", "bundled")
    error = _refused(pack, tmp_path / "libraries", ImportRules((newer_installed,), True))
    assert [p.code for p in error.problems] == ["pack.protected_not_newer"]
    assert "版 2026.10" in error.problems[0].text()
    _refused(pack, tmp_path / "libraries", ImportRules((BUNDLED,), True))  # same version


def test_updates_allowed_and_newer_is_imported(tmp_path: Path) -> None:
    source = _with_version(build_clean_library(tmp_path / "source"), "2026.10")
    pack = build_pack(source, tmp_path / "a.dxpack").output
    installed = ProtectedLibrary("test-lib", "2026.9", "policy")

    result = import_pack(pack, tmp_path / "libraries", rules=ImportRules((installed,), True))

    assert load_library(result.target).version == "2026.10"
    _refused(pack, tmp_path / "other", ImportRules((installed,), False))


def test_other_ids_are_not_affected(pack: Path, tmp_path: Path) -> None:
    rules = ImportRules((ProtectedLibrary("lg-dx-literacy", "2026.1", "bundled"),))
    assert import_pack(pack, tmp_path / "libraries", rules=rules).library_id == "test-lib"


def _relabelled(pack: Path, out: Path, **library: str) -> Path:
    """The pack with its manifest's library fields changed (files and hashes untouched)."""
    with zipfile.ZipFile(pack) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["library"].update(library)
                data = json.dumps(manifest, ensure_ascii=False).encode()
            dst.writestr(info, data)
    return out


def test_manifest_id_other_than_library_yaml_is_refused_with_both_ids(pack: Path,
                                                                      tmp_path: Path) -> None:
    """C2's variant: manifest 'innocent', library.yaml 'test-lib' (the protected id)."""
    innocent = _relabelled(pack, tmp_path / "innocent.dxpack", id="innocent")

    report = verify_pack(innocent)
    error = _refused(innocent, tmp_path / "libraries", ImportRules((BUNDLED,)))

    assert [p.code for p in report.problems] == ["pack.id_mismatch"]
    for problem in (report.problems[0], error.problems[0]):
        assert "「innocent」" in problem.text() and "「test-lib」" in problem.text()
        assert "'innocent' differs from library.yaml's id 'test-lib'" in problem.text("en")


def test_manifest_version_other_than_library_yaml_is_refused(pack: Path,
                                                             tmp_path: Path) -> None:
    bumped = _relabelled(pack, tmp_path / "bumped.dxpack", version="2099.1")

    error = _refused(bumped, tmp_path / "libraries", ImportRules((BUNDLED,), True))

    assert [p.code for p in error.problems] == ["pack.version_mismatch"]
    assert "「2099.1」" in error.problems[0].text() and "「2026.1」" in error.problems[0].text()


def test_without_library_yaml_the_id_is_the_manifests(tmp_path: Path) -> None:
    files = {"01-a/lesson.md": GOOD_FILES["01-a/lesson.md"]}
    manifest = manifest_for(files, "folder-id")
    manifest["library"]["version"] = ""  # type: ignore[index]
    pack = make_pack(tmp_path / "plain.dxpack", files, manifest=manifest)

    result = import_pack(pack, tmp_path / "libraries", rules=ImportRules())

    assert load_library(result.target).id == "folder-id"


@pytest.mark.parametrize(("yaml_text", "reason"), [
    ("id: [unclosed\n", "library.yaml cannot be read"),
    ("id: Not An Id\n", "library.yaml cannot be read (id: 'Not An Id' is not a valid id"),
    ("- a list\n", "library.yaml cannot be read"),
])
def test_an_unreadable_library_yaml_is_refused(tmp_path: Path, yaml_text: str,
                                               reason: str) -> None:
    files = {**GOOD_FILES, "library.yaml": yaml_text.encode()}
    pack = make_pack(tmp_path / "bad.dxpack", files)

    report = verify_pack(pack)

    assert any(reason in str(p) for p in report.problems), report.problems
    _refused(pack, tmp_path / "libraries", ImportRules())


def test_library_yaml_in_another_case_counts_as_library_yaml(tmp_path: Path) -> None:
    """Windows' loader finds LIBRARY.YAML; so does the check."""
    files = {"LIBRARY.YAML": b"id: lg-dx-literacy\nversion: '1'\n",
             "01-a/lesson.md": GOOD_FILES["01-a/lesson.md"]}
    pack = make_pack(tmp_path / "case.dxpack", files, manifest=manifest_for(files, "innocent"))

    assert [p.code for p in verify_pack(pack).problems] == ["pack.id_mismatch"]


def test_a_cp932_library_yaml_is_read_like_the_loader_reads_it(tmp_path: Path) -> None:
    files = {**GOOD_FILES,
             "library.yaml": "id: test-lib\ntitle: 研修\nversion: '1'\n".encode("cp932")}
    pack = make_pack(tmp_path / "sjis.dxpack", files)

    assert verify_pack(pack).ok
    assert import_pack(pack, tmp_path / "libraries", rules=ImportRules()).library_id == "test-lib"
