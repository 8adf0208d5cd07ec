"""``dxlearn`` without a subcommand: the desktop app."""

from __future__ import annotations

import argparse

from .common import CliContext


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.gui.app import LaunchOptions, run_app

    return run_app(LaunchOptions(
        policy=ctx.policy,
        libraries=tuple(ctx.libraries) if ctx.libraries else None,
        db=ctx.db,
        data_dir=ctx.data_dir,
    ))
