"""``dxlearn preview PATH``: the trainers' live preview window (loads Qt when it runs)."""

from __future__ import annotations

import argparse
from typing import Any

from .common import CliContext, set_handler


def register(sub: Any) -> None:
    preview = sub.add_parser(
        "preview", help="show a library or one lesson as learners see it, reloading on save",
        description="Open a preview window: lessons and quizzes exactly as learners see them, "
        "the lint findings, and a reload within a second of every save. Nothing is recorded. "
        "Findings are shown in Japanese (--lang en: English). Exit 0 closed, 2 the path is not "
        "a library or a lesson folder. The lesson format: docs/lesson-format.md.")
    preview.add_argument("path", metavar="PATH", help="a library folder or one lesson folder")
    set_handler(preview, run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.gui.preview import run_preview

    return run_preview(args.path, language=ctx.lang)
