"""Command line: ``dxlearn [options]`` starts the app; subcommands do the rest.

Kept import-light: each subcommand imports what it needs when it runs, so ``dxlearn lint``
never loads Qt or SQLAlchemy.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

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


def _export(args: argparse.Namespace) -> int:
    from .export.commands import run_export

    return run_export(args)


def _verify(args: argparse.Namespace) -> int:
    from .export.commands import run_verify

    return run_verify(args)


def _hr_merge(args: argparse.Namespace) -> int:
    from .export.commands import run_merge

    return run_merge(args)


def _certificate(args: argparse.Namespace) -> int:
    from .gui.certificate import run_certificate

    return run_certificate(args)


def _store_options(parser: argparse.ArgumentParser) -> None:
    """--db/--library after the subcommand too (the global ones keep working: SUPPRESS)."""
    parser.add_argument("--db", metavar="PATH_OR_URL", default=argparse.SUPPRESS,
                        help="the progress database (default: the per-user database); "
                        "opened read-only")
    parser.add_argument("--library", action="append", metavar="PATH", default=argparse.SUPPRESS,
                        help="the lesson library (default: the bundled one)")


def _key_options(parser: argparse.ArgumentParser, *, organisation: bool = False) -> None:
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


def _add_export_commands(sub: Any) -> None:
    export = sub.add_parser(
        "export", help="export completion for HR (CSV, XLSX or xAPI) with a signature",
        description="Write an HR completion export and FILE.sig.json beside it "
        "(specs/completion-export.md). Exit 0 written, 1 error.")
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="the export file (.csv, .xlsx or .json)")
    export.add_argument("--scope", choices=("detail", "summary"), default="summary")
    export.add_argument("--format", choices=("csv", "xlsx", "xapi"),
                        help="default: from the suffix of FILE")
    export.add_argument("--encoding", choices=("utf-8-sig", "cp932"), default="utf-8-sig")
    export.add_argument("--header", choices=("en", "ja"), default="en")
    export.add_argument("--learner", nargs="+", action="extend", metavar="STAFF_ID",
                        help="only these learners (default: everyone)")
    _store_options(export)
    _key_options(export, organisation=True)
    export.set_defaults(handler=_export)

    verify = sub.add_parser(
        "verify", help="check exports against their .sig.json sidecars",
        description="Exit 0 all authentic, 1 any altered, 2 a sidecar missing or unreadable, "
        "3 intact but without a checkable signature; when files differ the worst wins "
        "(1 > 2 > 3 > 0).")
    verify.add_argument("files", nargs="+", metavar="FILE")
    _key_options(verify)
    verify.set_defaults(handler=_verify)

    hr = sub.add_parser("hr", help="HR tools: merge exports from many PCs")
    hr_sub = hr.add_subparsers(dest="hr_command", metavar="COMMAND", required=True)
    merge = hr_sub.add_parser(
        "merge", help="combine detail exports into one report (XLSX or CSV)",
        description="Combine detail exports (files or folders) into a report; each input is "
        "verified first and listed with its verdict.")
    merge.add_argument("inputs", nargs="+", metavar="INPUT")
    merge.add_argument("-o", "--output", required=True, metavar="REPORT",
                       help="REPORT.xlsx (all sheets) or REPORT.csv (per-learner summary)")
    merge.add_argument("--roster", metavar="ROSTER.csv",
                       help="staff list: staff_id, name, department, role (en or ja headers)")
    merge.add_argument("--require-signature", action="store_true",
                       help="leave out inputs that are not authentic (HMAC valid)")
    merge.add_argument("--encoding", choices=("utf-8-sig", "cp932"), default="utf-8-sig",
                       help="encoding of a CSV report")
    merge.add_argument("--header", choices=("en", "ja"), default="en")
    _key_options(merge)
    merge.set_defaults(handler=_hr_merge)

    certificate = sub.add_parser(
        "certificate", help="修了証 (certificate of completion) as PDF",
        description="Write a learner's certificate of completion as PDF; exit 1 (with a "
        "message) when the curriculum is not complete.")
    certificate.add_argument("--learner", required=True, metavar="STAFF_ID")
    certificate.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    certificate.add_argument("--organisation", metavar="NAME",
                             help="issuer (default: policy organisation)")
    _store_options(certificate)
    certificate.set_defaults(handler=_certificate)


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
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation (libraries, a temporary database, export, "
                        "the window offscreen) without touching learners' data; exit 0 when "
                        "everything works")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    lint = sub.add_parser("lint", help="check a lesson library and print its findings",
                          description="Check a lesson library; exit 0 clean, 1 errors, "
                          "2 not a library.")
    lint.add_argument("path", metavar="PATH")
    lint.add_argument("--format", choices=("text", "json"), default="text")
    lint.set_defaults(handler=_lint)
    _add_export_commands(sub)
    from .content.trainer_commands import add_trainer_commands

    add_trainer_commands(sub)
    return parser


# Commands that read the organisation policy (dxlearn.policy); None is the desktop app.
POLICY_COMMANDS = frozenset({None, "export", "verify", "hr", "certificate", "pack"})


def _apply_policy(args: argparse.Namespace) -> None:
    """Read policy.toml once, print its findings on stderr, and take its data_dir as the default
    (--data-dir and --db on the command line win). The GUI adds its libraries to the bundled
    one; the export key and organisation reach ExportSettings through settings_from_policy."""
    from .policy import load_policy

    policy = load_policy()
    for message in policy.messages:
        print(f"dxlearn: policy: {message.text_en()}", file=sys.stderr)
    args.policy = policy
    if not getattr(args, "data_dir", None) and policy.data_dir is not None:
        args.data_dir = str(policy.data_dir)
    if args.command is not None and args.data_dir and not getattr(args, "db", None):
        from .store import default_database_path

        args.db = str(default_database_path(args.data_dir))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.self_test:
        from .selftest import run_self_test

        return run_self_test(args)
    if args.command in POLICY_COMMANDS:
        _apply_policy(args)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from .gui.app import run_app

        return run_app(args)
    return handler(args)
