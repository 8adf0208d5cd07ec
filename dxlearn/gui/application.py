"""The one place that creates the QApplication (the app, the preview, the certificate command
and the self-test all come here). The caller keeps the returned object for as long as Qt is
used: nothing here holds it in a hidden global."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

from dxlearn import __version__

DISPLAY_NAME = "自治体DX研修"


def needs_offscreen(environ: os._Environ[str] | dict[str, str] | None = None) -> bool:
    """Linux without a display (a server, CI, an SSH session): Qt's offscreen platform."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM"):
        return False
    if sys.platform in ("win32", "darwin"):
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def ensure_application(display_name: str = DISPLAY_NAME, *,
                       headless_ok: bool = False) -> QApplication:
    """The running QApplication, or a new one. ``headless_ok``: without a display, use the
    offscreen platform (commands that only render, such as the certificate PDF)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if headless_ok and needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication(sys.argv[:1])
    app.setApplicationName("dxlearn")
    app.setApplicationDisplayName(display_name)
    app.setApplicationVersion(__version__)
    return app
