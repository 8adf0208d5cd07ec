"""The schema: SQLAlchemy Core ``Table`` objects on one ``MetaData`` (``metadata``).

The store runs Core statements on connections (no ORM: a learner's process never imports
``sqlalchemy.orm``). Rows never leave ``dxlearn.store``: the repository turns them into frozen
dataclasses (``records.py``), so no caller can hold a connection open or write by accident.

Identity is by keys that survive merging data from many PCs: ``staff_id`` (text, leading zeros
kept) and ``(library_id, lesson_id)``; integer ids are local to one database.
The migrations in ``migrations/versions`` create this schema; a test compares the two.

The same limits hold on every database: the text columns that hold ids have a length
(``String(n)``), PostgreSQL enforces it and SQLite does not, so the store checks every id
against its column's length before writing (``id_too_long``), and the lesson lint checks lesson
and library ids against the same figure. On PostgreSQL the id columns use the ``"C"``
collation (byte order, SQLite's ``BINARY``), so a database created with a Japanese ICU locale
lists learners in the same order as SQLite (migration 0005).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

from dxlearn.learning.profile import MAX_STAFF_ID_CHARS

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp stored as UTC.

    Naive datetimes are refused: a naive value is ambiguous (local time of which PC?) and would
    put wrong completion times into HR files. Values come back as aware UTC; conversion to local
    time happens only for display. On SQLite the UTC value is stored without an offset (fixed
    width text, so it sorts and compares correctly); on PostgreSQL as ``timestamptz``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime refused (timestamps must be aware): {value!r}")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        """On SQLite, parse the stored UTC text straight into an aware datetime.

        Same result as the generic path, about five times faster: the HR export reads several
        hundred thousand timestamps, and ``datetime.replace`` dominated its profile.
        """
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)

        def process(value: str | None) -> datetime | None:
            if value is None:
                return None
            try:
                return datetime.fromisoformat(value + "+00:00")
            except (TypeError, ValueError):
                parsed = value if isinstance(value, datetime) else datetime.fromisoformat(value)
                if parsed.tzinfo is None:
                    return parsed.replace(tzinfo=UTC)
                return parsed.astimezone(UTC)

        return process


def id_text(length: int) -> String:
    """An id column: ``String(length)``, byte-ordered (collation "C") on PostgreSQL."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


STAFF_ID_CHARS = MAX_STAFF_ID_CHARS  # learners.staff_id, settings.scope (learning.profile)
RECORD_ID_CHARS = 128  # library and lesson ids (content.fields.MAX_RECORD_ID_CHARS)
KEY_CHARS = 36  # client-made keys: a UUID in its text form


metadata = MetaData(naming_convention=NAMING)  # Alembic, checks.py and the tests use it

_TIME = UTCDateTime()


def _column(name: str, type_: Any, *args: Any, nullable: bool = False,
            **kwargs: Any) -> Column[Any]:
    """A column, NOT NULL unless ``nullable`` (the schema's default)."""
    return Column(name, type_, *args, nullable=nullable, **kwargs)


LEARNERS = Table(
    "learners", metadata,
    _column("id", Integer, primary_key=True),
    _column("staff_id", id_text(STAFF_ID_CHARS), unique=True),
    _column("name", Text),
    _column("department", Text, default=""),
    _column("role", String(64)),
    _column("created_at", _TIME),
    _column("updated_at", _TIME),
    # The database role that registered the learner (PostgreSQL: ``current_user``, the
    # server's default; row-level security lets only that role write the learner's rows).
    # NULL on SQLite, where the file's folder is the access control.
    _column("owner", String(63), nullable=True, index=True),
)

LESSON_PROGRESS = Table(
    "lesson_progress", metadata,
    _column("id", Integer, primary_key=True),
    _column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE")),
    _column("library_id", id_text(RECORD_ID_CHARS)),
    _column("lesson_id", id_text(RECORD_ID_CHARS)),
    _column("version", Integer, default=1),  # version last studied
    _column("first_opened_at", _TIME, nullable=True),
    _column("read_at", _TIME, nullable=True),
    _column("completed_at", _TIME, nullable=True),
    _column("completed_version", Integer, nullable=True),
    # library.yaml ``version`` last studied, and the one the lesson was completed on (0003;
    # NULL for records made before it)
    _column("library_version", String(64), nullable=True),
    _column("completed_library_version", String(64), nullable=True),
    _column("study_seconds", Integer, default=0, server_default="0"),
    _column("last_position", Float, default=0.0, server_default="0"),
    _column("updated_at", _TIME),
    UniqueConstraint("learner_id", "library_id", "lesson_id"),
)

ATTEMPTS = Table(
    "quiz_attempts", metadata,
    _column("id", Integer, primary_key=True),
    _column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE")),
    _column("library_id", id_text(RECORD_ID_CHARS)),
    _column("lesson_id", id_text(RECORD_ID_CHARS)),
    _column("lesson_version", Integer),
    _column("started_at", _TIME),
    _column("finished_at", _TIME, nullable=True),
    _column("score", Integer, nullable=True),
    _column("passed", Boolean, nullable=True),
    _column("pass_score", Integer),
    _column("question_count", Integer),
    _column("choice_orders", JSON),  # list[list[int]]
    _column("library_version", String(64), nullable=True),  # 0003; NULL before
    # Made by the client before the first try (a UUID): a start retried after a lost reply,
    # or sent again from the offline journal, finds its attempt instead of making a second.
    # NULL for attempts made before revision 0005.
    _column("attempt_key", String(KEY_CHARS), nullable=True),
    Index("ix_quiz_attempts_lesson", "learner_id", "library_id", "lesson_id"),
    Index("ix_quiz_attempts_attempt_key", "attempt_key", unique=True),
)

ANSWERS = Table(
    "attempt_answers", metadata,
    _column("id", Integer, primary_key=True),
    _column("attempt_id", Integer, ForeignKey("quiz_attempts.id", ondelete="CASCADE")),
    _column("question_index", Integer),
    _column("selected", JSON),  # list[int]
    _column("correct", Boolean),
    _column("answered_at", _TIME),
    # The id of the question answered (``learning.review.question_key``), from revision 0006;
    # NULL for earlier answers, which map by (lesson version, position).
    _column("question_id", String(128), nullable=True),
    UniqueConstraint("attempt_id", "question_index"),
)

# GUI preferences (font size, theme, language, last learner) beside the progress, never in the
# Windows registry: a wiped roaming profile or a new PC then keeps them with the data.
# ``scope`` is "app" or a staff_id; ``value`` any JSON value.
SETTINGS = Table(
    "settings", metadata,
    _column("scope", id_text(STAFF_ID_CHARS), primary_key=True),
    _column("key", id_text(128), primary_key=True),
    _column("value", JSON, nullable=True),
    _column("updated_at", _TIME),
)

# Study seconds per local calendar day (the learner's PC's day), per lesson: the record page's
# study time per week. Kept from revision 0004 on; ``lesson_progress.study_seconds`` stays the
# lesson's total (time before 0004 is in the total only).
STUDY_DAYS = Table(
    "study_days", metadata,
    _column("id", Integer, primary_key=True),
    _column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE")),
    _column("library_id", String(128)),
    _column("lesson_id", String(128)),
    _column("day", Date()),
    _column("seconds", Integer),
    UniqueConstraint("learner_id", "library_id", "lesson_id", "day"),
)

# One question in a learner's review queue (復習) with its fsrs memory state
# (``learning.review``; ``due`` and ``last_review`` are day stamps: noon UTC of the learner's
# day). Keyed by the question's index in the lesson version it was made on; ``question_key``
# is the question's id (``learning.review.question_key``).
REVIEW_CARDS = Table(
    "review_cards", metadata,
    _column("id", Integer, primary_key=True),
    _column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE")),
    _column("library_id", String(128)),
    _column("lesson_id", String(128)),
    _column("question_index", Integer),
    _column("question_key", String(128)),
    _column("lesson_version", Integer),
    _column("state", Integer),
    _column("step", Integer, nullable=True),
    _column("stability", Float, nullable=True),
    _column("difficulty", Float, nullable=True),
    _column("due", _TIME),
    _column("last_review", _TIME, nullable=True),
    _column("created_at", _TIME),
    _column("updated_at", _TIME),
    UniqueConstraint("learner_id", "library_id", "lesson_id", "question_index"),
    Index("ix_review_cards_due", "learner_id", "library_id", "due"),
)

# Every rating a card was given, at the moment it was given: from a quiz answer (``source``
# "quiz", with its attempt) or in a review session ("review").
REVIEW_LOGS = Table(
    "review_logs", metadata,
    _column("id", Integer, primary_key=True),
    _column("card_id", Integer, ForeignKey("review_cards.id", ondelete="CASCADE"), index=True),
    _column("source", String(16)),
    _column("attempt_id", Integer, nullable=True),
    _column("rating", Integer),
    _column("correct", Boolean),
    _column("reviewed_at", _TIME),
    _column("due_after", _TIME),
)

# A finished quiz attempt whose answers have been taken into the review queue (once).
REVIEW_FOLDS = Table(
    "review_folds", metadata,
    _column("attempt_id", Integer, ForeignKey("quiz_attempts.id", ondelete="CASCADE"),
            primary_key=True),
    _column("folded_at", _TIME),
)

# Writes that must count once however often they are sent (study time increments): the client
# makes the key before the first try; a retry or the offline journal's replay finds it here
# and changes nothing. Written in the same transaction as the change itself.
CLIENT_OPS = Table(
    "client_ops", metadata,
    _column("op_key", String(KEY_CHARS), primary_key=True),
    _column("learner_id", Integer, ForeignKey("learners.id", ondelete="CASCADE"), index=True),
    _column("applied_at", _TIME),
)

# Facts about the schema a client reads before anything else. ``serves_from``: the oldest
# client revision this database still serves (``dxlearn db upgrade`` writes it: an additive
# migration keeps the previous value, so IT upgrades the server first and PCs follow).
SCHEMA_INFO = Table(
    "schema_info", metadata,
    _column("name", String(64), primary_key=True),
    _column("value", Text),
)
