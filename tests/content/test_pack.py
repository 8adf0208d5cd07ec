"""Lesson packs: build -> verify -> import -> load_library round trip, and every way an evil or
damaged pack is refused with a clear message and nothing written."""

from __future__ import annotations

import json
import os
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from dxlearn import __version__
from dxlearn.content import pack as pack_module
from dxlearn.content.loader import load_library
from dxlearn.content.model import Library
from dxlearn.content.pack import (
    FORMAT_ID,
    MAX_ENTRIES,
    ImportRules,
    Limits,
    PackCancelled,
    PackError,
    PackLintError,
    build_pack,
    import_pack,
    verify_pack,
)

from support.trainer import (
    GOOD_FILES,
    PNG_1PX,
    build_clean_library,
    file_entry,
    libraries_with_version_1,
    make_pack,
    manifest_for,
    patch_declared_size,
    snapshot,
    symlink_info,
    write,
)

NOTHING_PROTECTED = ImportRules()  # the tests of the pack itself; protection: test_pack_rules


def _shape(library: Library) -> list[tuple[object, ...]]:
    """What learners get from a library, without the absolute paths."""
    shape: list[tuple[object, ...]] = [(library.id, library.title, library.version)]
    for lesson in library.lessons():
        quiz = lesson.quiz
        shape.append((
            lesson.id, lesson.title, lesson.rel_path, lesson.roles, lesson.body, lesson.chapter,
            lesson.findings,
            None if quiz is None else tuple(
                (q.prompt, tuple((c.text, c.correct) for c in q.choices), q.explanation)
                for q in quiz.questions),
        ))
    return shape


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return build_clean_library(tmp_path / "source")


@pytest.fixture
def built(library: Path, tmp_path: Path) -> Path:
    return build_pack(library, tmp_path / "test.dxpack").output


@pytest.fixture
def into(tmp_path: Path) -> Path:
    return libraries_with_version_1(tmp_path / "libraries")


# -- round trip -----------------------------------------------------------------------------------


def test_round_trip_build_verify_import_load_equal(library: Path, tmp_path: Path) -> None:
    now = datetime.fromisoformat("2026-04-01T09:30:00+09:00")
    result = build_pack(library, tmp_path / "out.dxpack", now=now)

    with zipfile.ZipFile(result.output) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        names = sorted(archive.namelist())
    assert manifest["format"] == FORMAT_ID
    assert manifest["library"] == {"id": "test-lib", "title": "テスト研修", "version": "2026.1"}
    assert manifest["created_at"] == "2026-04-01T09:30:00+09:00"
    assert manifest["app_version"] == __version__
    listed = {f["path"]: f for f in manifest["files"]}
    assert listed["01-基礎/01-intro/images/flow.png"] == file_entry(
        "01-基礎/01-intro/images/flow.png", PNG_1PX)
    assert "_assets/logo.png" in listed
    assert not any(p.startswith((".git", "_drafts")) for p in listed), "ignored files packed"
    assert names == sorted(["manifest.json", *(f"library/{p}" for p in listed)])

    report = verify_pack(result.output)
    assert report.ok, report.problems
    assert report.manifest is not None and report.manifest.library_id == "test-lib"

    target = tmp_path / "libraries"
    imported = import_pack(result.output, target, rules=NOTHING_PROTECTED)
    assert imported.target == target / "test-lib"
    assert imported.replaced is False
    assert sorted(p.name for p in target.iterdir()) == ["test-lib"], "temporary folder left"
    assert _shape(load_library(imported.target)) == _shape(load_library(library))
    original = {k: v for k, v in snapshot(library).items()
                if not k.startswith((".git", "_drafts"))}
    assert snapshot(imported.target) == original


def test_import_replaces_previous_version_only_when_complete(built: Path, into: Path) -> None:
    result = import_pack(built, into, rules=NOTHING_PROTECTED)

    assert result.replaced is True
    assert not (into / "test-lib" / "01-old").exists(), "old files must not survive"
    assert load_library(into / "test-lib").title == "テスト研修"
    assert sorted(p.name for p in into.iterdir()) == ["test-lib"]


def test_failed_swap_restores_the_previous_version(built: Path, into: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(into)
    real_replace = os.replace
    calls: list[str] = []

    def flaky_replace(src: os.PathLike[str], dst: os.PathLike[str]) -> None:
        calls.append(Path(src).name)
        if Path(src).parent.name.startswith(".importing-"):  # the new version moving in
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(pack_module.os, "replace", flaky_replace)

    with pytest.raises(PackError, match="the previous version was kept"):
        import_pack(built, into, rules=NOTHING_PROTECTED)

    assert snapshot(into) == before
    assert calls[0] == "test-lib"  # the old version was moved aside first, then restored


def test_cancelled_import_keeps_the_previous_version(built: Path, into: Path) -> None:
    before = snapshot(into)

    def cancel(done: int, total: int) -> None:
        if done > total // 2:  # during extraction
            raise PackCancelled

    with pytest.raises(PackCancelled):
        import_pack(built, into, progress=cancel, rules=NOTHING_PROTECTED)

    assert snapshot(into) == before


def test_build_refuses_a_library_with_lint_errors(library: Path, tmp_path: Path) -> None:
    write(library / "01-基礎" / "02-reading" / "lesson.md", "---\ntitle: x\nroles: [staf]\n---\n")

    with pytest.raises(PackLintError) as caught:
        build_pack(library, tmp_path / "bad.dxpack")

    assert any("unknown role 'staf'" in f.message for f in caught.value.findings)
    assert not (tmp_path / "bad.dxpack").exists()
    assert list(tmp_path.glob("*.part")) == []


def test_build_refuses_one_lesson_folder(library: Path, tmp_path: Path) -> None:
    with pytest.raises(PackError, match="is one lesson; build the pack from its library"):
        build_pack(library / "01-基礎" / "01-intro", tmp_path / "one.dxpack")


def test_build_skips_packs_lying_in_the_library(library: Path, tmp_path: Path) -> None:
    (library / "old.dxpack").write_bytes(b"an earlier pack")
    result = build_pack(library, tmp_path / "new.dxpack")
    assert all(not f.path.endswith(".dxpack") for f in result.manifest.files)
    assert verify_pack(result.output).ok


# -- evil and damaged packs: refused, nothing written ---------------------------------------------


def _refused(pack: Path, into: Path, *expected: str, limits: Limits | None = None) -> str:
    """Import must fail naming ``expected``; the libraries folder must be byte-identical."""
    before = snapshot(into)
    with pytest.raises(PackError) as caught:
        import_pack(pack, into, limits or Limits(), rules=NOTHING_PROTECTED)
    message = "\n".join(str(p) for p in caught.value.problems)
    for text in expected:
        assert text in message
    assert snapshot(into) == before, "a refused pack must write nothing"
    report = verify_pack(pack, limits or Limits())
    assert not report.ok
    return message


@pytest.mark.parametrize(("name", "reason"), [
    ("library/../../evil.txt", "contains '..'"),
    ("../evil.txt", "contains '..'"),
    ("/etc/evil.txt", "is an absolute path"),
    ("C:/Windows/evil.txt", "starts with a drive letter"),
    ("C:evil.txt", "starts with a drive letter"),
    ("library\\..\\..\\evil.txt", "contains a backslash"),
    ("..\\evil.txt", "contains a backslash"),
    ("library/01-a/x:stream", "characters Windows does not allow in names (:)"),
    ("library/CON.txt", "is a reserved name on Windows"),
])
def test_entry_outside_the_target_is_refused(tmp_path: Path, into: Path, name: str,
                                             reason: str) -> None:
    pack = make_pack(tmp_path / "evil.dxpack", entries=[(name, b"owned")])
    message = _refused(pack, into, name, "would be written outside the library folder", reason)
    assert not (tmp_path / "evil.txt").exists()
    assert "owned" not in message


def test_symlink_entry_is_refused(tmp_path: Path, into: Path) -> None:
    pack = make_pack(tmp_path / "link.dxpack",
                     entries=[(symlink_info("library/01-a/link.md"), b"/etc/passwd")])
    _refused(pack, into, "library/01-a/link.md: is a symbolic link")


def test_duplicate_entry_is_refused(tmp_path: Path, into: Path) -> None:
    pack = make_pack(tmp_path / "dup.dxpack",
                     entries=[("library/01-a/lesson.md", b"---\ntitle: evil\n---\n")])
    _refused(pack, into, "library/01-a/lesson.md: appears twice in the pack")


def test_case_insensitive_duplicate_is_refused(tmp_path: Path, into: Path) -> None:
    pack = make_pack(tmp_path / "case.dxpack",
                     entries=[("library/01-A/Lesson.md", b"---\ntitle: evil\n---\n")])
    _refused(pack, into, "library/01-A/Lesson.md: has the same name as "
             "'library/01-a/lesson.md' on Windows")


def test_more_than_20000_entries_is_refused(tmp_path: Path, into: Path) -> None:
    pack = make_pack(tmp_path / "many.dxpack",
                     entries=[(f"library/x/{i}.txt", b"") for i in range(MAX_ENTRIES)])
    _refused(pack, into, f"the pack has {MAX_ENTRIES + 3} entries, more than {MAX_ENTRIES}")


def test_entry_limit_is_a_parameter(tmp_path: Path, into: Path) -> None:
    pack = make_pack(tmp_path / "few.dxpack")
    _refused(pack, into, "the pack has 3 entries, more than 2", limits=Limits(max_entries=2))


def test_declared_size_over_2_gib_is_refused(tmp_path: Path, into: Path) -> None:
    pack = make_pack(tmp_path / "huge.dxpack")
    patch_declared_size(pack, "library/01-a/lesson.md", 3 * 1024**3)
    _refused(pack, into, "the pack would unpack to 3,221,225,", f"bytes, more than {2 * 1024**3:,}")


def test_zip_bomb_lying_about_its_size_is_refused(tmp_path: Path, into: Path) -> None:
    bomb = b"\0" * (4 * 1024 * 1024)  # deflates to a few KiB
    files = {**GOOD_FILES, "01-a/bomb.bin": bomb}
    manifest = manifest_for(files)
    for entry in manifest["files"]:  # type: ignore[union-attr]
        if entry["path"] == "01-a/bomb.bin":  # type: ignore[index]
            entry["size"] = 16  # type: ignore[index]
    pack = make_pack(tmp_path / "bomb.dxpack", files, manifest=manifest)
    patch_declared_size(pack, "library/01-a/bomb.bin", 16)
    _refused(pack, into, "library/01-a/bomb.bin")


def test_file_not_in_manifest_is_refused(tmp_path: Path, into: Path) -> None:
    pack = make_pack(tmp_path / "extra.dxpack", entries=[("library/01-a/extra.md", b"x")])
    _refused(pack, into, "library/01-a/extra.md: is not listed in manifest.json")


def test_manifest_file_missing_from_zip_is_refused(tmp_path: Path, into: Path) -> None:
    manifest = manifest_for({**GOOD_FILES, "01-a/quiz.md": b"## q\n"})
    pack = make_pack(tmp_path / "missing.dxpack", manifest=manifest)
    _refused(pack, into, "library/01-a/quiz.md: is listed in manifest.json but not in the pack")


def test_hash_mismatch_is_refused(tmp_path: Path, into: Path) -> None:
    manifest = manifest_for(GOOD_FILES)
    files = dict(GOOD_FILES)
    files["01-a/lesson.md"] = files["01-a/lesson.md"].replace("本文".encode(), "改竄".encode())
    pack = make_pack(tmp_path / "hash.dxpack", files, manifest=manifest)
    message = _refused(pack, into, "library/01-a/lesson.md: content differs from the manifest")
    assert "無害化" not in message


def test_size_mismatch_is_refused(tmp_path: Path, into: Path) -> None:
    manifest = manifest_for(GOOD_FILES)
    files = {**GOOD_FILES, "01-a/lesson.md": GOOD_FILES["01-a/lesson.md"] + b"\n"}
    pack = make_pack(tmp_path / "size.dxpack", files, manifest=manifest)
    _refused(pack, into, "library/01-a/lesson.md: size", "the manifest says")


def test_only_images_changed_points_at_the_sanitising_transfer(tmp_path: Path,
                                                               into: Path) -> None:
    original = {**GOOD_FILES, "01-a/図.png": PNG_1PX, "01-a/photo.JPG": b"\xff\xd8jpeg"}
    manifest = manifest_for(original)
    reencoded = {**original, "01-a/図.png": PNG_1PX + b"re-encoded",
                 "01-a/photo.JPG": b"\xff\xd8other"}
    pack = make_pack(tmp_path / "sanitised.dxpack", reencoded, manifest=manifest)

    message = _refused(pack, into, "only images differ (library/01-a/図.png, "
                       "library/01-a/photo.JPG)", "無害化 / sanitising", "re-encoded")
    assert message.count("\n") == 2  # two mismatches, one note


def test_not_a_zip_is_refused(tmp_path: Path, into: Path) -> None:
    fake = tmp_path / "fake.dxpack"
    fake.write_bytes(b"this is not a zip")
    _refused(fake, into, "not a readable lesson pack")


def test_missing_manifest_is_refused(tmp_path: Path, into: Path) -> None:
    pack = tmp_path / "plain.dxpack"
    with zipfile.ZipFile(pack, "w") as archive:
        archive.writestr("library/01-a/lesson.md", "x")
    _refused(pack, into, "manifest.json is missing")


def test_foreign_format_is_refused(tmp_path: Path, into: Path) -> None:
    manifest = {**manifest_for(GOOD_FILES), "format": "something-else/9"}
    pack = make_pack(tmp_path / "foreign.dxpack", manifest=manifest)
    _refused(pack, into, "manifest.json: format is 'something-else/9'")


def test_unsafe_library_id_is_refused(tmp_path: Path, into: Path) -> None:
    pack = make_pack(tmp_path / "id.dxpack", manifest=manifest_for(GOOD_FILES, "../escape"))
    _refused(pack, into, "library id '../escape' is not a valid id")
    assert not (tmp_path / "escape").exists()


def test_refused_pack_creates_no_libraries_folder(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "evil.dxpack", entries=[("../evil.txt", b"x")])
    target = tmp_path / "new-libraries"
    with pytest.raises(PackError):
        import_pack(pack, target, rules=NOTHING_PROTECTED)
    assert not target.exists()
