"""Peak memory of ``hr merge`` with one large input, against the input's size.

    python bench/merge_memory.py [--mib 1024] [--report csv|xlsx] [--dir FOLDER]

Generates one signed detail export of about ``--mib`` MiB (distinct learners, 40 lessons each,
the rows of bench/merge.py: about 6 million records per GiB), then runs ``merge_exports``
(``--require-signature``, a CSV or XLSX report) in a child process and reads its peak RSS
(``wait4``). The baseline, in the same run, is a child that streams the same file through
``csv.reader`` and keeps nothing. Prints both peaks and the ratio merge peak / input size
(goal <= 2: the merge streams each input and keeps bounded state per learner and lesson).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dxlearn.export.columns import DETAIL_COLUMNS
from dxlearn.files.atomic import hash_file
from dxlearn.integrity.signature import Signature, write_sidecar

KEY = b"k" * 32
LESSONS = 40
STATUSES = ("completed", "completed", "completed", "in_progress", "not_started")

MERGE = r"""
import sys
from pathlib import Path
from dxlearn.export.settings import ExportSettings
from dxlearn.hr.merge import MergeOptions, merge_exports
merge_exports([Path(sys.argv[1])], Path(sys.argv[2]),
              options=MergeOptions(require_signature=True),
              settings=ExportSettings(key=b"k" * 32, key_id="bench"))
"""

BARE = r"""
import csv, sys
rows = 0
with open(sys.argv[1], encoding="utf-8-sig", newline="") as handle:
    for row in csv.reader(handle):
        rows += 1
print(rows)
"""


def generate(path: Path, mib: int, seed: int = 7) -> int:
    """A signed detail export of about ``mib`` MiB; returns its data rows."""
    rng = random.Random(seed)
    exported = datetime(2026, 11, 27, 14, 0, tzinfo=UTC).isoformat()
    device = "PC-BIG"
    target = mib * 1024 * 1024
    rows = 0
    learner = 0
    with path.open("wb") as handle:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([c.en for c in DETAIL_COLUMNS])
        handle.write(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
        while handle.tell() < target:
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\r\n")
            for _ in range(1000):
                staff = f"{learner:07d}"
                dept = f"部署{learner % 60}"
                for lesson in range(LESSONS):
                    status = rng.choice(STATUSES)
                    quiz = lesson % 2 == 0
                    score = rng.randrange(60, 101) if quiz and status != "not_started" else None
                    start = datetime(2026, 10, 1, tzinfo=UTC) + timedelta(
                        minutes=rng.randrange(10**5))
                    writer.writerow([
                        staff, f"職員 {learner}", dept, "staff", "lg-dx", "2026.1",
                        f"lesson{lesson}", f"レッスン{lesson}", 1,
                        "true" if lesson % 8 else "false", status,
                        "" if score is None else score, 80 if quiz else "",
                        "" if score is None else ("true" if score >= 80 else "false"),
                        1 if score is not None else 0,
                        "" if status == "not_started" else start.isoformat(),
                        (start + timedelta(minutes=9)).isoformat()
                        if status == "completed" else "",
                        rng.randrange(0, 1800), device, exported, "0.1.0"])
                    rows += 1
                learner += 1
            handle.write(out.getvalue().encode("utf-8"))
    sha, mac = hash_file(path, KEY)
    write_sidecar(path, Signature(path.name, sha, rows, exported, device, "0.1.0", "bench",
                                  mac))
    return rows


def peak(code: str, *args: str) -> tuple[float, int]:
    """(seconds, peak RSS in bytes) of a child running ``code``."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"child failed: exit {os.waitstatus_to_exitcode(status)}")
    return time.perf_counter() - started, usage.ru_maxrss * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=1024)
    parser.add_argument("--report", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--dir", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=args.dir, prefix="merge-memory-"))
    try:
        source = work / "dx-PC-BIG.csv"
        started = time.perf_counter()
        rows = generate(source, args.mib)
        size = source.stat().st_size
        print(f"input: {size / 2**20:,.0f} MiB, {rows:,} rows ({rows // LESSONS:,} learners), "
              f"generated in {time.perf_counter() - started:.0f} s")
        bare_time, bare_peak = peak(BARE, str(source))
        merge_time, merge_peak = peak(MERGE, str(source), str(work / f"report.{args.report}"))
        print(f"bare csv.reader stream : {bare_time:6.1f} s, peak RSS "
              f"{bare_peak / 2**20:7,.0f} MiB")
        print(f"hr merge -> {args.report.upper()} report : {merge_time:6.1f} s, peak RSS "
              f"{merge_peak / 2**20:7,.0f} MiB")
        print(f"ratio merge peak/input : {merge_peak / size:.2f}  (goal <= 2)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
