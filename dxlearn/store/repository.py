"""The progress store: the one place that queries the progress database.

``ProgressStore`` is built by ``open_store`` (``opening.py``). Every method is one unit of work
and returns frozen dataclasses from ``records.py``. Learners are addressed by ``staff_id``.
The operations are grouped by subject in mixins: ``progress.py`` (lessons), ``attempts.py``
(quizzes), ``review.py`` (the review queue), ``study_days.py`` (the record page); learners,
settings, the HR export feed and closing are here.
"""

from __future__ import annotations

import gc
import json
import logging
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.pool import QueuePool

from dxlearn.store.backup import make_backup
from dxlearn.store.base import unit
from dxlearn.store.engine import truncate_wal
from dxlearn.store.errors import StoreError
from dxlearn.store.models import ATTEMPTS, LEARNERS, LESSON_PROGRESS, SETTINGS
from dxlearn.store.queries import (
    PROGRESS_COLUMNS,
    attempt_stats_select,
    changed,
    learner_record,
    progress_record,
    stats_from_values,
)
from dxlearn.store.records import Learner, LearnerProgress, LessonProgress
from dxlearn.store.review import ReviewOps
from dxlearn.store.server import READ, WRITE, LinkStatus
from dxlearn.store.study_days import RecordOps
from dxlearn.store.upsert import insert_for

logger = logging.getLogger(__name__)

STORE_SCOPE = "store"  # the store's own facts, apart from the GUI's "app" preferences
APP_SCOPE = "app"  # a per-PC database's preferences and PC settings
DATABASE_ID_KEY = "database_id"
L = LEARNERS.c
P = LESSON_PROGRESS.c
A = ATTEMPTS.c
IN_LIST_LIMIT = 500  # above this, filter learners in Python instead of a huge IN (...)


def _clean(value: str, field: str, where: str, *, required: bool = True) -> str:
    if not isinstance(value, str):
        raise StoreError("invalid_value", where, f"{field} must be text")
    cleaned = value.strip()
    if required and not cleaned:
        raise StoreError("invalid_value", where, f"{field} is empty")
    return cleaned


class ProgressStore(ReviewOps, RecordOps):
    """Learners' progress. Use as a context manager or call ``close()`` at a clean exit."""

    # -- learners -------------------------------------------------------------------------------

    def _check_learner_ids(self, staff_id: str, role: str) -> None:
        self._check_ids(staff_id=(staff_id, LEARNERS.c.staff_id), role=(role, LEARNERS.c.role))

    def _insert_learner(self, connection: Connection, staff_id: str, name: str, department: str,
                        role: str) -> bool:
        """INSERT ... ON CONFLICT (staff_id) DO NOTHING; True when this call made the row (a
        duplicate is no error here: the caller decides). ``owner`` is left to the server's
        default (current_user)."""
        now = self._now()
        made = connection.execute(insert_for(self.engine.dialect.name, LEARNERS).values(
            staff_id=staff_id, name=_clean(name, "name", self.where),
            department=_clean(department, "department", self.where, required=False),
            role=_clean(role, "role", self.where), created_at=now, updated_at=now,
        ).on_conflict_do_nothing(index_elements=["staff_id"]).returning(LEARNERS.c.id))
        return made.first() is not None

    @unit(WRITE, idempotent=False)
    def register_learner(self, staff_id: str, name: str, department: str, role: str) -> Learner:
        """Register a learner. ``staff_id`` is kept as text exactly as typed (leading zeros,
        surrounding spaces removed). Raises ``StoreError("learner_exists")`` for a duplicate
        (also one registered at the same moment elsewhere, or by another database role)."""
        staff_id = _clean(staff_id, "staff_id", self.where)
        self._check_learner_ids(staff_id, role)
        query = select(LEARNERS).where(L.staff_id == staff_id)
        with self._write() as connection:
            if (connection.execute(query).first() is not None
                    or not self._insert_learner(connection, staff_id, name, department, role)):
                raise StoreError("learner_exists", self.where, f"staff_id={staff_id!r}")
            row = connection.execute(query).first()
            assert row is not None
            return learner_record(row)

    @unit(WRITE, offline_answer=True)
    def ensure_learner(self, staff_id: str, name: str, department: str, role: str) -> Learner:
        """The learner ``staff_id``, registered with these details when the database does not
        know them yet (signing in). One transaction; a second PC registering the same learner
        at the same moment is no error (``ON CONFLICT DO NOTHING``). On a server, a staff id
        registered by another database role is ``learner_exists`` (its rows are not ours)."""
        staff_id = _clean(staff_id, "staff_id", self.where)
        self._check_learner_ids(staff_id, role)
        query = select(LEARNERS).where(L.staff_id == staff_id)
        with self._write() as connection:
            row = connection.execute(query).first()
            if row is None:
                self._insert_learner(connection, staff_id, name, department, role)
                row = connection.execute(query).first()
            if row is None:
                raise StoreError("learner_exists", self.where,
                                 f"staff_id={staff_id!r} belongs to another database role")
            return learner_record(row)

    @unit(WRITE)
    def update_learner(
        self,
        staff_id: str,
        *,
        name: str | None = None,
        department: str | None = None,
        role: str | None = None,
    ) -> Learner:
        """Change a learner's name, department or role (the GUI enforces ``lock_profile``)."""
        with self._write() as connection:
            row = connection.execute(select(LEARNERS).where(L.staff_id == staff_id)).first()
            if row is None:
                raise StoreError("learner_unknown", self.where, f"staff_id={staff_id!r}")
            changes: dict[str, Any] = {}
            if name is not None:
                changes["name"] = _clean(name, "name", self.where)
            if department is not None:
                changes["department"] = _clean(department, "department", self.where,
                                               required=False)
            if role is not None:
                changes["role"] = _clean(role, "role", self.where)
            changes["updated_at"] = self._now()
            connection.execute(update(LEARNERS).where(L.id == row.id).values(**changes))
            return learner_record(changed(row, changes))

    @unit(READ)
    def get_learner(self, staff_id: str) -> Learner | None:
        with self._read() as connection:
            row = connection.execute(select(LEARNERS).where(L.staff_id == staff_id)).first()
            return None if row is None else learner_record(row)

    @unit(READ)
    def list_learners(self) -> list[Learner]:
        """All learners ordered by staff_id (for the sign-in picker); the same (byte) order on
        SQLite and PostgreSQL. On a server with row-level security, the ones this database
        role may see."""
        with self._read() as connection:
            return [learner_record(r)
                    for r in connection.execute(select(LEARNERS).order_by(L.staff_id))]

    # -- settings -------------------------------------------------------------------------------

    @unit(READ)
    def get_setting(self, scope: str, key: str, default: Any = None) -> Any:
        """A JSON value stored with ``set_setting``; ``scope`` is "app" or a staff_id."""
        with self._read() as connection:
            row = connection.execute(select(SETTINGS.c.value).where(
                SETTINGS.c.scope == scope, SETTINGS.c.key == key)).first()
            return default if row is None else row.value

    @unit(READ)
    def settings_for(self, scope: str) -> dict[str, Any]:
        with self._read() as connection:
            rows = connection.execute(select(SETTINGS.c.key, SETTINGS.c.value).where(
                SETTINGS.c.scope == scope))
            return {r.key: r.value for r in rows}

    @unit(WRITE, journal=True)
    def set_setting(self, scope: str, key: str, value: Any) -> None:
        """Store a JSON-serialisable preference (font size, theme, language, last learner):
        one upsert."""
        try:
            json.dumps(value)
        except (TypeError, ValueError) as error:
            raise StoreError("invalid_value", self.where, f"{key}: {error}") from error
        self._check_ids(scope=(scope, SETTINGS.c.scope), key=(key, SETTINGS.c.key))
        now = self._now()
        insert = insert_for(self.engine.dialect.name, SETTINGS).values(
            scope=scope, key=key, value=value, updated_at=now)
        with self._write() as connection:
            connection.execute(insert.on_conflict_do_update(
                index_elements=["scope", "key"],
                set_={"value": insert.excluded.value, "updated_at": insert.excluded.updated_at}))

    # -- where preferences and PC settings live -------------------------------------------------

    def preference_scope(self, staff_id: str | None) -> str:
        """The settings scope of the signed-in learner's preferences (text size, contrast,
        language, the library studied): on a per-PC file "app", as ever; on a server the
        learner's staff id, so they follow the learner from PC to PC."""
        if not self.on_server:
            return APP_SCOPE
        if not staff_id:
            raise StoreError("learner_unknown", self.where, "no learner signed in")
        return staff_id

    def pc_setting(self, key: str, default: Any = None) -> Any:
        """A setting of this PC (the last learner signed in here): in a per-PC file the
        database's "app" scope; on a server this PC's own file (``journal.Journal``)."""
        if self._link is None:
            return self.get_setting(APP_SCOPE, key, default)
        return self._link.pc_get(key, default)

    def set_pc_setting(self, key: str, value: Any) -> None:
        if self._link is None:
            self.set_setting(APP_SCOPE, key, value)
        else:
            self._link.pc_set(key, value)

    # -- the server link ------------------------------------------------------------------------

    def link_status(self) -> LinkStatus | None:
        """The server's state as this window last saw it (None for a per-PC file): no I/O
        beyond this PC's journal file."""
        return None if self._link is None else self._link.status()

    def flush_journal(self) -> int:
        """Send the writes kept while the server was away (in order); how many were sent."""
        return 0 if self._link is None else self._link.drain(self, force=True)

    # -- HR export feed -------------------------------------------------------------------------

    def learner_progress(
        self, library_id: str, staff_ids: Sequence[str] | None = None
    ) -> Iterator[LearnerProgress]:
        """For the HR export: each learner (ordered by staff_id) with their lesson records in
        ``library_id``; ``staff_ids`` None means everyone.

        Two queries in one read transaction (a consistent snapshot): the learners, and their
        progress rows joined with the attempt statistics aggregated in SQL; both streamed and
        merged by learner, so memory stays flat for 10,000 learners x 40 lessons. Every attempt
        has a progress row (``start_attempt`` creates it). Lessons without a record are absent
        (``not_started``). Consume the iterator fully or close it.
        """
        wanted = None if staff_ids is None else set(staff_ids)
        stats = attempt_stats_select().where(A.library_id == library_id).subquery()
        learners_q = select(LEARNERS).order_by(L.staff_id, L.id)
        progress_q = (
            select(
                P.learner_id,
                *PROGRESS_COLUMNS,
                stats.c.started,
                stats.c.finished,
                stats.c.best_score,
                stats.c.passed,
                stats.c.first_started_at,
            )
            .join(LEARNERS, L.id == P.learner_id)
            .outerjoin(
                stats, (stats.c.learner_id == P.learner_id) & (stats.c.lesson_id == P.lesson_id)
            )
            .where(P.library_id == library_id)
            .order_by(L.staff_id, L.id)
        )
        if wanted is not None and len(wanted) <= IN_LIST_LIMIT:
            learners_q = learners_q.where(L.staff_id.in_(sorted(wanted)))
            progress_q = progress_q.where(L.staff_id.in_(sorted(wanted)))
        width = 1 + len(PROGRESS_COLUMNS)
        with self._read() as connection:
            learners = connection.execute(learners_q.execution_options(yield_per=1000))
            progress = iter(connection.execute(progress_q.execution_options(yield_per=2000)))
            pending = next(progress, None)
            # Both streams are ordered by (staff_id, learner id): one forward merge.
            for row in learners:
                lessons: dict[str, LessonProgress] = {}
                while pending is not None and pending[0] == row.id:
                    lesson_id = pending[1]
                    lessons[lesson_id] = progress_record(
                        library_id, lesson_id, pending[1:width], stats_from_values(*pending[width:])
                    )
                    pending = next(progress, None)
                if wanted is None or row.staff_id in wanted:
                    yield LearnerProgress(learner_record(row), lessons)

    # -- lifecycle ------------------------------------------------------------------------------

    def database_id(self) -> str:
        """A random id this database keeps for life (set when it is first opened for
        writing): exports carry it so ``hr merge`` recognises one database exported from
        several PCs (a data folder on a network drive, non-persistent desktops)."""
        value = self.get_setting(STORE_SCOPE, DATABASE_ID_KEY)
        return value if isinstance(value, str) else ""

    def ensure_database_id(self) -> str:
        existing = self.database_id()
        if existing or self.on_server:  # a server's id is made by ``dxlearn db upgrade``
            return existing
        created = str(uuid.uuid4())
        self.set_setting(STORE_SCOPE, DATABASE_ID_KEY, created)
        return created

    def close(self) -> Path | None:
        """Clean exit: close every connection, write the exit backup, checkpoint the WAL into
        the file (``wal_checkpoint(TRUNCATE)``: ``progress.db`` alone then holds everything),
        release the instance lock.

        Returns the backup written (None for read-only stores, server databases or when
        backups are disabled). A failed backup or checkpoint is logged, never raised: the data
        is safe in the database itself and the learner is quitting.
        """
        if self._closed:
            return None
        self._closed = True
        if self._link is not None:
            self._link.stop()
        gc.collect()  # a reader dropped in a reference cycle gives its connection back
        in_use = self.engine.pool.checkedout() if isinstance(self.engine.pool, QueuePool) else 0
        if in_use:
            logger.warning("%d connection(s) to %s still in use at close", in_use, self.where)
        self.engine.dispose()
        backup: Path | None = None
        try:
            if self.path is not None and not self.read_only:
                backup = self._exit_backup(self.path)
                try:
                    truncate_wal(self.path)
                except sqlite3.Error as error:
                    logger.warning("WAL checkpoint of %s at exit failed: %s", self.path, error)
        finally:
            if self._lock is not None:
                self._lock.release()
        return backup

    def _exit_backup(self, path: Path) -> Path | None:
        if self.backup_keep <= 0:
            return None
        try:
            return make_backup(path, self.backup_keep, self._now())
        except Exception:
            logger.exception("exit backup of %s failed", path)
            return None

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
