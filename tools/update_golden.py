"""Regenerate the golden HR files (tests/export/golden/, tests/hr/golden/).

    python tools/update_golden.py

Run it after an intended change of an export or report format (a new column, other xAPI
statement content), then read the diff of the CSV and JSON files (``git diff``) and open the
XLSX files before committing them: the tests compare every export and report with these
files, byte for byte where the format allows (CSV, JSON) and cell for cell for XLSX. The
database, clock, zone, device and key are fixed in ``tests/support/golden.py``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    sys.path.insert(0, str(ROOT / "tests"))
    from support.golden import regenerate

    with tempfile.TemporaryDirectory(prefix="dxlearn-golden-") as work:
        for path in regenerate(Path(work)):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
