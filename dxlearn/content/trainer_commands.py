"""The trainers' subcommands: ``preview``, ``pack build|verify|import`` and ``import-gift``.

Import-light like the rest of the CLI: the handlers import what they need when they run, and
``preview`` is the only one that loads Qt (inside its handler, never at import time).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_FAILED = 2


def _err(message: str) -> None:
    print(message, file=sys.stderr)


# -- preview ----------------------------------------------------------------------------------


def _preview(args: argparse.Namespace) -> int:
    from dxlearn.gui.preview import run_preview

    return run_preview(args.path)


# -- pack -------------------------------------------------------------------------------------


def _pack_build(args: argparse.Namespace) -> int:
    from .lint import format_text, sort_findings
    from .pack import PackError, PackLintError, build_pack

    try:
        result = build_pack(args.library_path, args.output)
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


def _pack_verify(args: argparse.Namespace) -> int:
    from .pack import verify_pack

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


def _pack_import(args: argparse.Namespace) -> int:
    from .pack import PackError, default_libraries_dir, import_pack

    into = Path(args.into) if args.into else default_libraries_dir(getattr(args, "data_dir", None))
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


# -- GIFT -------------------------------------------------------------------------------------


def _import_gift(args: argparse.Namespace) -> int:
    from .gift import convert_gift_bytes
    from .textfile import DecodeError

    source = Path(args.file)
    output = Path(args.output)
    try:
        data = source.read_bytes()
    except OSError as exc:
        _err(f"dxlearn import-gift: {source}: cannot read ({exc.strerror or exc})")
        return EXIT_FAILED
    try:
        result = convert_gift_bytes(data)
    except DecodeError:
        _err(f"dxlearn import-gift: {source}: neither UTF-8 nor Shift_JIS (CP932); "
             "export the questions from Moodle again or save the file as UTF-8")
        return EXIT_FAILED
    for skipped in result.skipped:
        _err(skipped.format(str(source)))
    if not result.converted:
        _err(f"dxlearn import-gift: {source}: no question could be converted; "
             f"{output} was not written")
        return EXIT_FAILED
    if output.exists() and not args.force:
        _err(f"dxlearn import-gift: {output} already exists; choose another name or add "
             "--force to overwrite it")
        return EXIT_FAILED
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(result.markdown, encoding="utf-8", newline="\n")
    except OSError as exc:
        _err(f"dxlearn import-gift: cannot write {output} ({exc.strerror or exc})")
        return EXIT_FAILED
    note = f", {len(result.skipped)} skipped (see above)" if result.skipped else ""
    encoding = " (read as Shift_JIS/CP932)" if result.encoding == "cp932" else ""
    print(f"{output}: {result.converted} question(s) written{note}{encoding}")
    return EXIT_PROBLEMS if result.skipped else EXIT_OK


# -- registration -----------------------------------------------------------------------------


def add_trainer_commands(sub: Any) -> None:
    """Register ``preview``, ``pack`` and ``import-gift`` on the CLI's subparsers."""
    preview = sub.add_parser(
        "preview", help="show a library or one lesson as learners see it, reloading on save",
        description="Open a preview window: lessons and quizzes exactly as learners see them, "
        "the lint findings, and a reload within a second of every save. Nothing is recorded. "
        "Exit 0 closed, 2 the path is not a library or a lesson folder.")
    preview.add_argument("path", metavar="PATH", help="a library folder or one lesson folder")
    preview.set_defaults(handler=_preview)

    pack = sub.add_parser("pack", help="lesson packs (.dxpack): build, verify, import")
    pack_sub = pack.add_subparsers(dest="pack_command", metavar="COMMAND", required=True)
    build = pack_sub.add_parser(
        "build", help="pack a library into one checked file",
        description="Write a .dxpack from a library folder. A library with lint errors is "
        "refused (the findings are printed). Exit 0 written, 1 lint errors or not written, "
        "2 not a library.")
    build.add_argument("library_path", metavar="LIBRARY")
    build.add_argument("-o", "--output", required=True, metavar="NAME.dxpack")
    build.set_defaults(handler=_pack_build)

    verify = pack_sub.add_parser(
        "verify", help="check a pack: names, sizes and every file's SHA-256",
        description="Check a .dxpack completely without writing anything; one line per "
        "problem. Exit 0 intact, 1 problems.")
    verify.add_argument("pack", metavar="NAME.dxpack")
    verify.set_defaults(handler=_pack_verify)

    install = pack_sub.add_parser(
        "import", help="verify a pack and install its library",
        description="Verify every file, then install the library as DIR/<library id>, "
        "replacing an earlier version only when the new one is complete. A refused pack "
        "writes nothing. Exit 0 imported, 1 refused.")
    install.add_argument("pack", metavar="NAME.dxpack")
    install.add_argument("--into", metavar="DIR",
                         help="libraries folder (default: the per-user 'libraries' folder)")
    install.set_defaults(handler=_pack_import)

    gift = sub.add_parser(
        "import-gift", help="convert Moodle GIFT questions to quiz.md",
        description="Convert multiple choice, multiple answer and true/false questions from a "
        "Moodle GIFT file (UTF-8 or Shift_JIS) to quiz.md. Other question types are reported "
        "with their line on stderr. Exit 0 all converted; 1 written, but some questions were "
        "skipped; 2 nothing written (unreadable file, no convertible question, or the output "
        "exists without --force).")
    gift.add_argument("file", metavar="FILE.gift")
    gift.add_argument("-o", "--output", required=True, metavar="quiz.md")
    gift.add_argument("--force", action="store_true", help="overwrite an existing output file")
    gift.set_defaults(handler=_import_gift)
