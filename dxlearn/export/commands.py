"""The ``export``, ``verify``, ``hr merge`` and ``certificate`` subcommands' work.

``dxlearn.cli`` parses the arguments and calls these; they print one clear line per problem
(naming the file, row, column) on stderr and return the exit status.
"""

from __future__ import annotations

import argparse
import logging
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from dxlearn.export.settings import ExportSettings, SettingsError, settings_from_environment

logger = logging.getLogger(__name__)


def settings_from_args(args: argparse.Namespace) -> ExportSettings:
    return settings_from_environment(
        organisation=getattr(args, "organisation", None),
        organisation_url=getattr(args, "organisation_url", None),
        key_file=getattr(args, "key_file", None),
        key_id=getattr(args, "key_id", None),
        device=getattr(args, "device", None),
    )


def database_target(db: str | None) -> str:
    """A read-only SQLAlchemy URL for a database path (URLs are used as given)."""
    from dxlearn.store import default_database_path

    if db and "://" in db:
        return db
    path = Path(db).expanduser().absolute() if db else default_database_path()
    if not path.is_file():
        raise FileNotFoundError(f"no progress database at {path}; pass --db PATH")
    return f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true"


def library_path(args: argparse.Namespace) -> Path:
    from dxlearn.paths import lessons_dir

    libraries = getattr(args, "library", None)
    return Path(libraries[0]) if libraries else lessons_dir()


@contextmanager
def opened_inputs(args: argparse.Namespace) -> Any:
    """(store, library) opened read-only; errors become messages by the caller."""
    from dxlearn.content.loader import load_library
    from dxlearn.store import open_store

    library = load_library(library_path(args))
    opened = open_store(database_target(getattr(args, "db", None)))
    try:
        yield opened.store, library
    finally:
        opened.close()


def quiet_logging() -> None:
    """Without a configured log, show only errors (the read-only open is logged as a warning,
    which is expected here and would only confuse)."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.ERROR)
        root.addHandler(handler)


def fail(command: str, message: str, stream: TextIO | None = None) -> int:
    print(f"dxlearn {command}: error: {message}", file=stream or sys.stderr)
    return 1


def run_export(args: argparse.Namespace) -> int:
    from dxlearn.content.loader import LibraryError
    from dxlearn.export.api import ExportOptions, Format, export_completion
    from dxlearn.export.columns import Scope
    from dxlearn.export.errors import ExportError
    from dxlearn.store import StoreError

    quiet_logging()
    output = Path(args.output)
    try:
        settings = settings_from_args(args)
        options = ExportOptions(
            scope=Scope(args.scope),
            format=Format(args.format) if args.format else None,
            encoding=args.encoding,
            header=args.header,
            learners=tuple(args.learner) if args.learner else None,
        )
        with opened_inputs(args) as (store, library):
            result = export_completion(store, library, output, options, settings)
    except (ExportError, SettingsError, LibraryError, FileNotFoundError) as error:
        return fail("export", str(error))
    except StoreError as error:
        return fail("export", f"{error}; close and reopen the app once if it was just updated")
    signed = f"signed with key {settings.key_id}" if result.signed else "unsigned (no key)"
    unit = "statements" if result.format is Format.XAPI else "rows"
    print(f"{result.path}: {result.rows} {unit} ({result.format.value}, {options.scope.value}); "
          f"{result.sig_path.name} written, {signed}")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from dxlearn.export.verify import combined_status, verify_files

    quiet_logging()
    try:
        settings = settings_from_args(args)
    except SettingsError as error:
        return fail("verify", str(error))
    verdicts = verify_files([Path(p) for p in args.files], settings)
    for verdict in verdicts:
        print(verdict.line())
    return combined_status(verdicts)


class TerminalProgress:
    """A progress bar on stderr when it is a terminal (nothing otherwise)."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.label = label
        self._last = -1

    def __call__(self, done: int, total: int) -> bool:
        if not self.enabled or total <= 0:
            return True
        percent = done * 100 // total
        if percent != self._last:
            self._last = percent
            bar = "#" * (percent // 4)
            self.stream.write(f"\r{self.label} [{bar:<25}] {percent:3d}% {done}/{total}")
            if done >= total:
                self.stream.write("\n")
            self.stream.flush()
        return True


def run_merge(args: argparse.Namespace) -> int:
    from dxlearn.export.errors import ExportError
    from dxlearn.export.merge import MergeOptions, merge_exports

    quiet_logging()
    try:
        settings = settings_from_args(args)
        options = MergeOptions(
            require_signature=args.require_signature,
            encoding=args.encoding,
            header=args.header,
        )
        result = merge_exports(
            [Path(p) for p in args.inputs], Path(args.output),
            roster=Path(args.roster) if args.roster else None,
            options=options, settings=settings,
            progress=TerminalProgress("merging"),
        )
    except (ExportError, SettingsError) as error:
        return fail("hr merge", str(error))
    for line in result.input_lines():
        print(line)
    print(result.summary_line())
    return 0
