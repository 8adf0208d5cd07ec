"""``INSERT ... ON CONFLICT`` for the two databases the store runs on.

SQLite (3.24+) and PostgreSQL spell an upsert the same way, and SQLAlchemy has a construct
for each with the same API (``on_conflict_do_nothing``, ``on_conflict_do_update``,
``excluded``); this picks the one for the connection's dialect. An upsert makes a write safe
to run twice and safe against a second window racing to create the same row (two PCs of one
learner on one server), where a SELECT-then-INSERT would fail with a duplicate key.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table


def insert_for(dialect: str, table: Table | Any) -> Any:
    """The dialect's ``insert(table)`` with ``on_conflict_*`` (an ``Insert`` of that
    dialect). Each dialect's module is imported when its database is used: a learner's PC
    with a local file never loads the PostgreSQL dialect (19 modules: about 4 MiB of the
    app's memory, bench/README.md)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    if dialect == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table)
    raise ValueError(f"no upsert for the {dialect} dialect")
