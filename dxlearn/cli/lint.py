"""``dxlearn lint PATH``: check a lesson library; 0 clean, 1 errors, 2 not a library."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .common import CliContext, set_handler


def register(sub: Any) -> None:
    lint = sub.add_parser("lint", help="check a lesson library and print its findings",
                          description="Check a lesson library; exit 0 clean, 1 errors, "
                          "2 not a library. The lesson format: docs/lesson-format.md.")
    lint.add_argument("path", metavar="PATH")
    lint.add_argument("--format", choices=("text", "json"), default="text")
    set_handler(lint, run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.content.lint import format_json, format_text, lint_path

    result = lint_path(args.path)
    if result.problem:
        print(f"dxlearn lint: {result.problem}", file=sys.stderr)
        return result.exit_status
    out = format_json(result.findings) if args.format == "json" else format_text(result.findings)
    sys.stdout.write(out)
    if args.format == "text":
        errors = sum(1 for f in result.findings if f.is_error)
        ctx.warn("cli.lint_summary", errors=errors, warnings=len(result.findings) - errors)
    return result.exit_status
