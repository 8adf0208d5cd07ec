"""The first-paint fast path: the library cache and the read-only status snapshot."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from dxlearn import paths
from dxlearn.content.cache import load_library_cached
from dxlearn.content.loader import load_library
from dxlearn.learning.status import Status
from dxlearn.store import open_store
from dxlearn.store.snapshot import read_snapshot


def _copy_library(target: Path) -> Path:
    import shutil

    shutil.copytree(paths.lessons_dir(), target)
    return target


def test_cache_returns_the_same_library_and_notices_edits(tmp_path: Path) -> None:
    root = _copy_library(tmp_path / "lessons")
    cache = tmp_path / "cache"
    first = load_library_cached(root, cache)
    assert first == load_library(root)
    assert list(cache.glob("library-*.pickle"))
    assert load_library_cached(root, cache) == first

    lesson_md = root / "01-common" / "01-what-is-dx" / "lesson.md"
    text = lesson_md.read_text(encoding="utf-8").replace("title:", "title: 改訂", 1)
    time.sleep(0.01)
    lesson_md.write_text(text, encoding="utf-8")
    edited = load_library_cached(root, cache)
    assert edited.lesson("what-is-dx").title.startswith("改訂")


def test_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    root = _copy_library(tmp_path / "lessons")
    cache = tmp_path / "cache"
    load_library_cached(root, cache)
    for file in cache.glob("library-*.pickle"):
        file.write_bytes(b"not a pickle")
    assert load_library_cached(root, cache) == load_library(root)


def test_snapshot_matches_the_store(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    assert read_snapshot(db, "lib") is None  # no file yet
    with open_store(db) as opened:
        store = opened.store
        store.register_learner("007", "山田 花子", "市民課", "staff")
        assert read_snapshot(db, "lib") is None  # nobody signed in yet
        store.set_setting("app", "last_learner", "007")
        store.set_setting("app", "font_pt", 16)
        store.open_lesson("007", "lib", "a", version=1)
        store.mark_read("007", "lib", "b", version=1, has_quiz=False)
        expected = store.progress_for("007", "lib")
    snapshot = read_snapshot(db, "lib")
    assert snapshot is not None
    assert snapshot.learner.staff_id == "007" and snapshot.learner.role == "staff"
    assert snapshot.settings["font_pt"] == 16
    assert {k: v.status for k, v in snapshot.outcomes.items()} == {
        k: v.status for k, v in expected.items()}
    assert snapshot.outcomes["b"].status is Status.COMPLETED
    assert snapshot.outcomes["b"].completed_at == expected["b"].completed_at


def test_snapshot_declines_an_unknown_revision(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "progress.db"
    with open_store(db) as opened:
        opened.store.register_learner("1", "a", "b", "staff")
        opened.store.set_setting("app", "last_learner", "1")
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    assert read_snapshot(db, "lib") is None


def test_snapshot_module_does_not_import_sqlalchemy() -> None:
    code = ("import sys, dxlearn.store.snapshot, dxlearn.content.cache; "
            "print('sqlalchemy' in sys.modules, 'markdown' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False"]


FIRST_PAINT = """
import sys
from pathlib import Path
from dxlearn import paths
from dxlearn.content.cache import load_library_cached
from dxlearn.gui.application import ensure_application
from dxlearn.gui.context import AppContext
from dxlearn.gui.main_window import MainWindow
from dxlearn.learning.profile import Profile
app = ensure_application()
library = load_library_cached(paths.lessons_dir(), Path(sys.argv[1]))
ctx = AppContext(library=library, store=None, report=None, database_path=None,
                 libraries=(library,), learner=Profile("012345", "山田 花子", "市民課", "staff"))
window = MainWindow(ctx)
window.refresh()
window.show()
app.processEvents()
print(sorted(m for m in ("sqlalchemy", "alembic", "openpyxl", "markdown", "nh3")
             if m in sys.modules))
"""


def test_the_first_paint_loads_neither_the_store_nor_the_exports(tmp_path: Path) -> None:
    """The window painted before the store opens (a cached library, the snapshot's learner)
    must not pull in SQLAlchemy, Alembic, openpyxl or the Markdown pipeline on its way: each
    costs hundreds of milliseconds on the target PCs."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    warm = [sys.executable, "-c", FIRST_PAINT, str(tmp_path / "cache")]
    subprocess.run(warm, capture_output=True, text=True, check=True, env=env)  # writes cache
    out = subprocess.run(warm, capture_output=True, text=True, check=True, env=env).stdout
    assert out.strip().splitlines()[-1] == "[]"
