"""Progress store: SQLAlchemy schema, engine, migrations, repository, backups. Never imports Qt.

Entry point: ``open_store(path_or_url) -> OpenedStore`` (``.store`` and ``.report``).
"""

from dxlearn.store.engine import JournalChoice, choose_journal_mode, default_database_path
from dxlearn.store.errors import MESSAGES_JA, StoreError
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

__all__ = [
    "MESSAGES_JA",
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
