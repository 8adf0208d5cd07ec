"""Benchmark: the cost of recording one quiz answer durably, against bare sqlite3.

Each answer through ``ProgressStore.record_answer`` is one transaction committed with
``synchronous=FULL`` in WAL mode (fsynced before it returns). The baseline is a bare ``sqlite3``
INSERT + COMMIT on another database file in the same folder with the same pragmas. The two are
interleaved (alternating which goes first) so disk and CPU noise hit both alike.

Prints p50/p99 for both and the ratios; the goal is a p50 ratio <= 3.

    python bench/store.py [--n 1000] [--dir FOLDER]

The default folder is bench/out/ (on the same disk as the checkout): a tmpfs /tmp would make
fsync free and the figures meaningless.
"""

from __future__ import annotations

import argparse
import logging
import platform
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from dxlearn.store import open_store

logger = logging.getLogger(__name__)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def bare_connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA busy_timeout=5000")
    connection.execute(
        "CREATE TABLE answers (id INTEGER PRIMARY KEY, attempt_id INTEGER NOT NULL,"
        " question_index INTEGER NOT NULL, selected TEXT NOT NULL, correct BOOLEAN NOT NULL,"
        " answered_at TEXT NOT NULL, UNIQUE (attempt_id, question_index))"
    )
    connection.commit()
    return connection


def run(n: int, folder: Path) -> dict[str, float]:
    opened = open_store(folder / "store.db", backup_keep=0)
    store = opened.store
    store.register_learner("00001", "bench", "", "staff")
    attempt = store.start_attempt(
        "00001", "dx", "bench", lesson_version=1, pass_score=80, choice_orders=[[0, 1, 2, 3]] * n
    ).attempt_id
    bare = bare_connection(folder / "bare.db")
    store_times: list[float] = []
    bare_times: list[float] = []

    def one_store(i: int) -> None:
        start = time.perf_counter()
        store.record_answer(attempt, i, [i % 4], i % 2 == 0)
        store_times.append(time.perf_counter() - start)

    def one_bare(i: int) -> None:
        start = time.perf_counter()
        bare.execute(
            "INSERT INTO answers (attempt_id, question_index, selected, correct, answered_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (1, i, f"[{i % 4}]", i % 2 == 0, "2026-11-27 05:00:00.000000"),
        )
        bare.commit()
        bare_times.append(time.perf_counter() - start)

    for i in range(n):
        if i % 2:
            one_store(i)
            one_bare(i)
        else:
            one_bare(i)
            one_store(i)
    bare.close()
    opened.close()
    ms = 1000.0
    return {
        "store_p50": statistics.median(store_times) * ms,
        "store_p99": percentile(store_times, 0.99) * ms,
        "bare_p50": statistics.median(bare_times) * ms,
        "bare_p99": percentile(bare_times, 0.99) * ms,
    }


def feed(learners: int, lessons: int, folder: Path) -> tuple[int, float]:
    """Time ``learner_progress`` (the HR export feed) over ``learners`` x ``lessons``.

    The data is written with bare sqlite3 in bulk (70 % of lessons touched, half of those
    with a finished quiz attempt); returns (records read, seconds).
    """
    db = folder / "feed.db"
    open_store(db, backup_keep=0).close()
    rng = random.Random(7)
    stamp = "2026-11-01 00:00:00.000000"
    progress, attempts = [], []
    for learner in range(1, learners + 1):
        for lesson in range(lessons):
            if rng.random() < 0.7:
                done = stamp if rng.random() < 0.5 else None
                progress.append((learner, f"l{lesson:02d}", stamp, stamp, done, 300, stamp))
                if lesson % 2 == 0:
                    attempts.append((learner, f"l{lesson:02d}", stamp, stamp, 90, 1))
    connection = sqlite3.connect(db)
    with connection:
        connection.executemany(
            "INSERT INTO learners (id, staff_id, name, department, role, created_at, updated_at)"
            " VALUES (?, ?, '氏名', '所属', 'staff', ?, ?)",
            [(i, f"{i:06d}", stamp, stamp) for i in range(1, learners + 1)],
        )
        connection.executemany(
            "INSERT INTO lesson_progress (learner_id, library_id, lesson_id, version,"
            " first_opened_at, read_at, completed_at, completed_version, study_seconds,"
            " last_position, updated_at) VALUES (?, 'dx', ?, 1, ?, ?, ?, 1, ?, 0.5, ?)",
            progress,
        )
        connection.executemany(
            "INSERT INTO quiz_attempts (learner_id, library_id, lesson_id, lesson_version,"
            " started_at, finished_at, score, passed, pass_score, question_count, choice_orders)"
            " VALUES (?, 'dx', ?, 1, ?, ?, ?, ?, 80, 5, '[[0, 1]]')",
            attempts,
        )
    connection.close()
    with open_store(db, backup_keep=0) as opened:
        start = time.perf_counter()
        records = sum(len(item.lessons) for item in opened.store.learner_progress("dx"))
        return records, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="answers to record (default 1000)")
    parser.add_argument("--dir", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument(
        "--feed-learners", type=int, default=10000, help="export feed size (0 skips it)"
    )
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="store-", dir=args.dir))
    try:
        figures = run(args.n, folder)
        feed_figures = feed(args.feed_learners, 40, folder) if args.feed_learners else None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    ratio50 = figures["store_p50"] / figures["bare_p50"]
    ratio99 = figures["store_p99"] / figures["bare_p99"]
    print(
        f"machine: {platform.machine()} {platform.system()} python {platform.python_version()}"
        f" sqlite {sqlite3.sqlite_version}"
    )
    print(f"answers recorded: {args.n} (durable commit each, WAL + synchronous=FULL)")
    print(
        f"store record_answer: p50 {figures['store_p50']:.3f} ms  p99 {figures['store_p99']:.3f} ms"
    )
    print(
        f"bare sqlite3       : p50 {figures['bare_p50']:.3f} ms  p99 {figures['bare_p99']:.3f} ms"
    )
    print(f"ratio store/bare   : p50 {ratio50:.2f}  p99 {ratio99:.2f}  (goal p50 <= 3)")
    if feed_figures is not None:
        records, seconds = feed_figures
        print(
            f"export feed        : {args.feed_learners} learners x 40 lessons,"
            f" {records} records in {seconds:.2f} s (learner_progress, 2 queries)"
        )
    return 0 if ratio50 <= 3 else 1


if __name__ == "__main__":
    raise SystemExit(main())
