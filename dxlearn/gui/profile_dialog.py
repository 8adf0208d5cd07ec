"""Sign-in: register a learner, switch to another one, or change a registration.

Like novelWriter's dialogs, :meth:`ProfileDialog.ask` returns the user's answer, so tests can
fill the fields and press OK without a modal loop of their own.

- Each purpose has its own words (title, introduction, button): 学習者の登録, 学習者の切り替え,
  学習者情報の変更.
- The 職員番号 suggestions follow ``learning.profile.suggestions`` (roster entries only, or on
  a shared PC only after part of the id is typed); picking one fills 職員番号 with the id alone
  and the other fields from the entry.
- A problem marks its field (outline, and the field's accessible description says what is
  wrong), is listed and announced; it clears as soon as the field is fixed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import Enum

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
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

from dxlearn.learning.profile import Profile, ProfileProblem, suggestions, validate_profile

from .announce import announce
from .widgets import plain_label

STAFF_ID_ROLE = Qt.ItemDataRole.UserRole


class Purpose(Enum):
    REGISTER = "register"  # the first learner of this PC
    SWITCH = "switch"  # 学習者 > 学習者の切り替え
    EDIT = "edit"  # 学習者 > 登録内容の変更


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
        purpose: Purpose | None = None,
    ) -> None:
        super().__init__(parent)
        self.purpose = purpose or (Purpose.EDIT if existing is not None else Purpose.REGISTER)
        self.setObjectName("profile-dialog")
        self.setModal(True)
        self.setMinimumWidth(520)
        self._roles = dict(roles)
        self._registered = list(registered)
        self._roster = list(roster)
        self._tried = False  # problems are shown (and then cleared) after the first OK
        self.result_profile: Profile | None = None

        title, intro, ok_text = self._words()
        self.setWindowTitle(title)
        self.intro = plain_label(intro, "profile-intro")

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
        self.error = plain_label(name="profile-error")
        self.error.setAccessibleName(self.tr("入力の確認"))
        self.error.hide()
        self._fields: dict[str, QWidget] = {"staff_id": self.staff_id, "name": self.name,
                                            "department": self.department, "role": self.role}

        self.hint: QLabel | None = None
        if self.purpose is not Purpose.EDIT and (self._roster or self._registered):
            self._install_completer()
            self.hint = plain_label(self._hint_text(), "hint")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self._label(self.tr("職員番号"), self.staff_id), self.staff_id)
        form.addRow(self._label(self.tr("氏名"), self.name), self.name)
        form.addRow(self._label(self.tr("所属"), self.department), self.department)
        form.addRow(self._label(self.tr("役割"), self.role), self.role)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        ok.setObjectName("profile-ok")
        ok.setProperty("primary", True)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("キャンセル"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        if self.hint is not None:
            layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        for line in (self.staff_id, self.name, self.department):
            line.textChanged.connect(self._on_field_changed)
        self.role.currentIndexChanged.connect(self._on_field_changed)
        if existing is not None:
            self._fill(existing)
            if lock_identity:
                self.staff_id.setReadOnly(True)
                self.role.setEnabled(False)

    def _words(self) -> tuple[str, str, str]:
        if self.purpose is Purpose.SWITCH:
            return (self.tr("学習者の切り替え"), self.tr(
                "このパソコンで学習する人を切り替えます。\n"
                "登録済みの人は、職員番号を入力して候補から選んでください。"
                "初めての人は、すべての項目を入力すると登録されます。"),
                self.tr("切り替える"))
        if self.purpose is Purpose.EDIT:
            return (self.tr("学習者情報の変更"), self.tr("登録内容を変更できます。"),
                    self.tr("保存する"))
        return (self.tr("学習者の登録"), self.tr(
            "はじめに、あなたの情報を登録してください。\n"
            "職員番号は人事課への修了報告に使われます。"), self.tr("登録して始める"))

    def _hint_text(self) -> str:
        if self._roster:
            return self.tr("職員番号か氏名の一部を入力すると、職員名簿の候補から選べます。")
        return self.tr("登録済みの人は、職員番号の始めの数文字を入力すると候補から選べます。")

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text + "：")
        label.setBuddy(buddy)
        return label

    # -- suggestions ----------------------------------------------------------------------------

    def _install_completer(self) -> None:
        self._model = QStandardItemModel(self)
        completer = QCompleter(self._model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(STAFF_ID_ROLE)  # what goes into 職員番号: the id only
        completer.activated[QModelIndex].connect(  # type: ignore[index]
            self._on_completer_activated)
        popup = completer.popup()
        if popup is not None:
            popup.setObjectName("profile-suggestions")
            popup.setAccessibleName(self.tr("職員番号の候補"))
        self.staff_id.setCompleter(completer)
        self.staff_id.textEdited.connect(self._on_staff_id_edited)
        self._completer = completer

    def _on_staff_id_edited(self, text: str) -> None:
        found = suggestions(text, self._registered, self._roster)
        self._model.clear()
        for profile in found:
            item = QStandardItem(f"{profile.staff_id} {profile.name}")
            item.setData(profile.staff_id, STAFF_ID_ROLE)
            self._model.appendRow(item)
        popup = self._completer.popup()
        if found:
            self._completer.complete()
        elif popup is not None:
            popup.hide()

    def candidate_labels(self) -> list[str]:
        """What the suggestion list shows now (for tests and RPA)."""
        model = getattr(self, "_model", None)
        if model is None:
            return []
        return [model.item(row).text() for row in range(model.rowCount())]

    def _lookup(self, staff_id: str) -> Profile | None:
        for profile in (*self._roster, *self._registered):
            if profile.staff_id == staff_id:
                return profile
        return None

    def _on_completer_activated(self, index: QModelIndex) -> None:
        entry = self._lookup(str(index.data(STAFF_ID_ROLE) or ""))
        if entry is not None:
            self._fill(entry)

    def pick_candidate(self, row: int) -> None:
        """Choose the ``row``-th suggestion as a click in the list does."""
        index = self._model.index(row, 0)
        self.staff_id.setText(str(index.data(STAFF_ID_ROLE)))  # what the completer inserts
        self._on_completer_activated(index)

    def _fill(self, entry: Profile) -> None:
        self.staff_id.setText(entry.staff_id)
        self.name.setText(entry.name)
        self.department.setText(entry.department)
        index = self.role.findData(entry.role)
        self.role.setCurrentIndex(max(index, 0))

    # -- checking -------------------------------------------------------------------------------

    def _check(self) -> tuple[Profile | None, dict[str, ProfileProblem]]:
        return validate_profile(
            self.staff_id.text(), self.name.text(), self.department.text(),
            self.role.currentData() or "", list(self._roles))

    def _messages(self) -> dict[ProfileProblem, str]:
        return {
            ProfileProblem.STAFF_ID_MISSING: self.tr("職員番号を入力してください。"),
            ProfileProblem.STAFF_ID_INVALID: self.tr(
                "職員番号に空白や記号を含めないでください。"),
            ProfileProblem.NAME_MISSING: self.tr("氏名を入力してください。"),
            ProfileProblem.DEPARTMENT_MISSING: self.tr("所属を入力してください。"),
            ProfileProblem.ROLE_MISSING: self.tr("役割を選んでください。"),
            ProfileProblem.ROLE_UNKNOWN: self.tr("役割を一覧から選んでください。"),
        }

    def _show_problems(self, problems: Mapping[str, ProfileProblem]) -> None:
        messages = self._messages()
        for key, field in self._fields.items():
            problem = problems.get(key)
            invalid = problem is not None
            if field.property("invalid") != invalid:
                field.setProperty("invalid", invalid)
                field.style().unpolish(field)
                field.style().polish(field)
            field.setAccessibleDescription(messages[problem] if problem is not None else "")
        self.error.setText("\n".join(messages[p] for p in problems.values()))
        self.error.setVisible(bool(problems))

    def _on_field_changed(self, *_args: object) -> None:
        if self._tried:
            self._show_problems(self._check()[1])

    def _on_buttons_accepted(self) -> None:
        profile, problems = self._check()
        self._tried = True
        self._show_problems(problems)
        if profile is None:
            announce(self.error, self.error.text(), assertive=True)
            self._fields[next(iter(problems))].setFocus()
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
