"""Library versions on lesson records and quiz attempts.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

A 修了 is earned on one edition of a library (``library.yaml``'s ``version``); HR must see
which. Additive only:

- ``lesson_progress.library_version``: the library version last studied (set when the lesson
  is opened or read);
- ``lesson_progress.completed_library_version``: the library version the lesson was completed
  on (set once, with ``completed_at``);
- ``quiz_attempts.library_version``: the library version the attempt was taken on.

Existing rows keep NULL: their version was never recorded (the exports then name the version
loaded now, as they did before this revision).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("lesson_progress") as batch:
        batch.add_column(sa.Column("library_version", sa.String(64), nullable=True))
        batch.add_column(sa.Column("completed_library_version", sa.String(64), nullable=True))
    with op.batch_alter_table("quiz_attempts") as batch:
        batch.add_column(sa.Column("library_version", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quiz_attempts") as batch:
        batch.drop_column("library_version")
    with op.batch_alter_table("lesson_progress") as batch:
        batch.drop_column("completed_library_version")
        batch.drop_column("library_version")
