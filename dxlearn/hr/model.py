"""What the merge's parts share: its options and what it learned about each input file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True, slots=True)
class MergeOptions:
    require_signature: bool = False
    encoding: str = "utf-8-sig"  # CSV report
    header: str = "en"


@dataclass
class InputInfo:
    path: Path
    verdict: str  # a verify Verdict value, or "duplicate" / "unusable" / "missing"
    included: bool = False
    message: str = ""
    format: str = ""
    encoding: str = ""
    header: str = ""
    rows: int = 0
    device: str = ""
    exported_at: datetime | None = None
    sha256: str = ""

    def line(self) -> str:
        used = "used" if self.included else "LEFT OUT"
        return f"{self.path}: {self.verdict}, {used}, {self.rows} rows: {self.message}"


