"""``dxlearn import-gift FILE.gift -o quiz.md``: Moodle GIFT questions to quiz.md."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import EXIT_FAILED, EXIT_OK, EXIT_PROBLEMS, CliContext, set_handler

MAX_GIFT_BYTES = 16 << 20  # 16 MB of questions is far beyond any quiz; /dev/zero is refused


def register(sub: Any) -> None:
    gift = sub.add_parser(
        "import-gift", help="convert Moodle GIFT questions to quiz.md",
        description="Convert multiple choice, multiple answer and true/false questions from a "
        "Moodle GIFT file (UTF-8 or Shift_JIS) to quiz.md, read as Moodle reads them "
        "(docs/gift-import.md). Other question types and malformed questions are reported "
        "with their line on stderr, and so are changes (partial credit, links and media left "
        "out). Exit 0 all converted; 1 written, but some questions were skipped; 2 nothing "
        "written (unreadable file, no convertible question, or the output exists without "
        "--force).")
    gift.add_argument("file", metavar="FILE.gift")
    gift.add_argument("-o", "--output", required=True, metavar="quiz.md")
    gift.add_argument("--force", action="store_true", help="overwrite an existing output file")
    set_handler(gift, run)


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.content.gift import convert_gift_bytes
    from dxlearn.files.atomic import write_bytes_atomic
    from dxlearn.files.text import DecodeError

    source = Path(args.file)
    output = Path(args.output)
    try:
        if not source.is_file():
            raise OSError(ctx.text("cli.not_a_file"))
        with source.open("rb") as handle:
            data = handle.read(MAX_GIFT_BYTES + 1)
    except OSError as exc:
        _err(ctx.text("gift.cannot_read", path=source, reason=exc.strerror or exc))
        return EXIT_FAILED
    if len(data) > MAX_GIFT_BYTES:
        _err(ctx.text("cli.input_too_large", path=source, limit=MAX_GIFT_BYTES))
        return EXIT_FAILED
    try:
        result = convert_gift_bytes(data)
    except DecodeError:
        _err(ctx.text("gift.not_decodable", path=source))
        return EXIT_FAILED
    for skipped in result.skipped:
        _err(skipped.format(str(source), ctx.lang))
    for note in result.notes:
        _err(note.format(str(source), ctx.lang))
    if not result.converted:
        _err(ctx.text("gift.nothing_converted", path=source, output=output))
        return EXIT_FAILED
    if output.exists() and not args.force:
        _err(ctx.text("cli.output_exists", command="import-gift", path=output))
        return EXIT_FAILED
    if output.exists() and output.resolve() == source.resolve():
        _err(ctx.text("cli.output_is_input", command="import-gift", path=output))
        return EXIT_FAILED
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(output, result.markdown.encode("utf-8"))
    except OSError as exc:
        _err(ctx.text("gift.cannot_write", path=output, reason=exc.strerror or exc))
        return EXIT_FAILED
    if result.skipped:
        line = ctx.text("gift.written_skipped", path=output, count=result.converted,
                        skipped=len(result.skipped))
    else:
        line = ctx.text("gift.written", path=output, count=result.converted)
    if result.encoding == "cp932":
        line += ctx.text("gift.read_as_cp932")
    print(line)
    return EXIT_PROBLEMS if result.skipped else EXIT_OK
