"""``dxlearn export``: a signed completion export for HR (CSV, XLSX or xAPI).

The export covers the libraries the PC studies, found as the app finds them (the bundled one,
the policy's ``libraries``, imported packs: ``content.libraries``); each ``--library`` adds a
folder to that set (a folder with an id already there replaces that library, as a trainer's
copy would). Records of a library that cannot be found are exported from the database, with a
warning on stderr naming the library.
"""

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
    from dxlearn.content.libraries import LibrarySet
    from dxlearn.export.api import ExportResult
    from dxlearn.export.profile import Profile


def register(sub: Any) -> None:
    export = sub.add_parser(
        "export", help="export completion for HR (CSV, XLSX or xAPI) with a signature",
        description="Write an HR completion export and FILE.sig.json beside it "
        "(docs/completion-export.md; xAPI: docs/xapi.md). It covers every library this PC "
        "studies (bundled, policy, imported packs; --library adds folders). Exit 0 written, "
        "1 error, 2 nothing to write (an xAPI export without any statement: no file is "
        "written).")
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="the export file (.csv, .xlsx or .json)")
    # scope, encoding and header default to None so that giving one with --profile (which
    # decides them) is refused instead of silently ignored; None means the usual default
    export.add_argument("--scope", choices=("detail", "summary"),
                        help="detail: one row per learner and lesson (what hr merge reads; "
                        "the default); summary: one row per learner and library")
    export.add_argument("--format", choices=("csv", "xlsx", "xapi"),
                        help="default: from the suffix of FILE (which must agree)")
    export.add_argument("--encoding", choices=("utf-8-sig", "cp932"),
                        help="default utf-8-sig")
    export.add_argument("--header", choices=("en", "ja"),
                        help="ja: Japanese headers and values (修了, はい, role labels); "
                        "default en")
    export.add_argument("--profile", metavar="FILE.toml",
                        help="an HR import profile: write the file in the layout it describes "
                        "(columns, rows, encoding, dates; docs/hr-import.md)")
    export.add_argument("--learner", nargs="+", action="extend", metavar="STAFF_ID",
                        help="only these learners (default: everyone)")
    export.add_argument("--batch", type=int, metavar="N",
                        help="xAPI only: write numbered files FILE-0001.json, ... of at most N "
                        "statements each, each with its own .sig.json")
    add_store_options(export)
    add_key_options(export, organisation=True)
    set_handler(export, run)


def command_libraries(ctx: CliContext) -> LibrarySet:
    """The libraries the app would load on this PC, plus each ``--library`` folder."""
    from dxlearn import paths
    from dxlearn.content.libraries import Source, default_folders, load_library_set

    folders = default_folders(paths.lessons_dir(), ctx.policy.libraries,
                              paths.user_data_dir(ctx.data_dir))
    folders += [(Path(p), Source.COMMAND_LINE) for p in ctx.libraries or ()]
    return load_library_set(folders, allow_updates=ctx.policy.allow_library_updates)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.export.api import ExportOptions, Format, export_completion
    from dxlearn.export.columns import Scope
    from dxlearn.export.errors import ExportError
    from dxlearn.export.xapi import NothingToExport
    from dxlearn.integrity.keys import KeyError_
    from dxlearn.messages import Message
    from dxlearn.store import open_store
    from dxlearn.store.errors import StoreError

    from .stores import NoDatabase, database_target

    quiet_logging()
    output = Path(args.output)
    try:
        settings = ctx.export_settings(args)
        profile = profile_option(args)
        options = ExportOptions(
            scope=Scope(args.scope or "detail"),
            format=Format(args.format) if args.format else None,
            encoding=args.encoding or "utf-8-sig",
            header=args.header or "en",
            learners=tuple(args.learner) if args.learner else None,
            tz=settings.zone(),
            batch=args.batch,
            profile=profile,
        )
        found = command_libraries(ctx)
        opened = open_store(database_target(ctx.db), read_only=True)
        try:
            result = export_completion(opened.store, found.libraries, output, options,
                                       settings)
        finally:
            opened.close()
    except NothingToExport as error:
        print(error.message(ctx.lang), file=sys.stderr)
        return EXIT_FAILED
    except KeyError_ as error:
        return ctx.fail("export", error.message(ctx.lang))
    except NoDatabase as error:
        return ctx.fail("export", ctx.text("cli.no_database", path=str(error)))
    except (ExportError, StoreError) as error:
        return ctx.fail("export", error.message(ctx.lang))
    notes = [Message("export.library_not_loaded", {"path": str(folder)})
             for folder, _source in found.failed]
    for note in [*notes, *found.problems, *result.warnings]:
        ctx.warn("export.warning", message=note)
    if result.parts:
        _say_parts(ctx, result, output, args.batch, settings.key_id)
        return EXIT_OK
    unit = ("export.statements" if result.format is Format.XAPI else "export.rows")
    count = Message(unit + "_one" if result.rows == 1 else unit, {"count": result.rows})
    libraries = ", ".join(f"{i} {v}".strip() for i, v in result.libraries) or "-"
    common = {"path": result.path, "count": count, "format": result.format.value,
              "scope": options.scope.value, "libraries": libraries,
              "sidecar": result.sig_path.name}
    if profile is not None:
        common.update(format=Message("profile.format_label", {"name": profile.name}),
                      scope=profile.rows)
    if result.signed:
        ctx.say("export.written_signed", key_id=settings.key_id or "default", **common)
    else:
        ctx.say("export.written_unsigned", **common)
    return EXIT_OK


def profile_option(args: argparse.Namespace,
                   decided: tuple[str, ...] = ("scope", "encoding", "header", "batch")
                   ) -> Profile | None:
    """The ``--profile`` read and checked (``ProfileError`` lists its mistakes); the options
    it ``decided`` may not be given besides it."""
    if not args.profile:
        return None
    from dxlearn.export.errors import ExportError
    from dxlearn.export.profile import load_profile

    given = [f"--{name}" for name in decided if getattr(args, name, None) is not None]
    if given:
        raise ExportError("profile.options_with_profile", options=", ".join(given))
    return load_profile(Path(args.profile))


def _say_parts(ctx: CliContext, result: ExportResult, output: Path, batch: int,
               key_id: str) -> None:
    """An xAPI export in numbered files (``--batch``), and leftovers of an earlier one."""
    from dxlearn.export.xapi import stale_parts

    code = "xapi.batches_written_signed" if result.signed else "xapi.batches_written_unsigned"
    ctx.say(code, first=result.parts[0], last=result.parts[-1].name, files=len(result.parts),
            statements=result.rows, batch=batch, key_id=key_id)
    for stale in stale_parts(output, len(result.parts)):
        ctx.warn("xapi.stale_part", path=stale)
