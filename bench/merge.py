"""Benchmark: ``dxlearn hr merge`` of detail exports from many PCs, against a bare
``csv`` read + dedupe + write in the same run.

Generates N signed detail CSV files (one per PC, 5 learners x 40 lessons each, so 2,000 files
hold 10,000 learners and 400,000 rows) and a 10,000-row roster, then times
``merge_exports`` to a CSV report and to an XLSX report (all sheets, charts). The baseline
reads the same files with ``csv.reader``, keeps the most advanced status per
(staff_id, library_id, lesson_id) in a dict and writes one summary row per learner.

    python bench/merge.py [--files 2000 500] [--rounds 2] [--dir FOLDER] [--profile]

Prints the times, the ratios (goal: report / bare <= 2 for both reports) and the growth
from the smaller to the larger run (linear: time per file about constant).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import logging
import pstats
import random
import shutil
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dxlearn.export.columns import DETAIL_COLUMNS
from dxlearn.export.settings import ExportSettings
from dxlearn.hr.merge import MergeOptions, merge_exports
from dxlearn.integrity.signature import Signature, digests, write_sidecar

logger = logging.getLogger(__name__)

KEY = b"k" * 32
LEARNERS_PER_FILE = 5
LESSONS = 40
STATUSES = ("completed", "completed", "completed", "in_progress", "not_started")
RANK = {"not_started": 0, "in_progress": 1, "completed": 2}


def generate(folder: Path, files: int, seed: int = 11) -> Path:
    """``files`` signed detail exports and a roster of every learner; returns the roster."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    exported = datetime(2026, 11, 27, 14, 0, tzinfo=UTC).isoformat()
    header = [c.en for c in DETAIL_COLUMNS]
    roster = io.StringIO()
    roster_writer = csv.writer(roster, lineterminator="\r\n")
    roster_writer.writerow(["staff_id", "name", "department", "role"])
    for pc in range(files):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        device = f"PC-{pc:04d}"
        for k in range(LEARNERS_PER_FILE):
            n = pc * LEARNERS_PER_FILE + k
            staff = f"{n:06d}"
            dept = f"部署{n % 60}"
            roster_writer.writerow([staff, f"職員 {n}", dept, "staff"])
            for lesson in range(LESSONS):
                status = rng.choice(STATUSES)
                quiz = lesson % 2 == 0
                score = rng.randrange(60, 101) if quiz and status != "not_started" else None
                start = datetime(2026, 10, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(10**5))
                writer.writerow([
                    staff, f"職員 {n}", dept, "staff", "lg-dx", "2026.1", f"lesson{lesson}",
                    f"レッスン{lesson}", 1, "true" if lesson % 8 else "false", status,
                    "" if score is None else score, 80 if quiz else "",
                    "" if score is None else ("true" if score >= 80 else "false"),
                    1 if score is not None else 0,
                    "" if status == "not_started" else start.isoformat(),
                    (start + timedelta(minutes=9)).isoformat() if status == "completed" else "",
                    rng.randrange(0, 1800), device, exported, "0.1.0"])
        data = b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
        path = folder / device / f"dx-{device}.csv"
        path.parent.mkdir()
        path.write_bytes(data)
        sha, mac = digests(data, KEY)
        write_sidecar(path, Signature(path.name, sha, LEARNERS_PER_FILE * LESSONS, exported,
                                      device, "0.1.0", "bench", mac))
    roster_path = folder.parent / f"roster-{files}.csv"
    roster_path.write_bytes(b"\xef\xbb\xbf" + roster.getvalue().encode("utf-8"))
    return roster_path


def bare_merge(folder: Path, out: Path) -> int:
    best: dict[tuple[str, str, str], tuple[int, list[str]]] = {}
    for path in sorted(folder.rglob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            for row in reader:
                key = (row[0], row[4], row[6])
                rank = RANK[row[10]]
                current = best.get(key)
                if current is None or rank > current[0]:
                    best[key] = (rank, row)
    learners: dict[str, list[int]] = {}
    for (staff, _lib, _lesson), (rank, row) in best.items():
        counts = learners.setdefault(staff, [0, 0])
        if row[9] == "true":
            counts[0] += 1
            counts[1] += rank == 2
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["staff_id", "required_total", "required_completed"])
        for staff in sorted(learners):
            writer.writerow([staff, *learners[staff]])
    return len(learners)


def run(work: Path, files: int, profile: bool, rounds: int) -> dict[str, float]:
    inputs = work / f"in-{files}"
    started = time.perf_counter()
    roster = generate(inputs, files)
    print(f"\n{files} files ({files * LEARNERS_PER_FILE * LESSONS:,} rows), roster "
          f"{files * LEARNERS_PER_FILE:,}: generated in {time.perf_counter() - started:.1f} s")
    settings = ExportSettings(key=KEY, key_id="bench")
    options = MergeOptions(require_signature=True)
    times: dict[str, float] = {}
    for name in ("bare", "csv", "xlsx") * rounds:  # alternating rounds, best of each
        started = time.perf_counter()
        if name == "bare":
            bare_merge(inputs, work / "bare.csv")
        else:
            target = work / f"report.{name}"

            def call(t: Path = target) -> object:
                return merge_exports([inputs], t, roster=roster, options=options,
                                     settings=settings)

            if profile and name == "xlsx":
                profiler = cProfile.Profile()
                profiler.runcall(call)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)
            else:
                call()
        elapsed = time.perf_counter() - started
        times[name] = min(times.get(name, elapsed), elapsed)
    print(f"bare csv read+dedupe+write : {times['bare']:6.2f} s")
    print(f"hr merge -> CSV report     : {times['csv']:6.2f} s  ratio "
          f"{times['csv'] / times['bare']:.2f}  (goal <= 2)")
    print(f"hr merge -> XLSX report    : {times['xlsx']:6.2f} s  ratio "
          f"{times['xlsx'] / times['bare']:.2f}  (goal <= 2)")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--dir", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds (best of)")
    parser.add_argument("--profile", action="store_true", help="profile the XLSX merge")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=args.dir, prefix="merge-"))
    try:
        results = {n: run(work, n, args.profile, max(args.rounds, 1)) for n in sorted(args.files)}
        if len(results) > 1:
            small, large = min(results), max(results)
            print(f"\ngrowth {small} -> {large} files (x{large / small:.0f}):")
            for name in ("bare", "csv", "xlsx"):
                per_small = results[small][name] / small * 1000
                per_large = results[large][name] / large * 1000
                print(f"  {name:5s}: {per_small:5.2f} -> {per_large:5.2f} ms per file "
                      f"(x{results[large][name] / results[small][name]:.2f} time)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
