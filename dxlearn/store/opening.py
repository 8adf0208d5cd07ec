"""``open_store``: everything that happens between "the app starts" and "the store is ready".

Order matters, and each step protects the next:

1. take the instance lock (a second instance opens read-only and touches nothing else);
2. ``quick_check``; a damaged file is moved aside and the newest good backup restored;
3. back up with the online backup API (so a failed migration can always be undone);
4. choose the journal mode (WAL locally, rollback journal on a network location);
5. run pending Alembic migrations (a failed backup stops a pending migration).

The returned ``OpenReport`` says what happened so the GUI can tell the learner calmly.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, exc, text

from dxlearn.store.backup import check_database, make_backup, recover
from dxlearn.store.base import Clock, utc_now
from dxlearn.store.engine import (
    Target,
    choose_journal_mode,
    create_store_engine,
    resolve_target,
    wrap_error,
)
from dxlearn.store.errors import StoreError
from dxlearn.store.lock import InstanceLock
from dxlearn.store.migrate import HEAD, current_revision, needed, upgrade_to_head
from dxlearn.store.records import OpenReport
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
            mode = str(connection.exec_driver_sql("PRAGMA journal_mode").scalar()).lower()
    except exc.DBAPIError as error:
        engine.dispose()
        raise wrap_error(error, target.path) from error
    if revision != HEAD:
        engine.dispose()
        raise StoreError(reason, target.path, f"revision {revision} needs a migration")
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


def _open_server(target: Target, clock: Clock) -> OpenedStore:
    """A database without a local file (PostgreSQL, SQLite in memory): migrations only."""
    engine = create_store_engine(target)
    try:
        before, stamped = upgrade_to_head(engine, target.display)
    except exc.DBAPIError as error:
        engine.dispose()
        raise wrap_error(error, target.display) from error
    store = ProgressStore(engine, where=target.display, clock=clock)
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
        ),
    )


def open_store(
    target: str | Path,
    *,
    backup_keep: int = 7,
    force_rollback_journal: bool = False,
    clock: Clock = utc_now,
) -> OpenedStore:
    """Open the progress database at ``target`` (a file path or a SQLAlchemy URL).

    For a SQLite file: instance lock, integrity check and recovery, backup (``backup_keep``
    newest kept in ``backups/``; 0 disables), journal mode choice, migrations. A second instance,
    a read-only folder or file, or a ``?mode=ro`` URI give a read-only store whose writes raise
    ``StoreError`` with the reason code; ``report.read_only_reason`` says which.
    Raises ``StoreError`` (with ``code`` and ``path``) when nothing can be opened.
    """
    resolved = resolve_target(target)
    if not resolved.is_sqlite or resolved.path is None:
        return _open_server(resolved, clock)
    path = resolved.path
    if resolved.read_only_uri:
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


def _open_writable(
    target: Target,
    path: Path,
    lock: InstanceLock,
    backup_keep: int,
    force_rollback_journal: bool,
    clock: Clock,
) -> OpenedStore:
    existed = path.exists() and path.stat().st_size > 0
    try:
        damage = check_database(path) if existed else None
    except sqlite3.Error as error:
        raise wrap_error(error, path) from error
    recovery = recover(path, damage) if damage else None
    backup_path: Path | None = None
    backup_error: str | None = None
    if existed and recovery is None:
        try:
            backup_path = make_backup(path, backup_keep)
        except (OSError, sqlite3.Error) as error:
            backup_error = str(error)
            logger.error("start-up backup of %s failed: %s", path, error)
    choice = choose_journal_mode(path, force_rollback_journal=force_rollback_journal)
    engine = create_store_engine(target, journal_mode=choice.mode)
    try:
        before, _unversioned = needed(engine)
        if backup_error is not None and before is not None and before != HEAD:
            raise StoreError("backup_failed", path, backup_error)
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
        backup_error=backup_error,
    )
    logger.info("progress database %s opened: %s", path, report)
    return OpenedStore(store, report)
