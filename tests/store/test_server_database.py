"""A PostgreSQL server database: what a client checks and never changes, what IT's
``dxlearn db upgrade`` does, round trips per answer, pgbouncer's transaction mode.

Interop review, PostgreSQL 1 and 4: migrations raced when 30 PCs started on an empty
database, a reading command migrated, one newer PC locked every older one out, and behind
pgbouncer in transaction mode prepared statements clashed."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, text

from dxlearn.store import StoreError, migrate, open_store, server_schema
from dxlearn.store.engine import create_store_engine, resolve_target

from support.pgfixtures import Cluster, set_up

pytestmark = pytest.mark.postgresql


@pytest.fixture
def empty_url(pg_cluster: Cluster) -> Iterator[str]:
    """A database nobody has set up (created from template0, not the dxlearn template)."""
    name = f"e_{next(tempfile._get_candidate_names())}".lower()
    pg_cluster.server.make_database(name)
    yield pg_cluster.url(name)
    pg_cluster.server.drop_database(name)


def _sql(url: str, statement: str) -> list[tuple[object, ...]]:
    engine = create_store_engine(resolve_target(url))
    try:
        with engine.begin() as connection:
            result = connection.execute(text(statement))
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    return {str(r[0]) for r in _sql(url, "SELECT tablename FROM pg_tables "
                                         "WHERE schemaname = current_schema()")}


def test_a_client_never_sets_up_or_migrates_a_server(empty_url: str) -> None:
    for read_only in (False, True):
        with pytest.raises(StoreError) as raised:
            open_store(empty_url, read_only=read_only)
        assert raised.value.code == "server_not_set_up"
        assert "dxlearn db upgrade" in raised.value.message("ja")
    assert _tables(empty_url) == set()  # nothing was created


def test_thirty_pcs_starting_together_on_a_server_all_open(pg_url: str) -> None:
    """Nothing to race for: clients only read the schema's revision."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(30)

    def start() -> None:
        barrier.wait()
        try:
            open_store(pg_url).close()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=start) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_two_upgrades_at_once_wait_for_each_other(pg_cluster: Cluster, empty_url: str) -> None:
    database = empty_url.rsplit("/", 1)[1]
    results: list[object] = []

    def upgrade() -> None:
        try:
            set_up(pg_cluster.server, database)
            results.append("ok")
        except BaseException as error:
            results.append(error)

    threads = [threading.Thread(target=upgrade) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["ok"] * 3
    revision = _sql(empty_url, "SELECT version_num FROM alembic_version")
    assert revision == [(migrate.HEAD,)]


def test_an_older_server_is_refused_until_it_is_upgraded(pg_url: str) -> None:
    earlier = migrate.revisions()[-2]
    _sql(pg_url, f"UPDATE alembic_version SET version_num = '{earlier}'")
    with pytest.raises(StoreError) as raised:
        open_store(pg_url)
    assert raised.value.code == "server_needs_upgrade"
    assert earlier in raised.value.message("ja")


def test_a_newer_server_that_still_serves_this_client_opens(pg_url: str) -> None:
    """IT upgrades the server first; PCs on the previous version keep working when the new
    revision is additive (it records the oldest client revision it serves)."""
    _sql(pg_url, "UPDATE alembic_version SET version_num = '9001'")
    _sql(pg_url, f"UPDATE schema_info SET value = '{migrate.HEAD}' WHERE name = 'serves_from'")
    with open_store(pg_url) as opened:
        assert opened.report.revision == "9001"
        opened.store.register_learner("00123", "山田 太郎", "", "staff")
    _sql(pg_url, "UPDATE schema_info SET value = '9001' WHERE name = 'serves_from'")
    with pytest.raises(StoreError) as raised:  # a breaking revision: this PC must update
        open_store(pg_url)
    assert raised.value.code == "server_too_new"
    assert "9001" in raised.value.message("ja")


def test_upgrade_records_what_clients_need(pg_url: str) -> None:
    info = dict(_sql(pg_url, "SELECT name, value FROM schema_info"))
    assert info["serves_from"] == server_schema.head_serves_from()
    with open_store(pg_url, read_only=True) as opened:
        assert opened.store.database_id()  # exports carry it: hr merge counts a server once
    engine = create_store_engine(resolve_target(pg_url))
    try:
        status = server_schema.status(engine, "t")
    finally:
        engine.dispose()
    assert status.usable is None and status.without_security == ()


def test_migrations_create_exactly_the_models_schema_on_postgresql(pg_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from dxlearn.store.models import metadata

    engine = create_store_engine(resolve_target(pg_url))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def _round_trips(store: object, action: callable) -> int:  # type: ignore[valid-type]
    """Round trips to the server while ``action()`` runs: the Query and Sync messages the
    client sends (libpq's protocol trace of every connection the pool hands out)."""
    engine = store.engine  # type: ignore[attr-defined]
    engine.dispose()  # fresh connections, each traced from its first message
    folder = Path(tempfile.mkdtemp())
    traces: list[Path] = []

    def trace(dbapi_connection: object, _record: object, _proxy: object) -> None:
        path = folder / f"trace-{len(traces)}.txt"
        traces.append(path)
        handle = path.open("w")
        dbapi_connection.pgconn.trace(handle.fileno())  # type: ignore[attr-defined]
        dbapi_connection._dxlearn_trace = handle  # type: ignore[attr-defined]

    event.listen(engine, "checkout", trace)
    action()  # a first call connects (connection start-up is not an answer's cost)
    try:
        for path in traces:
            path.write_text("")
        action()
    finally:
        event.remove(engine, "checkout", trace)
    sent = 0
    for path in traces:
        for line in path.read_text().splitlines():
            fields = line.split("\t")
            if len(fields) > 3 and fields[1] == "F" and fields[3] in ("Query", "Sync"):
                sent += 1
    return sent


def test_recording_an_answer_takes_at_most_two_round_trips(pg_url: str) -> None:
    """Was 5 (a pre-ping, BEGIN, a SELECT, an INSERT, COMMIT)."""
    with open_store(pg_url) as opened:
        store = opened.store
        store.register_learner("00123", "山田 太郎", "", "staff")
        state = store.start_attempt("00123", "lib", "l1", lesson_version=1, pass_score=50,
                                    choice_orders=[[0, 1]] * 4)
        question = iter(range(4))
        trips = _round_trips(store, lambda: store.record_answer(
            state.attempt_id, next(question), [1], True))
        assert 1 <= trips <= 2, trips
        assert len(store.attempt_state(state.attempt_id).answers) == 2


def test_pgbouncer_in_transaction_mode_with_a_pool_smaller_than_the_windows(
        pg_cluster: Cluster, pg_url: str) -> None:
    """Twelve windows through a pool of four server connections: no prepared statement
    clashes (prepare_threshold=None), no window waits for its life-long connection."""
    from support.pgserver import PgBouncer

    database = pg_url.rsplit("/", 1)[1]
    with PgBouncer(pg_cluster.server, pool_size=4) as bouncer:
        url = bouncer.url(database)
        windows = [open_store(url) for _ in range(12)]
        try:
            errors: list[BaseException] = []

            def learn(index: int) -> None:
                try:
                    store = windows[index].store
                    staff_id = f"{index:05d}"
                    store.ensure_learner(staff_id, "n", "", "staff")
                    for lesson in range(5):
                        lesson_id = f"l{lesson}"
                        store.open_lesson(staff_id, "lib", lesson_id, version=1)
                        state = store.start_attempt(staff_id, "lib", lesson_id,
                                                    lesson_version=1, pass_score=50,
                                                    choice_orders=[[0, 1]] * 3)
                        for question in range(3):
                            store.record_answer(state.attempt_id, question, [0], True)
                        store.finish_attempt(state.attempt_id, 100)
                        store.add_study_seconds(staff_id, "lib", lesson_id, 10)
                except BaseException as error:
                    errors.append(error)

            threads = [threading.Thread(target=learn, args=(i,)) for i in range(12)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert errors == []
        finally:
            for window in windows:
                window.close()
    counts = _sql(pg_url, "SELECT (SELECT count(*) FROM attempt_answers), "
                          "(SELECT count(*) FROM quiz_attempts WHERE finished_at IS NOT NULL), "
                          "(SELECT sum(study_seconds) FROM lesson_progress)")
    assert counts == [(12 * 5 * 3, 12 * 5, 12 * 5 * 10)]
