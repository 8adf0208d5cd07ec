"""Application set-up: logging, the QApplication, translations, the store, sign-in, the window.

``launch`` builds everything and returns it without entering the event loop (tests drive the
real window in-process); ``run_app`` is ``launch`` + ``exec`` + a clean close (with its backup).
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from dxlearn import __version__, paths
from dxlearn.content.cache import load_library_cached
from dxlearn.content.model import Library, LibraryError
from dxlearn.learning.profile import Profile
from dxlearn.policy import Policy, PolicyMessage, load_policy, load_roster
from dxlearn.store.errors import StoreError
from dxlearn.store.location import default_database_path
from dxlearn.store.snapshot import Snapshot, read_snapshot

from . import style
from .context import AppContext
from .dialogs import show_error
from .main_window import MainWindow
from .profile_dialog import ProfileDialog, RosterEntry

logger = logging.getLogger(__name__)

LOG_FILE = "dxlearn.log"


@dataclass
class Launched:
    app: QApplication
    window: MainWindow | None  # None when the learner cancelled sign-in
    ctx: AppContext
    log_dir: Path


def setup_logging(log_dir: Path) -> Path | None:
    """A rotating file in the per-user log folder; configured once per process."""
    root = logging.getLogger()
    if any(getattr(h, "_dxlearn", False) for h in root.handlers):
        return log_dir / LOG_FILE
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_dir / LOG_FILE, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError as exc:  # a read-only profile must not stop learning
        print(f"dxlearn: cannot write the log in {log_dir}: {exc}", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._dxlearn = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return log_dir / LOG_FILE


def install_excepthook(log_path: Path | None) -> None:
    """Unexpected errors: the traceback to the log, a calm dialog to the learner, keep going."""

    def hook(kind: type[BaseException], error: BaseException,
             tb: TracebackType | None) -> None:
        logger.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if isinstance(error, StoreError):
            message = error.message_ja
        else:
            message = QCoreApplication.translate(
                "app", "予期しない問題が発生しました。これまでの学習記録は保存されています。\n"
                "もう一度操作してみてください。続く場合はアプリを再起動してください。")
        app = QApplication.instance()
        if isinstance(app, QApplication):
            show_error(app.activeWindow(), message, log_path)

    sys.excepthook = hook


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("dxlearn")
    app.setApplicationDisplayName("自治体DX研修")
    app.setApplicationVersion(__version__)
    return app


_translator: QTranslator | None = None


def install_translation(app: QApplication, language: str) -> None:
    """Japanese is the source language; English comes from resources/translations."""
    global _translator
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    if language == "ja":
        return
    translator = QTranslator(app)
    folder = paths.resources_dir() / "translations"
    if translator.load(QLocale(language), "dxlearn", "_", str(folder)):
        app.installTranslator(translator)
        _translator = translator
    else:
        logger.warning("no translation for %s in %s", language, folder)


def load_libraries(folders: list[str] | None, extra: Sequence[Path] = (),
                   failed: list[Path] | None = None,
                   cache_dir: Path | None = None) -> list[Library]:
    """``folders`` (the CLI's --library) replace the default: the bundled library followed by
    ``extra`` (the policy's libraries). Folders that cannot be loaded go into ``failed``.
    With ``cache_dir``, an unchanged library is taken from the parse kept there."""
    targets = [Path(f) for f in folders] if folders else [paths.lessons_dir(), *extra]
    libraries = []
    for folder in targets:
        try:
            library = load_library_cached(folder, cache_dir)
        except LibraryError as exc:
            logger.error("library not loaded: %s", exc)
            if failed is not None:
                failed.append(folder)
            continue
        earlier = next((i for i, lib in enumerate(libraries) if lib.id == library.id), None)
        if earlier is not None:
            # the same library again (e.g. an imported pack of a newer version of the bundled
            # one): the later folder replaces it, or it could never be studied
            logger.info("library %s from %s replaces the one from %s", library.id, folder,
                        libraries[earlier].root)
            libraries[earlier] = library
            continue
        errors = [f for f in library.all_findings() if f.is_error]
        logger.info("library %s (%s) loaded from %s: %d lessons, %d errors", library.id,
                    library.version, folder, sum(1 for _ in library.lessons()), len(errors))
        libraries.append(library)
    return libraries


def _roster_entries(ctx: AppContext) -> list[RosterEntry]:
    return [RosterEntry(p.staff_id, p.name, p.department, p.role) for p in ctx.roster]


def sign_in(ctx: AppContext, parent: QWidget | None) -> bool:
    learner = ctx.last_learner()
    if learner is None and ctx.read_only:
        QMessageBox.information(parent, QCoreApplication.translate("app", "学習者の登録"),
                                QCoreApplication.translate(
                                    "app", "学習記録を書き込めないため、学習者を登録できません。"
                                    "先に開いたウィンドウを使うか、情報政策担当に連絡してください。"))
        return False
    if learner is None:
        profile = ProfileDialog.ask(ctx.library.roles, parent, roster=_roster_entries(ctx))
        if profile is None:
            return False
        learner = ctx.store.register_learner(profile.staff_id, profile.name, profile.department,
                                             profile.role)
    ctx.sign_in(learner)
    return True


def _learner_profiles(ctx: AppContext) -> list[Profile]:
    return [Profile(le.staff_id, le.name, le.department, le.role)
            for le in ctx.store.list_learners()]


def connect_learner_menu(window: MainWindow) -> None:
    ctx = window.ctx

    def switch() -> None:
        assert ctx.store is not None
        profile = ProfileDialog.ask(ctx.library.roles, window, registered=_learner_profiles(ctx),
                                    roster=[] if ctx.read_only else _roster_entries(ctx))
        if profile is None:
            return
        learner = ctx.store.get_learner(profile.staff_id)
        if learner is None and ctx.read_only:
            QMessageBox.information(window, QCoreApplication.translate("app", "学習者の切り替え"),
                                    QCoreApplication.translate(
                                        "app", "この画面では新しい学習者を登録できません。"
                                        "先に開いたウィンドウで登録してください。"))
            return
        window.leave_current()  # the open lesson's time belongs to the learner leaving
        if learner is None:
            learner = ctx.store.register_learner(profile.staff_id, profile.name,
                                                 profile.department, profile.role)
        ctx.sign_in(learner)
        window.go_home()

    def edit() -> None:
        current = ctx.learner
        if current is None or ctx.store is None:
            return
        if ctx.read_only:
            window.statusBar().showMessage(QCoreApplication.translate(
                "app", "この画面では登録内容を変更できません。"))
            return
        existing = Profile(current.staff_id, current.name, current.department, current.role)
        # The staff id is the learner's key in the store: never editable here. The role is
        # fixed too when the policy locks profiles (lock_identity disables both fields).
        dialog = ProfileDialog(ctx.library.roles, window, existing=existing,
                               lock_identity=ctx.lock_profile)
        dialog.staff_id.setReadOnly(True)
        if dialog.exec() != ProfileDialog.DialogCode.Accepted or dialog.result_profile is None:
            return
        profile = dialog.result_profile
        updated = ctx.store.update_learner(current.staff_id, name=profile.name,
                                           department=profile.department,
                                           role=None if ctx.lock_profile else profile.role)
        ctx.sign_in(updated)
        window.refresh()

    window.learner_switch_requested.connect(switch)
    window.profile_edit_requested.connect(edit)


def _startup_notices(ctx: AppContext) -> list[str]:
    report = ctx.report
    notices = []
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
    lines = [m.text_en() if language == "en" else m.text_ja() for m in messages]
    return head + "\n" + "\n".join(f"・{line}" for line in lines)


def _policy_of(args: argparse.Namespace) -> Policy:
    """The CLI passes the policy it read (and printed); a direct ``launch`` reads it here."""
    policy = getattr(args, "policy", None)
    return policy if isinstance(policy, Policy) else load_policy()


def _build_window(ctx: AppContext, log_dir: Path) -> MainWindow:
    window = MainWindow(ctx, log_dir)
    connect_learner_menu(window)
    return window


def _first_paint_snapshot(database: str, libraries: Sequence[Library]) -> Snapshot | None:
    """A stdlib read of the last learner and their statuses, for a plain database file."""
    if "://" in database:
        return None  # a server URL: the full store is the only way in
    return read_snapshot(Path(database), [library.id for library in libraries])


def imported_libraries(data_dir: Path) -> list[Path]:
    """Libraries imported from lesson packs (``dxlearn pack import``, ファイル > 教材パック):
    each a folder in ``<data folder>/libraries``."""
    folder = data_dir / "libraries"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def choose_library(ctx: AppContext, library_id: object) -> None:
    """Study ``library_id`` when it is loaded (the learner's last choice), else the first."""
    ctx.library = next((lib for lib in ctx.libraries if lib.id == library_id), ctx.libraries[0])


def launch(args: argparse.Namespace,
           first_paint: Callable[[MainWindow], None] | None = None) -> Launched:
    """Start the app: paint the curriculum first, then open the store behind it.

    When the database already holds a signed-in learner, the window is shown from a cached
    parse of the library and a read-only stdlib snapshot of the statuses; the SQLAlchemy
    store (recovery, backup, migrations) opens right after that first paint and takes over.
    ``first_paint`` is called once the curriculum is on screen (the start-up benchmark).
    """
    policy = _policy_of(args)
    # --data-dir (and --db, --library) on the command line override the policy.
    data_override = getattr(args, "data_dir", None) or policy.data_dir
    data_dir = paths.user_data_dir(data_override)
    log_dir = paths.user_log_dir(data_override)
    log_path = setup_logging(log_dir)
    app = ensure_application()
    install_excepthook(log_path)
    logger.info("dxlearn %s starting; policy %s; data folder %s", __version__,
                policy.source or "none", data_dir)
    messages = list(policy.messages)
    for message in messages:
        logger.warning("policy: %s", message.text_en())

    failed: list[Path] = []
    extra = [*policy.libraries, *imported_libraries(data_dir)]
    libraries = load_libraries(args.library, extra, failed, data_dir / "cache")
    if not libraries:
        raise LibraryError(", ".join(args.library or [str(paths.lessons_dir())]))
    messages += [PolicyMessage(policy.source or folder, "libraries",
                               f"教材フォルダー {folder} を読み込めませんでした。",
                               f"the library {folder} could not be loaded")
                 for folder in failed if folder in policy.libraries]
    roster, roster_messages = load_roster(policy)
    messages += roster_messages
    database = args.db or str(default_database_path(data_dir))
    ctx = AppContext(
        library=libraries[0], store=None, report=None, database_path=None,
        lock_profile=policy.lock_profile, policy=policy, policy_messages=tuple(messages),
        libraries=tuple(libraries), export_dir=policy.export_dir,
        roster=tuple(Profile(p.staff_id, p.name, p.department, p.role) for p in roster),
        data_dir=data_dir)

    window: MainWindow | None = None
    snapshot = _first_paint_snapshot(database, libraries)
    if snapshot is not None:
        choose_library(ctx, snapshot.library_id)
        ctx.learner = snapshot.learner  # type: ignore[assignment] - same fields as Learner
        ctx.snapshot_outcomes = snapshot.outcomes
        ctx.load_preferences(snapshot.settings)
        install_translation(app, ctx.preferences.language)
        window = _build_window(ctx, log_dir)
        window.refresh()
        window.show()
        app.processEvents()  # the curriculum is on screen before the store is opened
        if first_paint is not None:
            first_paint(window)

    from dxlearn.store.opening import open_store  # SQLAlchemy and Alembic load here

    opened = open_store(database, backup_keep=policy.backup_keep,
                        force_rollback_journal=policy.force_rollback_journal)
    report = opened.report
    logger.info("store %s: journal=%s (%s), read_only=%s", report.database, report.journal_mode,
                report.journal_reason, report.read_only_reason)
    ctx.store, ctx.report, ctx.database_path = opened.store, report, report.path
    ctx.snapshot_outcomes = {}
    painted_with = ctx.preferences
    ctx.load_preferences()
    choose_library(ctx, ctx.store.get_setting("app", "library_id"))
    if window is not None and ctx.library.id != (snapshot.library_id if snapshot else None):
        window.fill_library_chooser()  # e.g. a store restored from a backup chose another
        window.setWindowTitle(QCoreApplication.translate("MainWindow", "自治体DX研修 - {0}")
                              .format(ctx.library.title))
    if window is None:
        install_translation(app, ctx.preferences.language)
        style.apply_theme(app, style.theme_for(ctx.preferences.high_contrast),
                          ctx.preferences.font_pt)
    elif ctx.preferences != painted_with:
        window.apply_preferences()

    for notice in _startup_notices(ctx):
        QMessageBox.information(window, QCoreApplication.translate("app", "学習記録の復元"),
                                notice)
    learner = ctx.last_learner()
    if learner is not None and (snapshot is None
                                or learner.staff_id == snapshot.learner.staff_id):
        ctx.learner = learner
    else:  # first start, or the store (e.g. restored from a backup) knows someone else
        ctx.learner = None
        if window is not None:
            window.hide()
        if not sign_in(ctx, None):
            if window is not None:
                window.close()
            return Launched(app, None, ctx, log_dir)
    if window is None:
        window = _build_window(ctx, log_dir)
    banners = []
    if report.second_instance:
        banners.append(QCoreApplication.translate(
            "app", "dxlearn はこのパソコンで既に起動しています。このウィンドウでは学習の記録は"
            "保存されません。先に開いたウィンドウで学習してください。"))
    elif report.read_only:
        banners.append(StoreError(report.read_only_reason or "cannot_open",
                                  report.path).message_ja
                       + QCoreApplication.translate("app", "（閲覧のみで起動しています）"))
    banners.append(policy_banner(ctx.policy_messages, ctx.preferences.language))
    window.set_banner("\n\n".join(b for b in banners if b))
    window.refresh()
    window.show()
    if first_paint is not None and snapshot is None:
        first_paint(window)
    return Launched(app, window, ctx, log_dir)


def run_app(args: argparse.Namespace) -> int:
    try:
        launched = launch(args)
    except LibraryError as exc:
        ensure_application()
        show_error(None, QCoreApplication.translate(
            "app", "教材フォルダーを読み込めませんでした：{0}\n"
            "フォルダーの場所を確認してください。").format(str(exc)), None)
        return 2
    except StoreError as exc:
        logger.error("store not opened: %s", exc)
        ensure_application()
        show_error(None, exc.message_ja, None)
        return 3
    try:
        if launched.window is None:
            return 0
        return launched.app.exec()
    finally:
        backup = launched.ctx.store.close() if launched.ctx.store is not None else None
        logger.info("closed cleanly%s", f"; backup {backup}" if backup else "")
