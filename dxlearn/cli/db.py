"""``dxlearn db upgrade`` / ``dxlearn db status``: IT's commands for a server database.

``upgrade`` is the only thing that changes a server's schema (clients never do:
``store/server_schema.py``): run once by IT, as the role that owns the schema, after installing
a new version and before the PCs get it. It migrates, then (re)applies the roles, grants and
row-level security, makes the database id once and records which client versions the database
still serves. ``status`` reads the same facts without changing anything.

Exit status: 0 done (``status``: this dxlearn can use the database), 1 failed (``status``: it
cannot, with the reason), 2 usage.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, TypeVar

from .common import EXIT_OK, EXIT_PROBLEMS, CliContext, add_lang_option, quiet_logging

T = TypeVar("T")


def register(sub: Any) -> None:
    db = sub.add_parser(
        "db", help="IT: set up, upgrade and check a server (PostgreSQL) progress database",
        description="Set up or upgrade a server database (schema, roles, row-level security) "
        "and check it. docs/it-admin.md, chapter 8.")
    db_sub = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    upgrade = db_sub.add_parser(
        "upgrade", help="migrate the server database to this version and secure it (IT, once)",
        description="Run as the role that owns the schema. Idempotent: running it again "
        "changes nothing but re-checks grants and row-level security.")
    status = db_sub.add_parser(
        "status", help="the server database's schema and whether this version can use it")
    for parser, handler in ((upgrade, run_upgrade), (status, run_status)):
        parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                            help="postgresql+psycopg://role@server/database (default: the "
                            "policy's db)")
        add_lang_option(parser)
        parser.set_defaults(handler=handler)


def _engine(ctx: CliContext) -> tuple[Any, str] | None:
    from dxlearn.store.engine import create_store_engine, resolve_target

    url = ctx.db if ctx.db and "://" in ctx.db else None
    if url is None:
        ctx.warn("central.db_needs_server")
        return None
    target = resolve_target(url)
    if target.is_sqlite:
        ctx.warn("central.db_needs_server")
        return None
    return create_store_engine(target), target.display


def _on_server(ctx: CliContext, command: str,
               work: Callable[[Any, str], T]) -> tuple[T, str] | int:
    """Run ``work(engine, where)`` on the server named by ``--db`` or the policy: its result
    and the server's display name, or the exit status after one calm line (a ``StoreError``,
    or the driver's own error worded by ``store.engine.wrap_error``; the log has the rest)."""
    from dxlearn.store.engine import wrap_error
    from dxlearn.store.errors import StoreError

    quiet_logging()
    try:
        found = _engine(ctx)
        if found is None:
            return EXIT_PROBLEMS
        engine, where = found
        try:
            return work(engine, where), where
        finally:
            engine.dispose()
    except StoreError as error:
        return ctx.fail(command, error.message(ctx.lang))
    except Exception as error:  # the driver's own errors: one calm line
        return ctx.fail(command, wrap_error(error, None).message(ctx.lang))


def run_upgrade(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.store import server_schema

    done = _on_server(ctx, "db upgrade", server_schema.upgrade)
    if isinstance(done, int):
        return done
    result, where = done
    code = "central.db_current" if result.before == result.after else "central.db_upgraded"
    ctx.say(code, database=where, before=result.before or "-", after=result.after,
            serves=result.serves_from, database_id=result.database_id)
    ctx.say("central.db_secured", tables=", ".join(result.secured) or "-")
    if result.unsecured:
        ctx.warn("central.db_unsecured", tables=", ".join(result.unsecured))
    return EXIT_OK


def run_status(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.store import server_schema

    done = _on_server(ctx, "db status", server_schema.status)
    if isinstance(done, int):
        return done
    status, where = done
    if status.revision is not None:
        ctx.say("central.db_status", database=where, revision=status.revision,
                client=status.client_revision, serves=status.serves_from or "-",
                database_id=status.database_id or "-")
    if status.without_security:
        ctx.warn("central.db_status_no_security", tables=", ".join(status.without_security))
    if status.usable is not None:
        ctx.say("central.db_status_refused", reason=status.usable.message(ctx.lang,
                                                                          with_path=False))
        return EXIT_PROBLEMS
    ctx.say("central.db_status_usable")
    return EXIT_OK
