"""Assembles the catalogue from the tables of each part of the app (one module per part)."""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass

PARTS = ("store", "policy", "cli", "export", "hr", "integrity", "content", "pack", "gift",
         "xapi")


@dataclass(frozen=True, slots=True)
class Entry:
    ja: str
    en: str


@functools.cache
def catalogue() -> dict[str, Entry]:
    merged: dict[str, Entry] = {}
    for part in PARTS:
        table: dict[str, Entry] = importlib.import_module(f"dxlearn.messages.{part}").MESSAGES
        for code, entry in table.items():
            if code in merged:
                raise RuntimeError(f"message code {code} defined twice")
            if not code.startswith(f"{part}."):
                raise RuntimeError(f"message code {code} must start with '{part}.'")
            merged[code] = entry
    return merged
