"""Application set-up: logging, the QApplication, translations, the store, sign-in, the window.

``launch`` builds everything and returns it without entering the event loop (tests drive the
real window in-process); ``run_app`` is ``launch`` + ``exec`` + a clean close (with its backup).
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from dxlearn import __version__, paths
from dxlearn.content.libraries import IMPORTED_FOLDER, Source, default_folders, load_library_set
from dxlearn.content.model import Library, LibraryError
from dxlearn.content.pack_staging import clean_interrupted_imports
from dxlearn.messages import Message
from dxlearn.policy import Policy, PolicyMessage, load_roster
from dxlearn.store.errors import StoreError
from dxlearn.store.location import default_database_path
from dxlearn.store.snapshot import Snapshot, read_snapshot

from . import style
from .application import ensure_application
from .context import AppContext
from .learners import connect_learner_menu, sign_in_at_start
from .main_window import MainWindow, window_title
from .translations import Translations

logger = logging.getLogger(__name__)

LOG_FILE = "dxlearn.log"


@dataclass(frozen=True, slots=True)
class LaunchOptions:
    """What the command line (or a test) decides about this start; the policy was read once
    by the caller."""

    policy: Policy
    libraries: tuple[Path, ...] | None = None  # --library: replaces the default libraries
    db: str | None = None  # --db (a path or URL); None: <data folder>/progress.db
    data_dir: Path | None = None  # --data-dir; None: the policy's, else the per-user folder


@dataclass
class Launched:
    app: QApplication
    window: MainWindow | None  # None when the learner cancelled sign-in
    ctx: AppContext
    log_dir: Path
    translations: Translations


LOG_BYTES, LOG_BACKUPS = 1_000_000, 5  # dxlearn.log, rotated into dxlearn.log.1 .. .5
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _add_log_handler(handler: logging.Handler) -> None:
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler._dxlearn = True  # type: ignore[attr-defined]
    logging.getLogger().addHandler(handler)


def setup_logging(log_dir: Path) -> Path | None:
    """The log file in the per-user log folder; configured once per process. Until
    :func:`rotate_logging` (right after the first paint) it is appended to as a plain file:
    ``logging.handlers`` (with ``socket``) is not imported before the window is on screen."""
    root = logging.getLogger()
    if any(getattr(h, "_dxlearn", False) for h in root.handlers):
        return log_dir / LOG_FILE
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_dir / LOG_FILE, encoding="utf-8")
    except OSError as exc:  # a read-only profile must not stop learning
        print(f"dxlearn: cannot write the log in {log_dir}: {exc}", file=sys.stderr)
        return None
    _add_log_handler(handler)
    root.setLevel(logging.INFO)
    return log_dir / LOG_FILE


def rotate_logging() -> None:
    """The plain log file of :func:`setup_logging` becomes a rotating one (1 MB, 5 kept),
    the same file: every record before and after is in it, in order."""
    import logging.handlers

    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_dxlearn", False)]:
        if isinstance(handler, logging.handlers.RotatingFileHandler) or not isinstance(
                handler, logging.FileHandler):
            continue
        try:
            rotating = logging.handlers.RotatingFileHandler(
                handler.baseFilename, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS,
                encoding="utf-8")
        except OSError:  # the folder went away meanwhile: keep the plain file
            continue
        root.removeHandler(handler)
        handler.close()
        _add_log_handler(rotating)


def install_excepthook(log_path: Path | None, translations: Translations) -> None:
    """Unexpected errors: the traceback to the log, a calm dialog to the learner, keep going."""

    def hook(kind: type[BaseException], error: BaseException,
             tb: TracebackType | None) -> None:
        logger.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if isinstance(error, StoreError):
            message = error.message(translations.language)
        else:
            message = QCoreApplication.translate(
                "app", "予期しない問題が発生しました。これまでの学習記録は保存されています。\n"
                "もう一度操作してみてください。続く場合はアプリを再起動してください。")
        app = QApplication.instance()
        if isinstance(app, QApplication):
            from .dialogs import show_error  # imported when needed: not on the start-up path

            show_error(app.activeWindow(), message, log_path)

    sys.excepthook = hook


def _startup_notices(ctx: AppContext) -> list[str]:
    report = ctx.report
    notices: list[str] = []
    if report is None:
        return notices
    if report.recovered:
        moved = ", ".join(str(p) for p in report.damaged_moved_to) or "-"
        if report.recovered_from is not None:
            notices.append(QCoreApplication.translate(
                "app", "学習記録のファイルが壊れていたため、最新のバックアップ（{0}）から"
                "復元しました。壊れたファイルは削除せずに保管しています：{1}").format(
                str(report.recovered_from), moved))
        else:
            notices.append(QCoreApplication.translate(
                "app", "学習記録のファイルが壊れていて、バックアップもなかったため、新しい記録を"
                "始めました。壊れたファイルは削除せずに保管しています：{0}").format(moved))
    return notices


def policy_banner(messages: Sequence[PolicyMessage], language: str = "ja") -> str:
    """A calm notice naming the policy file and the keys; the IT office fixes the file."""
    if not messages:
        return ""
    head = QCoreApplication.translate(
        "app", "組織の設定ファイル（policy.toml）に確認が必要な項目があります。該当する項目は"
        "標準の設定で動いていますので、このまま学習を続けられます。お手数ですが、次の内容を"
        "情報政策課（システム担当）にお知らせください。")
    lines = [m.text(language) for m in messages]
    return head + "\n" + "\n".join(f"・{line}" for line in lines)


def _build_window(ctx: AppContext, log_dir: Path) -> MainWindow:
    # a server database: every store call off the GUI thread (the window never waits on the
    # network); a local file: quick calls inline, slow work (exports, packs) in the background
    remote = ctx.store is not None and ctx.store.on_server
    window = MainWindow(ctx, log_dir, background_store=remote or _background_requested())
    connect_learner_menu(window)
    return window


def _background_requested() -> bool:
    """``DXLEARN_BACKGROUND_STORE=1``: store calls off the GUI thread even on a local file (the
    tests run the learner's journey both ways)."""
    return os.environ.get("DXLEARN_BACKGROUND_STORE") == "1"


def _first_paint_snapshot(database: str, libraries: Sequence[Library]) -> Snapshot | None:
    """A stdlib read of the last learner and their statuses, for a plain database file."""
    if "://" in database:
        return None  # a server URL: the full store is the only way in
    return read_snapshot(Path(database), [library.id for library in libraries])


def choose_library(ctx: AppContext, library_id: object) -> None:
    """Study ``library_id`` when it is loaded (the learner's last choice), else the first."""
    ctx.library = next((lib for lib in ctx.libraries if lib.id == library_id), ctx.libraries[0])


@dataclass
class _Start:
    """What the first steps of a launch found out, handed to the later ones."""

    options: LaunchOptions
    app: QApplication
    translations: Translations
    data_dir: Path
    log_dir: Path
    database: str
    messages: list[PolicyMessage]


def _start(options: LaunchOptions) -> _Start:
    """Folders, the log, the QApplication and its excepthook, and the policy's messages."""
    policy = options.policy
    data_override = options.data_dir or policy.data_dir
    data_dir = paths.user_data_dir(data_override)
    log_dir = paths.user_log_dir(data_override)
    log_path = setup_logging(log_dir)
    app = ensure_application()
    translations = Translations(app)
    install_excepthook(log_path, translations)
    logger.info("dxlearn %s starting; policy %s; data folder %s", __version__,
                policy.source or "none", data_dir)
    for message in policy.messages:
        logger.warning("policy: %s", message.text("en"))
    # --db, else the policy's server database, else the PC's file in the data folder
    database = options.db or policy.db or str(default_database_path(data_dir))
    return _Start(options, app, translations, data_dir, log_dir, database,
                  list(policy.messages))


def _context(start: _Start) -> AppContext:
    """The libraries (bundled, the policy's, imported packs) and the roster."""
    policy = start.options.policy
    clean_interrupted_imports(start.data_dir / IMPORTED_FOLDER)  # what a killed import left
    folders = ([(p, Source.COMMAND_LINE) for p in start.options.libraries]
               if start.options.libraries else
               default_folders(paths.lessons_dir(), policy.libraries, start.data_dir))
    found = load_library_set(folders, cache_dir=start.data_dir / "cache",
                             allow_updates=policy.allow_library_updates)
    if not found.libraries:
        raise LibraryError(", ".join(str(p) for p, _source in folders))
    start.messages += [PolicyMessage(policy.source or folder, "libraries",
                                     Message("policy.library_not_loaded", {"path": folder}))
                       for folder, source in found.failed if source is Source.POLICY]
    libraries = found.libraries
    roster, roster_messages = load_roster(policy)
    start.messages += roster_messages
    return AppContext(
        library=libraries[0], store=None, report=None, database_path=None,
        lock_profile=policy.lock_profile, policy=policy, policy_messages=tuple(start.messages),
        libraries=tuple(libraries), export_dir=policy.export_dir, roster=roster,
        data_dir=start.data_dir, notices=found.problems)


def _first_paint(start: _Start, ctx: AppContext,
                 first_paint: Callable[[MainWindow], None] | None) -> tuple[MainWindow | None,
                                                                           Snapshot | None]:
    """With a remembered learner, show the curriculum from the snapshot before the store."""
    snapshot = _first_paint_snapshot(start.database, ctx.libraries)
    if snapshot is None:
        return None, None
    choose_library(ctx, snapshot.library_id)
    ctx.learner = snapshot.learner
    ctx.snapshot_outcomes = snapshot.outcomes
    ctx.load_preferences(snapshot.settings)
    start.translations.use(ctx.preferences.language)
    window = _build_window(ctx, start.log_dir)  # filled from the snapshot as it is built
    window.show()
    start.app.processEvents()  # paint the curriculum now, before SQLAlchemy is even imported
    if first_paint is not None:
        first_paint(window)
    return window, snapshot


def _open_store(start: _Start, ctx: AppContext, window: MainWindow | None,
                snapshot: Snapshot | None) -> None:
    """Open the store (recovery, backup, migrations) and let it take over from the snapshot."""
    from dxlearn.store.opening import open_store  # SQLAlchemy and Alembic load here

    policy = start.options.policy
    opened = open_store(start.database, backup_keep=policy.backup_keep,
                        force_rollback_journal=policy.force_rollback_journal,
                        journal_dir=start.data_dir)  # a server's offline journal
    report = opened.report
    logger.info("store %s: journal=%s (%s), read_only=%s", report.database, report.journal_mode,
                report.journal_reason, report.read_only_reason)
    ctx.store, ctx.report, ctx.database_path = opened.store, report, report.path
    if ctx.store.on_server and not ctx.read_only:
        sent = ctx.store.flush_journal()  # answers kept while the server was away go first
        if sent:
            logger.warning("%d record(s) kept on this PC sent to the server at start", sent)
    ctx.snapshot_outcomes = {}
    painted_with = ctx.preferences
    ctx.load_preferences()
    _choose_learners_library(ctx)
    if window is not None and ctx.library.id != (snapshot.library_id if snapshot else None):
        window.fill_library_chooser()  # e.g. a store restored from a backup chose another
        window.setWindowTitle(window_title(ctx.library.title))
    if window is None:
        start.translations.use(ctx.preferences.language)
        style.apply_theme(start.app, style.theme_for(ctx.preferences.high_contrast),
                          ctx.preferences.font_pt)
    elif ctx.preferences != painted_with:
        window.apply_preferences()
    for notice in _startup_notices(ctx):
        from PySide6.QtWidgets import QMessageBox  # its enums made here, not before the paint

        QMessageBox.information(window, QCoreApplication.translate("app", "学習記録の復元"),
                                notice)


def _choose_learners_library(ctx: AppContext) -> None:
    """The library last studied (a preference: on a server the signed-in learner's)."""
    assert ctx.store is not None
    scope = ctx.preference_scope()
    choose_library(ctx, ctx.store.get_setting(scope, "library_id") if scope else None)


def _follow_learner(start: _Start, ctx: AppContext) -> None:
    """On a server, preferences follow the learner: the remembered learner's are read once
    signed in (a sign-in through the dialog read them already)."""
    if ctx.store is None or not ctx.store.on_server or ctx.learner is None:
        return
    ctx.load_preferences()
    _choose_learners_library(ctx)
    start.translations.use(ctx.preferences.language)
    style.apply_theme(start.app, style.theme_for(ctx.preferences.high_contrast),
                      ctx.preferences.font_pt)


def _signed_in(ctx: AppContext, window: MainWindow | None, snapshot: Snapshot | None) -> bool:
    """The remembered learner, or the sign-in dialog; False when the learner cancelled."""
    learner = ctx.last_learner()
    if learner is not None and (snapshot is None
                                or learner.staff_id == snapshot.learner.staff_id):
        ctx.learner = learner
        logger.info("signed in: %s (%s)", learner.staff_id, learner.role)
        return True
    # first start, or the store (e.g. restored from a backup) knows someone else
    ctx.learner = None
    if window is not None:
        window.hide()
    if sign_in_at_start(ctx, None):
        return True
    if window is not None:
        window.close()
    return False


def _banner(ctx: AppContext) -> str:
    report = ctx.report
    assert report is not None
    language = ctx.preferences.language
    banners = []
    if report.second_instance:
        banners.append(QCoreApplication.translate(
            "app", "dxlearn はこのパソコンで既に起動しています。このウィンドウでは学習の記録は"
            "保存されません。先に開いたウィンドウで学習してください。"))
    elif report.read_only:
        banners.append(StoreError(report.read_only_reason or "cannot_open",
                                  report.path).message(language)
                       + QCoreApplication.translate("app", "（閲覧のみで起動しています）"))
    banners.append(policy_banner(ctx.policy_messages, language))
    banners.extend(notice.text(language) for notice in ctx.notices)
    return "\n\n".join(b for b in banners if b)


def launch(options: LaunchOptions,
           first_paint: Callable[[MainWindow], None] | None = None) -> Launched:
    """Start the app: paint the curriculum first, then open the store behind it.

    When the database already holds a signed-in learner, the window is shown from a cached
    parse of the library and a read-only stdlib snapshot of the statuses; the SQLAlchemy
    store (recovery, backup, migrations) opens right after that first paint and takes over.
    ``first_paint`` is called once the curriculum is on screen (the start-up benchmark).
    """
    start = _start(options)
    ctx = _context(start)
    window, snapshot = _first_paint(start, ctx, first_paint)
    rotate_logging()
    _open_store(start, ctx, window, snapshot)
    if not _signed_in(ctx, window, snapshot):
        return Launched(start.app, None, ctx, start.log_dir, start.translations)
    _follow_learner(start, ctx)
    if window is None:
        window = _build_window(ctx, start.log_dir)
    window.set_banner(_banner(ctx))
    window.refresh()
    window.show()
    window.central.start()  # the server's journal and the share drop
    if first_paint is not None and snapshot is None:
        first_paint(window)
    return Launched(start.app, window, ctx, start.log_dir, start.translations)


def run_app(options: LaunchOptions) -> int:
    from .dialogs import show_error  # not on the path to the first paint

    try:
        launched = launch(options)
    except LibraryError as exc:
        ensure_application()
        show_error(None, QCoreApplication.translate(
            "app", "教材フォルダーを読み込めませんでした：{0}\n"
            "フォルダーの場所を確認してください。").format(str(exc)), None)
        return 2
    except StoreError as exc:
        logger.error("store not opened: %s", exc)
        ensure_application()
        show_error(None, exc.message("ja"), None)  # the store held the preference
        return 3
    try:
        if launched.window is None:
            return 0
        return launched.app.exec()
    finally:
        backup = launched.ctx.store.close() if launched.ctx.store is not None else None
        logger.info("closed cleanly%s", f"; backup {backup}" if backup else "")
