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
from pathlib import Path

from dxlearn import __version__

from .model import Library

logger = logging.getLogger(__name__)

FORMAT = 2  # 2: Finding holds a catalogue code; Question has id, id_explicit, select_all


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
    key = fingerprint(root)
    file = _cache_file(cache_dir, root)
    try:
        with file.open("rb") as handle:
            stored_key, library = pickle.load(handle)
        if stored_key == key and isinstance(library, Library):
            return library
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged or foreign cache is simply rebuilt
        logger.info("library cache %s not used: %s", file, exc)
    library = _parse(root)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temp = file.with_suffix(".tmp")
        with temp.open("wb") as handle:
            pickle.dump((key, library), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, file)
    except OSError as exc:  # a read-only data folder: work without the cache
        logger.info("library cache not written to %s: %s", file, exc)
    return library
