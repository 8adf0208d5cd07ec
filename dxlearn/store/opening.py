"""``open_store``: everything that happens between "the app starts" and "the store is ready".

Order matters, and each step protects the next:

0. refuse what is not a regular file (a folder, a FIFO, a device): nothing is created there;
1. take the instance lock (a second instance opens read-only and touches nothing else);
2. examine the file (``checks.examine``): another application's database is refused and left
   unchanged; damage is moved aside and the chosen backup restored (``recovery``). An empty or
   table-less file, or a vanished one, counts as damage whenever a backup exists (or a -wal
   with content lies beside it); only without any backup does it become a new database;
3. back up with the online backup API (so a failed migration can always be undone);
4. choose the journal mode (WAL locally, rollback journal on a network location);
5. run pending Alembic migrations (a failed backup stops a pending migration; a full disk is
   reported as ``disk_full``).

The returned ``OpenReport`` says what happened so the GUI can tell the learner calmly.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, exc, text
from sqlalchemy import inspect as sa_inspect

from dxlearn.store.backup import backups_dir, list_backups, make_backup
from dxlearn.store.base import Clock, utc_now
from dxlearn.store.checks import (
    CORE_TABLES,
    Examination,
    Kind,
    examine,
    file_kind,
    wal_has_content,
)
from dxlearn.store.engine import (
    Target,
    choose_journal_mode,
    create_store_engine,
    disk_nearly_full,
    error_code,
    resolve_target,
    wrap_error,
)
from dxlearn.store.errors import StoreError
from dxlearn.store.lock import InstanceLock
from dxlearn.store.migrate import HEAD, current_revision, needed, revisions, upgrade_to_head
from dxlearn.store.records import OpenReport
from dxlearn.store.recovery import recover
from dxlearn.store.repository import ProgressStore

logger = logging.getLogger(__name__)

READ_ONLY_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS)


@dataclass(frozen=True, slots=True)
class OpenedStore:
    """The open store and the report of what happened while opening it."""

    store: ProgressStore
    report: OpenReport

    def close(self) -> Path | None:
        return self.store.close()

    def __enter__(self) -> OpenedStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.store.close()


def _file_writable(path: Path) -> bool:
    """Probe by opening for writing: ``os.access`` lies for root and for immutable files."""
    try:
        with path.open("r+b"):
            return True
    except OSError as error:
        if error.errno in READ_ONLY_ERRNOS:
            return False
        raise


def _journal(engine: Engine) -> str:
    with engine.connect() as connection:
        return str(connection.exec_driver_sql("PRAGMA journal_mode").scalar()).lower()


def _open_read_only(
    target: Target, reason: str, *, immutable: bool, clock: Clock, lock_holder: str | None = None
) -> OpenedStore:
    """Open an existing SQLite file read-only: no lock, no recovery, no backup, no migration."""
    assert target.path is not None
    if not target.path.exists():
        raise StoreError("cannot_open" if reason == "database_read_only" else reason, target.path)
    engine = create_store_engine(target, read_only=True, immutable=immutable)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
            tables = set(sa_inspect(connection).get_table_names())
            mode = str(connection.exec_driver_sql("PRAGMA journal_mode").scalar()).lower()
    except exc.DBAPIError as error:
        engine.dispose()
        raise wrap_error(error, target.path) from error
    if revision != HEAD:
        engine.dispose()
        raise _not_at_head(target.path, revision, tables)
    logger.warning("progress database %s opened read-only (%s)", target.path, reason)
    store = ProgressStore(
        engine, where=str(target.path), path=target.path, read_only_reason=reason, clock=clock
    )
    report = OpenReport(
        database=target.display,
        path=target.path,
        created=False,
        journal_mode=mode,
        journal_reason=None,
        backup_path=None,
        revision_before=revision,
        revision=HEAD,
        stamped_unversioned=False,
        read_only_reason=reason,
        lock_holder=lock_holder,
    )
    return OpenedStore(store, report)


def _not_at_head(path: Path | str, revision: str | None, tables: set[str]) -> StoreError:
    """Why a database opened read-only cannot be used as it is (nothing can be migrated)."""
    if revision is None and not tables:
        return StoreError("not_dxlearn", path, "no tables")
    if revision is None and not tables >= CORE_TABLES:
        return StoreError("foreign_database", path, f"tables {sorted(tables)[:5]}")
    if revision is not None and revision not in revisions():
        return StoreError("too_new", path, f"unknown revision {revision}")
    return StoreError("needs_upgrade", path, f"revision {revision} needs a migration")


def _open_server(target: Target, clock: Clock, *, read_only: bool = False,
                 journal_dir: Path | None = None) -> OpenedStore:
    """A database without a local file: PostgreSQL (checked, never migrated: IT runs
    ``dxlearn db upgrade``; ``server_schema``), or SQLite in memory (migrated)."""
    if target.is_sqlite:
        return _open_memory(target, clock, read_only=read_only)
    from dxlearn.store import server_schema
    from dxlearn.store.journal import JOURNAL_FILE, Journal
    from dxlearn.store.server import DEADLINE_S, ServerLink, deadline_call

    engine = create_store_engine(target)

    def check() -> tuple[str, str]:
        with engine.connect() as connection:
            return (server_schema.check_revision(connection, target.display),
                    server_schema.database_id(connection))

    try:
        revision, identity = deadline_call(check, DEADLINE_S)
    except exc.DBAPIError as error:
        engine.dispose()
        raise wrap_error(error, target.display) from error
    except StoreError as error:
        engine.dispose()
        raise StoreError(error.code, error.path or target.display, error.detail,
                         params=error.params) from error
    except BaseException:
        engine.dispose()
        raise
    reason = "database_read_only" if read_only else None
    store = ProgressStore(engine, where=target.display, clock=clock, read_only_reason=reason)
    journal = None
    if journal_dir is not None and not read_only:
        try:
            journal = Journal(journal_dir / JOURNAL_FILE, identity or target.display)
            link = ServerLink(journal)
        except StoreError as error:  # learning goes on; only an outage would cost answers
            logger.error("no offline journal in %s (%s): writes need the server", journal_dir,
                         error.detail)
            journal = None
    if journal is None:
        link = ServerLink(None)
    store.attach_link(link)
    logger.info("server database %s at revision %s (database id %s)", target.display,
                revision, identity or "none")
    return OpenedStore(
        store,
        OpenReport(
            database=target.display,
            path=None,
            created=False,
            journal_mode=None,
            journal_reason=None,
            backup_path=None,
            revision_before=revision,
            revision=revision,
            stamped_unversioned=False,
            read_only_reason=reason,
        ),
    )


def _open_memory(target: Target, clock: Clock, *, read_only: bool) -> OpenedStore:
    """SQLite in memory (tests, a throw-away store): created and migrated here."""
    engine = create_store_engine(target)
    try:
        before, stamped = upgrade_to_head(engine, target.display)
    except exc.DBAPIError as error:
        engine.dispose()
        raise wrap_error(error, target.display) from error
    except BaseException:
        engine.dispose()
        raise
    reason = "database_read_only" if read_only else None
    store = ProgressStore(engine, where=target.display, clock=clock, read_only_reason=reason)
    return OpenedStore(
        store,
        OpenReport(
            database=target.display,
            path=None,
            created=before is None,
            journal_mode=None,
            journal_reason=None,
            backup_path=None,
            revision_before=before,
            revision=HEAD,
            stamped_unversioned=stamped,
            read_only_reason=reason,
        ),
    )


def open_store(
    target: str | Path,
    *,
    backup_keep: int = 7,
    force_rollback_journal: bool = False,
    clock: Clock = utc_now,
    read_only: bool = False,
    journal_dir: Path | None = None,
) -> OpenedStore:
    """Open the progress database at ``target`` (a file path or a SQLAlchemy URL).

    A server database (PostgreSQL) is checked, never migrated (``server_schema``: IT runs
    ``dxlearn db upgrade``), and has no lock, recovery or backup (the server's business:
    pg_dump). ``journal_dir`` (the app's data folder) holds the PC's journal of writes made
    while the server is away (``journal.py``); without it (the commands) nothing is kept.

    ``read_only`` (the reading commands: export, certificate) opens an existing file with
    ``mode=ro`` and a server database without migrations; nothing is locked, recovered,
    backed up or migrated, and a database that is not dxlearn's current schema is refused with
    the reason (``too_new``, ``needs_upgrade``, ``foreign_database``, ``not_dxlearn``).

    For a SQLite file: instance lock, integrity check and recovery, backup (``backup_keep``
    newest kept in ``backups/``; 0 disables), journal mode choice, migrations. A second instance,
    a read-only folder or file, or a ``?mode=ro`` URI give a read-only store whose writes raise
    ``StoreError`` with the reason code; ``report.read_only_reason`` says which.
    Raises ``StoreError`` (with ``code`` and ``path``) when nothing can be opened.
    """
    resolved = resolve_target(target)
    if not resolved.is_sqlite or resolved.path is None:
        return _open_server(resolved, clock, read_only=read_only, journal_dir=journal_dir)
    path = resolved.path
    try:
        kind = file_kind(path)
    except OSError as error:
        raise StoreError(error_code(error), path, str(error)) from error
    if kind is Kind.NOT_A_FILE:  # refused before a lock file or a folder is created
        raise StoreError("not_a_file", path, "not a regular file")
    if resolved.read_only_uri or read_only:
        return _open_read_only(resolved, "database_read_only", immutable=False, clock=clock)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = InstanceLock(path)
        locked = lock.acquire()
    except OSError as error:
        if error.errno in READ_ONLY_ERRNOS and path.exists():
            return _open_read_only(resolved, "data_dir_read_only", immutable=True, clock=clock)
        code = "data_dir_read_only" if error.errno in READ_ONLY_ERRNOS else "cannot_open"
        if error.errno == errno.ENOSPC:
            code = "disk_full"
        raise StoreError(code, path.parent, str(error)) from error
    if not locked:
        return _open_read_only(
            resolved, "second_instance", immutable=False, clock=clock, lock_holder=lock.holder()
        )
    try:
        if path.exists() and not _file_writable(path):
            lock.release()
            return _open_read_only(resolved, "database_read_only", immutable=False, clock=clock)
        return _open_writable(resolved, path, lock, backup_keep, force_rollback_journal, clock)
    except BaseException:
        lock.release()
        raise


def _damage(path: Path, found: Examination) -> str | None:
    """What is wrong with the file at ``path`` (None: open it as it is, or create it).

    Raises ``foreign_database`` for another application's database: it is left unchanged."""
    if found.kind is Kind.FOREIGN:
        raise StoreError("foreign_database", path, found.problem or "")
    if found.kind is Kind.DAMAGED:
        return found.problem or "damaged"
    if found.kind is Kind.MISSING:
        if list_backups(path):
            return "the database file is missing while backups exist"
        if _side_files(path):
            return "the database file is missing but its -wal/-shm/-journal are there"
        return None
    if found.kind in (Kind.EMPTY, Kind.NO_TABLES):
        # New only when no backup ever existed (a first start stopped before the schema was
        # written). With backups it is damage: restoring beats starting over silently.
        if backups_dir(path).is_dir() or wal_has_content(path):
            return found.problem or found.kind.value
        return None
    return None


def _side_files(path: Path) -> list[Path]:
    return [
        side
        for side in (path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))
        if side.exists()
    ]


def _examine(path: Path) -> Examination:
    try:
        return examine(path)
    except sqlite3.Error as error:
        raise wrap_error(error, path) from error


def _backup_failure(path: Path, error: BaseException) -> StoreError:
    """A pending migration is stopped: say ``disk_full`` when that is why (the learner can
    act on it), ``backup_failed`` otherwise."""
    code = error_code(error)
    if code == "io_error" and disk_nearly_full(path):
        code = "disk_full"
    return StoreError("disk_full" if code == "disk_full" else "backup_failed", path, str(error))


def _open_writable(
    target: Target,
    path: Path,
    lock: InstanceLock,
    backup_keep: int,
    force_rollback_journal: bool,
    clock: Clock,
) -> OpenedStore:
    found = _examine(path)
    damage = _damage(path, found)
    recovery = recover(path, damage, clock()) if damage else None
    backup_path: Path | None = None
    backup_error: BaseException | None = None
    if found.kind is Kind.DXLEARN and recovery is None:
        try:
            backup_path = make_backup(path, backup_keep, clock())
        except (OSError, sqlite3.Error) as error:
            backup_error = error
            logger.error("start-up backup of %s failed: %s", path, error)
    choice = choose_journal_mode(path, force_rollback_journal=force_rollback_journal)
    engine = create_store_engine(target, journal_mode=choice.mode)
    try:
        before, _unversioned = needed(engine)
        if backup_error is not None and before is not None and before != HEAD:
            raise _backup_failure(path, backup_error)
        before, stamped = upgrade_to_head(engine, str(path))
        mode = _journal(engine)
        with engine.connect() as connection:  # sanity: the schema is there
            connection.execute(text("SELECT 1 FROM learners LIMIT 1")).all()
    except exc.DBAPIError as error:
        engine.dispose()
        raise wrap_error(error, path) from error
    except BaseException:
        engine.dispose()
        raise
    if mode != choice.mode:
        logger.warning("journal_mode %s requested but %s in force for %s", choice.mode, mode, path)
    store = ProgressStore(
        engine, where=str(path), path=path, lock=lock, backup_keep=backup_keep, clock=clock
    )
    try:
        store.ensure_database_id()
    except (StoreError, ValueError) as error:  # best effort: exports then name the PC only
        logger.warning("no database id for %s: %s", path, error)
    report = OpenReport(
        database=target.display,
        path=path,
        created=before is None,
        journal_mode=mode,
        journal_reason=choice.reason,
        backup_path=backup_path,
        revision_before=before,
        revision=HEAD,
        stamped_unversioned=stamped,
        damage=damage,
        damaged_moved_to=recovery.moved_to if recovery else (),
        recovered_from=recovery.restored_from if recovery else None,
        backup_error=None if backup_error is None else str(backup_error),
    )
    logger.info("progress database %s opened: %s", path, report)
    return OpenedStore(store, report)
