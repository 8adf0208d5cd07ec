"""Assembles the catalogue from the tables of each part of the app (one module per part)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

PARTS = ("store", "policy", "cli", "export", "hr", "integrity", "content", "pack", "gift",
         "xapi", "central", "profile")


@dataclass(frozen=True, slots=True)
class Entry:
    ja: str
    en: str


def _tables() -> dict[str, dict[str, Entry]]:
    """Every part's table. Imported by name (not by a computed string) so that the frozen
    bundle's analysis sees every module; ``PARTS`` must list the same parts (a test checks)."""
    from dxlearn.messages import (
        central,
        cli,
        content,
        export,
        gift,
        hr,
        integrity,
        pack,
        policy,
        profile,
        store,
        xapi,
    )

    modules = {"store": store, "policy": policy, "cli": cli, "export": export, "hr": hr,
               "integrity": integrity, "content": content, "pack": pack, "gift": gift,
               "xapi": xapi, "central": central, "profile": profile}
    return {part: module.MESSAGES for part, module in modules.items()}


@functools.cache
def catalogue() -> dict[str, Entry]:
    merged: dict[str, Entry] = {}
    tables = _tables()
    if set(tables) != set(PARTS):
        raise RuntimeError(f"catalogue parts {sorted(tables)} differ from PARTS")
    for part in PARTS:
        table = tables[part]
        for code, entry in table.items():
            if code in merged:
                raise RuntimeError(f"message code {code} defined twice")
            if not code.startswith(f"{part}."):
                raise RuntimeError(f"message code {code} must start with '{part}.'")
            merged[code] = entry
    return merged
