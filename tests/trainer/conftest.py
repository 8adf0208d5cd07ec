"""The trainer tests run Qt offscreen (the preview and the pack import dialog)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
