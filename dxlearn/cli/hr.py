"""``dxlearn hr merge``: combine detail exports from many PCs into one report; ``dxlearn hr
items``: item analysis of answers exports (the same exit statuses).

Exit 0: the report was written. 1: no input held a detail row (each input and why is
printed; nothing written). 2: nothing could be done: an input named does not exist, the
report would overwrite an input, the roster cannot be used, the report cannot be written.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_PROBLEMS,
    CliContext,
    TerminalProgress,
    add_key_options,
    quiet_logging,
    set_handler,
)


def register(sub: Any) -> None:
    hr = sub.add_parser("hr", help="HR tools: merge exports from many PCs")
    hr_sub = hr.add_subparsers(dest="hr_command", metavar="COMMAND", required=True)
    merge = hr_sub.add_parser(
        "merge", help="combine detail exports into one report (XLSX or CSV)",
        description="Combine detail exports (files or folders) into a report; each input is "
        "verified first and listed with its verdict (docs/hr-import.md). Altered files are "
        "left out unless --include-altered. Exit 0 written, 1 no input held detail rows, "
        "2 could not be done (missing input, the report would overwrite an input, ...).")
    merge.add_argument("inputs", nargs="+", metavar="INPUT")
    merge.add_argument("-o", "--output", required=True, metavar="REPORT",
                       help="REPORT.xlsx (all sheets) or REPORT.csv (per-learner summary)")
    merge.add_argument("--roster", metavar="ROSTER.csv",
                       help="staff list: staff_id, name, department, role (en or ja headers; "
                       "roles as keys or labels)")
    merge.add_argument("--require-signature", action="store_true",
                       help="leave out inputs that are not authentic (HMAC valid)")
    merge.add_argument("--include-altered", action="store_true",
                       help="use altered files and wrong signatures too (flagged); by "
                       "default they are left out and listed")
    merge.add_argument("--encoding", choices=("utf-8-sig", "cp932"),
                       help="encoding of a CSV report (default utf-8-sig)")
    merge.add_argument("--header", choices=("en", "ja"),
                       help="ja: Japanese headers, sheet names and values (default en)")
    merge.add_argument("--profile", metavar="FILE.toml",
                       help="write the merged result in an HR import profile's layout (one "
                       "file with a signature sidecar) instead of the report")
    merge.add_argument("--library", action="append", metavar="PATH", default=argparse.SUPPRESS,
                       help="a lesson library whose role labels the roster may use "
                       "(repeatable; adds to the libraries this PC has)")
    add_key_options(merge)
    set_handler(merge, run_merge)
    from . import hr_report

    hr_report.register(hr_sub)  # hr report: the same report from a database (--db)
    register_items(hr_sub)


def run_merge(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.export.errors import ExportError
    from dxlearn.export.vocabulary import role_names
    from dxlearn.hr.merge import MergeOptions, NothingToMerge, merge_exports
    from dxlearn.integrity.keys import KeyError_

    from .export import command_libraries, profile_option

    quiet_logging()
    try:
        settings = ctx.export_settings(args)
        profile = profile_option(args, ("encoding", "header"))
        options = MergeOptions(
            require_signature=args.require_signature,
            include_altered=args.include_altered,
            encoding=args.encoding or "utf-8-sig",
            header=args.header or "en",
            tz=settings.zone(),
            roles=role_names(command_libraries(ctx).libraries),
            profile=profile,
        )
        result = merge_exports(
            [Path(p) for p in args.inputs], Path(args.output),
            roster=Path(args.roster) if args.roster else None,
            options=options, settings=settings,
            progress=TerminalProgress(ctx.text("hr.progress")),
        )
    except KeyError_ as error:
        return ctx.fail("hr merge", error.message(ctx.lang), EXIT_FAILED)
    except NothingToMerge as error:
        for line in error.input_lines(ctx.lang):
            print(line)
        return ctx.fail("hr merge", error.message(ctx.lang), EXIT_PROBLEMS)
    except ExportError as error:
        return ctx.fail("hr merge", error.message(ctx.lang), EXIT_FAILED)
    for line in result.input_lines(ctx.lang):
        print(line)
    print(result.summary_line(ctx.lang))
    if profile is not None and result.sidecar is not None:
        ctx.say("profile.report_written", path=result.output, name=profile.name,
                count=result.rows, sidecar=result.sidecar.name)
    return EXIT_OK


def register_items(hr_sub: Any) -> None:
    items = hr_sub.add_parser(
        "items", help="item analysis of quiz answers (XLSX or CSV)",
        description="Item analysis of answers exports (dxlearn export --scope answers; files "
        "or folders): per question, from each learner's first attempt, the number answered, "
        "facility, discrimination (Moodle's discrimination index) and the wrong choices "
        "chosen, with flags (docs/completion-export.md). Inputs are verified as by hr merge. "
        "Exit 0 written, 1 no input held answers, 2 could not be done.")
    items.add_argument("inputs", nargs="+", metavar="INPUT")
    items.add_argument("-o", "--output", required=True, metavar="ITEMS",
                       help="ITEMS.xlsx (table, charts per lesson, inputs) or ITEMS.csv")
    items.add_argument("--require-signature", action="store_true",
                       help="leave out inputs that are not authentic (HMAC valid)")
    items.add_argument("--include-altered", action="store_true",
                       help="use altered files and wrong signatures too (flagged)")
    items.add_argument("--encoding", choices=("utf-8-sig", "cp932"), default="utf-8-sig",
                       help="encoding of a CSV output")
    items.add_argument("--header", choices=("en", "ja"), default="en",
                       help="ja: Japanese headers, sheet names and words")
    add_key_options(items)
    set_handler(items, run_items)


def run_items(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.export.errors import ExportError
    from dxlearn.hr.items_read import NothingToAnalyse, analyse_exports
    from dxlearn.hr.model import MergeOptions
    from dxlearn.integrity.keys import KeyError_

    quiet_logging()
    try:
        settings = ctx.export_settings(args)
        options = MergeOptions(require_signature=args.require_signature,
                               include_altered=args.include_altered, encoding=args.encoding,
                               header=args.header, tz=settings.zone())
        result = analyse_exports([Path(p) for p in args.inputs], Path(args.output),
                                 options=options, settings=settings,
                                 progress=TerminalProgress(ctx.text("items.progress")))
    except KeyError_ as error:
        return ctx.fail("hr items", error.message(ctx.lang), EXIT_FAILED)
    except NothingToAnalyse as error:
        for line in error.input_lines(ctx.lang):
            print(line)
        return ctx.fail("hr items", error.message(ctx.lang), EXIT_PROBLEMS)
    except ExportError as error:
        return ctx.fail("hr items", error.message(ctx.lang), EXIT_FAILED)
    for line in [*result.input_lines(ctx.lang), *result.summary_lines(ctx.lang)]:
        print(line)
    return EXIT_OK
