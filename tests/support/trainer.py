"""Shared builders for the trainer tests: a clean library, hand-made (evil) packs, snapshots."""

from __future__ import annotations

import base64
import hashlib
import json
import stat
import struct
import warnings
import zipfile
from pathlib import Path

PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

QUIZ = (
    "---\npass_score: 50\n---\n"
    "## DXの目的はどれですか。\n\n- [x] 住民の暮らしを良くする\n- [ ] 機器の更新\n\n"
    "> 目的は暮らしを良くすることです。\n\n"
    "## 自治体DXの二つの側面をすべて選んでください。\n\n- [x] 行政DX\n- [x] 地域DX\n"
    "- [ ] 情報システム更新\n\n> 行政DXと地域DXです。\n"
)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def build_clean_library(root: Path) -> Path:
    """A lint-clean library: library.yaml, a chapter with two lessons (one with a quiz and a
    local image), a loose lesson using _assets, and files the pack must leave out."""
    write(root / "library.yaml", "id: test-lib\ntitle: テスト研修\nversion: '2026.1'\n")
    basics = root / "01-基礎"
    write(basics / "chapter.yaml", "title: 基礎\n")
    write(basics / "01-intro" / "lesson.md",
          "---\ntitle: はじめてのDX\nminutes: 5\nid: intro\n---\n"
          "本文です。\n\n![図](images/flow.png)\n")
    (basics / "01-intro" / "images").mkdir()
    (basics / "01-intro" / "images" / "flow.png").write_bytes(PNG_1PX)
    write(basics / "01-intro" / "quiz.md", QUIZ)
    write(basics / "02-reading" / "lesson.md",
          "---\ntitle: 読むだけ\nid: reading\n---\n読むだけの本文。\n")
    write(root / "09-loose" / "lesson.md",
          "---\ntitle: 共通画像\nid: loose\n---\n![ロゴ](../_assets/logo.png)\n")
    (root / "_assets").mkdir()
    (root / "_assets" / "logo.png").write_bytes(PNG_1PX)
    write(root / ".git" / "config", "ignored\n")
    write(root / "_drafts" / "lesson.md", "---\ntitle: 下書き\n---\n")
    return root


def libraries_with_version_1(folder: Path) -> Path:
    """A libraries folder that already holds version 1 of test-lib (what an import replaces)."""
    write(folder / "test-lib" / "library.yaml", "id: test-lib\ntitle: 旧版\nversion: '1'\n")
    write(folder / "test-lib" / "01-old" / "lesson.md", "---\ntitle: 旧\n---\n旧版\n")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file (and folder, as b'<dir>') under ``folder``, by relative POSIX path."""
    if not folder.exists():
        return {}
    result: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        result[rel] = b"<dir>" if path.is_dir() else path.read_bytes()
    return result


def file_entry(path: str, data: bytes) -> dict[str, object]:
    return {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def manifest_for(files: dict[str, bytes], library_id: str = "test-lib") -> dict[str, object]:
    return {
        "format": "dxlearn-lesson-pack/1",
        "library": {"id": library_id, "title": "テスト", "version": "1"},
        "created_at": "2026-04-01T09:00:00+09:00",
        "app_version": "0.1.0",
        "files": [file_entry(path, data) for path, data in files.items()],
    }


GOOD_FILES: dict[str, bytes] = {
    "library.yaml": b"id: test-lib\ntitle: t\nversion: '1'\n",  # the manifest's id and version
    "01-a/lesson.md": "---\ntitle: あ\n---\n本文\n".encode(),
}


def make_pack(path: Path, files: dict[str, bytes] | None = None, *,
              manifest: dict[str, object] | None = None,
              entries: list[tuple[zipfile.ZipInfo | str, bytes]] | None = None) -> Path:
    """A pack written by hand: ``files`` go under library/ and into the manifest unless
    ``manifest`` is given; ``entries`` are added as they are (evil names, types, duplicates)."""
    files = GOOD_FILES if files is None else files
    manifest = manifest_for(files) if manifest is None else manifest
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name" is the point of some tests
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
            for name, data in files.items():
                archive.writestr(f"library/{name}", data)
            for entry, data in entries or []:
                archive.writestr(entry, data)
    return path


def symlink_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def patch_declared_size(pack: Path, name: str, size: int) -> None:
    """Rewrite the uncompressed size a zip declares for ``name`` (central directory and local
    header): what a zip bomb does to look small, or what makes a pack look huge."""
    data = bytearray(pack.read_bytes())
    encoded = name.encode("utf-8")
    patched = 0
    start = 0
    while (at := data.find(b"PK\x01\x02", start)) >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + length]) == encoded:
            struct.pack_into("<I", data, at + 24, size)
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<I", data, local + 22, size)
            patched += 1
        start = at + 4
    assert patched == 1, f"{name} not found in {pack}"
    pack.write_bytes(bytes(data))
