"""The hidden folders of a lesson pack import, and cleaning up after an import that was killed.

An import extracts into ``<libraries>/.importing-<token>/<id>/`` while it holds an OS lock on
``.importing-<token>.lock`` (``files.oslock``: released by the operating system when the
process dies); the previous version waits as ``.<id>.previous-<token>`` until the new one
is in place. A power cut or a killed process leaves these behind: hidden, never loaded, but
they hold a whole library each. :func:`clean_interrupted_imports` (at every start of the app
and before every import) removes them, or puts the previous version back when the new one never
arrived, and leaves alone an import that is still running (its lock is held).

Light on purpose (no loader, no zip): the app calls it before the first paint.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from dxlearn.files.oslock import FileLock

logger = logging.getLogger(__name__)

STAGING = ".importing-{token}"
ASIDE = ".{id}.previous-{token}"
# What an interrupted import can leave: the staging folder (also the ".<id>.importing-<token>"
# folder of earlier versions), the previous version, and the lock file.
_LEFTOVER = re.compile(r"\.(?:(?P<id>[^/\\]+)\.)?(?P<kind>importing|previous)-"
                       r"(?P<token>[0-9a-f]{8})(?P<lock>\.lock)?")
_STALE_LOCK_SECONDS = 24 * 3600


@contextlib.contextmanager
def staging_folder(folder: Path, library_id: str) -> Iterator[tuple[Path, Path]]:
    """A new, locked hidden folder in ``folder`` to extract ``library_id`` into: yields the
    library's folder inside it (named by the id, so that it loads as the app will load it) and
    the name the previous version is renamed to. Everything is removed on the way out."""
    import uuid  # here: cleaning up at start never needs it

    token = uuid.uuid4().hex[:8]
    staging = folder / STAGING.format(token=token)
    lock = FileLock(_lock_path(staging))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not lock.acquire():  # a fresh token: only a cleaner that is looking at it now
            raise OSError(f"{lock.path} is in use; import again")
        staging.mkdir()
        extracted = staging / library_id
        extracted.mkdir()
        yield extracted, folder / ASIDE.format(id=library_id, token=token)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if lock.held:
            lock.release()
            with contextlib.suppress(OSError):
                os.unlink(lock.path)


def clean_interrupted_imports(libraries_dir: str | os.PathLike[str]) -> list[Path]:
    """Remove what an import killed half-way left in ``libraries_dir``: the hidden temporary
    folder, and the previous version renamed aside, which is put back when the new one never
    arrived. An import still running (its lock held, by this or another process) is left
    alone. Returns the paths removed or restored; never raises."""
    folder = Path(libraries_dir)
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:
        return []
    by_token: dict[str, list[tuple[str, str | None, str]]] = {}
    locks: set[str] = set()
    for name in names:
        match = _LEFTOVER.fullmatch(name)
        if match is None:
            continue
        if match["lock"]:
            locks.add(match["token"])
        else:
            by_token.setdefault(match["token"], []).append((name, match["id"], match["kind"]))
    cleaned: list[Path] = []
    for token in sorted(set(by_token) | locks):
        lock = FileLock(_lock_path(folder / STAGING.format(token=token)))
        leftovers = by_token.get(token, [])
        if not leftovers and not _old(lock.path):
            continue  # a lock file alone may be an import's that has not locked it yet
        try:
            if not lock.acquire():
                continue  # that import is still running
        except OSError as exc:
            logger.warning("interrupted import: cannot clean up %s: %s", lock.path, exc)
            continue
        try:
            cleaned += [_clean_one(folder / name, library_id, kind)
                        for name, library_id, kind in leftovers]
        finally:
            lock.release()
            with contextlib.suppress(OSError):
                os.unlink(lock.path)
    return cleaned


def _lock_path(staging: Path) -> Path:
    return staging.with_name(staging.name + ".lock")


def _old(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime > _STALE_LOCK_SECONDS
    except OSError:
        return False


def _clean_one(path: Path, library_id: str | None, kind: str) -> Path:
    target = path.with_name(library_id) if library_id else None
    if kind == "previous" and target is not None and not target.exists():
        try:
            os.replace(path, target)
        except OSError as exc:
            logger.error("interrupted import: cannot put %s back as %s: %s", path, target, exc)
            return path
        logger.warning("interrupted import: the previous version %s was put back as %s", path,
                       target)
        return target
    shutil.rmtree(path, ignore_errors=True)
    logger.info("interrupted import: %s removed", path)
    return path
