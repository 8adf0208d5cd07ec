"""What the merge's parts share: its options and what it learned about each input file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from dxlearn.export.errors import ExportError
from dxlearn.export.vocabulary import RoleNames, role_names
from dxlearn.messages import Message, text

if TYPE_CHECKING:
    from dxlearn.export.profile import Profile


@dataclass(frozen=True, slots=True)
class MergeOptions:
    require_signature: bool = False  # only authentic files (HMAC valid) are used
    include_altered: bool = False  # altered files and wrong signatures are used, flagged
    encoding: str = "utf-8-sig"  # CSV report
    header: str = "en"  # the report's headers AND values (修了, はい, role labels)
    tz: tzinfo | None = None  # the organisation's zone (policy timezone); None: this PC's
    roles: RoleNames = field(default_factory=role_names)  # role keys and labels known here
    # an HR import profile: the merged result is written in its layout (one file, signed
    # like an export) instead of the report (dxlearn/export/profile_export.py)
    profile: Profile | None = None


# What happened to an input, besides the verify verdicts
DUPLICATE = "duplicate"
UNUSABLE = "unusable"
# the flag of a learner's rows in a merge report when a row of theirs could not be read in an
# input (left out): what the report shows for them may miss that row
UNREADABLE = "unreadable_rows"


@dataclass
class InputInfo:
    path: Path
    verdict: str  # a verify Verdict value, or "duplicate" / "unusable"
    included: bool = False
    messages: list[Message] = field(default_factory=list)
    format: str = ""
    encoding: str = ""
    header: str = ""
    rows: int = 0
    device: str = ""
    exported_at: datetime | None = None
    sha256: str = ""
    flag: str = ""  # the verdict its records are flagged with ("" authentic)
    # the rows left out (unreadable): (staff_id, library_id, lesson_id, name, department), ""
    # where unreadable (``hr.values.Lost``)
    unreadable: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    pc: str = ""  # the exporting database or PC of all its records ("" none, or several)

    def message(self, lang: str = "en") -> str:
        return text("hr.join", lang).join(m.text(lang) for m in self.messages)

    def line(self, lang: str = "en") -> str:
        used = text("hr.used" if self.included else "hr.left_out", lang)
        return text("hr.input_line", lang, path=str(self.path),
                    verdict=verdict_label(self.verdict, lang), used=used,
                    rows=Message("integrity.rows_one" if self.rows == 1 else "integrity.rows",
                                 {"count": self.rows}),
                    message=self.message(lang))


def verdict_label(verdict: str, lang: str) -> str:
    """A verify verdict, or what else happened to an input, as a reader says it."""
    if lang == "en":
        return verdict
    if verdict in (DUPLICATE, UNUSABLE, UNREADABLE):
        return text(f"hr.label_{verdict}", lang)
    return text(f"integrity.label_{verdict}", lang)


def input_lines(problems: list[Message], inputs: list[InputInfo], lang: str = "en") -> list[str]:
    """What a command prints of its inputs: the problems finding them, then one line each."""
    return [*(p.text(lang) for p in problems), *(i.line(lang) for i in inputs)]


class NothingUsable(ExportError):
    """No input held anything usable (``hr merge``: a detail row; ``hr items``: an answer):
    nothing is written. ``inputs`` and ``problems`` say what each input was."""

    code_for_none = ""  # the subclass's catalogue code

    def __init__(self, inputs: list[InputInfo], problems: list[Message]) -> None:
        super().__init__(self.code_for_none, count=len(inputs))
        self.inputs = inputs
        self.problems = problems

    def input_lines(self, lang: str = "en") -> list[str]:
        return input_lines(self.problems, self.inputs, lang)
