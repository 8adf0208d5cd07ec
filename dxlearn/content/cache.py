"""A parsed library kept between starts, so the curriculum can be painted at once.

The cache is a pickle of the :class:`Library` in the per-user data folder, valid only while
every file of the library folder has the same size and modification time, and for the same
dxlearn and Python versions; anything else (a trainer's edit, a new pack, an upgrade) parses
the library again. The cache is the app's own file: it is never read from a library folder.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from dxlearn import __version__

from .model import Library

logger = logging.getLogger(__name__)

FORMAT = 2  # 2: Finding holds a catalogue code; Question has id, id_explicit, select_all
T = TypeVar("T")


MAX_DEPTH = 12  # folders below the library root looked at (the loader reads 4)
MAX_ENTRIES = 500_000  # files looked at; a larger folder is not cached


def fingerprint(root: Path) -> tuple[object, ...]:
    """Every file under ``root`` with its size and mtime, plus the versions that shape the
    parse. Cheap: a few hundred ``stat`` calls for a large library. Iterative and bounded
    (a 1,000-deep or a huge folder never raises): past :data:`MAX_DEPTH` or
    :data:`MAX_ENTRIES` the fingerprint is unique, so the library is parsed instead."""
    entries: list[tuple[str, int, int]] = []
    stack: list[tuple[str, int]] = [(str(root), 0)]
    complete = True
    while stack and complete:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as scan:
                listed = sorted(scan, key=lambda e: e.name)
        except OSError:
            entries.append((os.path.relpath(folder, root), -1, -1))
            continue
        for entry in reversed(listed):
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_folder:
                if not entry.name.startswith("."):
                    complete = complete and depth < MAX_DEPTH
                    stack.append((entry.path, depth + 1))
                continue
            try:
                stat = os.stat(entry.path)
            except (OSError, ValueError):
                continue
            entries.append((os.path.relpath(entry.path, root), stat.st_size, stat.st_mtime_ns))
        complete = complete and len(entries) <= MAX_ENTRIES
    if not complete:
        return (FORMAT, "not cached", time.time_ns(), os.getpid())
    return (FORMAT, __version__, sys.version_info[:2], str(root), tuple(entries))


def _cache_file(cache_dir: Path, root: Path) -> Path:
    """One file per library folder, named by two checksums of its path (``zlib``, already
    loaded: ``hashlib`` would load OpenSSL before the first paint). Two folders sharing a name
    would only share the file: the stored key names the folder, so each would parse again."""
    name = str(root).encode("utf-8")
    digest = f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}"
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
