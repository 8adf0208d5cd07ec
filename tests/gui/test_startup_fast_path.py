"""The first-paint fast path: the library cache and the read-only status snapshot."""

from __future__ import annotations

import ast
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
import dxlearn.gui.app  # what the launch imports (the sign-in, the logging, the policy)
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
print(sorted(m for m in sys.argv[2:] if m in sys.modules))
"""

# What the curriculum on screen does not need: the store and the exports, and (issue 19) the
# pages built on first use, the dialogs, the links, the central link and the share drop.
NOT_BEFORE_FIRST_PAINT = (
    "sqlalchemy", "alembic", "openpyxl", "markdown", "nh3",
    "dxlearn.gui.lesson_page", "dxlearn.gui.lesson_document", "dxlearn.gui.quiz_page",
    "dxlearn.gui.quiz_result", "dxlearn.gui.quiz_session", "dxlearn.gui.review_page",
    "dxlearn.gui.record_page", "dxlearn.gui.search_results", "dxlearn.gui.dialogs",
    "dxlearn.gui.links", "dxlearn.gui.export_dialog", "dxlearn.export.share_drop",
    "dxlearn.store.server",
    # and (issue 19, later) what only the store, a pack import, the sign-in dialog, the review
    # and the search results use: about 30 ms of imports before the first paint
    "dxlearn.store.records", "dxlearn.content.pack_format", "dxlearn.gui.profile_dialog",
    "dxlearn.gui.operations.review", "dxlearn.learning.record", "html",
)


def first_paint_modules(cache: Path, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` are imported once the window has painted the curriculum (the
    second run: the first writes the library cache)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = [sys.executable, "-c", FIRST_PAINT, str(cache), *modules]
    subprocess.run(run, capture_output=True, text=True, check=True, env=env)
    out = subprocess.run(run, capture_output=True, text=True, check=True, env=env).stdout
    return ast.literal_eval(out.strip().splitlines()[-1])


def test_the_first_paint_loads_neither_the_store_nor_the_exports(tmp_path: Path) -> None:
    """The window painted before the store opens (a cached library, the snapshot's learner)
    must not pull in SQLAlchemy, Alembic, openpyxl or the Markdown pipeline on its way: each
    costs hundreds of milliseconds on the target PCs. Nor the pages, dialogs and links built
    or opened on first use (``gui.window_pages``): with them the start took 3.5 times a bare
    window, not 2.6 (bench/README.md)."""
    assert first_paint_modules(tmp_path / "cache", NOT_BEFORE_FIRST_PAINT) == []


def test_the_pages_built_on_first_use_are_built_when_reached(tmp_path: Path) -> None:
    """The other side of the fast path: reaching a page builds it (and imports its module), in
    the stack's fixed order, the current page staying current."""
    from dxlearn.gui.application import ensure_application
    from dxlearn.gui.context import AppContext
    from dxlearn.gui.main_window import MainWindow
    from dxlearn.gui.window_pages import ORDER
    from dxlearn.learning.profile import Profile

    ensure_application()
    library = load_library_cached(paths.lessons_dir(), tmp_path / "cache")
    ctx = AppContext(library=library, store=None, report=None, database_path=None,
                     libraries=(library,),
                     learner=Profile("012345", "山田 花子", "市民課", "staff"))
    window = MainWindow(ctx)
    try:
        assert window.pages.built() == ("home",)
        record, quiz = window.record.page, window.quiz_page  # reached out of order
        assert window.pages.built() == ("home", "quiz", "record")
        review, lesson = window.review.page, window.lesson_page
        results = window.search.page
        assert window.pages.built() == ORDER
        assert [window.pages.widget(i) for i in range(window.pages.count())] == [
            window.home, lesson, quiz, review, record, results]
        assert window.pages.currentWidget() is window.home
        assert window.quiz_page is quiz and window.lesson_page is lesson  # built once
    finally:
        window.close()
        window.deleteLater()


CREATE_STORE = """
import sys
from dxlearn.store import open_store
with open_store(sys.argv[1]) as opened:
    opened.store.register_learner("00001", "山田 花子", "市民課", "staff")
"""

LOCAL_STORE = """
import sys
from dxlearn.store import open_store
with open_store(sys.argv[1]) as opened:
    store = opened.store
    store.set_setting("app", "last_learner", "00001")
    store.open_lesson("00001", "dx", "a", version=1)
    attempt = store.start_attempt("00001", "dx", "a", lesson_version=1, pass_score=80,
                                  choice_orders=[[0, 1, 2, 3]] * 2).attempt_id
    store.record_answer(attempt, 0, [1], True)
    store.add_study_seconds("00001", "dx", "a", 3)
print(sorted(m for m in sys.modules if m.startswith("sqlalchemy.dialects.postgresql")))
"""


def test_a_local_file_never_loads_the_postgresql_dialect(tmp_path: Path) -> None:
    """A learner's PC with its own SQLite file: the answer upsert was built for both
    dialects when the store was imported, which loaded the 19 modules of SQLAlchemy's
    PostgreSQL dialect (about 4 MiB of the memory one second after the store opened). Only
    the start that creates the file loads it (Alembic's migrations import every dialect)."""
    db = tmp_path / "progress.db"
    subprocess.run([sys.executable, "-c", CREATE_STORE, str(db)], check=True)  # Alembic
    run = [sys.executable, "-c", LOCAL_STORE, str(db)]  # every later start: at head already
    out = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert ast.literal_eval(out.strip().splitlines()[-1]) == []


LAUNCH_TO_FIRST_PAINT = """
import os, sys
from pathlib import Path
from dxlearn.gui.app import LaunchOptions, launch
from dxlearn.policy import load_policy

def painted(window):
    print(sorted(m for m in sys.argv[2:] if m in sys.modules), flush=True)
    os._exit(0)  # what follows the first paint (the store) is not looked at

launch(LaunchOptions(policy=load_policy(), data_dir=Path(sys.argv[1])), first_paint=painted)
"""

# What the launch itself (the log file, the policy, the library cache, the packs' clean-up,
# the context) no longer loads before the first paint (issue 19, 2026-12-02): about 20 ms
LAUNCH_NOT_BEFORE_FIRST_PAINT = (
    "logging.handlers", "socket", "uuid", "tomllib", "difflib", "hashlib",
    "dxlearn.gui.pack_import_dialog",  # the menu item's policy rule lives in gui.menus
    *NOT_BEFORE_FIRST_PAINT,
)


def test_the_launch_reaches_its_first_paint_without_what_comes_later(tmp_path: Path) -> None:
    """The real launch with no policy file, a remembered learner and a cached library (the
    second start): the rotating log handler (with ``socket``), the TOML parser, the pack
    staging's ``uuid``, ``hashlib`` and the host name of the export settings wait until the
    curriculum is on screen; so does everything the window builds on first use."""
    data = tmp_path / "data"
    data.mkdir()
    prepare = ("import sys\nfrom dxlearn.store import open_store\n"
               "with open_store(sys.argv[1]) as opened:\n"
               "    opened.store.register_learner('012345', '山田 花子', '市民課', 'staff')\n"
               "    opened.store.set_setting('app', 'last_learner', '012345')\n")
    subprocess.run([sys.executable, "-c", prepare, str(data / "progress.db")], check=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DXLEARN_POLICY", None)
    from dxlearn.policy import load_policy

    # a machine with an organisation policy installed reads it with tomllib, rightly
    unwanted = [m for m in LAUNCH_NOT_BEFORE_FIRST_PAINT
                if m != "tomllib" or load_policy(environ=env).source is None]
    run = [sys.executable, "-c", LAUNCH_TO_FIRST_PAINT, str(data), *unwanted]
    for _start in range(2):  # the first start writes the library cache
        out = subprocess.run(run, capture_output=True, text=True, check=True, env=env,
                             cwd=tmp_path).stdout
    assert ast.literal_eval(out.strip().splitlines()[-1]) == []
    assert (data / "logs" / "dxlearn.log").read_text(encoding="utf-8").count("starting") == 2


def test_the_log_file_becomes_a_rotating_one_after_the_first_paint(
        tmp_path: Path, fresh_log_handlers: None) -> None:
    """Until the first paint the log is a plain file (no ``logging.handlers``); then the same
    file rotates at 1 MB, 5 kept, and nothing written before or after is lost or reordered."""
    import logging
    import logging.handlers

    from dxlearn.gui.app import LOG_BACKUPS, LOG_BYTES, rotate_logging, setup_logging

    log = setup_logging(tmp_path / "logs")
    assert log is not None
    mine = [h for h in logging.getLogger().handlers if getattr(h, "_dxlearn", False)]
    assert [type(h) for h in mine] == [logging.FileHandler]
    logging.getLogger("dxlearn.test").warning("before the first paint")
    rotate_logging()
    rotate_logging()  # a second call changes nothing
    mine = [h for h in logging.getLogger().handlers if getattr(h, "_dxlearn", False)]
    assert [type(h) for h in mine] == [logging.handlers.RotatingFileHandler]
    assert (mine[0].maxBytes, mine[0].backupCount) == (LOG_BYTES, LOG_BACKUPS)  # type: ignore[attr-defined]
    logging.getLogger("dxlearn.test").warning("after the first paint")
    text = log.read_text(encoding="utf-8")
    assert text.index("before the first paint") < text.index("after the first paint")
    logging.getLogger("dxlearn.test").warning("x" * LOG_BYTES)  # past 1 MB: rotated
    assert (log.parent / "dxlearn.log.1").is_file()
