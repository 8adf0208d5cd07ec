"""One database for a municipality: client-made keys, learner owners, the schema's compatibility.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Additive only (every earlier client query still works):

- ``quiz_attempts.attempt_key``: a key the client makes before it starts an attempt, unique,
  so a start sent twice (a lost reply, the offline journal) makes one attempt;
- ``learners.owner``: the database role that registered the learner (PostgreSQL's
  ``current_user``; row-level security, set up by ``dxlearn db upgrade``, lets only that role
  write the learner's rows); NULL on SQLite;
- ``client_ops``: the keys of writes that must count once however often they are sent (study
  time increments);
- ``schema_info``: ``serves_from``, the oldest client revision this database still serves;
- on PostgreSQL, the id columns take the ``"C"`` collation, so learners are listed in the same
  (byte) order as on SQLite whatever locale the database was created with.

Server-only set-up that is not schema (roles, grants, row-level security, the database id) is
``dxlearn.store.server_schema``, which ``dxlearn db upgrade`` applies after the migrations.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dxlearn.store.models import UTCDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None
# The oldest client revision that still works on a database at this revision (read by
# ``dxlearn db upgrade``). This is the first revision that records it, so it names itself; an
# additive revision after it keeps the value of the revision before.
serves_from: str = "0005"

# (table, column, length) of the id columns that get the "C" collation on PostgreSQL
ID_COLUMNS = (
    ("learners", "staff_id", 64),
    ("lesson_progress", "library_id", 128),
    ("lesson_progress", "lesson_id", 128),
    ("quiz_attempts", "library_id", 128),
    ("quiz_attempts", "lesson_id", 128),
    ("settings", "scope", 64),
    ("settings", "key", 128),
)


def upgrade() -> None:
    # Plain ADD COLUMN and CREATE INDEX: no table is rebuilt (on SQLite a rebuild drops the old
    # table, and with foreign keys on that would cascade into the answers).
    op.add_column("quiz_attempts", sa.Column("attempt_key", sa.String(36), nullable=True))
    op.create_index("ix_quiz_attempts_attempt_key", "quiz_attempts", ["attempt_key"],
                    unique=True)
    op.add_column("learners", sa.Column("owner", sa.String(63), nullable=True))
    op.create_index("ix_learners_owner", "learners", ["owner"])
    op.create_table(
        "client_ops",
        sa.Column("op_key", sa.String(36), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("applied_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learners.id"], name="fk_client_ops_learner_id_learners",
            ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("op_key", name="pk_client_ops"),
    )
    op.create_index("ix_client_ops_learner_id", "client_ops", ["learner_id"])
    op.create_table(
        "schema_info",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_schema_info"),
    )
    if op.get_bind().dialect.name == "postgresql":
        for table, column, length in ID_COLUMNS:
            op.alter_column(table, column, type_=sa.String(length, collation="C"),
                            existing_type=sa.String(length), existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, column, length in ID_COLUMNS:
            op.alter_column(table, column, type_=sa.String(length),
                            existing_type=sa.String(length, collation="C"),
                            existing_nullable=False)
    op.drop_table("schema_info")
    op.drop_index("ix_client_ops_learner_id", table_name="client_ops")
    op.drop_table("client_ops")
    op.drop_index("ix_learners_owner", table_name="learners")
    op.drop_column("learners", "owner")  # SQLite 3.35+
    op.drop_index("ix_quiz_attempts_attempt_key", table_name="quiz_attempts")
    op.drop_column("quiz_attempts", "attempt_key")
