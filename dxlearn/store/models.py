"""The schema: SQLAlchemy 2.0 typed declarative models.

These classes never leave ``dxlearn.store``: the repository turns rows into frozen dataclasses
(``records.py``) so no caller can lazy-load, hold a session open, or write by accident.

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

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: dict[Any, Any] = {datetime: UTCDateTime(), date: Date()}  # noqa: RUF012


class LearnerRow(Base):
    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[str] = mapped_column(id_text(STAFF_ID_CHARS), unique=True)
    name: Mapped[str] = mapped_column(Text)
    department: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # The database role that registered the learner (PostgreSQL: ``current_user``, the
    # server's default; row-level security lets only that role write the learner's rows).
    # NULL on SQLite, where the file's folder is the access control.
    owner: Mapped[str | None] = mapped_column(String(63), index=True)


class LessonProgressRow(Base):
    __tablename__ = "lesson_progress"
    __table_args__ = (UniqueConstraint("learner_id", "library_id", "lesson_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    library_id: Mapped[str] = mapped_column(id_text(RECORD_ID_CHARS))
    lesson_id: Mapped[str] = mapped_column(id_text(RECORD_ID_CHARS))
    version: Mapped[int] = mapped_column(Integer, default=1)  # version last studied
    first_opened_at: Mapped[datetime | None]
    read_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    completed_version: Mapped[int | None] = mapped_column(Integer)
    # library.yaml ``version`` last studied, and the one the lesson was completed on (0003;
    # NULL for records made before it)
    library_version: Mapped[str | None] = mapped_column(String(64))
    completed_library_version: Mapped[str | None] = mapped_column(String(64))
    study_seconds: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_position: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    updated_at: Mapped[datetime]


class QuizAttemptRow(Base):
    __tablename__ = "quiz_attempts"
    __table_args__ = (
        Index("ix_quiz_attempts_lesson", "learner_id", "library_id", "lesson_id"),
        Index("ix_quiz_attempts_attempt_key", "attempt_key", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    library_id: Mapped[str] = mapped_column(id_text(RECORD_ID_CHARS))
    lesson_id: Mapped[str] = mapped_column(id_text(RECORD_ID_CHARS))
    lesson_version: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    score: Mapped[int | None] = mapped_column(Integer)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    pass_score: Mapped[int] = mapped_column(Integer)
    question_count: Mapped[int] = mapped_column(Integer)
    choice_orders: Mapped[list[list[int]]] = mapped_column(JSON)
    library_version: Mapped[str | None] = mapped_column(String(64))  # 0003; NULL before
    # Made by the client before the first try (a UUID): a start retried after a lost reply,
    # or sent again from the offline journal, finds its attempt instead of making a second.
    # NULL for attempts made before revision 0005.
    attempt_key: Mapped[str | None] = mapped_column(String(KEY_CHARS))


class AttemptAnswerRow(Base):
    __tablename__ = "attempt_answers"
    __table_args__ = (UniqueConstraint("attempt_id", "question_index"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("quiz_attempts.id", ondelete="CASCADE"))
    question_index: Mapped[int] = mapped_column(Integer)
    selected: Mapped[list[int]] = mapped_column(JSON)
    correct: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime]
    # The id of the question answered (``learning.review.question_key``), from revision 0006;
    # NULL for earlier answers, which map by (lesson version, position).
    question_id: Mapped[str | None] = mapped_column(String(128), nullable=True)


class SettingRow(Base):
    """GUI preferences (font size, theme, language, last learner) beside the progress, never
    in the Windows registry: a wiped roaming profile or a new PC then keeps them with the data.
    ``scope`` is "app" or a staff_id."""

    __tablename__ = "settings"

    scope: Mapped[str] = mapped_column(id_text(STAFF_ID_CHARS), primary_key=True)
    key: Mapped[str] = mapped_column(id_text(128), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    updated_at: Mapped[datetime]


class StudyDayRow(Base):
    """Study seconds per local calendar day (the learner's PC's day), per lesson: the record
    page's study time per week. Kept from revision 0004 on; ``lesson_progress.study_seconds``
    stays the lesson's total (time before 0004 is in the total only)."""

    __tablename__ = "study_days"
    __table_args__ = (UniqueConstraint("learner_id", "library_id", "lesson_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    library_id: Mapped[str] = mapped_column(String(128))
    lesson_id: Mapped[str] = mapped_column(String(128))
    day: Mapped[date]
    seconds: Mapped[int] = mapped_column(Integer)


class ReviewCardRow(Base):
    """One question in a learner's review queue (復習) with its fsrs memory state
    (``learning.review``; ``due`` and ``last_review`` are day stamps: noon UTC of the learner's
    day). Keyed by the question's index in the lesson version it was made on; ``question_key``
    is the question's id (``learning.review.question_key``)."""

    __tablename__ = "review_cards"
    __table_args__ = (
        UniqueConstraint("learner_id", "library_id", "lesson_id", "question_index"),
        Index("ix_review_cards_due", "learner_id", "library_id", "due"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    library_id: Mapped[str] = mapped_column(String(128))
    lesson_id: Mapped[str] = mapped_column(String(128))
    question_index: Mapped[int] = mapped_column(Integer)
    question_key: Mapped[str] = mapped_column(String(128))
    lesson_version: Mapped[int] = mapped_column(Integer)
    state: Mapped[int] = mapped_column(Integer)
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime]
    last_review: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ReviewLogRow(Base):
    """Every rating a card was given, at the moment it was given: from a quiz answer
    (``source`` "quiz", with its attempt) or in a review session ("review")."""

    __tablename__ = "review_logs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("review_cards.id", ondelete="CASCADE"),
                                         index=True)
    source: Mapped[str] = mapped_column(String(16))
    attempt_id: Mapped[int | None] = mapped_column(Integer)
    rating: Mapped[int] = mapped_column(Integer)
    correct: Mapped[bool] = mapped_column(Boolean)
    reviewed_at: Mapped[datetime]
    due_after: Mapped[datetime]


class ReviewFoldRow(Base):
    """A finished quiz attempt whose answers have been taken into the review queue (once)."""

    __tablename__ = "review_folds"

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_attempts.id", ondelete="CASCADE"), primary_key=True)
    folded_at: Mapped[datetime]


class ClientOpRow(Base):
    """Writes that must count once however often they are sent (study time increments): the
    client makes the key before the first try; a retry or the offline journal's replay finds
    it here and changes nothing. Written in the same transaction as the change itself."""

    __tablename__ = "client_ops"

    op_key: Mapped[str] = mapped_column(String(KEY_CHARS), primary_key=True)
    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    applied_at: Mapped[datetime]


class SchemaInfoRow(Base):
    """Facts about the schema a client reads before anything else. ``serves_from``: the oldest
    client revision this database still serves (``dxlearn db upgrade`` writes it: an additive
    migration keeps the previous value, so IT upgrades the server first and PCs follow)."""

    __tablename__ = "schema_info"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
