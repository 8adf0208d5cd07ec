"""Packs refused cleanly (finding M9 and the pack minors): a problem list, never a traceback,
never a hang, nothing written; and ``pack build`` refuses what an import would refuse, and never
writes over one of its inputs or a device."""

from __future__ import annotations

import json
import os
import random
import re
import stat
import sys
import time
import zipfile
from pathlib import Path

import pytest

from dxlearn.content.pack import (
    ImportRules,
    PackError,
    build_pack,
    import_pack,
    verify_pack,
)

from support.trainer import (
    GOOD_FILES,
    build_clean_library,
    file_entry,
    make_pack,
    manifest_for,
    snapshot,
    write,
)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and FIFOs")


def _codes(pack: Path) -> list[str]:
    return [p.code for p in verify_pack(pack).problems]


def _refused_everywhere(pack: Path, tmp_path: Path, *codes: str) -> list[str]:
    """verify names ``codes``; import raises PackError and writes nothing."""
    found = _codes(pack)
    for code in codes:
        assert code in found, found
    into = tmp_path / "libraries"
    with pytest.raises(PackError):
        import_pack(pack, into, rules=ImportRules())
    assert not into.exists()
    return found


def _raw_manifest_pack(path: Path, manifest_text: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest_text)
        for name, data in GOOD_FILES.items():
            archive.writestr(f"library/{name}", data)
    return path


# -- the manifest -----------------------------------------------------------------------------


def test_a_manifest_listing_no_files_is_refused(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "empty.dxpack", {}, manifest=manifest_for({}))
    _refused_everywhere(pack, tmp_path, "pack.manifest_empty")
    assert "空の教材は取り込みません" in verify_pack(pack).problems[0].text()


def test_a_manifest_without_any_lesson_is_refused(tmp_path: Path) -> None:
    files = {"library.yaml": GOOD_FILES["library.yaml"], "_assets/a.png": b"png"}
    pack = make_pack(tmp_path / "no-lessons.dxpack", files)
    _refused_everywhere(pack, tmp_path, "pack.manifest_no_lessons")


@pytest.mark.parametrize("text", [
    "[" * 100_000,
    '{"format": "dxlearn-lesson-pack/1", "library": {"id": "x"}, "files": '
    + "[" * 100_000 + "]" * 100_000 + "}",
])
def test_deeply_nested_json_is_refused_without_a_traceback(tmp_path: Path, text: str) -> None:
    pack = _raw_manifest_pack(tmp_path / "deep.dxpack", text)
    found = _refused_everywhere(pack, tmp_path, "pack.manifest_too_deep")
    assert found == ["pack.manifest_too_deep"]


def test_a_5000_digit_number_is_refused_without_a_traceback(tmp_path: Path) -> None:
    manifest = manifest_for(GOOD_FILES)
    text = re.sub(r'"size": \d+', '"size": 1' + "0" * 5000, json.dumps(manifest), count=1)
    assert "0" * 5000 in text
    pack = _raw_manifest_pack(tmp_path / "digits.dxpack", text)
    _refused_everywhere(pack, tmp_path, "pack.manifest_number_too_long")


def test_bad_manifest_values_are_named(tmp_path: Path) -> None:
    manifest = manifest_for(GOOD_FILES)
    manifest["library"]["title"] = "a\x1b[31mred"  # type: ignore[index]
    manifest["files"].append({"path": 5})  # type: ignore[union-attr]
    pack = make_pack(tmp_path / "values.dxpack", manifest=manifest)
    found = _refused_everywhere(pack, tmp_path, "pack.manifest_bad_text",
                                "pack.manifest_bad_entry")
    assert len(found) == 2


def test_thousands_of_problems_are_summarised(tmp_path: Path) -> None:
    manifest = manifest_for(GOOD_FILES)
    manifest["files"] += [{"path": f"../{i}"} for i in range(5000)]  # type: ignore[operator]
    pack = make_pack(tmp_path / "many.dxpack", manifest=manifest)
    problems = verify_pack(pack).problems
    assert len(problems) == 101
    assert problems[-1].code == "pack.more_problems"
    assert problems[-1].text() == "ほかに 4900 件の問題があります。"


def test_a_path_listed_twice_is_refused_at_verify(tmp_path: Path) -> None:
    manifest = manifest_for(GOOD_FILES)
    entry = file_entry("01-a/lesson.md", GOOD_FILES["01-a/lesson.md"])
    manifest["files"].append(entry)  # type: ignore[union-attr]
    pack = make_pack(tmp_path / "twice.dxpack", manifest=manifest)
    _refused_everywhere(pack, tmp_path, "pack.manifest_duplicate")


# -- names ------------------------------------------------------------------------------------


def test_a_1500_level_path_is_refused_at_verify_and_import(tmp_path: Path) -> None:
    deep = "a/" * 1500 + "x.md"
    files = {**GOOD_FILES, deep: b"x"}
    pack = make_pack(tmp_path / "deep.dxpack", files)
    found = _refused_everywhere(pack, tmp_path, "pack.unsafe_entry")
    assert "nested too deeply (1501 levels, at most 12)" in str(verify_pack(pack).problems[0])
    assert len(found) == 1


@pytest.mark.parametrize("name", [
    "a" * 300 + ".md",  # longer than any file system allows
    "資料" * 60 + ".md",  # 363 bytes in UTF-8: too long for Linux
    "/".join(["長いフォルダー名の例"] * 15) + "/x.md",  # 164 characters: too long for Windows
])
def test_an_over_long_name_is_refused_at_verify(tmp_path: Path, name: str) -> None:
    pack = make_pack(tmp_path / "long.dxpack", {**GOOD_FILES, name: b"x"})
    _refused_everywhere(pack, tmp_path, "pack.unsafe_entry")


@pytest.mark.parametrize("name", [
    "con/lesson.md", "01-a/aux.txt", "01-a/nul", "01-a/COM¹.png", "01-a/conout$",
    "01-a./lesson.md", "01-a/b.md ", "01-a/q?.png", "01-a/a<b>.md", "01-a/\"q\".md",
    "01-a/x|y.md", "01-a/x*.md",
])
def test_names_windows_cannot_create_are_refused_at_verify(tmp_path: Path, name: str) -> None:
    pack = make_pack(tmp_path / "win.dxpack", {**GOOD_FILES, name: b"x"})
    _refused_everywhere(pack, tmp_path, "pack.unsafe_entry")


@pytest.mark.parametrize(("name", "reason"), [
    ("con/01-x/lesson.md", "'con' is a reserved name on Windows"),
    ("01-基礎/01-intro/aux.txt", "'aux.txt' is a reserved name on Windows"),
    ("01-基礎/01-intro/nul", "'nul' is a reserved name on Windows"),
    ("01-基礎/01-intro./x.txt", "'01-intro.' ends with a dot or a space"),
    ("01-基礎/01-intro/memo.txt ", "'memo.txt ' ends with a dot or a space"),
    ("01-基礎/01-intro/what?.txt", "characters Windows does not allow in names (?)"),
])
def test_build_refuses_names_that_import_would_refuse(tmp_path: Path, name: str,
                                                      reason: str) -> None:
    library = build_clean_library(tmp_path / "source")
    text = "---\ntitle: x\n---\n本文\n" if name.endswith("lesson.md") else "x"
    write(library / name, text)

    with pytest.raises(PackError) as caught:
        build_pack(library, tmp_path / "out.dxpack")

    message = str(caught.value)
    assert f"{name}: cannot be packed under this name (" in message and reason in message
    assert "名前を変えてから、もう一度作ってください" in caught.value.problems[0].text()
    assert not (tmp_path / "out.dxpack").exists()


def test_build_refuses_names_that_differ_only_in_case(tmp_path: Path) -> None:
    library = build_clean_library(tmp_path / "source")
    images = library / "01-基礎" / "01-intro" / "images"
    (images / "FLOW.png").write_bytes((images / "flow.png").read_bytes())

    with pytest.raises(PackError) as caught:
        build_pack(library, tmp_path / "out.dxpack")
    assert "has the same name as '01-基礎/01-intro/images/FLOW.png'" in str(caught.value)


# -- compression ratio ------------------------------------------------------------------------


def _zeros_pack(path: Path, sizes: dict[str, int]) -> Path:
    files = {name: b"\0" * size for name, size in sizes.items()}
    return make_pack(path, {**GOOD_FILES, **files})


def test_one_file_that_unpacks_a_thousand_times_larger_is_refused(tmp_path: Path) -> None:
    pack = _zeros_pack(tmp_path / "bomb.dxpack", {"01-a/blank.bmp": 8 * 1024**2})
    found = _refused_everywhere(pack, tmp_path, "pack.ratio_entry")
    assert found == ["pack.ratio_entry"]
    text = verify_pack(pack).problems[0].text()
    assert text.startswith("library/01-a/blank.bmp：展開すると 8,388,608 バイトになり")
    assert "200 倍を超えます" in text and "圧縮爆弾" in text


def test_many_small_files_that_unpack_a_thousand_times_larger_are_refused(
        tmp_path: Path) -> None:
    sizes = {f"01-a/{i}.bin": 1024**2 for i in range(20)}  # each at the per-file floor
    pack = _zeros_pack(tmp_path / "bombs.dxpack", sizes)
    assert _refused_everywhere(pack, tmp_path, "pack.ratio_total") == ["pack.ratio_total"]


def test_ordinary_content_passes_the_ratio_limits(tmp_path: Path) -> None:
    photo = os.urandom(3 * 1024**2)  # a photo does not compress
    words = ["住民", "窓口", "手続き", "見直し", "デジタル", "行政", "DX", "、", "。", "\n\n",
             "を", "の", "が", "します", "データ", "活用", "職員", "申請", "オンライン"]
    rng = random.Random(1)
    text = "".join(rng.choice(words) for _ in range(400_000)).encode()  # a long lesson, ~5x
    pack = make_pack(tmp_path / "ok.dxpack", {**GOOD_FILES, "01-a/photo.jpg": photo,
                                              "01-a/notes.md": text})
    assert verify_pack(pack).ok, verify_pack(pack).problems


@pytest.mark.slow
def test_the_1_5_mb_to_1_6_gb_bomb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    pack = tmp_path / "huge.dxpack"
    size = 1600 * 1024**2
    with zipfile.ZipFile(pack, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest_for(GOOD_FILES)))
        for name, data in GOOD_FILES.items():
            archive.writestr(f"library/{name}", data)
        with archive.open("library/01-a/zero.bin", "w", force_zip64=True) as entry:
            chunk = b"\0" * 1024**2
            for _ in range(size // len(chunk)):
                entry.write(chunk)
    assert pack.stat().st_size < 2 * 1024**2

    started = time.monotonic()
    codes = _codes(pack)
    assert "pack.ratio_entry" in codes and "pack.ratio_total" in codes
    assert time.monotonic() - started < 5  # refused from the directory, nothing unpacked


# -- the pack file ----------------------------------------------------------------------------


@posix_only
def test_a_device_a_fifo_and_a_folder_are_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.dxpack"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo, tmp_path):
        started = time.monotonic()
        report = verify_pack(path)
        assert [p.code for p in report.problems] == ["pack.not_a_file"], path
        assert time.monotonic() - started < 2
        with pytest.raises(PackError, match="not a regular file"):
            import_pack(path, tmp_path / "libraries", rules=ImportRules())


def test_a_missing_pack_is_named(tmp_path: Path) -> None:
    report = verify_pack(tmp_path / "nowhere.dxpack")
    assert report.problems[0].text() == "ファイルが見つかりません。"


# -- build outputs ----------------------------------------------------------------------------


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return build_clean_library(tmp_path / "source")


def test_build_never_writes_into_its_library(library: Path) -> None:
    before = snapshot(library)
    lesson = library / "01-基礎" / "01-intro" / "lesson.md"
    for output, replace in ((library / "self.dxpack", False), (lesson, True),
                            (library / "01-基礎" / "new.dxpack", True)):
        with pytest.raises(PackError, match="is inside the library folder"):
            build_pack(library, output, replace=replace)
    assert snapshot(library) == before


def test_build_replaces_an_existing_pack_only_when_asked(library: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.dxpack"
    output.write_bytes(b"previous")
    with pytest.raises(PackError, match="already exists; choose another name or add --force"):
        build_pack(library, output)
    assert output.read_bytes() == b"previous"
    build_pack(library, output, replace=True)
    assert verify_pack(output).ok


def test_build_never_replaces_a_folder(library: Path, tmp_path: Path) -> None:
    (tmp_path / "folder.dxpack").mkdir()
    with pytest.raises(PackError, match="is not a regular file"):
        build_pack(library, tmp_path / "folder.dxpack", replace=True)
    assert (tmp_path / "folder.dxpack").is_dir()


@posix_only
def test_build_never_replaces_a_device(library: Path, tmp_path: Path) -> None:
    with pytest.raises(PackError, match="is not a regular file"):
        build_pack(library, "/dev/full", replace=True)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert not list(Path("/dev").glob(".full.*.part"))
