"""Where things are: bundled resources and lessons, and the per-user folders.

The single place that knows the three layouts the app runs from:
- an installed wheel: ``dxlearn/_bundled/{lessons,resources}`` (copied in by the build);
- a source checkout or editable install: ``lessons/`` and ``resources/`` beside ``dxlearn/``;
- a frozen PyInstaller bundle: the same ``_bundled`` folder under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "dxlearn"
_PACKAGE = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    found = [_PACKAGE / "_bundled" / name, _PACKAGE.parent / name]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        found.insert(0, Path(frozen) / "dxlearn" / "_bundled" / name)
    return found


def _bundled(name: str) -> Path:
    for candidate in _candidates(name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the bundled '{name}' folder was not found (looked in: "
        + ", ".join(str(c) for c in _candidates(name)) + "); reinstall dxlearn"
    )


def lessons_dir() -> Path:
    """The bundled DX-literacy library."""
    return _bundled("lessons")


def resources_dir() -> Path:
    return _bundled("resources")


def user_data_dir(override: str | Path | None = None) -> Path:
    """Per-user data folder (``%LOCALAPPDATA%\\dxlearn``, XDG data dir), or the override."""
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_log_dir(data_dir_override: str | Path | None = None) -> Path:
    """Logs follow an overridden data folder (wiped desktops keep nothing in the profile)."""
    if data_dir_override:
        return Path(data_dir_override) / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def is_unc(text: str) -> bool:
    """A Windows network path (``\\\\server\\share``, ``//server/share``, ``\\\\?\\UNC\\...``).

    ``\\\\?\\C:\\...`` is an extended-length *local* path; ``///x`` is a POSIX path."""
    normalized = text.replace("\\", "/")
    if normalized.startswith("//?/"):
        return normalized[4:].upper().startswith("UNC/")
    return normalized.startswith("//") and not normalized.startswith("///")
