"""``dxlearn pack build | verify | import``: lesson packs (.dxpack).

Messages come from ``dxlearn/messages/pack.py`` (Japanese by default, ``--lang en``). ``pack
import`` into the per-user libraries folder (the one the app loads) follows the policy's
``allow_pack_import`` like the desktop app's menu; ``--into`` another folder is a trainer's or
the IT office's own unpacking and is not restricted. Wherever it goes, a pack never replaces
the bundled library or a policy library (``content.libraries.import_rules``).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_PROBLEMS,
    CliContext,
    TerminalProgress,
    set_handler,
)

if TYPE_CHECKING:
    from dxlearn.content.pack import PackProblem

logger = logging.getLogger(__name__)

# build problems that mean "nothing to do with this library or this output": exit 2
_BUILD_FAILED = frozenset({"pack.not_a_library", "pack.one_lesson", "pack.output_exists",
                           "pack.output_not_a_file", "pack.output_in_library"})


def register(sub: Any) -> None:
    pack = sub.add_parser("pack", help="lesson packs (.dxpack): build, verify, import")
    pack_sub = pack.add_subparsers(dest="pack_command", metavar="COMMAND", required=True)
    build = pack_sub.add_parser(
        "build", help="pack a library into one checked file",
        description="Write a .dxpack from a library folder. A library with lint errors or a "
        "name Windows cannot create is refused (the findings are printed). Exit 0 written, "
        "1 lint errors, a name that cannot be packed or the file not written, 2 not a library "
        "or an output that cannot be used (exists without --force, inside the library, not a "
        "regular file).")
    build.add_argument("library_path", metavar="LIBRARY")
    build.add_argument("-o", "--output", required=True, metavar="NAME.dxpack")
    build.add_argument("--force", action="store_true",
                       help="replace an existing output file (never a folder or a device)")
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
        "replacing an earlier version only when the new one is complete. A pack never "
        "replaces the bundled library or a policy library (unless the policy sets "
        "allow_library_updates and the pack is newer). Into the per-user folder only where "
        "the policy allows pack import. A refused pack writes nothing. Exit 0 imported, "
        "1 refused.")
    install.add_argument("pack", metavar="NAME.dxpack")
    install.add_argument("--into", metavar="DIR",
                         help="libraries folder (default: the per-user 'libraries' folder)")
    set_handler(install, run_import)


def _problem(ctx: CliContext, command: str, problem: PackProblem) -> None:
    print(ctx.text("pack.problem", command=command, problem=problem.text(ctx.lang)),
          file=sys.stderr)


def run_build(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.content.lint import format_text, sort_findings
    from dxlearn.content.pack import PackError, PackLintError, build_pack

    try:
        result = build_pack(args.library_path, Path(args.output), replace=args.force)
    except PackLintError as exc:
        sys.stdout.write(format_text(sort_findings(exc.findings), ctx.lang))
        for problem in exc.problems:
            _problem(ctx, "build", problem)
        return EXIT_PROBLEMS
    except PackError as exc:
        for problem in exc.problems:
            _problem(ctx, "build", problem)
        failed = bool(exc.problems) and exc.problems[0].code in _BUILD_FAILED
        return EXIT_FAILED if failed else EXIT_PROBLEMS
    manifest = result.manifest
    ctx.say("pack.built", path=result.output, id=manifest.library_id, version=manifest.version,
            files=len(manifest.files))
    return EXIT_OK


def run_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.content.pack import verify_pack

    report = verify_pack(args.pack, progress=TerminalProgress("verify"))
    if report.problems:
        for problem in report.problems:
            print(f"{args.pack}: {problem.text(ctx.lang)}")
        ctx.warn("pack.verify_failed", count=len(report.problems))
        return EXIT_PROBLEMS
    assert report.manifest is not None
    manifest = report.manifest
    ctx.say("pack.verified", path=args.pack, id=manifest.library_id, version=manifest.version,
            files=len(manifest.files), created=manifest.created_at,
            app_version=manifest.app_version)
    return EXIT_OK


def _same_folder(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return os.path.normcase(a.resolve()) == os.path.normcase(b.resolve())
    except OSError:
        return False


def _bundled() -> Path | None:
    from dxlearn.paths import lessons_dir

    try:
        return lessons_dir()
    except FileNotFoundError as exc:
        logger.warning("%s", exc)
        return None


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.content.libraries import import_rules
    from dxlearn.content.pack import PackError, default_libraries_dir, import_pack

    per_user = default_libraries_dir(ctx.data_dir)
    into = Path(args.into) if args.into else per_user
    if not ctx.policy.pack_import_allowed and _same_folder(into, per_user):
        ctx.warn("pack.import_not_allowed")
        ctx.warn("pack.import_refused", into=into)
        return EXIT_PROBLEMS
    rules = import_rules(_bundled(), ctx.policy.libraries,
                         allow_updates=ctx.policy.allow_library_updates)
    try:
        result = import_pack(args.pack, into, progress=TerminalProgress("import"), rules=rules)
    except PackError as exc:
        for problem in exc.problems:
            print(f"{args.pack}: {problem.text(ctx.lang)}")
        ctx.warn("pack.import_refused", into=into)
        return EXIT_PROBLEMS
    code = "pack.imported_replaced" if result.replaced else "pack.imported"
    ctx.say(code, path=args.pack, id=result.library_id, version=result.manifest.version,
            target=result.target)
    return EXIT_OK
