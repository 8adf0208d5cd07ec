"""Fifty learners recording at once, each its own process, through pgbouncer in transaction
mode with a pool of ten server connections: nothing lost, nothing duplicated (interop review,
PostgreSQL 1: 1,611 errors, 25 lessons and 60 answers lost with 50 learners). The benchmark
(bench/central.py) runs 200."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from dxlearn.store.engine import create_store_engine, resolve_target

from support.pgfixtures import Cluster
from support.pgserver import PgBouncer

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]
LEARNERS, LESSONS, QUESTIONS = 50, 3, 5
CHILD = Path(__file__).with_name("server_learner.py")


def test_fifty_learners_at_once_lose_and_duplicate_nothing(
        pg_cluster: Cluster, pg_url: str, tmp_path: Path) -> None:
    database = pg_url.rsplit("/", 1)[1]
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with PgBouncer(pg_cluster.server, pool_size=10) as bouncer:
        url = bouncer.url(database)
        children = [subprocess.Popen(
            [sys.executable, str(CHILD), url, f"{i:05d}", str(LESSONS), str(QUESTIONS),
             str(go)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for i in range(LEARNERS)]
        time.sleep(1)
        go.touch()
        outcomes = [child.communicate(timeout=600) for child in children]
    failed = [(c.returncode, err[-500:]) for c, (_out, err) in zip(children, outcomes,
                                                                     strict=True)
              if c.returncode != 0]
    assert failed == []
    reports = [json.loads(out.strip().splitlines()[-1]) for out, _err in outcomes]
    assert sum(len(r["times"]) for r in reports) == LEARNERS * LESSONS * QUESTIONS
    engine = create_store_engine(resolve_target(pg_url))
    try:
        with engine.connect() as connection:
            counts = connection.execute(text(
                "SELECT (SELECT count(*) FROM learners), "
                "(SELECT count(*) FROM attempt_answers), "
                "(SELECT count(DISTINCT (attempt_id, question_index)) FROM attempt_answers), "
                "(SELECT count(*) FROM quiz_attempts WHERE finished_at IS NOT NULL), "
                "(SELECT count(*) FROM quiz_attempts), "
                "(SELECT count(*) FROM lesson_progress WHERE completed_at IS NOT NULL), "
                "(SELECT sum(study_seconds) FROM lesson_progress)")).one()
    finally:
        engine.dispose()
    total = LEARNERS * LESSONS
    assert tuple(counts) == (LEARNERS, total * QUESTIONS, total * QUESTIONS, total, total,
                             total, total * 20)
