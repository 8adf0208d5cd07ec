"""Command line: ``dxlearn [options]`` starts the app; subcommands do the rest.

Kept import-light: each subcommand imports what it needs when it runs, so ``dxlearn lint``
never loads Qt or SQLAlchemy.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from . import __version__

Handler = Callable[[argparse.Namespace], int]


def _lint(args: argparse.Namespace) -> int:
    from .content.lint import format_json, format_text, lint_path

    result = lint_path(args.path)
    if result.problem:
        print(f"dxlearn lint: {result.problem}", file=sys.stderr)
        return result.exit_status
    out = format_json(result.findings) if args.format == "json" else format_text(result.findings)
    sys.stdout.write(out)
    if args.format == "text":
        errors = sum(1 for f in result.findings if f.is_error)
        warnings = len(result.findings) - errors
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return result.exit_status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dxlearn",
        description="自治体DXリテラシー研修アプリ (offline DX-literacy training for municipal "
        "staff). Without a subcommand, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"dxlearn {__version__}")
    parser.add_argument("--library", action="append", metavar="PATH", default=None,
                        help="a lesson library folder (repeatable); default: the bundled one")
    parser.add_argument("--db", metavar="PATH_OR_URL", help="the progress database")
    parser.add_argument("--data-dir", metavar="PATH",
                        help="folder for the database, backups, settings and logs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    lint = sub.add_parser("lint", help="check a lesson library and print its findings",
                          description="Check a lesson library; exit 0 clean, 1 errors, "
                          "2 not a library.")
    lint.add_argument("path", metavar="PATH")
    lint.add_argument("--format", choices=("text", "json"), default="text")
    lint.set_defaults(handler=_lint)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from .gui.app import run_app

        return run_app(args)
    return handler(args)
