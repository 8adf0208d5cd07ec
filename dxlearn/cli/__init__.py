"""Command line: ``dxlearn [options]`` starts the app; every subcommand lives in this package.

One module per command group, each with ``register(subparsers)`` and its handlers:

    lint.py        dxlearn lint
    preview.py     dxlearn preview
    export.py      dxlearn export
    verify.py      dxlearn verify
    hr.py          dxlearn hr merge
    pack.py        dxlearn pack build | verify | import
    gift.py        dxlearn import-gift
    certificate.py dxlearn certificate
    db.py          dxlearn db upgrade | status (IT: a server database)
    hr_report.py   dxlearn hr report (HR: the live report from a server database)
    selftest.py    dxlearn --self-test

Kept import-light: a handler imports what it needs when it runs, so ``dxlearn lint`` never
loads Qt or SQLAlchemy. Handlers turn the parsed arguments into typed options; no domain
package sees ``argparse.Namespace``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from dxlearn import __version__

from . import certificate, db, export, gift, hr, lint, pack, preview, verify
from .common import CliContext, Handler, add_lang_option, cli_language

GROUPS = (lint, export, verify, hr, certificate, preview, pack, gift, db)

# Commands that read the organisation policy; None is the desktop app.
POLICY_COMMANDS = frozenset({None, "export", "verify", "hr", "certificate", "pack", "db"})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dxlearn",
        description="自治体DXリテラシー研修アプリ (offline DX-literacy training for municipal "
        "staff). Without a subcommand, starts the desktop app. Formats and exit statuses: "
        "docs/deployment.md (exit statuses) and docs/ in the installation.",
    )
    parser.add_argument("--version", action="version", version=f"dxlearn {__version__}")
    parser.add_argument("--library", action="append", metavar="PATH", default=None,
                        help="a lesson library folder (repeatable); default: the bundled one "
                        "and the policy's libraries")
    parser.add_argument("--db", metavar="PATH_OR_URL", help="the progress database")
    parser.add_argument("--data-dir", metavar="PATH",
                        help="folder for the database, backups, settings and logs")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation (libraries, a temporary database, export, "
                        "the window offscreen) without touching learners' data; exit 0 when "
                        "everything works")
    add_lang_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in GROUPS:
        group.register(sub)
    return parser


def _absolute(value: str | None) -> str | None:
    """A relative --db/--data-dir is taken from the current folder once, here: later code
    (the first-paint snapshot, backups) must never depend on the working directory."""
    if not value or "://" in value:
        return value
    from dxlearn.store.location import absolute_path  # light: no SQLAlchemy

    return str(absolute_path(value))  # "~nosuchuser/x" stays as written, never a traceback


def build_context(args: argparse.Namespace, *, read_policy: bool) -> CliContext:
    """The policy (read once, its problems printed on stderr) and the global options."""
    from dxlearn.policy import Policy, load_policy

    policy = load_policy() if read_policy else Policy()
    args.data_dir = _absolute(getattr(args, "data_dir", None))
    args.db = _absolute(getattr(args, "db", None))
    lang = cli_language(args)
    for message in policy.messages:
        print(f"dxlearn: policy: {message.text(lang)}", file=sys.stderr)
    data_dir = Path(args.data_dir) if args.data_dir else policy.data_dir
    # --db, else the policy's server database, else <data folder>/progress.db (without any,
    # the commands use the per-user database, as the app does). With a server, the data folder
    # still holds the PC's journal and logs.
    db = args.db or policy.db or None
    if db is None and data_dir is not None:
        from dxlearn.store.location import default_database_path

        db = str(default_database_path(data_dir))
    libraries = [Path(p) for p in args.library] if getattr(args, "library", None) else None
    return CliContext(policy=policy, lang=lang, libraries=libraries, db=db, data_dir=data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.self_test:
        from . import selftest

        return selftest.run(args, build_context(args, read_policy=True))
    ctx = build_context(args, read_policy=args.command in POLICY_COMMANDS)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from .app import run

        return run(args, ctx)
    return handler(args, ctx)
