"""``dxlearn hr merge``: combine detail exports from many PCs into one report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .common import (
    EXIT_OK,
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
        "verified first and listed with its verdict (docs/hr-import.md).")
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
    add_key_options(merge)
    set_handler(merge, run_merge)
    from . import hr_report

    hr_report.register(hr_sub)  # hr report: the same report from a database (--db)


def run_merge(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.export.errors import ExportError
    from dxlearn.hr.merge import MergeOptions, merge_exports
    from dxlearn.integrity.keys import KeyError_

    quiet_logging()
    try:
        settings = ctx.export_settings(args)
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
    except KeyError_ as error:
        return ctx.fail("hr merge", error.message(ctx.lang))
    except ExportError as error:
        return ctx.fail("hr merge", str(error))
    for line in result.input_lines():
        print(line)
    print(result.summary_line())
    return EXIT_OK
