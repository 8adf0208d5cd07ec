"""The README's objectName table is the automation contract: every name in it exists."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QObject

REPO = Path(__file__).resolve().parents[2]


def contract_names() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text[text.index("## Automation contract"):text.index("## English")]
    names = []
    for line in table.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names += re.findall(r"`([a-z][a-z0-9-]*)`", first_cell)
    return names


def test_every_contract_name_is_used_by_the_window(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    names = contract_names()
    assert {"action-zoom-in", "action-high-contrast", "quiz-result-details"} <= set(names)
    window = start_app().window
    live = {o.objectName() for o in window.findChildren(QObject)}
    source = "\n".join(p.read_text(encoding="utf-8")
                       for p in (REPO / "dxlearn" / "gui").rglob("*.py"))
    def in_source(name: str) -> bool:
        if name[-1].isdigit():  # quiz-choice-0 …: made as f"quiz-choice-{position}"
            return f'f"{name.rstrip("0123456789")}{{' in source
        return f'"{name}"' in source

    missing = [n for n in names if n not in live and not in_source(n)]
    assert missing == []
    assert window.menu_actions["high-contrast"].isCheckable()
