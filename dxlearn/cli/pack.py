"""``dxlearn pack build | verify | import``: lesson packs (.dxpack)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import EXIT_FAILED, EXIT_OK, EXIT_PROBLEMS, CliContext, set_handler


def register(sub: Any) -> None:
    pack = sub.add_parser("pack", help="lesson packs (.dxpack): build, verify, import")
    pack_sub = pack.add_subparsers(dest="pack_command", metavar="COMMAND", required=True)
    build = pack_sub.add_parser(
        "build", help="pack a library into one checked file",
        description="Write a .dxpack from a library folder. A library with lint errors is "
        "refused (the findings are printed). Exit 0 written, 1 lint errors or not written, "
        "2 not a library.")
    build.add_argument("library_path", metavar="LIBRARY")
    build.add_argument("-o", "--output", required=True, metavar="NAME.dxpack")
    build.add_argument("--force", action="store_true", help="replace an existing output file")
    set_handler(build, run_build)

    verify = pack_sub.add_parser(
        "verify", help="check a pack: names, sizes and every file's SHA-256",
        description="Check a .dxpack completely without writing anything; one line per "
        "problem. Exit 0 intact, 1 problems.")
    verify.add_argument("pack", metavar="NAME.dxpack")
    set_handler(verify, run_verify)

    install = pack_sub.add_parser(
        "import", help="verify a pack and install its library",
        description="Verify every file, then install the library as DIR/<library id>, "
        "replacing an earlier version only when the new one is complete. A refused pack "
        "writes nothing. Exit 0 imported, 1 refused.")
    install.add_argument("pack", metavar="NAME.dxpack")
    install.add_argument("--into", metavar="DIR",
                         help="libraries folder (default: the per-user 'libraries' folder)")
    set_handler(install, run_import)


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def run_build(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.content.lint import format_text, sort_findings
    from dxlearn.content.pack import PackError, PackLintError, build_pack

    output = Path(args.output)
    if output.exists() and not args.force:
        _err(ctx.text("cli.output_exists", command="pack build", path=output))
        return EXIT_FAILED
    try:
        result = build_pack(args.library_path, output)
    except PackLintError as exc:
        sys.stdout.write(format_text(sort_findings(exc.findings)))
        _err(f"dxlearn pack build: {exc}")
        return EXIT_PROBLEMS
    except PackError as exc:
        for problem in exc.problems:
            _err(f"dxlearn pack build: {problem}")
        return EXIT_FAILED if exc.problems and exc.problems[0].code == "not-a-library" \
            else EXIT_PROBLEMS
    manifest = result.manifest
    print(f"{result.output}: library '{manifest.library_id}' version "
          f"'{manifest.version}', {len(manifest.files)} files")
    return EXIT_OK


def run_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.content.pack import verify_pack

    report = verify_pack(args.pack)
    if report.problems:
        for problem in report.problems:
            print(f"{args.pack}: {problem}")
        _err(f"dxlearn pack verify: {len(report.problems)} problem(s); do not import this "
             "pack, ask for a new copy")
        return EXIT_PROBLEMS
    assert report.manifest is not None
    manifest = report.manifest
    print(f"{args.pack}: ok: library '{manifest.library_id}' version '{manifest.version}', "
          f"{len(manifest.files)} files, made {manifest.created_at} "
          f"(dxlearn {manifest.app_version})")
    return EXIT_OK


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.content.pack import PackError, default_libraries_dir, import_pack

    into = Path(args.into) if args.into else default_libraries_dir(ctx.data_dir)
    try:
        result = import_pack(args.pack, into)
    except PackError as exc:
        for problem in exc.problems:
            print(f"{args.pack}: {problem}")
        _err(f"dxlearn pack import: refused; nothing was written to {into}")
        return EXIT_PROBLEMS
    action = "replaced the previous version in" if result.replaced else "imported into"
    print(f"{args.pack}: library '{result.library_id}' version '{result.manifest.version}' "
          f"{action} {result.target}")
    return EXIT_OK
