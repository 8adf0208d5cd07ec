"""A parsed library kept between starts, so the curriculum can be painted at once.

The cache is a pickle of the :class:`Library` in the per-user data folder, valid only while
every file of the library folder has the same size and modification time, and for the same
dxlearn and Python versions; anything else (a trainer's edit, a new pack, an upgrade) parses
the library again. The cache is the app's own file: it is never read from a library folder.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from dxlearn import __version__

from .model import Library

logger = logging.getLogger(__name__)

FORMAT = 1
T = TypeVar("T")


def fingerprint(root: Path) -> tuple[object, ...]:
    """Every file under ``root`` with its size and mtime, plus the versions that shape the
    parse. Cheap: a few hundred ``stat`` calls for a large library."""
    entries: list[tuple[str, int, int]] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            entries.append((os.path.relpath(path, root), stat.st_size, stat.st_mtime_ns))
    return (FORMAT, __version__, sys.version_info[:2], str(root), tuple(entries))


def _cache_file(cache_dir: Path, root: Path) -> Path:
    digest = hashlib.sha256(str(root).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"library-{digest}.pickle"


def _parse(path: str | os.PathLike[str]) -> Library:
    from .loader import load_library

    return load_library(path)


def load_library_cached(path: str | os.PathLike[str], cache_dir: Path | None) -> Library:
    """``load_library`` through the cache (``cache_dir`` None: no cache). The loader (and with
    it Markdown, YAML and the sanitiser) is imported only when the cache cannot be used."""
    if cache_dir is None:
        return _parse(path)
    root = Path(path).absolute()
    return cached(_cache_file(cache_dir, root), fingerprint(root), lambda: _parse(root), Library)


def cached(file: Path, key: object, build: Callable[[], T], kind: type[T]) -> T:
    """What ``build()`` returns, through the pickle ``file`` in the app's cache folder: the
    stored value when it was stored with an equal ``key`` (and is a ``kind``), else built now
    and stored. A damaged or foreign file is rebuilt, an unwritable folder (read-only data
    folder) only logged: the cache saves time, it never stops the app."""
    try:
        with file.open("rb") as handle:
            stored_key, value = pickle.load(handle)
        if stored_key == key and isinstance(value, kind):
            return value
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged or foreign cache is simply rebuilt
        logger.info("cache %s not used: %s", file, exc)
    value = build()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temp = file.with_suffix(f".{os.getpid()}.tmp")
        with temp.open("wb") as handle:
            pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, file)
    except OSError as exc:
        logger.info("cache not written to %s: %s", file, exc)
    return value
