"""A server database's schema: checked by every client, set up and upgraded by IT only.

**Clients never migrate a shared server** (30 PCs starting on an empty database raced to create
it; one newer PC migrating locked every older PC out). ``check_revision`` is all a client does:

- no dxlearn tables: ``server_not_set_up`` (IT runs ``dxlearn db upgrade``);
- the client's revision (``migrate.HEAD``): open;
- an older revision the client knows: ``server_needs_upgrade`` (IT upgrades the server first);
- a newer revision: open when the database says it still serves this client
  (``schema_info.serves_from``, the oldest client revision it serves, is this client's revision
  or an earlier one), else ``server_too_new`` (this PC needs the newer app).

**``upgrade``** (``dxlearn db upgrade``, run once by IT as the role that owns the schema): in one
transaction under an advisory lock (a second run waits, then finds nothing to do), the Alembic
migrations to head, then ``apply_security``, the database id (made once: exports carry it, so
``hr merge`` counts two exports of one server once) and ``serves_from`` (the head migration's
``serves_from``, else the head itself).

**``apply_security``** (idempotent; run by every upgrade, so tables added by later migrations are
covered): the group roles ``dxlearn_learner`` and ``dxlearn_reader`` (created when missing; IT
grants them to login roles), grants, and row-level security on every table that holds a
learner's rows: a learner role reads and writes only the rows of learners it registered
(``learners.owner``, default ``current_user``); the reader role (HR, IT) reads everything and
writes nothing. Learners never delete progress, attempts or answers (no DELETE grant on those
tables) and may change only their name, department and role in ``learners``.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, exc, inspect, select, text

from dxlearn.store.checks import CORE_TABLES
from dxlearn.store.engine import error_code, wrap_error
from dxlearn.store.errors import UNREACHABLE, StoreError
from dxlearn.store.migrate import HEAD, alembic_config, current_revision, revisions
from dxlearn.store.models import SCHEMA_INFO, SETTINGS
from dxlearn.store.upsert import insert_for

logger = logging.getLogger(__name__)

LEARNER_ROLE = "dxlearn_learner"
READER_ROLE = "dxlearn_reader"
SERVES_FROM = "serves_from"
STORE_SCOPE = "store"  # repository.STORE_SCOPE
DATABASE_ID_KEY = "database_id"  # repository.DATABASE_ID_KEY
UPGRADE_LOCK = 0x64786C6561726E  # pg_advisory_xact_lock key: "dxlearn"
# Tables whose rows are a record of what a learner did: never deleted by a learner.
KEPT_TABLES = frozenset({"learners", "lesson_progress", "quiz_attempts", "attempt_answers",
                         "client_ops"})
SCHEMA_TABLES = frozenset({"alembic_version", "schema_info"})  # read by every client
OWN_LEARNERS = "SELECT id FROM learners WHERE owner = current_user"


@dataclass(frozen=True, slots=True)
class UpgradeResult:
    before: str | None
    after: str
    serves_from: str
    database_id: str
    secured: tuple[str, ...]  # tables under row-level security
    unsecured: tuple[str, ...]  # tables no learner role may touch (no rule for them)


@dataclass(frozen=True, slots=True)
class ServerStatus:
    revision: str | None
    serves_from: str | None
    database_id: str
    client_revision: str
    usable: StoreError | None  # why this client would refuse the database (None: it opens)
    without_security: tuple[str, ...]  # dxlearn tables without row-level security


# -- what a client checks -------------------------------------------------------------------------


def _serves_from(connection: Connection) -> str | None:
    if "schema_info" not in inspect(connection).get_table_names():
        return None
    value = connection.scalar(select(SCHEMA_INFO.c.value).where(
        SCHEMA_INFO.c.name == SERVES_FROM))
    return None if value is None else str(value)


def check_revision(connection: Connection, where: str) -> str:
    """The server's revision when this client can use it; raises ``StoreError`` otherwise
    (module docstring)."""
    revision = current_revision(connection)
    if revision == HEAD:
        return revision
    if revision is None:
        tables = set(inspect(connection).get_table_names())
        if not tables or tables <= {"alembic_version"}:
            raise StoreError("server_not_set_up", where, "no dxlearn tables")
        if tables >= CORE_TABLES:
            raise StoreError("server_needs_upgrade", where, "tables without a revision",
                             params={"revision": "-", "head": HEAD})
        raise StoreError("foreign_database", where, f"tables {sorted(tables)[:5]}")
    known = revisions()
    if revision in known:
        raise StoreError("server_needs_upgrade", where, f"revision {revision} < {HEAD}",
                         params={"revision": revision, "head": HEAD})
    oldest = _serves_from(connection)
    if oldest is not None and oldest in known and known.index(oldest) <= known.index(HEAD):
        logger.info("server %s is at revision %s, newer than %s, and serves clients from %s",
                    where, revision, HEAD, oldest)
        return revision
    raise StoreError("server_too_new", where,
                     f"revision {revision} serves clients from {oldest or 'unknown'}",
                     params={"revision": revision})


def database_id(connection: Connection) -> str:
    value = connection.scalar(select(SETTINGS.c.value).where(
        SETTINGS.c.scope == STORE_SCOPE, SETTINGS.c.key == DATABASE_ID_KEY))
    return value if isinstance(value, str) else ""


# -- what IT runs ---------------------------------------------------------------------------------


def head_serves_from(head: str = HEAD) -> str:
    """The ``serves_from`` the head migration declares (itself when it declares none)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config()).get_revision(head)
    declared = getattr(script.module, SERVES_FROM, None) if script is not None else None
    return declared if isinstance(declared, str) and declared else head


def upgrade(engine: Engine, where: str) -> UpgradeResult:
    """``dxlearn db upgrade``: migrations, security, database id, serves_from; one
    transaction. Raises ``StoreError`` (``migration_failed`` with the reason)."""
    from alembic import command

    if engine.dialect.name != "postgresql":
        raise StoreError("server_only", where, engine.dialect.name)
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})
            before = current_revision(connection)
            if before is not None and before not in revisions():
                raise StoreError("server_too_new", where, f"revision {before}",
                                 params={"revision": before})
            command.upgrade(alembic_config(connection), "head")
            secured, unsecured = apply_security(connection)
            made = _ensure_database_id(connection)
            oldest = head_serves_from()
            statement = insert_for("postgresql", SCHEMA_INFO).values(
                name=SERVES_FROM, value=oldest)
            connection.execute(statement.on_conflict_do_update(
                index_elements=["name"], set_={"value": statement.excluded.value}))
    except StoreError:
        raise
    except exc.DBAPIError as error:
        if error_code(error) in UNREACHABLE | {"server_login_failed", "server_permission"}:
            raise wrap_error(error, where) from error
        logger.exception("upgrade of %s failed", where)
        raise StoreError("migration_failed_server", where, str(error),
                         params={"reason": str(error.orig).splitlines()[0][:200]}) from error
    except Exception as error:
        logger.exception("upgrade of %s failed", where)
        raise StoreError("migration_failed_server", where, str(error),
                         params={"reason": str(error).splitlines()[0][:200]}) from error
    logger.info("server %s upgraded %s -> %s (serves from %s, database id %s)", where, before,
                HEAD, oldest, made)
    return UpgradeResult(before, HEAD, oldest, made, secured, unsecured)


def _ensure_database_id(connection: Connection) -> str:
    statement = insert_for("postgresql", SETTINGS).values(
        scope=STORE_SCOPE, key=DATABASE_ID_KEY, value=str(uuid.uuid4()),
        updated_at=datetime.now(UTC))
    connection.execute(statement.on_conflict_do_nothing(index_elements=["scope", "key"]))
    return database_id(connection)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _rule(table: str, columns: set[str]) -> str | None:
    """The row-level security condition for a learner role on ``table`` (None: none)."""
    if table == "learners":
        return "owner = current_user"
    if table == "settings":
        return "scope IN (SELECT staff_id FROM learners WHERE owner = current_user)"
    if "learner_id" in columns:
        return f"learner_id IN ({OWN_LEARNERS})"
    if "card_id" in columns:  # review_logs: through the learner's review cards
        return f"card_id IN (SELECT id FROM review_cards WHERE learner_id IN ({OWN_LEARNERS}))"
    if "attempt_id" in columns:
        return (f"attempt_id IN (SELECT id FROM quiz_attempts WHERE learner_id IN "
                f"({OWN_LEARNERS}))")
    return None


def apply_security(connection: Connection) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Roles, grants and row-level security (module docstring); (secured, unsecured)."""
    run = connection.exec_driver_sql
    for role in (LEARNER_ROLE, READER_ROLE):
        run(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') "
            f"THEN CREATE ROLE {role} NOLOGIN; END IF; END $$")
    schema = str(connection.scalar(text("SELECT current_schema()")))
    run(f"GRANT USAGE ON SCHEMA {_quoted(schema)} TO {LEARNER_ROLE}, {READER_ROLE}")
    inspector = inspect(connection)
    secured: list[str] = []
    unsecured: list[str] = []
    for table in sorted(inspector.get_table_names(schema=schema)):
        name = _quoted(table)
        run(f"GRANT SELECT ON {name} TO {READER_ROLE}")
        run(f"REVOKE ALL ON {name} FROM {LEARNER_ROLE}")
        if table in SCHEMA_TABLES:
            run(f"GRANT SELECT ON {name} TO {LEARNER_ROLE}")
            continue
        columns = {c["name"] for c in inspector.get_columns(table, schema=schema)}
        rule = _rule(table, columns)
        if rule is None:
            unsecured.append(table)
            continue
        rights = "SELECT, INSERT, UPDATE" + ("" if table in KEPT_TABLES else ", DELETE")
        run(f"GRANT {rights} ON {name} TO {LEARNER_ROLE}")
        run(f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY")
        run(f"DROP POLICY IF EXISTS dxlearn_own ON {name}")
        run(f"CREATE POLICY dxlearn_own ON {name} TO {LEARNER_ROLE} USING ({rule}) "
            f"WITH CHECK ({rule})")
        run(f"DROP POLICY IF EXISTS dxlearn_read ON {name}")
        run(f"CREATE POLICY dxlearn_read ON {name} FOR SELECT TO {READER_ROLE} USING (true)")
        secured.append(table)
    if "settings" in secured:  # the store's own facts (the database id): everyone reads them
        run("DROP POLICY IF EXISTS dxlearn_store ON settings")
        run(f"CREATE POLICY dxlearn_store ON settings FOR SELECT TO {LEARNER_ROLE} "
            f"USING (scope = '{STORE_SCOPE}')")
    if "learners" in secured:
        run(f"REVOKE UPDATE ON learners FROM {LEARNER_ROLE}")
        run(f"GRANT UPDATE (name, department, role, updated_at) ON learners TO {LEARNER_ROLE}")
        run("ALTER TABLE learners ALTER COLUMN owner SET DEFAULT current_user")
    run(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {_quoted(schema)} TO {LEARNER_ROLE}")
    if unsecured:
        logger.warning("no row-level security rule for %s: learner roles may not use them",
                       ", ".join(unsecured))
    return tuple(secured), tuple(unsecured)


def status(engine: Engine, where: str) -> ServerStatus:
    """``dxlearn db status``: what the database is and whether this client would open it."""
    with engine.connect() as connection:
        revision = current_revision(connection)
        usable: StoreError | None = None
        try:
            check_revision(connection, where)
        except StoreError as error:
            usable = error
        tables = set(inspect(connection).get_table_names())
        identity = database_id(connection) if "settings" in tables else ""
        rows = connection.execute(text(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND NOT relrowsecurity "
            "AND relnamespace = current_schema()::regnamespace")).scalars().all()
        without = tuple(sorted(str(r) for r in rows
                               if r in tables and r not in SCHEMA_TABLES))
        return ServerStatus(revision, _serves_from(connection), identity, HEAD, usable, without)
