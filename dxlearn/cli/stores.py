"""Opening the inputs of the commands that read progress: the database (read-only) and the
libraries (as the app finds them).

What a command says when the database cannot be read (the exit statuses are each command's:
``dxlearn export`` and ``dxlearn certificate`` exit 1 for every case below, with one calm line
on stderr and never a traceback; the desktop app shows the same message and exits 3):

- ``NoDatabase``: nothing at the path (``cli.no_database`` names it), also for ``sqlite://``
  (a database in memory holds nothing to read);
- ``StoreError`` with its code and the path: ``not_a_file`` (a folder, a FIFO, a device),
  ``bad_url``, ``unsupported_url``, ``driver_missing`` (checked before any connection),
  ``foreign_database``, ``not_dxlearn`` (an empty or table-less file), ``too_new`` (made by a
  newer dxlearn), ``needs_upgrade`` (an older schema: the app updates it when it next opens),
  ``damaged``, ``database_locked``, ``cannot_open``.

Nothing is ever written: the file is opened with ``mode=ro`` and a server database is never
migrated by a reading command.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .common import CliContext

if TYPE_CHECKING:
    from dxlearn.content.model import Library
    from dxlearn.store.repository import ProgressStore


class NoDatabase(Exception):
    """No progress database where the command looked; the message names the place."""


def database_target(db: str | None) -> str:
    """The database a reading command opens: an absolute file path, or a server URL as given.

    Raises ``NoDatabase`` when there is no file there (or only a database in memory), and
    ``StoreError`` for a value that can never be a progress database (see the module
    docstring); neither opens anything.
    """
    from dxlearn.store.checks import Kind, file_kind
    from dxlearn.store.engine import resolve_target
    from dxlearn.store.errors import StoreError
    from dxlearn.store.location import absolute_path, default_database_path

    if db and "://" in db:
        target = resolve_target(db)  # bad_url, unsupported_url
        if not target.is_sqlite:
            return db
        if target.path is None:
            raise NoDatabase(db)
        path = target.path
    else:
        path = absolute_path(db) if db else default_database_path()
    try:
        kind = file_kind(path)
    except OSError as error:
        raise StoreError("cannot_open", path, str(error)) from error
    if kind is Kind.NOT_A_FILE:
        raise StoreError("not_a_file", path, "not a regular file")
    if kind is Kind.MISSING:
        raise NoDatabase(str(path))
    return str(path)


def library_path(ctx: CliContext) -> Path:
    from dxlearn.paths import lessons_dir

    return ctx.libraries[0] if ctx.libraries else lessons_dir()


@contextmanager
def opened_inputs(ctx: CliContext) -> Iterator[tuple[ProgressStore, Library]]:
    """(store, library) opened read-only; errors become messages by the caller."""
    from dxlearn.content.loader import load_library
    from dxlearn.store import open_store

    library = load_library(library_path(ctx))
    opened = open_store(database_target(ctx.db), read_only=True)
    try:
        yield opened.store, library
    finally:
        opened.close()
