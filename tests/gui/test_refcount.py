"""PySide6 must not leak or over-release references on the calls the curriculum tree makes.

PySide6-Essentials 6.12.0 on Python 3.11 releases one reference to ``None`` on every
``QTreeWidgetItem.setData`` / ``setForeground``; after a few hundred navigations None's count
reaches zero and the interpreter aborts (``none_dealloc``). pyproject.toml excludes that release
on Python < 3.12; this test measures the installed one, so a new PySide6 with the same defect
fails here instead of in a learner's long session.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

CALLS = 1000
TOLERANCE = 10  # unrelated allocations may touch None a few times; the defect is -1000


@pytest.mark.parametrize("call", ["setData", "setForeground", "setText", "setToolTip"])
def test_none_refcount_is_stable_around_tree_item_calls(qtbot, call: str) -> None:  # type: ignore[no-untyped-def]
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    item = QTreeWidgetItem(tree, ["a", "b"])
    brush = QBrush(QColor("#1d7a3a"))
    actions = {
        "setData": lambda: item.setData(0, Qt.ItemDataRole.UserRole, "lesson-id"),
        "setForeground": lambda: item.setForeground(1, brush),
        "setText": lambda: item.setText(0, "タイトル"),
        "setToolTip": lambda: item.setToolTip(0, "タイトル"),
    }
    action = actions[call]
    action()  # warm up caches that may hold a reference once
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        action()
    after = sys.getrefcount(None)
    assert abs(after - before) <= TOLERANCE, (
        f"{call} changed None's reference count by {after - before} over {CALLS} calls: this "
        "PySide6 release mishandles references (see pyproject.toml) and the app would abort in "
        "a long session")
