"""``dxlearn hr report``: HR's report straight from the progress database (a server's live
data), without collecting files.

The same report as ``hr merge`` (the same code: ``hr.merge.merge_exports``): the database is
exported as a detail CSV into a temporary folder, signed with a throw-away key so the merge
verifies it as authentic, and that one file is merged with the roster. The export reads the
database read-only (a server is never changed by it); HR connects as a role that may read every
learner (``dxlearn_reader``, docs/it-admin.md).
"""

from __future__ import annotations

import argparse
import secrets
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from .common import EXIT_OK, CliContext, TerminalProgress, add_store_options, quiet_logging


def register(hr_sub: Any) -> None:
    report = hr_sub.add_parser(
        "report", help="the hr merge report straight from the progress database (--db)",
        description="Export every learner's records from the database (read-only) and merge "
        "them into a report, as hr merge does with collected files (docs/hr-import.md).")
    report.add_argument("-o", "--output", required=True, metavar="REPORT",
                        help="REPORT.xlsx (all sheets) or REPORT.csv (per-learner summary)")
    report.add_argument("--roster", metavar="ROSTER.csv",
                        help="staff list: staff_id, name, department, role (en or ja headers)")
    report.add_argument("--encoding", choices=("utf-8-sig", "cp932"), default="utf-8-sig",
                        help="encoding of a CSV report")
    report.add_argument("--header", choices=("en", "ja"), default="en")
    add_store_options(report)
    from .common import set_handler

    set_handler(report, run_report)


def run_report(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.content.model import LibraryError
    from dxlearn.export.api import ExportOptions, export_completion
    from dxlearn.export.columns import Scope
    from dxlearn.export.errors import ExportError
    from dxlearn.hr.merge import MergeOptions, merge_exports
    from dxlearn.store import open_store
    from dxlearn.store.errors import StoreError

    from .export import command_libraries
    from .stores import NoDatabase, database_target

    quiet_logging()
    output = Path(args.output).absolute()
    # a key only for this report: the snapshot is made and verified here, never kept
    settings = replace(ctx.export_settings(args), key=secrets.token_bytes(32),
                       key_id="hr-report")
    try:
        found = command_libraries(ctx)
        with tempfile.TemporaryDirectory(prefix="dxlearn-report-") as folder:
            opened = open_store(database_target(ctx.db), read_only=True)
            try:
                store = opened.store
                snapshot = Path(folder) / f"{store.database_id() or 'database'}-detail.csv"
                export_completion(store, found.libraries, snapshot,
                                  ExportOptions(scope=Scope.DETAIL), settings)
                where = store.where
            finally:
                opened.close()
            result = merge_exports(
                [snapshot], output, roster=Path(args.roster) if args.roster else None,
                options=MergeOptions(encoding=args.encoding, header=args.header),
                settings=settings, progress=TerminalProgress("report"))
    except NoDatabase as error:
        return ctx.fail("hr report", ctx.text("cli.no_database", path=str(error)))
    except (ExportError, LibraryError) as error:
        return ctx.fail("hr report", error.message(ctx.lang))
    except StoreError as error:
        return ctx.fail("hr report", error.message(ctx.lang))
    ctx.say("central.report_from_server", database=where)
    for line in result.input_lines():
        print(line)
    print(result.summary_line())
    return EXIT_OK
