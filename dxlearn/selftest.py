"""``dxlearn --self-test``: the IT office's check after installing (docs/it-admin.md).

Runs the whole chain a learner uses, against a TEMPORARY database that is deleted afterwards,
never the learner's: load the libraries (lint errors reported), open a store, register a test
learner, take a quiz through the real store API and the grading rules, export a signed detail
CSV and verify it, and build the main window offscreen once (Qt, its plugins and a Japanese
font). Prints a short report and exits 0, or 1 naming each check that failed.

Without a display (Linux without DISPLAY/WAYLAND_DISPLAY) it selects Qt's offscreen platform
itself. A windowed Windows build has no console: the report is then also written to
``%TEMP%\\dxlearn-self-test.txt`` (``dxlearn-cli.exe --self-test`` prints it in a console).
"""

from __future__ import annotations

import contextlib
import csv
import logging
import platform
import secrets
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from dxlearn import __version__, paths
from dxlearn.policy import Policy

logger = logging.getLogger(__name__)

SUCCESS_LINE = "dxlearn self-test: OK"
FAILURE_PREFIX = "dxlearn self-test: FAILED"
REPORT_FILE = "dxlearn-self-test.txt"
TEST_STAFF_ID = "selftest-0001"


class CheckFailed(Exception):
    """A check did not hold; the message says what and where."""


@dataclass
class Report:
    """The report's lines, written to ``stream`` as they come (if Qt aborts the process, the
    lines so far show how far it got)."""

    stream: TextIO | None = None
    lines: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, line: str) -> None:
        self.lines.append(line)
        if self.stream is not None:
            self.stream.write(line + "\n")
            self.stream.flush()

    def info(self, label: str, value: object) -> None:
        self.add(f"  {label:<20} {value}")

    def check(self, name: str, action: Callable[[], str]) -> bool:
        started = time.perf_counter()
        try:
            detail = action()
        except Exception as error:  # every failure is reported, never a traceback dump
            logger.exception("self-test check %s failed", name)
            message = str(error) if isinstance(error, CheckFailed) else (
                f"{type(error).__name__}: {error}")
            self.failures.append(f"{name}: {message}")
            self.add(f"[FAIL] {name}: {message}")
            return False
        elapsed = time.perf_counter() - started
        self.add(f"[ OK ] {name}: {detail} ({elapsed:.1f} s)")
        return True

    def warn(self, text: str) -> None:
        self.warnings.append(text)
        self.add(f"[WARN] {text}")


@dataclass
class _State:
    """What one check hands to the next."""

    libraries: list[Any] = field(default_factory=list)
    store: Any = None
    learner: Any = None
    lesson: Any = None
    export_path: Path | None = None


@dataclass(frozen=True, slots=True)
class SelfTestOptions:
    policy: Policy
    libraries: tuple[Path, ...] | None = None  # --library; None: bundled + policy libraries
    data_dir: Path | None = None  # --data-dir (reported, never touched)
    db: str | None = None  # --db or the policy's db: a server database is checked, never written


class SelfTest:
    def __init__(self, options: SelfTestOptions, workdir: Path,
                 stream: TextIO | None = None) -> None:
        self.options = options
        self.workdir = workdir
        self.report = Report(stream)
        self.state = _State()
        self.policy = options.policy

    # -- the report header ------------------------------------------------------------------------

    def environment(self) -> None:
        r = self.report
        policy = self.policy
        data_override = self.options.data_dir or policy.data_dir
        r.add(f"dxlearn {__version__} self-test")
        r.info("python", f"{platform.python_version()} ({sys.executable})")
        r.info("platform", f"{platform.platform()} {platform.machine()}")
        r.info("frozen", "yes (PyInstaller bundle)" if getattr(sys, "frozen", False) else "no")
        r.info("bundled lessons", _safe(paths.lessons_dir))
        r.info("resources", _safe(paths.resources_dir))
        r.info("data folder", f"{paths.user_data_dir(data_override)} (not touched by this test)")
        r.info("log folder", paths.user_log_dir(data_override))
        r.info("policy file", policy.source or "none (looked in: "
               + ", ".join(str(p) for p in policy.searched) + ")")
        if policy.found:
            r.info("policy organisation", policy.organisation or "-")
            r.info("policy data_dir", policy.data_dir or "(default)")
            r.info("policy libraries", ", ".join(str(p) for p in policy.libraries) or "-")
            r.info("policy export_dir", policy.export_dir or "-")
            r.info("policy export key",
                   f"{policy.export_key_id or 'policy'} ({len(policy.export_key)} bytes)"
                   if policy.export_key else "none (exports unsigned)")
            r.info("policy backup_keep", policy.backup_keep)
            r.info("policy lock_profile", "yes" if policy.lock_profile else "no")
            r.info("policy pack import", "allowed" if policy.pack_import_allowed
                   else "not allowed (allow_pack_import)")
            r.info("policy timezone", policy.timezone or "(this PC's zone)")
            r.info("policy db", policy.db or "(this PC's file)")
            r.info("policy records_dir", policy.records_dir or "-")
        for message in policy.messages:
            self.report.warn(f"policy: {message.text('en')}")
        self._roster()
        r.info("work folder", f"{self.workdir} (temporary, deleted afterwards)")

    def _roster(self) -> None:
        """The roster the sign-in picker offers: how many staff, and its problems."""
        from dxlearn.policy import load_roster

        if self.policy.roster is None:
            return
        people, messages = load_roster(self.policy)
        self.report.info("policy roster", f"{self.policy.roster} ({len(people)} staff)")
        for message in messages:
            self.report.warn(message.text("en"))

    # -- the checks -------------------------------------------------------------------------------

    def check_server(self) -> str:
        """The server database (``db``): reachable, a schema this version can use; read-only,
        nothing written."""
        from dxlearn.store import open_store

        assert self.options.db is not None
        with open_store(self.options.db, read_only=True) as opened:
            identity = opened.store.database_id() or "none"
            revision = opened.report.revision
            where = opened.store.where
        if self.policy.records_dir is not None:
            self.report.warn("records_dir is not used with a server database (db): HR reads "
                             "the server (dxlearn hr report --db)")
        return f"{where}: schema {revision}, database id {identity}"

    def check_share_drop(self) -> str:
        """records_dir: reachable and writable now (a probe file, removed at once), and when
        this PC's records last reached it (the data folder's share-drop.json)."""
        from dxlearn.export.share_drop import read_state

        folder = self.policy.records_dir
        assert folder is not None
        data_dir = paths.user_data_dir(self.options.data_dir or self.policy.data_dir)
        state = read_state(data_dir)
        if state.last_written is not None and state.records_dir == str(folder):
            last = f"last written {state.last_written.astimezone().isoformat(timespec='seconds')}"
        else:
            last = "never written from this data folder yet"
        if state.pending and state.records_dir == str(folder):
            last += f"; newer records wait to be sent ({state.problem or 'not sent yet'})"
        if not folder.is_dir():
            raise CheckFailed(f"{folder} cannot be reached (not a folder, or the share is not "
                              f"connected); {last}")
        probe = folder / f".dxlearn-self-test-{secrets.token_hex(4)}.tmp"
        try:
            probe.write_bytes(b"dxlearn self-test\n")
        except OSError as error:
            raise CheckFailed(f"{folder} is reachable but cannot be written "
                              f"({error.strerror or error}); {last}") from error
        finally:
            with contextlib.suppress(OSError):
                probe.unlink()
        return f"{folder} reachable and writable; {last}"

    def check_libraries(self) -> str:
        from dxlearn.content.loader import LibraryError, load_library

        folders = list(self.options.libraries) if self.options.libraries else [
            paths.lessons_dir(), *self.policy.libraries]
        summary = []
        for index, folder in enumerate(folders):
            try:
                library = load_library(folder)
            except LibraryError as error:
                if index == 0:
                    raise CheckFailed(f"{folder}: not a lesson library ({error})") from error
                self.report.warn(f"library {folder} not loaded: {error}")
                continue
            findings = library.all_findings()
            errors = [f for f in findings if f.is_error]
            warnings = len(findings) - len(errors)
            lessons = sum(1 for _ in library.lessons())
            for finding in errors[:10]:
                self.report.warn(f"lint {library.root}: {finding}")
            if index == 0 and errors:
                raise CheckFailed(f"{folder}: {len(errors)} lint error(s), first: {errors[0]}")
            if warnings and index > 0:
                self.report.warn(f"lint {library.root}: {warnings} warning(s); run "
                                 f"'dxlearn lint {library.root}' to see them")
            self.state.libraries.append(library)
            summary.append(f"{library.id} {library.version} ({lessons} lessons, "
                           f"{len(errors)} errors, {warnings} warnings)")
        return "; ".join(summary)

    def check_store(self) -> str:
        from dxlearn.store import open_store

        database = self.workdir / "data" / "progress.db"
        opened = open_store(database, backup_keep=self.policy.backup_keep,
                            force_rollback_journal=self.policy.force_rollback_journal)
        self.state.store = opened.store
        report = opened.report
        if report.read_only:
            raise CheckFailed("the temporary database opened read-only "
                              f"({report.read_only_reason})")
        return f"temporary database, journal {report.journal_mode} ({report.journal_reason}), " \
               f"schema {report.revision}"

    def check_quiz(self) -> str:
        from dxlearn.learning.grading import grade_answer, grade_quiz
        from dxlearn.learning.shuffle import choice_orders
        from dxlearn.learning.status import Status

        library = self.state.libraries[0]
        store = self.state.store
        found = next(((role, lesson) for role in library.roles
                      for lesson in library.curriculum(role)
                      if lesson.quiz is not None and not lesson.broken), None)
        if found is None:
            raise CheckFailed(f"{library.root}: no lesson with a quiz to try")
        role, lesson = found
        quiz = lesson.quiz
        assert quiz is not None
        learner = store.register_learner(TEST_STAFF_ID, "自己診断 太郎", "情報政策課", role)
        store.open_lesson(learner.staff_id, library.id, lesson.id, version=lesson.version,
                          library_version=library.version)
        store.mark_read(learner.staff_id, library.id, lesson.id, version=lesson.version,
                        has_quiz=True, library_version=library.version)
        orders = choice_orders(quiz, 0)
        state = store.start_attempt(learner.staff_id, library.id, lesson.id,
                                    lesson_version=lesson.version, pass_score=quiz.pass_score,
                                    choice_orders=orders, max_attempts=quiz.max_attempts)
        answers = {q.index: sorted(q.correct_indexes) for q in quiz.questions}
        for question in quiz.questions:
            selected = answers[question.index]
            store.record_answer(state.attempt_id, question.index, selected,
                                grade_answer(question, selected))
        result = grade_quiz(quiz, answers)
        finished = store.finish_attempt(state.attempt_id, result.score)
        if finished.lesson.status is not Status.COMPLETED:
            raise CheckFailed(f"lesson {lesson.id}: status {finished.lesson.status.value} after a "
                              f"full-score attempt (score {result.score})")
        self.state.learner = learner
        self.state.lesson = lesson
        return f"{lesson.id}: {len(quiz.questions)} answers recorded, score {result.score}, " \
               "completed"

    def check_export(self) -> str:
        from dataclasses import replace

        from dxlearn.export.api import ExportOptions, export_completion
        from dxlearn.export.columns import Scope
        from dxlearn.export.settings import settings_for
        from dxlearn.integrity.verify import Verdict, verify_file

        settings = settings_for(self.policy)
        key_note = f"policy key {settings.key_id}"
        if not settings.signing:  # still prove the HMAC path, with a throw-away key
            settings = replace(settings, key=secrets.token_bytes(32), key_id="self-test")
            key_note = "throw-away key (the policy has none)"
        target = self.workdir / "export" / "self-test-detail.csv"
        target.parent.mkdir()
        result = export_completion(self.state.store, self.state.libraries, target,
                                   ExportOptions(scope=Scope.DETAIL), settings)
        verdict = verify_file(target, settings)
        if verdict.verdict is not Verdict.AUTHENTIC:
            raise CheckFailed(f"{target.name}: {verdict.line()}")
        with target.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        lesson_id = self.state.lesson.id
        mine = [r for r in rows if r.get("staff_id") == TEST_STAFF_ID
                and r.get("lesson_id") == lesson_id]
        if len(mine) != 1 or mine[0].get("status") != "completed":
            raise CheckFailed(f"{target.name}: expected one completed row for {lesson_id}, "
                              f"found {mine!r}")
        self.state.export_path = target
        return f"{result.rows} rows, signature verified ({key_note})"

    def check_window(self) -> str:
        import PySide6
        from PySide6.QtCore import qVersion
        from PySide6.QtGui import QFontDatabase
        from PySide6.QtWidgets import QApplication

        from dxlearn.gui import style
        from dxlearn.gui.application import ensure_application
        from dxlearn.gui.context import AppContext
        from dxlearn.gui.main_window import MainWindow
        from dxlearn.store import OpenReport

        app = ensure_application(headless_ok=True)
        report = OpenReport(database="self-test", path=None, created=True, journal_mode=None,
                            journal_reason=None, backup_path=None, revision_before=None,
                            revision="", stamped_unversioned=False)
        ctx = AppContext(library=self.state.libraries[0], store=self.state.store, report=report,
                         database_path=None, policy=self.policy,
                         libraries=tuple(self.state.libraries), export_dir=self.policy.export_dir)
        ctx.learner = self.state.learner
        style.apply_theme(app, style.theme_for(False), 13)
        window = MainWindow(ctx, self.workdir / "logs")
        try:
            window.refresh()
            window.show()
            QApplication.processEvents()
            lessons = window.tree.lesson_ids()
            if self.state.lesson.id not in lessons:
                raise CheckFailed(f"the curriculum tree lacks {self.state.lesson.id}")
        finally:
            window.close()
            window.deleteLater()
            QApplication.processEvents()
        japanese = QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
        chosen = style.pick_font_family()
        self.report.info("qt", f"Qt {qVersion()}, PySide6 {PySide6.__version__}, "
                         f"platform {QApplication.platformName()}")
        if japanese:
            self.report.info("japanese font", f"{chosen or japanese[0]} "
                             f"({len(japanese)} Japanese font families found)")
        else:
            self.report.warn("no Japanese font found: lessons would show empty boxes; install "
                             "a Japanese font (Windows has Yu Gothic / Meiryo)")
        return f"main window built and shown ({len(lessons)} lessons in the tree)"

    # -- running ----------------------------------------------------------------------------------

    def run(self) -> Report:
        self.environment()
        r = self.report
        if self.options.db and "://" in self.options.db:
            r.check("server database", self.check_server)
        if self.policy.records_dir is not None:
            r.check("share drop", self.check_share_drop)
        if r.check("libraries", self.check_libraries) and r.check("database", self.check_store):
            try:
                if r.check("quiz", self.check_quiz):
                    r.check("export", self.check_export)
                    r.check("window", self.check_window)
            finally:
                self.state.store.close()
        return r


def _safe(function: Callable[[], Path]) -> str:
    try:
        return str(function())
    except FileNotFoundError as error:
        return f"MISSING ({error})"


def run_self_test(options: SelfTestOptions) -> int:
    """Run every check; print the report; 0 when all passed, 1 otherwise."""
    if not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stderr) if sys.stderr is not None else None
        if handler is not None:
            handler.setLevel(logging.ERROR)
            logging.getLogger().addHandler(handler)
    stream = sys.stdout  # None in a windowed (console-less) Windows build
    with tempfile.TemporaryDirectory(prefix="dxlearn-selftest-",
                                     ignore_cleanup_errors=True) as folder:
        try:
            report = SelfTest(options, Path(folder), stream).run()
        except Exception:  # the harness itself must still end with a verdict line
            report = Report(stream)
            details = traceback.format_exc()
            report.failures.append(details.strip().splitlines()[-1])
            report.add(details)
    if report.failures:
        final = f"{FAILURE_PREFIX}: " + "; ".join(f.splitlines()[0] for f in report.failures)
        status = 1
    else:
        suffix = f" ({len(report.warnings)} warning(s))" if report.warnings else ""
        final = SUCCESS_LINE + suffix
        status = 0
    report.add(final)
    if stream is None:  # a windowed build: leave the report where the IT office can read it
        text = "\n".join(report.lines) + "\n"
        with contextlib.suppress(OSError):
            (Path(tempfile.gettempdir()) / REPORT_FILE).write_text(text, encoding="utf-8")
    return status
