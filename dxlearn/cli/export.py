"""``dxlearn export``: a signed completion export for HR (CSV, XLSX or xAPI)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .common import (
    EXIT_FAILED,
    EXIT_OK,
    CliContext,
    add_key_options,
    add_store_options,
    quiet_logging,
    set_handler,
)

if TYPE_CHECKING:
    from dxlearn.export.api import ExportResult


def register(sub: Any) -> None:
    export = sub.add_parser(
        "export", help="export completion for HR (CSV, XLSX or xAPI) with a signature",
        description="Write an HR completion export and FILE.sig.json beside it "
        "(docs/completion-export.md; xAPI: docs/xapi.md). Exit 0 written, 1 error, 2 nothing "
        "to write (an xAPI export without any statement: no file is written).")
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="the export file (.csv, .xlsx or .json)")
    export.add_argument("--scope", choices=("detail", "summary"), default="summary")
    export.add_argument("--format", choices=("csv", "xlsx", "xapi"),
                        help="default: from the suffix of FILE")
    export.add_argument("--encoding", choices=("utf-8-sig", "cp932"), default="utf-8-sig")
    export.add_argument("--header", choices=("en", "ja"), default="en")
    export.add_argument("--learner", nargs="+", action="extend", metavar="STAFF_ID",
                        help="only these learners (default: everyone)")
    export.add_argument("--batch", type=int, metavar="N",
                        help="xAPI only: write numbered files FILE-0001.json, ... of at most N "
                        "statements each, each with its own .sig.json")
    add_store_options(export)
    add_key_options(export, organisation=True)
    set_handler(export, run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.content.model import LibraryError
    from dxlearn.export.api import ExportOptions, Format, export_completion
    from dxlearn.export.columns import Scope
    from dxlearn.export.errors import ExportError
    from dxlearn.export.xapi import NothingToExport, XapiError
    from dxlearn.integrity.keys import KeyError_
    from dxlearn.store.errors import StoreError

    from .stores import NoDatabase, opened_inputs

    quiet_logging()
    output = Path(args.output)
    try:
        settings = ctx.export_settings(args)
        options = ExportOptions(
            scope=Scope(args.scope),
            format=Format(args.format) if args.format else None,
            encoding=args.encoding,
            header=args.header,
            learners=tuple(args.learner) if args.learner else None,
            tz=settings.zone(),
            batch=args.batch,
        )
        with opened_inputs(ctx) as (store, library):
            result = export_completion(store, library, output, options, settings)
    except NothingToExport as error:
        print(error.message(ctx.lang), file=sys.stderr)
        return EXIT_FAILED
    except XapiError as error:
        return ctx.fail("export", error.message(ctx.lang))
    except KeyError_ as error:
        return ctx.fail("export", error.message(ctx.lang))
    except NoDatabase as error:
        return ctx.fail("export", ctx.text("cli.no_database", path=str(error)))
    except (ExportError, LibraryError) as error:
        return ctx.fail("export", str(error))
    except StoreError as error:
        return ctx.fail("export", error.message(ctx.lang))
    if result.parts:
        _say_parts(ctx, result, output, args.batch, settings.key_id)
        return EXIT_OK
    unit = "statements" if result.format is Format.XAPI else "rows"
    if result.signed:
        ctx.say("cli.export_written_signed", path=result.path, rows=result.rows, unit=unit,
                format=result.format.value, scope=options.scope.value,
                sidecar=result.sig_path.name, key_id=settings.key_id)
    else:
        ctx.say("cli.export_written_unsigned", path=result.path, rows=result.rows, unit=unit,
                format=result.format.value, scope=options.scope.value,
                sidecar=result.sig_path.name)
    return EXIT_OK


def _say_parts(ctx: CliContext, result: ExportResult, output: Path, batch: int,
               key_id: str) -> None:
    """An xAPI export in numbered files (``--batch``), and leftovers of an earlier one."""
    from dxlearn.export.xapi import stale_parts

    code = "xapi.batches_written_signed" if result.signed else "xapi.batches_written_unsigned"
    ctx.say(code, first=result.parts[0], last=result.parts[-1].name, files=len(result.parts),
            statements=result.rows, batch=batch, key_id=key_id)
    for stale in stale_parts(output, len(result.parts)):
        ctx.warn("xapi.stale_part", path=stale)
