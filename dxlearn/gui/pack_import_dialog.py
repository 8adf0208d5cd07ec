"""Importing a lesson pack from the GUI, with a progress dialog (for a menu action).

The import is an operation of the window's runner (``content.pack.import_pack``: verify every
hash, extract beside the target, swap in when complete), off the GUI thread with a progress
dialog and 中止, which keeps the previous version untouched. Unless ``quiet``, the outcome is
told in a message box that names the library, or every reason the pack was refused (in the
learner's language, from ``messages/pack.py``). Texts from the pack are shown as plain text.

Where the policy does not allow pack import (``Policy.pack_import_allowed``), the menu item is
disabled and says why (``gui.menus.restrict_import_action``), and :func:`pack_import_permitted`
refuses with the same explanation should the import be started anyway. A pack never replaces
the bundled library or a policy library: the worker builds ``content.libraries.import_rules``
from the policy.

Light to import (the menu is built before the first paint): the pack code loads on first use.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from dxlearn import messages
from dxlearn.policy import Policy

from .operations.runner import Cancelled, Op, OperationRunner, Reporter

if TYPE_CHECKING:
    from dxlearn.content.model import Library
    from dxlearn.content.pack import ImportResult

    from .context import AppContext

logger = logging.getLogger(__name__)

_SHOWN_PROBLEMS = 3  # reasons shown in the message itself; all of them under "Show Details"


@dataclass
class PackImportOutcome:
    result: ImportResult | None = None
    problems: list[str] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.result is not None


def import_op(pack_path: str | Path, into: str | Path, policy: Policy | None = None,
              lang: str = "ja") -> Op[PackImportOutcome]:
    """The import as an operation: off the GUI thread with a progress dialog and 中止 (which
    keeps the previous version untouched). A refused pack is an outcome with its reasons, never
    an error. ``policy`` (no policy file when None) names the libraries a pack must not
    replace; ``lang`` is the learner's language."""
    pack = Path(pack_path)
    target = Path(into)
    rules_policy = policy or Policy()

    def work(reporter: Reporter) -> PackImportOutcome:
        from dxlearn import paths
        from dxlearn.content.libraries import import_rules
        from dxlearn.content.pack import PackCancelled, PackError, import_pack

        outcome = PackImportOutcome()

        def progress(done: int, total: int) -> None:
            if reporter.cancelled:
                raise PackCancelled
            reporter.report(done * 1000 // total if total else 1000, 1000)

        try:
            try:
                bundled: Path | None = paths.lessons_dir()
            except FileNotFoundError:
                bundled = None
            rules = import_rules(bundled, rules_policy.libraries,
                                 allow_updates=rules_policy.allow_library_updates)
            outcome.result = import_pack(pack, target, progress=progress, rules=rules)
        except (PackCancelled, Cancelled):
            outcome.cancelled = True
        except PackError as exc:
            outcome.problems = exc.lines(lang)
        return outcome

    label = QCoreApplication.translate("PackImport", "「{0}」を確認して取り込んでいます…").format(
        pack.name)
    return Op(work, writes=False, slow=True, cancellable=True, label=label, name="pack import")


def import_pack_with_progress(
    ops: OperationRunner,
    parent: QWidget | None,
    pack_path: str | Path,
    into: str | Path,
    quiet: bool = False,
    *,
    policy: Policy | None = None,
    lang: str = "ja",
    done: Callable[[PackImportOutcome], None] | None = None,
) -> None:
    """Import ``pack_path`` into the libraries folder ``into`` through ``ops``; unless ``quiet``
    the outcome is told in a message box; ``done`` gets it afterwards."""
    pack = Path(pack_path)

    def finished(outcome: PackImportOutcome) -> None:
        if not quiet:
            _tell(parent, pack, outcome)
        if done is not None:
            done(outcome)

    ops.run(import_op(pack, into, policy, lang).then(finished))


def _tell(parent: QWidget | None, pack: Path, outcome: PackImportOutcome) -> None:
    box = QMessageBox(parent)
    box.setObjectName("pack-import-result")
    box.setTextFormat(Qt.TextFormat.PlainText)  # a pack's title is never markup
    box.setWindowTitle(QCoreApplication.translate("PackImport", "教材パックの取り込み"))
    if outcome.result is not None:
        result = outcome.result
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(
            QCoreApplication.translate(
                "PackImport", "「{0}」（版 {1}）を取り込みました。\n場所：{2}{3}"
            ).format(
                result.manifest.title or result.library_id,
                result.manifest.version,
                result.target,
                QCoreApplication.translate("PackImport", "\n以前の版は置き換えました。")
                if result.replaced
                else "",
            )
        )
    elif outcome.cancelled:
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(
            QCoreApplication.translate(
                "PackImport", "取り込みを中止しました。教材は変更されていません。"
            )
        )
    else:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(
            QCoreApplication.translate(
                "PackImport",
                "「{0}」は取り込めませんでした。教材は変更されていません。\n"
                "パックを作り直すか、もう一度コピーしてください。",
            ).format(pack.name)
        )
        # the reasons in sight (each says what to do next), every one in the details
        box.setInformativeText("\n".join(outcome.problems[:_SHOWN_PROBLEMS]))
        box.setDetailedText("\n".join(outcome.problems))
    box.exec()


def pack_import_permitted(parent: QWidget | None, policy: Policy, lang: str = "ja") -> bool:
    """True where the policy allows pack import; else the learner is told why (a message box)
    and False is returned: nothing is asked, nothing is imported."""
    if policy.pack_import_allowed:
        return True
    logger.info("pack import refused: the policy %s does not allow it", policy.source)
    box = QMessageBox(parent)
    box.setObjectName("pack-import-not-allowed")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("PackImport", "教材パックの取り込み"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(messages.text("pack.import_not_allowed", lang))
    box.exec()
    return False


def import_pack_from_menu(parent: QWidget, ctx: AppContext, ops: OperationRunner,
                          done: Callable[[Library], None]) -> None:
    """ファイル > 教材パックの取り込み: where the policy allows it, choose a pack, verify and
    import it into the data folder's libraries (never over the bundled or a policy library),
    then hand the imported library to ``done``."""
    from PySide6.QtWidgets import QFileDialog

    from dxlearn.content.loader import LibraryError, load_library

    lang = ctx.preferences.language
    if not pack_import_permitted(parent, ctx.policy, lang):
        return
    chosen, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("PackImport", "教材パックを選ぶ"), "",
        QCoreApplication.translate("PackImport", "教材パック (*.dxpack)"))
    if not chosen:
        return
    data_dir = ctx.data_dir or Path.home()

    def imported(outcome: PackImportOutcome) -> None:
        if outcome.result is None:
            return
        try:
            library = load_library(outcome.result.target)
        except LibraryError as exc:
            logger.error("imported library not loaded: %s", exc)
            return
        done(library)

    import_pack_with_progress(ops, parent, chosen, data_dir / "libraries", policy=ctx.policy,
                              lang=lang, done=imported)
