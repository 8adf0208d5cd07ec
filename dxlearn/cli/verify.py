"""``dxlearn verify FILE...``: check exports against their signature sidecars."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .common import CliContext, add_key_options, quiet_logging, set_handler


def register(sub: Any) -> None:
    verify = sub.add_parser(
        "verify", help="check exports against their .sig.json sidecars",
        description="Exit 0 all authentic, 1 any altered (or a wrong signature under the key "
        "held here), 2 a sidecar missing or unreadable, 3 intact but without a checkable "
        "signature (unsigned, or signed under a key id not held here); when files differ "
        "the worst wins (1 > 2 > 3 > 0).")
    verify.add_argument("files", nargs="+", metavar="FILE")
    add_key_options(verify)
    set_handler(verify, run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.integrity.keys import KeyError_
    from dxlearn.integrity.verify import combined_status, verify_files

    quiet_logging()
    try:
        settings = ctx.export_settings(args)
    except KeyError_ as error:
        return ctx.fail("verify", error.message(ctx.lang))
    verdicts = verify_files([Path(p) for p in args.files], settings)
    for verdict in verdicts:
        print(verdict.line(ctx.lang))
    return combined_status(verdicts)
