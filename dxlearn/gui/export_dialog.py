"""ファイル > 修了記録の書き出し, and ファイル > 修了証.

The dialog only collects the learner's choices (an :class:`ExportRequest`); ``run_export``
calls ``dxlearn.export.export_completion`` with a progress dialog and reports the result with
the path and a button that opens the folder (a local folder: nothing goes on the network).
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dxlearn.export.api import ExportOptions, ExportResult, Format, export_completion
from dxlearn.export.columns import Scope
from dxlearn.export.errors import ExportCancelled, ExportError

from .announce import announce
from .context import AppContext
from .operations.runner import Cancelled, Op, OperationRunner, Reporter

logger = logging.getLogger(__name__)

LAST_FOLDER_KEY = "export_last_folder"
SUFFIX = {Format.CSV: ".csv", Format.XLSX: ".xlsx", Format.XAPI: ".json"}


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    options: ExportOptions
    profile: Path | None = None  # an HR import profile (policy export_profiles), read in the op


def _safe_host() -> str:
    name = socket.gethostname() or "pc"  # the local host name; no network lookup
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)


def _buddy(text: str, field: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(field)
    return label


class ExportDialog(QDialog):
    def __init__(self, folder: Path, staff_id: str, parent: QWidget | None = None,
                 profiles: tuple[Path, ...] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("export-dialog")
        self.setWindowTitle(self.tr("修了記録の書き出し"))
        self.setMinimumWidth(640)
        self._staff_id = staff_id
        self.request: ExportRequest | None = None

        intro = QLabel(
            self.tr(
                "人事担当に提出する修了記録のファイルを作ります。同じフォルダーに、内容が書き換え"
                "られていないことを人事担当が確かめるための確認用ファイルも作られます。"
                "両方を提出してください。"
            )
        )
        intro.setWordWrap(True)
        self.scope = QComboBox()
        self.scope.setObjectName("export-scope")
        self.scope.addItem(self.tr("人事システム取り込み用（詳細）"), Scope.DETAIL.value)
        self.scope.addItem(self.tr("人事担当の一覧表用（一人一行の集計）"), Scope.SUMMARY.value)
        self.scope.addItem(self.tr("設問分析用（理解度チェックの回答一問ごと）"),
                           Scope.ANSWERS.value)
        self.format = QComboBox()
        self.format.setObjectName("export-format")
        self.format.addItem(self.tr("CSV（Excel や人事システムで開けます）"), Format.CSV.value)
        self.format.addItem(self.tr("Excel ブック"), Format.XLSX.value)
        self.format.addItem(self.tr("学習記録システム用"), Format.XAPI.value)
        self.encoding = QComboBox()
        self.encoding.setObjectName("export-encoding")
        self.encoding.addItem(self.tr("標準"), "utf-8-sig")
        self.encoding.addItem(self.tr("古いシステム向け"), "cp932")
        self.header = QComboBox()
        self.header.setObjectName("export-header")
        self.header.addItem(self.tr("英語の列名（人事システム向け）"), "en")
        self.header.addItem(self.tr("日本語の列名（人が読む表向け）"), "ja")
        self.who = QComboBox()
        self.who.setObjectName("export-learners")
        self.who.addItem(self.tr("自分の記録だけ"), "me")
        self.who.addItem(self.tr("このパソコンの全学習者"), "all")
        self.folder = QLineEdit(str(folder))
        self.folder.setObjectName("export-folder")
        browse = QPushButton(self.tr("参照..."))
        browse.setObjectName("export-browse")
        browse.setAutoDefault(False)
        browse.setAccessibleName(self.tr("保存先フォルダーを選ぶ"))
        browse.clicked.connect(self._on_browse_clicked)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.profile = QComboBox()  # shown only when the policy names import profiles
        self.profile.setObjectName("export-profile")
        self.profile.addItem(self.tr("使わない（上の内容・形式で書き出す）"), None)
        for path in profiles:
            self.profile.addItem(path.stem, str(path))
        self.file_name = QLineEdit()
        self.file_name.setObjectName("export-file-name")
        self.explain = QLabel()
        self.explain.setObjectName("hint")
        self.explain.setWordWrap(True)
        self.explain.setAccessibleName(self.tr("選んだ内容の説明"))
        self.error = QLabel()
        self.error.setObjectName("export-error")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, field, name in (
            (self.tr("内容："), self.scope, self.tr("内容")),
            (self.tr("形式："), self.format, self.tr("形式")),
            (self.tr("文字の種類："), self.encoding, self.tr("文字の種類")),
            (self.tr("列名："), self.header, self.tr("列名")),
            (self.tr("対象："), self.who, self.tr("対象")),
        ):
            field.setAccessibleName(name)
            form.addRow(_buddy(label, field), field)
        if profiles:  # the policy names HR import profiles (export_profiles)
            self.profile.setAccessibleName(self.tr("取込プロファイル"))
            form.addRow(_buddy(self.tr("取込プロファイル："), self.profile), self.profile)
        self.folder.setAccessibleName(self.tr("保存先フォルダー"))
        form.addRow(_buddy(self.tr("保存先フォルダー："), self.folder), folder_row)
        self.file_name.setAccessibleName(self.tr("ファイル名"))
        form.addRow(_buddy(self.tr("ファイル名："), self.file_name), self.file_name)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("書き出す"))
        ok.setObjectName("export-ok")
        ok.setProperty("primary", True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.explain)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.scope.currentIndexChanged.connect(self._suggest_name)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.profile.currentIndexChanged.connect(self._on_format_changed)
        for combo in (self.scope, self.format, self.encoding, self.profile):
            combo.currentIndexChanged.connect(self._explain)
        self._suggest_name()
        self._explain()

    def _explain(self, *_args: object) -> None:
        """One plain line on what the chosen content, form and characters are for."""
        if self.profile.currentData() is not None:
            self.explain.setText(self.tr("人事システムの取込形式（取込プロファイル）で書き出します。"
                                         "列・文字の種類・日付の書き方はプロファイルのとおりです。"))
            return
        scope = {
            Scope.SUMMARY.value: self.tr(
                "一人一行で、必須レッスンを修了したかどうかをまとめます。"),
            Scope.ANSWERS.value: self.tr(
                "理解度チェックの回答一問ごとに一行です。研修担当者が設問の出来を調べるとき"
                "（dxlearn hr items）に使います。"),
        }.get(self.scope.currentData(),
              self.tr("レッスンごとに一行です。人事システムに取り込むときに選びます。"))
        form = {
            Format.CSV.value: self.tr("CSV は表の形のテキストファイルです。"),
            Format.XLSX.value: self.tr("Excel でそのまま開ける表です。"),
            Format.XAPI.value: self.tr(
                "学習記録システム（LRS）に取り込む xAPI 形式のファイルです。通常は選びません。"),
        }[self.format.currentData()]
        characters = (self.tr("文字化けする場合は「古いシステム向け」（Shift_JIS）を選んで"
                              "ください。") if self._chosen_format() is Format.CSV else "")
        self.explain.setText(" ".join(part for part in (scope, form, characters) if part))

    def _chosen_format(self) -> Format:
        if self.profile.currentData() is not None:
            return Format.CSV  # a profile writes delimited text in its own layout
        return Format(self.format.currentData())

    def _on_format_changed(self) -> None:
        profiled = self.profile.currentData() is not None  # the profile decides these
        for box in (self.format, self.header):
            box.setEnabled(not profiled)
        self.encoding.setEnabled(self._chosen_format() is Format.CSV and not profiled)
        self.scope.setEnabled(self._chosen_format() is not Format.XAPI and not profiled)
        self._suggest_name()

    def _suggest_name(self) -> None:
        stamp = datetime.now().strftime("%Y%m%d")
        chosen = self.profile.currentData()  # a profile's files are named after it
        scope = Path(chosen).stem if chosen else self.scope.currentData()
        self.file_name.setText(
            f"dxlearn-{scope}-{stamp}-{_safe_host()}{SUFFIX[self._chosen_format()]}"
        )

    def _on_browse_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("保存先フォルダー"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def _tell(self, text: str, field: QWidget) -> None:
        self.error.setText(text)
        announce(self.error, text, assertive=True)
        field.setFocus()

    def _on_buttons_accepted(self) -> None:
        folder = Path(self.folder.text().strip())
        name = self.file_name.text().strip()
        if not folder.is_dir():
            self._tell(self.tr(
                "保存先フォルダーが見つかりません：{0}\nフォルダーを選び直してください。"
            ).format(str(folder)), self.folder)
            return
        if not name:
            self._tell(self.tr("ファイル名を入力してください。"), self.file_name)
            return
        path = folder / name
        chosen = self._chosen_format()
        if path.suffix.lower() != SUFFIX[chosen]:
            path = path.with_name(path.name + SUFFIX[chosen])
        self.request = ExportRequest(
            path,
            ExportOptions(
                scope=Scope.DETAIL if chosen is Format.XAPI else Scope(self.scope.currentData()),
                format=chosen,
                encoding=self.encoding.currentData(),
                header=self.header.currentData(),
                learners=(self._staff_id,) if self.who.currentData() == "me" else None,
            ),
            Path(self.profile.currentData()) if self.profile.currentData() else None,
        )
        self.accept()


def initial_folder(ctx: AppContext) -> Path:
    """The policy's export folder first, then the last folder used, then Documents/home."""
    policy_folder = ctx.export_dir
    if policy_folder and Path(policy_folder).is_dir():
        return Path(policy_folder)
    last = ctx.store.pc_setting(LAST_FOLDER_KEY) if ctx.store is not None else None
    if isinstance(last, str) and Path(last).is_dir():
        return Path(last)
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def export_op(ctx: AppContext, request: ExportRequest) -> Op[ExportResult]:
    """The export as an operation: off the GUI thread, with a progress dialog and 中止."""
    store = ctx.require_store()

    def work(reporter: Reporter) -> ExportResult:
        def report(done: int, total: int) -> bool:
            reporter.report(done, total)  # raises Cancelled when 中止 was pressed
            return True

        options = request.options
        if request.profile is not None:  # read now: a mistake is shown like any export error
            from dataclasses import replace

            from dxlearn.export.profile import load_profile

            options = replace(options, profile=load_profile(request.profile))
        try:
            return export_completion(store, ctx.libraries or (ctx.library,), request.path,
                                     options, ctx.export_settings, progress=report)
        except ExportCancelled as error:
            raise Cancelled from error

    return Op(work, writes=False, slow=True, cancellable=True, name="export",
              label=QCoreApplication.translate("ExportDialog", "書き出しています..."))


def run_export(parent: QWidget, ctx: AppContext, ops: OperationRunner,
               request: ExportRequest, done: Callable[[Path], None] | None = None) -> None:
    """Write the export through ``ops``; say where it is when it is written."""
    op = export_op(ctx, request)

    def written(result: ExportResult) -> None:
        if ctx.store is not None and not ctx.read_only:
            store = ctx.store
            ops.run(Op(lambda _r: store.set_pc_setting(LAST_FOLDER_KEY,
                                                       str(request.path.parent)),
                       quiet=True, name="export folder"))
        _tell_written(parent, result, ctx.preferences.language)
        if done is not None:
            done(result.path)

    def failed(error: BaseException) -> bool:
        if not isinstance(error, ExportError):
            return False
        logger.warning("export failed: %s", error)
        reason = error.message(ctx.preferences.language)
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("ExportDialog", "書き出しできませんでした"),
            QCoreApplication.translate(
                "ExportDialog",
                "修了記録を書き出せませんでした。ファイルは作られていません。\n\n{0}",
            ).format(reason),
        )
        return True

    op.success = written
    op.failure = failed
    ops.run(op)


def _tell_written(parent: QWidget, result: ExportResult, lang: str) -> None:
    box = QMessageBox(parent)
    box.setObjectName("export-done")
    box.setWindowTitle(QCoreApplication.translate("ExportDialog", "書き出しました"))
    box.setText(
        QCoreApplication.translate(
            "ExportDialog", "修了記録を書き出しました（{0} 件）。\n\n{1}\n確認用ファイル：{2}"
        ).format(result.rows, str(result.path), str(result.sig_path))
        + "".join("\n\n" + w.text(lang) for w in result.warnings)
    )
    open_folder = box.addButton(
        QCoreApplication.translate("ExportDialog", "フォルダーを開く"),
        QMessageBox.ButtonRole.ActionRole,
    )
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    if box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path.parent)))


def export_from_menu(parent: QWidget, ctx: AppContext, ops: OperationRunner,
                     done: Callable[[Path], None] | None = None) -> None:
    learner = ctx.learner
    if learner is None:
        return
    dialog = ExportDialog(initial_folder(ctx), learner.staff_id, parent,
                          profiles=ctx.policy.export_profiles)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.request is None:
        return
    run_export(parent, ctx, ops, dialog.request, done)


def certificate_from_menu(parent: QWidget, ctx: AppContext, ops: OperationRunner,
                          done: Callable[[Path | None], None] | None = None) -> None:
    """修了証: refuse kindly while the curriculum is not complete, else save a PDF."""
    from dxlearn.export.certificate_data import CertificateData, NotComplete, certificate_for

    learner = ctx.learner
    if learner is None:
        return
    store = ctx.require_store()

    def failed(error: BaseException) -> bool:
        if not isinstance(error, NotComplete):
            return False
        QMessageBox.information(
            parent,
            QCoreApplication.translate("ExportDialog", "修了証"),
            QCoreApplication.translate(
                "ExportDialog",
                "修了証は、必須レッスンをすべて修了すると発行できます。\n"
                "ホーム画面で残りのレッスンを確認してください。",
            ),
        )
        if done is not None:
            done(None)
        return True

    def save(data: CertificateData) -> None:
        path = _save_certificate(parent, ctx, data)
        if done is not None:
            done(path)

    ops.run(Op(lambda _r: certificate_for(store, ctx.library, learner.staff_id,
                                          organisation=ctx.export_settings.organisation),
               success=save, failure=failed, writes=False, name="certificate"))


def _save_certificate(parent: QWidget, ctx: AppContext, data: object) -> Path | None:
    from .certificate import write_certificate_pdf

    learner = ctx.learner
    assert learner is not None
    suggested = initial_folder(ctx) / f"修了証-{learner.staff_id}.pdf"
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ExportDialog", "修了証の保存先"),
        str(suggested),
        QCoreApplication.translate("ExportDialog", "PDF ファイル (*.pdf)"),
    )
    if not chosen:
        return None
    try:
        path = write_certificate_pdf(data, Path(chosen))  # type: ignore[arg-type]
    except OSError as exc:  # a read-only folder, a full disk, the file open in a viewer
        logger.warning("certificate not written to %s: %s", chosen, exc)
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("ExportDialog", "修了証"),
            QCoreApplication.translate(
                "ExportDialog",
                "修了証を保存できませんでした。保存先のフォルダーやファイルを確認してください。\n{0}",
            ).format(chosen),
        )
        return None
    QMessageBox.information(
        parent,
        QCoreApplication.translate("ExportDialog", "修了証"),
        QCoreApplication.translate("ExportDialog", "修了証を保存しました。\n{0}").format(str(path)),
    )
    return path
