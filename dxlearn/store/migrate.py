"""Schema migrations with Alembic, configured in code (no alembic.ini at run time).

``script_location`` points into this package, so migrations ship inside the wheel and the
frozen bundle. ``open_store`` calls ``upgrade_to_head`` after the start-up backup. A database
created before Alembic was used (tables but no ``alembic_version``) is stamped with the revision
its tables match and then upgraded.

Fast path: when the database is already at ``HEAD`` Alembic is not even imported, which keeps
the start of the app (and of the fault-injection test's child processes) light.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

from dxlearn.store.errors import StoreError

logger = logging.getLogger(__name__)

HEAD = "0006"  # must equal the head of migrations/versions (a test checks it)
MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def revisions() -> list[str]:
    """All revisions, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def current_revision(connection: Connection) -> str | None:
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def infer_revision(connection: Connection) -> str | None:
    """The revision an un-versioned database's tables match; None for an empty database."""
    inspector = inspect(connection)
    tables = set(inspector.get_table_names())
    if "learners" not in tables:
        return None
    if {"client_ops", "schema_info"} <= tables:
        answers = {c["name"] for c in inspector.get_columns("attempt_answers")}
        return "0006" if "question_id" in answers else "0005"
    if {"review_cards", "study_days"} <= tables:
        return "0004"
    columns = {c["name"] for c in inspector.get_columns("lesson_progress")}
    if "settings" in tables and "completed_library_version" in columns:
        return "0003"
    if "settings" in tables and "last_position" in columns:
        return "0002"
    return "0001"


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run Alembic ``upgrade`` to ``revision`` in one transaction on ``engine``."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def stamp(engine: Engine, revision: str) -> None:
    from alembic import command

    with engine.begin() as connection:
        command.stamp(alembic_config(connection), revision)


def needed(engine: Engine) -> tuple[str | None, bool]:
    """(current revision, whether the database is un-versioned but has tables)."""
    with engine.connect() as connection:
        current = current_revision(connection)
        if current is not None:
            return current, False
        inferred = infer_revision(connection)
        return inferred, inferred is not None


def upgrade_to_head(engine: Engine, where: str) -> tuple[str | None, bool]:
    """Bring the database to ``HEAD``. Returns (revision before, whether it was stamped)."""
    before, unversioned = needed(engine)
    if before == HEAD and not unversioned:
        return before, False
    try:
        if unversioned and before is not None:
            logger.warning("database %s has no alembic_version; stamping %s", where, before)
            stamp(engine, before)
        if before is not None and before not in revisions():
            raise StoreError("too_new", where, f"unknown revision {before}")
        upgrade(engine)
    except StoreError:
        raise
    except Exception as error:
        logger.exception("migration of %s failed", where)
        raise StoreError("migration_failed", where, str(error)) from error
    logger.info("database %s migrated from %s to %s", where, before, HEAD)
    return before, unversioned
