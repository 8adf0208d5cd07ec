"""Progress store: SQLAlchemy schema, engine, migrations, repository, backups. Never imports Qt.

Entry point: ``open_store(path_or_url) -> OpenedStore`` (``.store`` and ``.report``).

The names below are loaded on first use (PEP 562), so that importing a light submodule such
as ``dxlearn.store.records`` or ``dxlearn.store.snapshot`` does not import SQLAlchemy: the GUI
paints the curriculum before the engine is needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "JournalChoice": "engine",
    "choose_journal_mode": "engine",
    "default_database_path": "location",
    "StoreError": "errors",
    "OpenedStore": "opening",
    "open_store": "opening",
    "AnswerRecord": "records",
    "AttemptRecord": "records",
    "AttemptState": "records",
    "FinishedAttempt": "records",
    "Learner": "records",
    "LearnerProgress": "records",
    "LessonProgress": "records",
    "OpenReport": "records",
    "ProgressStore": "repository",
}

__all__ = [
    "AnswerRecord",
    "AttemptRecord",
    "AttemptState",
    "FinishedAttempt",
    "JournalChoice",
    "Learner",
    "LearnerProgress",
    "LessonProgress",
    "OpenReport",
    "OpenedStore",
    "ProgressStore",
    "StoreError",
    "choose_journal_mode",
    "default_database_path",
    "open_store",
]

if TYPE_CHECKING:
    from dxlearn.store.engine import JournalChoice, choose_journal_mode
    from dxlearn.store.errors import StoreError
    from dxlearn.store.location import default_database_path
    from dxlearn.store.opening import OpenedStore, open_store
    from dxlearn.store.records import (
        AnswerRecord,
        AttemptRecord,
        AttemptState,
        FinishedAttempt,
        Learner,
        LearnerProgress,
        LessonProgress,
        OpenReport,
    )
    from dxlearn.store.repository import ProgressStore


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dxlearn.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"dxlearn.store.{module}"), name)
    globals()[name] = value
    return value
