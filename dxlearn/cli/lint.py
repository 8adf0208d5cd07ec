"""``dxlearn lint PATH``: check a lesson library; 0 clean, 1 errors, 2 not a library."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .common import EXIT_FAILED, CliContext, set_handler


def register(sub: Any) -> None:
    lint = sub.add_parser(
        "lint", help="check a lesson library and print its findings",
        description="Check a lesson library and print one line per finding, in Japanese "
        "(--lang en: English). Exit 0 clean (warnings allowed), 1 errors, 2 not a library "
        "or its library.yaml has errors. The lesson format and every message: "
        "docs/lesson-format.md, docs/authoring.md and docs/messages.md.")
    lint.add_argument("path", metavar="PATH")
    lint.add_argument("--format", choices=("text", "json"), default="text",
                      help="json: a list of {path, line, severity, message, code}")
    set_handler(lint, run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.content.lint import format_json, format_text, lint_path

    result = lint_path(args.path)
    if args.format == "json":
        out = format_json(result.findings, ctx.lang)
    else:
        out = format_text(result.findings, ctx.lang)
    if result.findings or (args.format == "json" and result.error is None):
        sys.stdout.write(out)
    if result.error is not None:
        return ctx.fail("lint", result.error.message(ctx.lang), EXIT_FAILED)
    if args.format == "text":
        errors = sum(1 for f in result.findings if f.is_error)
        ctx.warn("cli.lint_summary", errors=errors, warnings=len(result.findings) - errors)
    return result.exit_status
