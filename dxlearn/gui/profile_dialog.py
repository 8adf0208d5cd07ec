"""Sign-in: register a learner, or pick one already registered on this PC (or from a roster).

Like novelWriter's dialogs, :meth:`ProfileDialog.ask` returns the user's answer, so tests can
fill the fields and press OK without a modal loop of their own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dxlearn.learning.profile import Profile, ProfileProblem, validate_profile


class ProfileDialog(QDialog):
    def __init__(
        self,
        roles: Mapping[str, str],
        parent: QWidget | None = None,
        *,
        existing: Profile | None = None,
        registered: Sequence[Profile] = (),
        roster: Sequence[Profile] = (),
        lock_identity: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("profile-dialog")
        self.setWindowTitle(self.tr("学習者の登録") if existing is None
                            else self.tr("学習者情報の変更"))
        self.setModal(True)
        self.setMinimumWidth(560)
        self._roles = dict(roles)
        self._registered = {p.staff_id: p for p in registered}
        self._roster = {r.staff_id: r for r in roster}
        self.result_profile: Profile | None = None

        intro = QLabel(self.tr(
            "はじめに、あなたの情報を登録してください。\n"
            "職員番号は人事課への修了報告に使われます。") if existing is None else self.tr(
            "登録内容を変更できます。"))
        intro.setWordWrap(True)

        self.staff_id = QLineEdit()
        self.staff_id.setObjectName("profile-staff-id")
        self.staff_id.setAccessibleName(self.tr("職員番号"))
        self.staff_id.setPlaceholderText(self.tr("例: 012345"))
        self.name = QLineEdit()
        self.name.setObjectName("profile-name")
        self.name.setAccessibleName(self.tr("氏名"))
        self.name.setPlaceholderText(self.tr("例: 山田 花子"))
        self.department = QLineEdit()
        self.department.setObjectName("profile-department")
        self.department.setAccessibleName(self.tr("所属"))
        self.department.setPlaceholderText(self.tr("例: 市民課"))
        self.role = QComboBox()
        self.role.setObjectName("profile-role")
        self.role.setAccessibleName(self.tr("役割"))
        self.role.addItem(self.tr("選択してください"), "")
        for key, label in self._roles.items():
            self.role.addItem(label, key)
        self.error = QLabel()
        self.error.setObjectName("profile-error")
        self.error.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error.setWordWrap(True)

        candidates = [*self._registered, *self._roster]
        if candidates:
            labels = [f"{sid} {self._lookup(sid).name}" for sid in dict.fromkeys(candidates)]
            completer = QCompleter(labels, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.activated.connect(self._on_completer_activated)
            self.staff_id.setCompleter(completer)
            hint = QLabel(self.tr("職員番号か氏名の一部を入力すると、候補から選べます。"))
            hint.setObjectName("hint")
            hint.setWordWrap(True)
        else:
            hint = None

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self._label(self.tr("職員番号"), self.staff_id), self.staff_id)
        form.addRow(self._label(self.tr("氏名"), self.name), self.name)
        form.addRow(self._label(self.tr("所属"), self.department), self.department)
        form.addRow(self._label(self.tr("役割"), self.role), self.role)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("登録して始める") if existing is None else self.tr("保存する"))
        ok.setObjectName("profile-ok")
        ok.setProperty("primary", True)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("キャンセル"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if hint is not None:
            layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        if existing is not None:
            self._fill(existing)
            if lock_identity:
                self.staff_id.setReadOnly(True)
                self.role.setEnabled(False)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text + "：")
        label.setBuddy(buddy)
        return label

    def _lookup(self, staff_id: str) -> Profile:
        return self._registered.get(staff_id) or self._roster[staff_id]

    def _fill(self, entry: Profile) -> None:
        self.staff_id.setText(entry.staff_id)
        self.name.setText(entry.name)
        self.department.setText(entry.department)
        index = self.role.findData(entry.role)
        self.role.setCurrentIndex(max(index, 0))

    def _on_completer_activated(self, text: str) -> None:
        staff_id = text.split(" ", 1)[0]
        if staff_id in self._registered or staff_id in self._roster:
            self._fill(self._lookup(staff_id))

    def _on_buttons_accepted(self) -> None:
        profile, problems = validate_profile(
            self.staff_id.text(), self.name.text(), self.department.text(),
            self.role.currentData() or "", list(self._roles))
        if profile is None:
            messages = {
                ProfileProblem.STAFF_ID_MISSING: self.tr("職員番号を入力してください。"),
                ProfileProblem.STAFF_ID_INVALID: self.tr(
                    "職員番号に空白や記号を含めないでください。"),
                ProfileProblem.NAME_MISSING: self.tr("氏名を入力してください。"),
                ProfileProblem.DEPARTMENT_MISSING: self.tr("所属を入力してください。"),
                ProfileProblem.ROLE_MISSING: self.tr("役割を選んでください。"),
                ProfileProblem.ROLE_UNKNOWN: self.tr("役割を一覧から選んでください。"),
            }
            self.error.setText("\n".join(messages[p] for p in problems.values()))
            first = {"staff_id": self.staff_id, "name": self.name,
                     "department": self.department, "role": self.role}[next(iter(problems))]
            first.setFocus()
            return
        self.result_profile = profile
        self.accept()

    @classmethod
    def ask(cls, roles: Mapping[str, str], parent: QWidget | None = None,
            **kwargs: object) -> Profile | None:
        dialog = cls(roles, parent, **kwargs)  # type: ignore[arg-type]
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_profile
        return None
