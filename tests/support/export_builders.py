"""Helpers for the export tests: a small library and a real progress database filled through
the store's public API, and the CLI run as a subprocess."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from dxlearn.content.loader import load_library
from dxlearn.content.model import Library
from dxlearn.store import ProgressStore, open_store

JST = timezone(timedelta(hours=9))
T0 = datetime(2026, 11, 27, 5, 0, 0, tzinfo=UTC)  # 14:00 JST
KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
LIBRARY_ID = "test-dx"
NO_USER_DATA = Path(tempfile.gettempdir()) / "dxlearn-tests-no-user-data"  # never created

QUIZ = """\
## 正しいものを選んでください。

- [x] 正しい
- [ ] 誤り
"""


def lesson_md(title: str, roles: str, *, required: bool = True, version: int = 1) -> str:
    return (f"---\ntitle: {title}\nroles: [{roles}]\nrequired: {str(required).lower()}\n"
            f"version: {version}\n---\n\n本文です。\n")


def make_library(root: Path) -> Path:
    """Four lessons: intro (quiz, staff+leader), rules (no quiz, staff+leader), extra
    (optional, staff), lead (leader only)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "library.yaml").write_text(
        f"id: {LIBRARY_ID}\ntitle: テスト研修\nversion: \"2026.1\"\n"
        "roles:\n  executive: 幹部職層\n  leader: DX推進リーダー\n  staff: 一般職員\n",
        encoding="utf-8")
    files = {
        "01-intro": (lesson_md("=DXとは", "staff, leader", version=2), QUIZ),
        "02-rules": (lesson_md("ルール", "staff, leader"), None),
        "03-extra": (lesson_md("発展", "staff", required=False), None),
        "04-lead": (lesson_md("推進", "leader"), QUIZ),
    }
    for folder, (lesson, quiz) in files.items():
        (root / folder).mkdir()
        (root / folder / "lesson.md").write_text(lesson, encoding="utf-8")
        if quiz:
            (root / folder / "quiz.md").write_text(quiz, encoding="utf-8")
    return root


class Clock:
    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Fixture:
    db: Path | str  # a SQLite file, or a PostgreSQL URL (``db_target``)
    library_path: Path
    library: Library

    @property
    def read_only_target(self) -> str:
        """The database opened read-only: ``mode=ro`` for a file, the URL for a server."""
        if isinstance(self.db, Path):
            return f"sqlite:///file:{self.db.as_posix()}?mode=ro&uri=true"
        return self.db


def complete_lesson(store: ProgressStore, clock: Clock, library: Library, staff_id: str,
                    lesson_id: str, *, score: int | None = 100, seconds: int = 300) -> None:
    lesson = library.lesson(lesson_id)
    assert lesson is not None
    store.open_lesson(staff_id, library.id, lesson_id, version=lesson.version)
    clock.advance(seconds=seconds)
    store.add_study_seconds(staff_id, library.id, lesson_id, seconds)
    store.mark_read(staff_id, library.id, lesson_id, version=lesson.version,
                    has_quiz=lesson.quiz is not None)
    if lesson.quiz is not None and score is not None:
        state = store.start_attempt(staff_id, library.id, lesson_id,
                                    lesson_version=lesson.version,
                                    pass_score=lesson.quiz.pass_score, choice_orders=[[0, 1]])
        clock.advance(seconds=30)
        store.finish_attempt(state.attempt_id, score)
    clock.advance(minutes=1)


def fill_database(db: Path | str, library: Library, *, full: bool = True) -> None:
    """Learners: 00123 山田 (staff, curriculum complete when ``full``), 00456 髙橋 﨑子
    (leader, intro failed once then in progress), 00789 =cmd (staff, not started)."""
    clock = Clock()
    with open_store(db, clock=clock, backup_keep=0) as opened:
        store = opened.store
        store.register_learner("00123", "山田 太郎", "情報政策課", "staff")
        store.register_learner("00456", "髙橋 﨑子", "総務課", "leader")
        store.register_learner("00789", "=1+2", "-企画課", "staff")
        complete_lesson(store, clock, library, "00123", "intro", score=90)
        if full:
            complete_lesson(store, clock, library, "00123", "rules", seconds=125)
        complete_lesson(store, clock, library, "00456", "intro", score=40, seconds=60)


def build(tmp_path: Path, *, full: bool = True, db: Path | str | None = None) -> Fixture:
    """The library and a filled database: a file in ``tmp_path`` unless ``db`` names one (a
    PostgreSQL URL: ``db_target``)."""
    library_path = make_library(tmp_path / "library")
    library = load_library(library_path)
    assert not library.has_errors, library.all_findings()
    if db is None or "://" not in str(db):
        db = Path(db) if db is not None else tmp_path / "data" / "progress.db"
    fill_database(db, library, full=full)
    return Fixture(db, library_path, library)


def run_cli(*args: str | Path, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DXLEARN_")}
    # no per-user data folder of the machine running the tests (imported packs, a database)
    environment.update({"TZ": "Asia/Tokyo", "QT_QPA_PLATFORM": "offscreen",
                        "PYTHONIOENCODING": "utf-8", "XDG_DATA_HOME": str(NO_USER_DATA)})
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "dxlearn", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=environment,
                          cwd=cwd, timeout=120, check=False)


def read_csv(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    text = path.read_bytes().decode(encoding)
    return list(csv.reader(io.StringIO(text, newline="")))


def library_rows(rows: list[list[str]], library_id: str = LIBRARY_ID) -> list[list[str]]:
    """The header and the rows of one library (an export also covers the bundled one)."""
    return [rows[0], *(r for r in rows[1:] if r[4] == library_id)]


def open_store_at(db: Path | str) -> ProgressStore:
    """The database opened for writing, as the running app would (use as a context manager)."""
    return open_store(db, backup_keep=0).store
