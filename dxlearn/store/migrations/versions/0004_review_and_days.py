"""Review queue (復習) and study time per day.

Revision ID: 0004
Revises: 0002 (the core developer rechains it after 0003 at merge)
Create Date: 2026-11-28

Additive: four new tables, nothing existing changes.

- ``review_cards``: the questions in each learner's review queue with their fsrs state;
  ``review_logs``: every rating they were given; ``review_folds``: the finished quiz attempts
  already taken into the queue (each is taken once). The queue of an existing learner is built
  from their finished attempts the first time it is shown (``store.review``).
- ``study_days``: study seconds per local day and lesson, from now on. Time studied before this
  revision stays in ``lesson_progress.study_seconds`` only; the moment per-day recording began
  is kept as the ``store`` setting ``study_days_since`` (the record page labels the earlier
  total with it).
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from dxlearn.store.models import UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

SINCE_SCOPE, SINCE_KEY = "store", "study_days_since"


def upgrade() -> None:
    op.create_table(
        "study_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("library_id", sa.String(128), nullable=False),
        sa.Column("lesson_id", sa.String(128), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("seconds", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["learner_id"], ["learners.id"],
                                name="fk_study_days_learner_id_learners", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_study_days"),
        sa.UniqueConstraint("learner_id", "library_id", "lesson_id", "day",
                            name="uq_study_days_learner_id"),
    )
    op.create_table(
        "review_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("library_id", sa.String(128), nullable=False),
        sa.Column("lesson_id", sa.String(128), nullable=False),
        sa.Column("question_index", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(128), nullable=False),
        sa.Column("lesson_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("stability", sa.Float(), nullable=True),
        sa.Column("difficulty", sa.Float(), nullable=True),
        sa.Column("due", UTCDateTime(), nullable=False),
        sa.Column("last_review", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["learner_id"], ["learners.id"],
                                name="fk_review_cards_learner_id_learners", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_review_cards"),
        sa.UniqueConstraint("learner_id", "library_id", "lesson_id", "question_index",
                            name="uq_review_cards_learner_id"),
    )
    op.create_index("ix_review_cards_due", "review_cards", ["learner_id", "library_id", "due"])
    op.create_table(
        "review_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("reviewed_at", UTCDateTime(), nullable=False),
        sa.Column("due_after", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["card_id"], ["review_cards.id"],
                                name="fk_review_logs_card_id_review_cards", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_review_logs"),
    )
    op.create_index("ix_review_logs_card_id", "review_logs", ["card_id"])
    op.create_table(
        "review_folds",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("folded_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["quiz_attempts.id"],
                                name="fk_review_folds_attempt_id_quiz_attempts",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("attempt_id", name="pk_review_folds"),
    )
    now = datetime.now(UTC)
    settings = sa.table("settings", sa.column("scope", sa.String()), sa.column("key", sa.String()),
                        sa.column("value", sa.JSON()), sa.column("updated_at", UTCDateTime()))
    op.execute(settings.delete().where(settings.c.scope == SINCE_SCOPE,
                                       settings.c.key == SINCE_KEY))
    op.bulk_insert(settings, [{"scope": SINCE_SCOPE, "key": SINCE_KEY,
                               "value": now.isoformat(), "updated_at": now}])


def downgrade() -> None:
    settings = sa.table("settings", sa.column("scope", sa.String()), sa.column("key", sa.String()))
    op.execute(settings.delete().where(settings.c.scope == SINCE_SCOPE,
                                       settings.c.key == SINCE_KEY))
    op.drop_table("review_folds")
    op.drop_index("ix_review_logs_card_id", table_name="review_logs")
    op.drop_table("review_logs")
    op.drop_index("ix_review_cards_due", table_name="review_cards")
    op.drop_table("review_cards")
    op.drop_table("study_days")
