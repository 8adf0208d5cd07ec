"""Row-level security on a server database: a learner role writes only its own learner's rows;
the reader role (HR, IT) reads everything and writes nothing.

Two password login roles stand in for learners who connect as themselves (on Windows: SSPI /
GSSAPI integrated authentication, docs/it-admin.md; the Windows side cannot be tried here): the
rules are the server's, whatever the authentication."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from dxlearn.store import ProgressStore, StoreError, open_store
from dxlearn.store.engine import create_store_engine, resolve_target

from support.pgfixtures import HR_ROLE, Cluster

pytestmark = pytest.mark.postgresql
LIB = "lib"


def _record(store: ProgressStore, staff_id: str) -> int:
    store.ensure_learner(staff_id, f"名前 {staff_id}", "課", "staff")
    store.open_lesson(staff_id, LIB, "l1", version=1)
    store.add_study_seconds(staff_id, LIB, "l1", 60)
    state = store.start_attempt(staff_id, LIB, "l1", lesson_version=1, pass_score=50,
                                choice_orders=[[0, 1]])
    store.record_answer(state.attempt_id, 0, [0], True)
    store.set_setting(staff_id, "font_pt", 16)
    return state.attempt_id


@pytest.fixture
def database(pg_cluster: Cluster, pg_url: str) -> str:
    return pg_url.rsplit("/", 1)[1]


def _raw(url: str, statement: str) -> int | None:
    """``statement`` as that role, straight SQL (what a learner with psql could do); the rows
    it touched."""
    engine = create_store_engine(resolve_target(url))
    try:
        with engine.begin() as connection:
            return connection.execute(text(statement)).rowcount
    finally:
        engine.dispose()


def test_each_learner_role_sees_and_writes_only_its_own_rows(
        pg_cluster: Cluster, database: str) -> None:
    alice_url, bob_url = pg_cluster.url(database, "alice"), pg_cluster.url(database, "bob")
    with open_store(alice_url) as alice, open_store(bob_url) as bob:
        alice_attempt = _record(alice.store, "10001")
        _record(bob.store, "20002")
        assert [learner.staff_id for learner in alice.store.list_learners()] == ["10001"]
        assert alice.store.get_learner("20002") is None
        with pytest.raises(StoreError) as raised:  # bob's attempt is not there for alice
            alice.store.record_answer(alice_attempt + 1, 0, [1], False)
        assert raised.value.code == "attempt_unknown"
        with pytest.raises(StoreError) as raised:  # alice cannot take bob's staff id
            alice.store.ensure_learner("20002", "なりすまし", "", "staff")
        assert raised.value.code == "learner_exists"
        with pytest.raises(StoreError) as raised:
            alice.store.register_learner("20002", "なりすまし", "", "staff")
        assert raised.value.code == "learner_exists"
        with pytest.raises(StoreError) as raised:  # nor write bob's preferences
            alice.store.set_setting("20002", "font_pt", 10)
        assert raised.value.code == "server_permission"
        assert bob.store.settings_for("20002") == {"font_pt": 16}
        assert bob.store.lesson_progress("20002", LIB, "l1").study_seconds == 60


def test_plain_sql_as_a_learner_cannot_touch_another_learners_rows(
        pg_cluster: Cluster, database: str) -> None:
    with open_store(pg_cluster.url(database, "alice")) as alice, \
            open_store(pg_cluster.url(database, "bob")) as bob:
        _record(alice.store, "10001")
        _record(bob.store, "20002")
    alice_url = pg_cluster.url(database, "alice")
    assert _raw(alice_url, "UPDATE lesson_progress SET study_seconds = 99999") == 1  # hers
    assert _raw(alice_url, "UPDATE attempt_answers SET correct = true") == 1
    for statement in ("DELETE FROM attempt_answers", "DELETE FROM quiz_attempts",
                      "UPDATE learners SET owner = 'bob'",
                      "UPDATE learners SET staff_id = 'x'"):
        with pytest.raises(Exception, match="permission denied"):
            _raw(alice_url, statement)
    with pytest.raises(Exception, match="row-level security"):  # a row for bob: refused
        _raw(alice_url, "INSERT INTO learners (staff_id, name, department, role, created_at, "
                        "updated_at, owner) VALUES ('30003', 'x', '', 'staff', now(), now(), "
                        "'bob')")
    with open_store(pg_cluster.url(database, "bob")) as bob:
        assert bob.store.lesson_progress("20002", LIB, "l1").study_seconds == 60
        answers = bob.store.attempts_for("20002", LIB, "l1")
        assert len(answers) == 1


def test_hr_reads_everyone_and_writes_nothing(pg_cluster: Cluster, database: str) -> None:
    for role, staff_id in (("alice", "10001"), ("bob", "20002")):
        with open_store(pg_cluster.url(database, role)) as opened:
            _record(opened.store, staff_id)
    with open_store(pg_cluster.url(database, HR_ROLE), read_only=True) as hr:
        assert [learner.staff_id for learner in hr.store.list_learners()] == ["10001", "20002"]
        assert hr.store.database_id()
    with open_store(pg_cluster.url(database, HR_ROLE)) as hr:
        with pytest.raises(StoreError) as raised:
            hr.store.register_learner("40004", "n", "", "staff")
        assert raised.value.code == "server_permission"
    with pytest.raises(Exception, match="permission denied"):
        _raw(pg_cluster.url(database, HR_ROLE), "UPDATE lesson_progress SET study_seconds = 0")


def test_a_learner_role_reads_the_schema_facts_it_needs(
        pg_cluster: Cluster, database: str) -> None:
    """The revision, serves_from and the database id (exports carry it)."""
    with open_store(pg_cluster.url(database, "alice")) as alice:
        assert alice.store.database_id()
        assert alice.report.revision
