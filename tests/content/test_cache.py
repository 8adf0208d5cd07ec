"""The parsed-library cache the GUI starts from: reused while nothing changed, rebuilt after an
edit, and bounded on any folder (M4: a deep tree never raises RecursionError at start)."""

from __future__ import annotations

from pathlib import Path

import pytest
from content_builders import make_lesson, no_id, write

import dxlearn.content.cache as cache
from dxlearn.content.cache import fingerprint, load_library_cached

from support.deep import deep_folder


def test_an_unchanged_library_comes_from_the_cache_and_an_edit_is_seen(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    folder = make_lesson(root, "01-a", front="title: 最初\nid: a\n")
    cache_dir = tmp_path / "cache"

    first = load_library_cached(root, cache_dir)
    second = load_library_cached(root, cache_dir)
    write(folder / "lesson.md", "---\ntitle: 直した\nid: a\n---\n本文\n")
    third = load_library_cached(root, cache_dir)

    assert next(first.lessons()).title == "最初"
    assert second == first and list(cache_dir.glob("library-*.pickle"))
    assert next(third.lessons()).title == "直した"


def test_findings_survive_the_cache_with_their_codes(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-a", front="title: x\nid: a\nroles: [exective]\n")
    cache_dir = tmp_path / "cache"

    load_library_cached(root, cache_dir)
    (finding,) = no_id(load_library_cached(root, cache_dir).all_findings())

    assert finding.code == "content.roles_unknown"
    assert finding.line_text("ja").startswith("エラー: 01-a/lesson.md 4行目: roles の 'exective'")


def test_a_thousand_deep_folder_never_raises_and_is_not_cached(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-a", front="title: x\nid: a\n")
    with deep_folder(root / "02-deep", 1000):
        assert fingerprint(root) != fingerprint(root)  # past the depth limit: never the same
        library = load_library_cached(root, tmp_path / "cache")

    assert [lesson.id for lesson in library.lessons()] == ["a"]


def test_too_many_files_are_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    root = tmp_path / "lib"
    for n in range(3):
        make_lesson(root, f"0{n}-x", front=f"title: x\nid: x{n}\n")

    assert fingerprint(root) != fingerprint(root)
