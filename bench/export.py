"""Benchmark: ``dxlearn export --scope detail`` to CSV for 10,000 learners x 40 lessons,
against a bare ``sqlite3`` SELECT + ``csv.writer`` of the same rows in the same run.

The database is generated with ``executemany`` into the store's tables (the schema is created
by ``open_store``, so it is exactly the app's). Every learner has a progress row for each of
the 40 lessons (so both sides write the same 400,000 rows); 20 lessons have quizzes with 1-2
attempts. The export goes through the public API (``export_completion``) on a read-only
store, exactly as ``dxlearn export`` does, including the signature (SHA-256 + HMAC).

    python bench/export.py [--learners 10000] [--lessons 40] [--dir FOLDER] [--profile]

Prints both times and the ratio; the goal is export/bare <= 2.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import logging
import platform
import pstats
import random
import shutil
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dxlearn.content.loader import load_library
from dxlearn.content.model import Library
from dxlearn.export import ExportOptions, ExportSettings, Scope, export_completion
from dxlearn.store import open_store

logger = logging.getLogger(__name__)

T0 = datetime(2026, 10, 1, tzinfo=UTC)
QUIZ = "## 質問\n\n- [x] はい\n- [ ] いいえ\n"


def make_library(root: Path, lessons: int) -> Library:
    root.mkdir(parents=True)
    (root / "library.yaml").write_text('id: bench\ntitle: ベンチ研修\nversion: "1"\n', "utf-8")
    for i in range(lessons):
        folder = root / f"{i + 1:02d}-lesson{i}"
        folder.mkdir()
        (folder / "lesson.md").write_text(
            f"---\ntitle: レッスン{i}\nroles: [staff, leader, executive]\n"
            f"required: {'true' if i % 8 else 'false'}\n---\n\n本文\n", "utf-8")
        if i % 2 == 0:
            (folder / "quiz.md").write_text(QUIZ, "utf-8")
    return load_library(root)


def stamp(moment: datetime) -> str:
    """How the store keeps a UTC time on SQLite (SQLAlchemy's DateTime format)."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def generate(db: Path, library: Library, learners: int, seed: int = 7) -> None:
    with open_store(db, backup_keep=0):
        pass  # creates the schema through the app's migrations
    rng = random.Random(seed)
    lessons = list(library.lessons())
    roles = ("staff", "leader", "executive")
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    now = stamp(T0)
    connection.executemany(
        "INSERT INTO learners (id, staff_id, name, department, role, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((n + 1, f"{n:06d}", f"職員 {n}", f"部署{n % 60}", roles[n % 7 % 3], now, now)
         for n in range(learners)))
    progress = []
    attempts = []
    for n in range(learners):
        for lesson in lessons:
            opened = T0 + timedelta(minutes=rng.randrange(60 * 24 * 40))
            done = rng.random() < 0.7
            read = opened + timedelta(minutes=5) if done or rng.random() < 0.3 else None
            completed = None
            if lesson.quiz is not None:
                for k in range(1 if done else rng.randrange(0, 3)):
                    score = rng.randrange(80, 101) if done else rng.randrange(0, 80)
                    start = opened + timedelta(minutes=6 + k)
                    attempts.append((n + 1, library.id, lesson.id, 1, stamp(start),
                                     stamp(start + timedelta(seconds=90)), score, score >= 80,
                                     80, 1, "[[0, 1]]"))
                if done:
                    completed = opened + timedelta(minutes=7, seconds=30)
            elif done and read is not None:
                completed = read
            progress.append((n + 1, library.id, lesson.id, 1, stamp(opened),
                             stamp(read) if read else None,
                             stamp(completed) if completed else None,
                             1 if completed else None, rng.randrange(30, 1800), 0.0, now))
    connection.executemany(
        "INSERT INTO lesson_progress (learner_id, library_id, lesson_id, version,"
        " first_opened_at, read_at, completed_at, completed_version, study_seconds,"
        " last_position, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", progress)
    connection.executemany(
        "INSERT INTO quiz_attempts (learner_id, library_id, lesson_id, lesson_version,"
        " started_at, finished_at, score, passed, pass_score, question_count, choice_orders)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", attempts)
    connection.commit()
    connection.close()


BARE_QUERY = """
SELECT l.staff_id, l.name, l.department, l.role, p.library_id, p.lesson_id, p.version,
       p.first_opened_at, p.read_at, p.completed_at, p.completed_version, p.study_seconds,
       s.finished, s.best, s.passed
FROM learners l
LEFT JOIN lesson_progress p ON p.learner_id = l.id AND p.library_id = ?
LEFT JOIN (SELECT learner_id, lesson_id, COUNT(finished_at) AS finished, MAX(score) AS best,
                  MAX(passed) AS passed
           FROM quiz_attempts WHERE library_id = ? GROUP BY learner_id, lesson_id) s
       ON s.learner_id = l.id AND s.lesson_id = p.lesson_id
ORDER BY l.staff_id, p.lesson_id
"""


def bare_export(db: Path, out: Path, library_id: str) -> int:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    count = 0
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["staff_id", "name", "department", "role", "library_id", "lesson_id",
                         "version", "opened", "read", "completed", "completed_version",
                         "study_seconds", "attempts", "score", "passed"])
        for row in connection.execute(BARE_QUERY, (library_id, library_id)):
            writer.writerow(row)
            count += 1
    connection.close()
    return count


def app_export(db: Path, library: Library, out: Path) -> int:
    url = f"sqlite:///file:{db.as_posix()}?mode=ro&uri=true"
    with open_store(url) as opened:
        result = export_completion(opened.store, [library], out,
                                   ExportOptions(scope=Scope.DETAIL),
                                   ExportSettings(device="BENCH", key=b"k" * 32, key_id="b"))
    return result.rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--lessons", type=int, default=40)
    parser.add_argument("--dir", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--profile", action="store_true", help="print the top 25 functions")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=args.dir, prefix="export-"))
    try:
        library = make_library(work / "lib", args.lessons)
        db = work / "progress.db"
        started = time.perf_counter()
        generate(db, library, args.learners)
        print(f"generated {args.learners} learners x {args.lessons} lessons in "
              f"{time.perf_counter() - started:.1f} s ({platform.python_version()}, "
              f"{platform.machine()})")
        timings: dict[str, list[float]] = {"bare": [], "export": []}
        rows = {}
        for round_ in range(2):  # alternate the order so caches favour neither side
            order = ("bare", "export") if round_ % 2 == 0 else ("export", "bare")
            for name in order:
                started = time.perf_counter()
                if name == "bare":
                    rows[name] = bare_export(db, work / "bare.csv", library.id)
                elif args.profile and round_ == 1:
                    profiler = cProfile.Profile()
                    rows[name] = profiler.runcall(app_export, db, library, work / "dx.csv")
                else:
                    rows[name] = app_export(db, library, work / "dx.csv")
                timings[name].append(time.perf_counter() - started)
        bare, app = min(timings["bare"]), min(timings["export"])
        print(f"rows: export {rows['export']}, bare {rows['bare']}")
        print(f"bare sqlite3 + csv.writer : {bare:6.2f} s")
        print(f"dxlearn export detail CSV : {app:6.2f} s  ({rows['export'] / app:,.0f} rows/s)")
        print(f"ratio export/bare         : {app / bare:.2f}  (goal <= 2)")
        if args.profile:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
