"""Where the progress database lives by default, and how SQLite is told where it is. Light: no
SQLAlchemy, so the GUI can find and read the file for its first paint before the engine is
imported."""

from __future__ import annotations

import contextlib
from pathlib import Path

import platformdirs

DATABASE_FILE = "progress.db"


def default_database_path(data_dir: str | Path | None = None) -> Path:
    """``<data_dir>/progress.db``; ``data_dir`` defaults to the per-user data folder
    (``%LOCALAPPDATA%\\dxlearn`` on Windows, the XDG data folder on Linux).

    The caller (CLI/GUI) passes the policy's ``data_dir``; this module never reads the policy.
    The result is absolute: a relative ``data_dir`` is taken from the current folder, once.
    """
    folder = Path(data_dir) if data_dir else Path(platformdirs.user_data_dir("dxlearn", False))
    return absolute_path(folder) / DATABASE_FILE


def absolute_path(path: str | Path) -> Path:
    """``path`` with ``~`` expanded and made absolute (from the current folder, once).

    A ``~name`` whose user does not exist stays as written (a folder called ``~name``):
    ``Path.expanduser`` raises for it, and a command-line value must never be a traceback."""
    candidate = Path(path)
    with contextlib.suppress(RuntimeError):  # "Could not determine home directory"
        candidate = candidate.expanduser()
    return candidate.absolute()


def sqlite_uri(path: Path, *, read_only: bool = False, immutable: bool = False) -> str:
    """A ``file:`` URI for ``path`` (percent-encoded, so spaces and Japanese names work).

    A relative ``path`` is made absolute first (``Path.as_uri`` refuses relative paths): every
    connection to a file, the first-paint reader's included, goes through here."""
    uri = absolute_path(path).as_uri()
    params = []
    if read_only:
        params.append("mode=ro")
    if immutable:
        params.append("immutable=1")
    return uri + ("?" + "&".join(params) if params else "")
