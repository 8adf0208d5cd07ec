"""Each answer keeps the id of the question it answered.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

Additive only (every earlier client query still works):

- ``attempt_answers.question_id``: the question's id (``learning.review.question_key``: the
  explicit ``## [q-x]`` id or the one derived from the stem) as the learner saw it. With it an
  answer names its question whatever happens to the lesson later (a new version, questions
  moved or added), so item analysis and 復習 keep it for as long as the library holds a
  question with that id. NULL for answers recorded before this revision (and by older
  clients on a shared server); those still map by (lesson version, position).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None
# Additive: a 0005 client (which never writes the column) still works on this database.
serves_from: str = "0005"


def upgrade() -> None:
    # Plain ADD COLUMN: no table is rebuilt (see 0005).
    op.add_column("attempt_answers", sa.Column("question_id", sa.String(128), nullable=True))


def downgrade() -> None:
    op.drop_column("attempt_answers", "question_id")  # SQLite 3.35+
