"""Opening the inputs of the commands that read progress: the database (read-only) and the
libraries (as the app finds them)."""

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
    """A read-only SQLAlchemy URL for a database path (URLs are used as given)."""
    from dxlearn.store.location import default_database_path

    if db and "://" in db:
        return db
    path = Path(db).expanduser().absolute() if db else default_database_path()
    if not path.is_file():
        raise NoDatabase(str(path))
    return f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true"


def library_path(ctx: CliContext) -> Path:
    from dxlearn.paths import lessons_dir

    return ctx.libraries[0] if ctx.libraries else lessons_dir()


@contextmanager
def opened_inputs(ctx: CliContext) -> Iterator[tuple[ProgressStore, Library]]:
    """(store, library) opened read-only; errors become messages by the caller."""
    from dxlearn.content.loader import load_library
    from dxlearn.store import open_store

    library = load_library(library_path(ctx))
    opened = open_store(database_target(ctx.db))
    try:
        yield opened.store, library
    finally:
        opened.close()
