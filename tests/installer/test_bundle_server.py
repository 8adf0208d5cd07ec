"""The frozen bundle carries what a server database needs (psycopg, its C part with libpq,
SQLAlchemy's and Alembic's PostgreSQL dialects): they are loaded by name, so PyInstaller's
analysis does not see them. CI builds the bundle and runs its ``db upgrade`` and ``db status``
against a throw-away server (.ci/run)."""

from __future__ import annotations

import ast
from pathlib import Path

SPEC = Path(__file__).resolve().parents[2] / "installer" / "dxlearn.spec"


def test_the_spec_names_the_server_modules() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    hidden = next(ast.literal_eval(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Assign)
                  and any(getattr(t, "id", "") == "hiddenimports" for t in node.targets))
    assert {"psycopg", "psycopg_binary", "sqlalchemy.dialects.postgresql.psycopg",
            "alembic.ddl.postgresql"} <= set(hidden)
