"""Alembic environment, configured programmatically by ``dxlearn.store.migrate``.

The application passes its open connection in ``config.attributes["connection"]`` so the
migration runs with the same pragmas (foreign keys, journal mode) as the app and inside one
transaction: on SQLite, DDL is transactional, so a migration interrupted by a power cut leaves
the previous schema intact. ``render_as_batch`` lets future revisions alter SQLite tables.
"""

from __future__ import annotations

import logging

from alembic import context
from sqlalchemy import create_engine

from dxlearn.store.models import metadata

logger = logging.getLogger(__name__)

config = context.config
target_metadata = metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
    else:  # developer use: `alembic -x ...` with sqlalchemy.url set
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
        with engine.begin() as conn:
            _run(conn)
