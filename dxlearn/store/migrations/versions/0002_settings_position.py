"""Settings table, reading position, attempt lookup index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-02-02

- ``settings``: GUI preferences beside the progress (not in the Windows registry, which a
  non-persistent desktop wipes at sign-out).
- ``lesson_progress.last_position``: scroll fraction, so a lesson reopens where it was left.
  Existing rows start at the top (0).
- an index on quiz attempts by learner and lesson, for resuming and for HR exports.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dxlearn.store.models import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("scope", sa.String(64), nullable=False),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name="pk_settings"),
    )
    with op.batch_alter_table("lesson_progress") as batch:
        batch.add_column(sa.Column("last_position", sa.Float(), server_default="0", nullable=False))
    op.create_index(
        "ix_quiz_attempts_lesson", "quiz_attempts", ["learner_id", "library_id", "lesson_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_quiz_attempts_lesson", table_name="quiz_attempts")
    with op.batch_alter_table("lesson_progress") as batch:
        batch.drop_column("last_position")
    op.drop_table("settings")
