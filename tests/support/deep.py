"""Folders nested deeper than Python's recursion limit, made and removed without recursion.

``Path.mkdir(parents=True)``, ``shutil.rmtree`` and pytest's own clean-up of old ``tmp_path``
folders all recurse per level: a 1,000-deep folder left behind would make the *next* test
session fail while cleaning up. Tests that need one use :func:`deep_folder` as a context
manager, which removes it again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def make_deep(base: Path, levels: int, name: str = "d") -> Path:
    """``base/name/name/...`` ``levels`` deep (``base`` is created); the deepest folder."""
    base.mkdir(parents=True, exist_ok=True)
    deep = base
    for _ in range(levels):
        deep = deep / name
        deep.mkdir()
    return deep


def remove_tree(path: Path) -> None:
    """Remove ``path`` and everything in it, iteratively (links are removed, not followed)."""
    folders: list[str] = []
    stack = [str(path)]
    while stack:
        current = stack.pop()
        folders.append(current)
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    os.unlink(entry.path)
    for folder in reversed(folders):
        os.rmdir(folder)


@contextmanager
def deep_folder(base: Path, levels: int) -> Iterator[Path]:
    """A folder ``levels`` deep under ``base``, removed afterwards (also when the test fails)."""
    try:
        yield make_deep(base, levels)
    finally:
        if base.exists():
            remove_tree(base)
