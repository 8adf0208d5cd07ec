"""Where the progress database lives by default. Light: no SQLAlchemy, so the GUI can find
the file for its first paint before the engine is imported."""

from __future__ import annotations

from pathlib import Path

import platformdirs

DATABASE_FILE = "progress.db"


def default_database_path(data_dir: str | Path | None = None) -> Path:
    """``<data_dir>/progress.db``; ``data_dir`` defaults to the per-user data folder
    (``%LOCALAPPDATA%\\dxlearn`` on Windows, the XDG data folder on Linux).

    The caller (CLI/GUI) passes the policy's ``data_dir``; this module never reads the policy.
    """
    folder = Path(data_dir) if data_dir else Path(platformdirs.user_data_dir("dxlearn", False))
    return folder / DATABASE_FILE
