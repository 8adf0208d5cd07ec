"""Engine creation, everything driver-specific (SQLite pragmas and journal mode, PostgreSQL
connection settings) and the error codes.

The repository only sees a SQLAlchemy ``Engine``; the SQLite and PostgreSQL details live here.

Journal mode: WAL with ``synchronous=FULL`` on a local disk (each commit is fsynced, readers
never block the writer). WAL needs shared memory between processes on one host, which network
file systems do not provide, so on a network location (UNC path, mapped network drive, NFS/SMB
mount) the rollback journal (``DELETE``) with ``synchronous=FULL`` is used instead. The policy
can force the rollback journal (``force_rollback_journal``), e.g. for a redirected folder that
the detection cannot see. The choice and the reason are logged and reported at open.

A server database (PostgreSQL with psycopg 3) gets: no server-side prepared statements
(``prepare_threshold=None``: a pooler in transaction mode hands each transaction to any server
connection, where a statement another client prepared would be missing or clash); a connect
timeout, TCP keepalives and a TCP user timeout, so a dead network is noticed in seconds; a
small pool without the pre-ping round trip, whose idle connections the store closes after a few
seconds (``store/server.py``: a window holds a server connection only while it works). What the
driver cannot bound (a server that accepts a connection and then says nothing) is bounded by the
store's deadline. IT may override any of these connection settings in the URL's query
(``?connect_timeout=10``).
"""

from __future__ import annotations

import importlib.util
import logging
import re
import shutil
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import QueuePool, StaticPool

from dxlearn.paths import is_unc
from dxlearn.store.errors import StoreError
from dxlearn.store.location import absolute_path, sqlite_uri

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
NETWORK_FS_TYPES = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs", "ncpfs"}
)
DRIVE_REMOTE = 4  # GetDriveTypeW
MIN_FREE_BYTES = 1 << 20  # with less free space than this (plus the file), I/O errors are "full"

# libpq connection settings for a server database (seconds unless named otherwise). The URL's
# query wins over these, so IT can tune them without a new release.
SERVER_CONNECT_ARGS: dict[str, object] = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 3,
    "keepalives_count": 3,
    "tcp_user_timeout": 10_000,  # milliseconds of unacknowledged data (Linux; ignored elsewhere)
    "application_name": "dxlearn",
}
SERVER_POOL_SIZE = 2  # the window's worker and an abandoned call (store/server.py)
SERVER_POOL_OVERFLOW = 4


@dataclass(frozen=True, slots=True)
class JournalChoice:
    mode: str  # "wal" or "delete"
    reason: str  # "local_disk", "unc_path", "network_drive", "network_mount:<type>", "policy"


@dataclass(frozen=True, slots=True)
class Target:
    """Where the database is: a SQLite file (``path``), SQLite in memory, or another server."""

    url: URL
    path: Path | None  # the SQLite file, None for memory or a server database
    read_only_uri: bool = False  # a ``file:...?mode=ro`` SQLite URI

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def display(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)


# The database kinds dxlearn supports, each with the drivers it knows and the module that
# driver needs. Checked before any engine is created: a missing driver is a clear message,
# never a connection attempt or an ImportError traceback.
SUPPORTED_DRIVERS: dict[str, dict[str, str]] = {
    "sqlite": {"pysqlite": "sqlite3"},
    "postgresql": {"psycopg": "psycopg", "psycopg2": "psycopg2", "pg8000": "pg8000"},
}
_PASSWORD = re.compile(r"(://[^/@:]*:)[^/@]*@")


def _without_password(text: str) -> str:
    return _PASSWORD.sub(r"\1***@", text)


def _bad_url(text: str, detail: str) -> StoreError:
    return StoreError("bad_url", _without_password(text), detail)


def _file_path(text: str) -> Path:
    """An absolute path: a relative one is taken from the current folder once, here."""
    return absolute_path(text)


def _driver_module(url: URL, text: str) -> str:
    """The module the URL's driver needs; ``unsupported_url`` for another kind of database."""
    backend = url.get_backend_name()
    drivers = SUPPORTED_DRIVERS.get(backend)
    if drivers is None:
        raise StoreError("unsupported_url", _without_password(text), f"backend {backend!r}",
                         params={"scheme": url.drivername})
    try:
        driver = url.get_driver_name()  # loads SQLAlchemy's dialect, never the driver itself
    except exc.NoSuchModuleError as error:
        raise StoreError("unsupported_url", _without_password(text), str(error),
                         params={"scheme": url.drivername}) from error
    module = drivers.get(driver)
    if module is None:
        raise StoreError("unsupported_url", _without_password(text), f"driver {driver!r}",
                         params={"scheme": url.drivername})
    return module


def check_driver(target: Target) -> None:
    """``driver_missing`` when the driver's module is not installed: found without importing
    it and before any engine exists, so nothing tries to connect."""
    module = _driver_module(target.url, target.display)
    if importlib.util.find_spec(module) is None:
        raise StoreError("driver_missing", target.display, f"no module {module!r}",
                         params={"driver": module})


def resolve_target(target: str | Path) -> Target:
    """Accept a file path or a SQLAlchemy URL (``sqlite:///...``, ``postgresql+psycopg://...``).

    A ``sqlite:///file:...?mode=ro&uri=true`` URL opens the file read-only. ``sqlite://``
    (and ``sqlite:///:memory:``) is a database in memory. A relative file path is made absolute
    here, once, so nothing later depends on the working directory. Raises ``StoreError``:
    ``bad_url`` (unreadable, or ``sqlite:///`` without a file), ``unsupported_url`` (another
    kind of database or driver). Whether the driver is installed is checked by
    ``create_store_engine`` (``driver_missing``).
    """
    text = str(target)
    if isinstance(target, Path) or "://" not in text:
        path = _file_path(text)
        return Target(URL.create("sqlite", database=str(path)), path)
    try:
        url = make_url(text)
    except (exc.ArgumentError, ValueError) as error:
        raise _bad_url(text, str(error)) from error
    _driver_module(url, text)
    if url.get_backend_name() != "sqlite":
        if not url.host and not url.query.get("host"):
            raise _bad_url(text, "no server")
        return Target(url, None)
    if url.host or url.port or url.username:
        raise _bad_url(text, "a SQLite URL names a file, not a server")
    database = url.database
    if database is None or database == ":memory:":
        return Target(url, None)
    if not database.strip():  # "sqlite:///": the file was left out
        raise _bad_url(text, "no file after sqlite:///")
    read_only = False
    if database.startswith("file:"):
        read_only = url.query.get("mode") == "ro"
        database = database.removeprefix("file:").removeprefix("//")
    return Target(url, _file_path(database), read_only)


def _windows_drive_is_remote(path: Path) -> bool:
    if sys.platform != "win32":  # pragma: no cover - exercised on Windows only
        return False
    import ctypes

    anchor = path.anchor or str(path)[:3]
    kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined,unused-ignore]
    return bool(kernel32.GetDriveTypeW(ctypes.c_wchar_p(anchor)) == DRIVE_REMOTE)


def _unescape_mount(field: str) -> str:
    # /proc/mounts escapes space, tab, newline and backslash as octal (\040 ...)
    return (
        field.replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\")
    )


def mount_fs_type(path: Path, mounts_text: str) -> str | None:
    """File system type of the longest mount point containing ``path`` in /proc/mounts text."""
    best: tuple[int, str] | None = None
    target = PurePosixPath(str(path))
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = PurePosixPath(_unescape_mount(fields[1]))
        if target == mount_point or mount_point in target.parents:
            depth = len(mount_point.parts)
            if best is None or depth >= best[0]:
                best = (depth, fields[2])
    return best[1] if best else None


def network_reason(
    path: Path, *, platform: str = sys.platform, mounts_text: str | None = None
) -> str | None:
    """Why ``path`` is on a network location, or None for a local disk."""
    if is_unc(str(path)):
        return "unc_path"
    if platform == "win32":
        try:
            return "network_drive" if _windows_drive_is_remote(path) else None
        except OSError as error:  # pragma: no cover - Windows only
            logger.warning("GetDriveTypeW failed for %s: %s", path, error)
            return None
    if platform.startswith("linux"):
        if mounts_text is None:
            try:
                mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
            except OSError:
                return None
        fs_type = mount_fs_type(path.resolve(), mounts_text)
        if fs_type is not None and (fs_type in NETWORK_FS_TYPES or fs_type.startswith("nfs")):
            return f"network_mount:{fs_type}"
    return None


def choose_journal_mode(
    path: Path, *, force_rollback_journal: bool = False, **detect: Any
) -> JournalChoice:
    """WAL on a local disk; the rollback journal on a network location or by policy."""
    if force_rollback_journal:
        choice = JournalChoice("delete", "policy")
    else:
        reason = network_reason(path, **detect)
        choice = JournalChoice("delete", reason) if reason else JournalChoice("wal", "local_disk")
    logger.info("journal_mode=%s for %s (reason: %s)", choice.mode.upper(), path, choice.reason)
    return choice


def connect_sqlite(path: Path, *, read_only: bool = False, immutable: bool = False) -> Any:
    """A raw ``sqlite3`` connection in autocommit mode (we issue BEGIN ourselves)."""
    return sqlite3.connect(
        sqlite_uri(path, read_only=read_only, immutable=immutable),
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )


def truncate_wal(path: Path) -> bool:
    """Checkpoint the whole WAL into ``path`` and truncate it, so that the file alone holds
    every record (someone may copy ``progress.db`` without its -wal). True when no WAL with
    content is left; a reader still open elsewhere can prevent it (logged)."""
    wal = path.with_name(path.name + "-wal")
    if not wal.exists():
        return True
    connection = connect_sqlite(path)
    try:
        busy, frames, done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        connection.close()  # the last connection to close also removes the -wal
    left = wal.stat().st_size if wal.exists() else 0
    if busy or left:
        logger.warning(
            "WAL of %s not fully checkpointed (busy=%s, frames=%s, done=%s, %d bytes left): "
            "another connection is still open", path, busy, frames, done, left,
        )
        return False
    return True


def apply_pragmas(dbapi_connection: Any, journal_mode: str | None) -> str:
    """Set the connection pragmas; returns the journal mode actually in force."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if journal_mode is not None:
            cursor.execute(f"PRAGMA journal_mode={journal_mode}")
        cursor.execute("PRAGMA synchronous=FULL")
        row = cursor.execute("PRAGMA journal_mode").fetchone()
        return str(row[0]).lower()
    finally:
        cursor.close()


def create_store_engine(
    target: Target,
    *,
    journal_mode: str | None = None,
    read_only: bool = False,
    immutable: bool = False,
) -> Engine:
    """The engine for ``target``. For SQLite: pragmas on every connection, explicit ``BEGIN``.

    pysqlite's own transaction handling defers ``BEGIN`` and commits before DDL, which breaks
    SQLAlchemy's transactions; the documented recipe is autocommit at the driver and our own
    ``BEGIN``. Writers use ``BEGIN IMMEDIATE`` so the write lock is taken up front and waits in
    ``busy_timeout`` instead of failing halfway through a unit of work.
    """
    if not target.is_sqlite:
        check_driver(target)
        return create_engine(target.url, connect_args=server_connect_args(target.url),
                             poolclass=QueuePool, pool_size=SERVER_POOL_SIZE,
                             max_overflow=SERVER_POOL_OVERFLOW, pool_pre_ping=False)
    if target.path is None:
        engine = create_engine(
            "sqlite+pysqlite://",
            creator=lambda: sqlite3.connect(
                ":memory:", isolation_level=None, check_same_thread=False
            ),
            poolclass=StaticPool,
        )
        journal_mode = None
    else:
        path = target.path
        engine = create_engine(
            "sqlite+pysqlite://",
            creator=lambda: connect_sqlite(path, read_only=read_only, immutable=immutable),
            poolclass=QueuePool,
            pool_size=2,
            max_overflow=4,
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        apply_pragmas(dbapi_connection, None if read_only else journal_mode)

    begin_sql = "BEGIN" if read_only else "BEGIN IMMEDIATE"

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin_sql)

    return engine


def server_connect_args(url: URL) -> dict[str, object]:
    """The driver's connection settings: :data:`SERVER_CONNECT_ARGS` (for psycopg also
    ``prepare_threshold=None``) less what the URL's query sets itself."""
    found = {k: v for k, v in SERVER_CONNECT_ARGS.items() if k not in url.query}
    if url.get_driver_name() == "psycopg":
        found["prepare_threshold"] = None  # psycopg 3: never prepare on the server
    elif url.get_driver_name() != "psycopg2":
        found = {}  # pg8000 takes other names; it gets its own defaults
    return found


# SQLSTATE classes and codes of PostgreSQL errors (appendix A of its manual).
_SERVER_GONE = ("08", "57P01", "57P02", "57P03")  # connection exceptions, shutdowns
_SERVER_CODES = {
    "57014": "server_timeout",  # query_canceled: a statement_timeout the server enforced
    "40001": "database_locked",  # serialization_failure: retried
    "40P01": "database_locked",  # deadlock_detected: retried
    "55P03": "database_locked",  # lock_not_available (lock_timeout)
    "42501": "server_permission",  # insufficient_privilege (row-level security, grants)
    "22001": "invalid_value",  # string_data_right_truncation: an id longer than its column
    "28P01": "server_login_failed",  # invalid_password
    "28000": "server_login_failed",  # invalid_authorization_specification
    "3D000": "server_login_failed",  # the database named in the URL does not exist
    "42P01": "server_not_set_up",  # undefined_table
    "53300": "server_busy",  # too_many_connections
}


def _server_error_code(error: BaseException, original: BaseException) -> str | None:
    """The code of a server (PostgreSQL) error, None when it is not one."""
    if isinstance(error, exc.TimeoutError):  # the pool waited for a connection in vain
        return "server_timeout"
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    if isinstance(state, str) and state:
        if state.startswith(_SERVER_GONE):
            return "server_unreachable"
        return _SERVER_CODES.get(state)
    module = type(original).__module__.split(".")[0]
    if module not in ("psycopg", "psycopg2", "pg8000"):
        return None
    text = str(original).lower()
    if "too many" in text and "connection" in text:
        return "server_busy"
    if "password authentication failed" in text or "authentication failed" in text:
        return "server_login_failed"
    if type(original).__name__ in ("OperationalError", "InterfaceError") or (
            isinstance(error, exc.DBAPIError) and error.connection_invalidated):
        return "server_unreachable"  # refused, reset, timed out, closed unexpectedly
    return None


def error_code(error: BaseException) -> str:
    """Map a database or OS error to a StoreError code."""
    original = error.orig if isinstance(error, exc.DBAPIError) else error
    server = _server_error_code(error, original) if original is not None else None
    if server is not None:
        return server
    name = getattr(original, "sqlite_errorname", "") or ""
    text = str(original).lower()
    if name == "SQLITE_FULL" or "disk is full" in text:
        return "disk_full"
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return "database_read_only"
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED") or "is locked" in text:
        return "database_locked"
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in text:
        return "damaged"
    if name.startswith("SQLITE_CANTOPEN"):
        return "cannot_open"
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return "io_error"
    if isinstance(original, OSError):
        import errno

        if original.errno == errno.ENOSPC:
            return "disk_full"
        if original.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "data_dir_read_only"
        return "io_error"
    return "database_error"


def disk_nearly_full(path: Path) -> bool:
    """Too little space beside ``path`` for another copy of it: SQLite reports some writes on
    a full disk (the -shm of a WAL database, a backup) as a plain I/O error."""
    try:
        free = shutil.disk_usage(path.parent).free
        size = path.stat().st_size if path.is_file() else 0
    except (OSError, ValueError):
        return False
    return free < size + MIN_FREE_BYTES


def wrap_error(error: BaseException, path: Path | str | None) -> StoreError:
    code = error_code(error)
    on_file = path is not None and "://" not in str(path)
    if code == "io_error" and on_file and disk_nearly_full(Path(str(path))):
        code = "disk_full"
    detail = _without_password(str(error))
    if code.startswith("server_"):  # a network or a server's answer: the reason, not the SQL
        original = error.orig if isinstance(error, exc.DBAPIError) else error
        first = _without_password(str(original)).strip().splitlines()
        logger.warning("store: %s at %s: %s", code, path, first[0] if first else type(error))
    else:
        logger.error("store error %s at %s: %s", code, path, detail)
    return StoreError(code, path, detail=detail)
