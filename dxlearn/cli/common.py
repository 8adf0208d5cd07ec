"""What every command shares: the context built from the global options and the policy, the
output language, exit codes, and the small helpers for printing messages.

Domain packages never see ``argparse``: each command module turns its arguments into typed
options and calls the domain with them.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dxlearn.messages import Language, Message, language, text

if TYPE_CHECKING:
    from dxlearn.export.settings import ExportSettings
    from dxlearn.policy import Policy

# Exit statuses shared by every command (docs/deployment.md, "コマンドの終了コード").
EXIT_OK = 0
EXIT_PROBLEMS = 1  # the command ran and found problems (lint errors, an altered file, ...)
EXIT_FAILED = 2  # the command could not do its work (unreadable input, nothing written)
EXIT_USAGE = 2  # argparse's own status for a bad command line


@dataclass
class CliContext:
    """Built once from the global options and the policy; every handler receives it."""

    policy: Policy
    lang: Language
    libraries: list[Path] | None  # --library (None: the defaults the app uses)
    db: str | None  # --db, or <policy data_dir>/progress.db
    data_dir: Path | None  # --data-dir, or the policy's data_dir

    def text(self, code: str, /, **params: object) -> str:
        return text(code, self.lang, **params)

    def say(self, code: str, /, **params: object) -> None:
        print(text(code, self.lang, **params))

    def warn(self, code: str, /, **params: object) -> None:
        print(text(code, self.lang, **params), file=sys.stderr)

    def show(self, message: Message, *, stream: TextIO | None = None) -> None:
        print(message.text(self.lang), file=stream or sys.stdout)

    def fail(self, command: str, message: str, status: int = EXIT_PROBLEMS) -> int:
        print(text("cli.error", self.lang, command=command, message=message), file=sys.stderr)
        return status

    def export_settings(self, args: argparse.Namespace) -> ExportSettings:
        """The policy's export settings with this command's overrides (raises KeyError_)."""
        from dxlearn.export.settings import settings_for

        return settings_for(
            self.policy,
            organisation=getattr(args, "organisation", None),
            organisation_url=getattr(args, "organisation_url", None),
            key_file=getattr(args, "key_file", None),
            key_id=getattr(args, "key_id", None),
            device=getattr(args, "device", None),
        )


Handler = Callable[[argparse.Namespace, CliContext], int]


def cli_language(args: argparse.Namespace) -> Language:
    """``--lang``; else the learner's display-language preference in the default database
    (read with the standard library, never written); else Japanese."""
    explicit = getattr(args, "lang", None)
    if explicit:
        return language(explicit)
    db = getattr(args, "db", None)
    if db and "://" in db:
        return "ja"
    try:
        from dxlearn.store.location import default_database_path
        from dxlearn.store.snapshot import read_app_setting

        path = Path(db) if db else default_database_path(getattr(args, "data_dir", None))
        return language(read_app_setting(path, "language"))
    except Exception:  # a preference is a nicety: never a reason for a command to fail
        return "ja"


def quiet_logging() -> None:
    """Without a configured log, show only errors (a read-only open is logged as a warning,
    which is expected in a command and would only confuse)."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.ERROR)
        root.addHandler(handler)


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


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS,
                        help="language of the messages (default: ja, or the app's display "
                        "language)")


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """--db/--library after the subcommand too (the global ones keep working: SUPPRESS)."""
    parser.add_argument("--db", metavar="PATH_OR_URL", default=argparse.SUPPRESS,
                        help="the progress database (default: the per-user database); "
                        "opened read-only")
    parser.add_argument("--library", action="append", metavar="PATH", default=argparse.SUPPRESS,
                        help="a lesson library (repeatable; adds to the libraries the app "
                        "loads)")


def add_key_options(parser: argparse.ArgumentParser, *, organisation: bool = False) -> None:
    parser.add_argument("--key-file", metavar="PATH",
                        help="export key (hex) in a file; default: policy export_key, "
                        "or $DXLEARN_EXPORT_KEY / $DXLEARN_EXPORT_KEY_FILE")
    parser.add_argument("--key-id", metavar="ID", help="the key's id (policy export_key_id)")
    if organisation:
        parser.add_argument("--organisation", metavar="NAME",
                            help="organisation name (default: policy organisation)")
        parser.add_argument("--organisation-url", metavar="URL",
                            help="xAPI actor homePage (default: policy organisation_url)")
        parser.add_argument("--device", metavar="NAME", help=argparse.SUPPRESS)


def set_handler(parser: argparse.ArgumentParser, handler: Handler) -> None:
    parser.set_defaults(handler=handler)
    add_lang_option(parser)


def namespace_value(args: argparse.Namespace, name: str, default: Any = None) -> Any:
    return getattr(args, name, default)
