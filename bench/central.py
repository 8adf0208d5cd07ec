"""Benchmark: one PostgreSQL server for a municipality (docs/it-admin.md, chapter 8).

1. **Load.** ``--learners`` (200) learners record at once, each a window of its own (its own
   store, engine and connections; ``--processes`` processes of threads), each answering once
   every ``--interval`` (2 s) through ``lessons`` x ``questions`` quiz answers (40 x 2), with
   the lesson opened, study time added, the quiz started and finished and the lesson marked
   read around them, as the window does. Measured: answers per second and the time until each
   answer is durable (``record_answer`` returned: committed on a server with ``fsync`` and
   ``synchronous_commit`` on, on this disk). The baseline, in the same run and under the same
   load: bare psycopg ``INSERT`` + ``COMMIT`` on connections of their own (``--bare`` threads,
   one insert every interval each). Afterwards every count is checked: nothing lost, nothing
   duplicated. Twice: straight to the server, and through pgbouncer in transaction mode with a
   pool smaller than the number of windows (``--pool``, 20 server connections for 200 windows).
2. **Export.** ``--export-learners`` (10,000) x 40 lessons generated as bench/export.py does
   (into SQLite, then copied to the server), and ``dxlearn export --scope detail`` (the API)
   timed from SQLite, from the server directly and through pgbouncer.

    python bench/central.py [--learners 200] [--lessons 40] [--questions 2] [--interval 2]
                            [--export-learners 10000] [--skip-export] [--dir FOLDER]

Goal: 0 lost or duplicated; p99 time to a durable answer <= 100 ms on this machine, printed as
a ratio to the bare insert + commit. The cluster lives in ``--dir`` (default bench/out/, on the
checkout's disk: a tmpfs would make fsync free).
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import random
import shutil
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # support/pgserver.py: the throw-away cluster

from support.pgserver import PgBouncer, PgServer, free_port  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


# -- one process of learners ----------------------------------------------------------------------


def learner(url: str, staff_id: str, lessons: int, questions: int, interval: float,
            go: Path, times: list[float], errors: list[str]) -> None:
    from dxlearn.store import StoreError, open_store

    with open_store(url) as opened:
        store = opened.store
        store.ensure_learner(staff_id, f"職員 {staff_id}", "情報政策課", "staff")
        while not go.exists():
            time.sleep(0.01)
        time.sleep(random.uniform(0, interval))  # windows do not answer in step
        for lesson in range(lessons):
            lesson_id = f"lesson-{lesson:02d}"
            try:
                store.open_lesson(staff_id, "bench", lesson_id, version=1)
                store.add_study_seconds(staff_id, "bench", lesson_id, 30)
                state = store.start_attempt(staff_id, "bench", lesson_id, lesson_version=1,
                                            pass_score=50,
                                            choice_orders=[[0, 1, 2, 3]] * questions)
                for question in range(questions):
                    started = time.perf_counter()
                    store.record_answer(state.attempt_id, question, [question % 4], True)
                    times.append(time.perf_counter() - started)
                    time.sleep(max(0.0, interval - (time.perf_counter() - started)))
                store.finish_attempt(state.attempt_id, 100)
                store.mark_read(staff_id, "bench", lesson_id, version=1, has_quiz=True)
            except StoreError as error:
                errors.append(f"{staff_id} {lesson_id}: {error.code} {error.detail[:160]}")


def bare(url: str, count: int, interval: float, go: Path, times: list[float]) -> None:
    """Bare psycopg: INSERT + COMMIT on a connection of its own, once every interval."""
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, prepare_threshold=None) as connection:
        while not go.exists():
            time.sleep(0.01)
        time.sleep(random.uniform(0, interval))
        for n in range(count):
            started = time.perf_counter()
            connection.execute("INSERT INTO bench_bare (answer, at) VALUES (%s, now())", (n,))
            connection.commit()
            times.append(time.perf_counter() - started)
            time.sleep(max(0.0, interval - (time.perf_counter() - started)))


def worker(args: argparse.Namespace) -> None:
    """``--worker``: the learners ``--first`` .. ``--first + --count - 1`` (or bare threads),
    one thread each; the answer times to ``--out``."""
    times: list[float] = []
    errors: list[str] = []
    go = Path(args.go)
    if args.bare_threads:
        threads = [threading.Thread(target=bare, args=(
            args.url, args.lessons * args.questions, args.interval, go, times))
            for _ in range(args.bare_threads)]
    else:
        threads = [threading.Thread(target=learner, args=(
            args.url, f"{args.first + i:05d}", args.lessons, args.questions, args.interval, go,
            times, errors)) for i in range(args.count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    Path(args.out).write_text(json.dumps({"times": times, "errors": errors}), encoding="utf-8")


# -- the load, directly and through pgbouncer -----------------------------------------------------


def set_up(server: PgServer, database: str) -> None:
    from dxlearn.store import server_schema
    from dxlearn.store.engine import create_store_engine, resolve_target

    server.drop_database(database)
    server.make_database(database)
    engine = create_store_engine(resolve_target(server.url(database)))
    try:
        server_schema.upgrade(engine, database)
    finally:
        engine.dispose()
    server.psql("CREATE TABLE bench_bare (id bigserial PRIMARY KEY, answer int, "
                "at timestamptz)", database)


def counts(url: str) -> dict[str, int]:
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as connection:
        row = connection.execute(
            "SELECT (SELECT count(*) FROM attempt_answers),"
            " (SELECT count(DISTINCT (attempt_id, question_index)) FROM attempt_answers),"
            " (SELECT count(*) FROM quiz_attempts),"
            " (SELECT count(*) FROM quiz_attempts WHERE finished_at IS NOT NULL),"
            " (SELECT count(*) FROM lesson_progress WHERE completed_at IS NOT NULL),"
            " (SELECT coalesce(sum(study_seconds), 0) FROM lesson_progress),"
            " (SELECT count(*) FROM learners)").fetchone()
    assert row is not None
    keys = ("answers", "distinct_answers", "attempts", "finished", "completed", "seconds",
            "learners")
    return dict(zip(keys, (int(v) for v in row), strict=True))


def run_load(key: str, label: str, url: str, bare_url: str, args: argparse.Namespace,
             work: Path) -> dict[str, float]:
    go = work / f"go-{key}"
    go.unlink(missing_ok=True)
    per = max(1, args.learners // args.processes)
    children = []
    for index, first in enumerate(range(0, args.learners, per)):
        out = work / f"{key}-{index}.json"
        children.append((out, subprocess.Popen([
            sys.executable, __file__, "--worker", "--url", url, "--first", str(first),
            "--count", str(min(per, args.learners - first)), "--lessons", str(args.lessons),
            "--questions", str(args.questions), "--interval", str(args.interval),
            "--go", str(go), "--out", str(out)])))
    bare_out = work / f"{key}-bare.json"
    children.append((bare_out, subprocess.Popen([
        sys.executable, __file__, "--worker", "--url", bare_url, "--bare-threads",
        str(args.bare), "--lessons", str(args.lessons), "--questions", str(args.questions),
        "--interval", str(args.interval), "--go", str(go), "--out", str(bare_out)])))
    time.sleep(5 + args.learners * 0.05)  # every window opened and signed in
    started = time.perf_counter()
    go.touch()
    for _out, child in children:
        child.wait()
    wall = time.perf_counter() - started
    times: list[float] = []
    errors: list[str] = []
    for out, _child in children[:-1]:
        found = json.loads(out.read_text(encoding="utf-8"))
        times += found["times"]
        errors += found["errors"]
    bare_times = json.loads(bare_out.read_text(encoding="utf-8"))["times"]
    found = counts(bare_url)
    expected = args.learners * args.lessons
    lost = expected * args.questions - found["distinct_answers"]
    duplicated = found["answers"] - found["distinct_answers"] + found["attempts"] - expected
    exact = (found["finished"], found["completed"], found["seconds"], found["learners"]) == (
        expected, expected, expected * 30, args.learners)
    p50, p99 = percentile(times, 0.5), percentile(times, 0.99)
    b50, b99 = percentile(bare_times, 0.5), percentile(bare_times, 0.99)
    print(f"{label}: {len(times)} answers by {args.learners} learners in {wall:.0f} s = "
          f"{len(times) / wall:.1f} answers/s; errors {len(errors)}; lost {lost}, "
          f"duplicated {duplicated}; every other count exact: {'yes' if exact else 'NO'}")
    print(f"  durable answer  p50 {p50 * 1000:6.1f} ms  p99 {p99 * 1000:6.1f} ms  "
          f"max {max(times) * 1000:6.1f} ms")
    print(f"  bare insert+commit p50 {b50 * 1000:6.1f} ms  p99 {b99 * 1000:6.1f} ms "
          f"({len(bare_times)} inserts, {args.bare} connections, same run)")
    print(f"  ratio to bare   p50 {p50 / b50:5.2f}      p99 {p99 / b99:5.2f}   "
          f"(goal: p99 <= 100 ms: {'met' if p99 <= 0.1 else 'NOT met'})")
    for line in errors[:5]:
        print(f"  error: {line}")
    return {"p50": p50, "p99": p99, "lost": lost, "duplicated": duplicated}


# -- the export -----------------------------------------------------------------------------------


def copy_to_server(sqlite_db: Path, url: str) -> None:
    """The generated rows into the server, with COPY (times are UTC text on SQLite)."""
    import sqlite3

    import psycopg

    tables = {
        "learners": "id, staff_id, name, department, role, created_at, updated_at",
        "lesson_progress": "learner_id, library_id, lesson_id, version, first_opened_at, "
                           "read_at, completed_at, completed_version, study_seconds, "
                           "last_position, updated_at",
        "quiz_attempts": "learner_id, library_id, lesson_id, lesson_version, started_at, "
                         "finished_at, score, passed, pass_score, question_count, choice_orders",
    }
    source = sqlite3.connect(sqlite_db)
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as connection:
        for table, columns in tables.items():
            with connection.cursor() as cursor, cursor.copy(
                    f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in source.execute(f"SELECT {columns} FROM {table}"):
                    copy.write_row([(v + "+00" if isinstance(v, str) and len(v) == 26
                                     and v[4] == "-" and v[10] == " " else v) for v in row])
        connection.execute("SELECT setval('learners_id_seq', (SELECT max(id) FROM learners))")
        connection.execute("ANALYZE")
    source.close()


def time_export(target: str, library: object, out: Path) -> tuple[float, int]:
    from dxlearn.export import ExportOptions, ExportSettings, Scope, export_completion
    from dxlearn.store import open_store

    started = time.perf_counter()
    with open_store(target, read_only=True) as opened:
        result = export_completion(opened.store, library, out,  # type: ignore[arg-type]
                                   ExportOptions(scope=Scope.DETAIL),
                                   ExportSettings(key=b"k" * 32, key_id="bench"))
    return time.perf_counter() - started, result.rows


def run_export(server: PgServer, bouncer: PgBouncer, args: argparse.Namespace,
               work: Path) -> None:
    sys.path.insert(0, str(HERE))
    from export import generate, make_library  # bench/export.py: the same data

    library = make_library(work / "export-library", args.lessons)
    sqlite_db = work / "export.db"
    generate(sqlite_db, library, args.export_learners)
    set_up(server, "bench_export")
    copy_to_server(sqlite_db, server.url("bench_export"))
    rows = {}
    for label, target in (("SQLite file", str(sqlite_db)),
                          ("PostgreSQL direct", server.url("bench_export")),
                          ("PostgreSQL via pgbouncer", bouncer.url("bench_export"))):
        best = min(time_export(target, library, work / "export.csv")[0] for _ in range(2))
        rows[label] = best
    print(f"export detail CSV, {args.export_learners} learners x {args.lessons} lessons "
          f"(best of two):")
    for label, seconds in rows.items():
        print(f"  {label:<26} {seconds:6.2f} s  ({seconds / rows['SQLite file']:.2f} x SQLite)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--lessons", type=int, default=40)
    parser.add_argument("--questions", type=int, default=2)
    parser.add_argument("--interval", type=float, default=2.0)
    parser.add_argument("--processes", type=int, default=20)
    parser.add_argument("--bare", type=int, default=20)
    parser.add_argument("--pool", type=int, default=20)
    parser.add_argument("--export-learners", type=int, default=10_000)
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--dir", type=Path, default=HERE / "out")
    # a worker process (internal)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--bare-threads", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--go", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # "opened read-only" is expected here
    if args.worker:
        worker(args)
        return
    work = args.dir / "central"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print(f"bench/central.py {datetime.now(UTC).date()} on {platform.node()}: "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"PostgreSQL cluster in {work} (fsync on, synchronous_commit on)")
    server = PgServer(work / "pg", port=free_port(), durable=True,
                      max_connections=args.learners * 3 + 50).init().start()
    try:
        with PgBouncer(server, pool_size=args.pool) as bouncer:
            if not args.skip_load:
                for label, through in (("direct", None), ("pgbouncer", bouncer)):
                    database = f"bench_{label}"
                    set_up(server, database)
                    url = (through.url(database) if through is not None
                           else server.url(database))
                    run_load(label, label + (f" (transaction mode, pool {args.pool})"
                                             if through is not None else ""), url,
                             server.url(database), args, work)
            if not args.skip_export:
                run_export(server, bouncer, args, work)
    finally:
        server.remove()


if __name__ == "__main__":
    main()
