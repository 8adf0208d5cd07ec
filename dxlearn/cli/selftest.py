"""``dxlearn --self-test``: the IT office's check after installing (docs/it-admin.md)."""

from __future__ import annotations

import argparse

from .common import CliContext


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.selftest import SelfTestOptions, run_self_test

    return run_self_test(SelfTestOptions(
        policy=ctx.policy,
        libraries=tuple(ctx.libraries) if ctx.libraries else None,
        data_dir=ctx.data_dir,
        db=ctx.db,
    ))
