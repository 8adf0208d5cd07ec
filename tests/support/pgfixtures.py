"""pytest fixtures for a real PostgreSQL server (``support/pgserver.py``).

- ``pg_cluster`` (session): one throw-away cluster on 127.0.0.1, a template database set up by
  ``dxlearn db upgrade``'s own code (``server_schema.upgrade``: schema, roles, row-level
  security, database id), and three password login roles: two learners (``alice``, ``bob``,
  members of ``dxlearn_learner``) and HR (``hr``, a member of ``dxlearn_reader``).
- ``pg_url``: a fresh database copied from the template (as the schema owner, the IT role).
- ``db_target``: parametrised, the same test on a SQLite file and on PostgreSQL; a test that
  takes it runs twice (ids ``sqlite`` and ``postgresql``).

Without PostgreSQL's binaries the PostgreSQL cases are skipped, unless
``DXLEARN_REQUIRE_POSTGRES=1`` (CI), where a missing server is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import pgserver

TEMPLATE = "dxlearn_template"
LEARNERS = {"alice": "alice-pw", "bob": "bob-pw"}
HR_ROLE, HR_PASSWORD = "hr", "hr-pw"


@dataclass
class Cluster:
    server: pgserver.PgServer

    def new_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.server.make_database(name, template=TEMPLATE)
        return name

    def url(self, database: str, role: str | None = None) -> str:
        if role is None:
            return self.server.url(database)
        password = LEARNERS.get(role) or (HR_PASSWORD if role == HR_ROLE else None)
        return self.server.url(database, user=role, password=password)


def _missing(reason: str) -> None:
    if os.environ.get("DXLEARN_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required here (DXLEARN_REQUIRE_POSTGRES=1): {reason}")
    pytest.skip(reason)


def set_up(server: pgserver.PgServer, database: str) -> None:
    """``dxlearn db upgrade`` on ``database`` (the code the command runs)."""
    from dxlearn.store import server_schema
    from dxlearn.store.engine import create_store_engine, resolve_target

    engine = create_store_engine(resolve_target(server.url(database)))
    try:
        server_schema.upgrade(engine, database)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    if not pgserver.available():
        _missing("PostgreSQL is not installed (no initdb)")
    server = pgserver.new_server(durable=False)
    try:
        server.make_database(TEMPLATE)
        set_up(server, TEMPLATE)
        for role, password in LEARNERS.items():
            server.make_login(role, password, member_of=["dxlearn_learner"])
        server.make_login(HR_ROLE, HR_PASSWORD, member_of=["dxlearn_reader"])
        yield Cluster(server)
    finally:
        server.remove()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    name = pg_cluster.new_database()
    yield pg_cluster.url(name)
    pg_cluster.server.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where the test's progress database is: a SQLite file, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "data" / "progress.db")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture(scope="module")
def own_cluster() -> Iterator[Cluster]:
    """A cluster of this test module's own, for tests that stop, start or freeze the server
    (the shared one must stay up for everyone else), with the same template and roles."""
    if not pgserver.available():
        _missing("PostgreSQL is not installed (no initdb)")
    server = pgserver.new_server(durable=False)
    try:
        server.make_database(TEMPLATE)
        set_up(server, TEMPLATE)
        yield Cluster(server)
    finally:
        server.remove()


@pytest.fixture
def own_url(own_cluster: Cluster) -> Iterator[str]:
    """A fresh database on ``own_cluster``; the server is running again when it ends."""
    name = own_cluster.new_database()
    yield own_cluster.url(name)
    server = own_cluster.server
    server.thaw()
    if not server.running():
        server.start()
    server.drop_database(name)
