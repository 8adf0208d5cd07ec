"""The facts a 修了証 (certificate of completion) shows, without Qt.

``gui/certificate.py`` renders them with ``resources/certificate.html`` to PDF. The number is
stable per learner and library version: the same learner gets the same number every time the
certificate is printed again, and a new library version gives a new number.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import asdict, dataclass
from datetime import date, tzinfo

from dxlearn.content.model import Library
from dxlearn.export.errors import ExportError
from dxlearn.learning.status import Status, curriculum_status
from dxlearn.store.repository import ProgressStore

PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


class NotComplete(ExportError):
    """The learner's curriculum is not complete: no certificate."""


@dataclass(frozen=True, slots=True)
class CertificateData:
    organisation: str
    name: str
    staff_id: str
    department: str
    curriculum_title: str
    library_id: str
    library_version: str
    completed_on: date
    number: str
    issuer: str

    @property
    def completed_on_ja(self) -> str:
        return japanese_date(self.completed_on)


def japanese_date(value: date) -> str:
    """2026-11-27 -> ``2026年11月27日`` (Western year, as most municipalities print now)."""
    return f"{value.year}年{value.month}月{value.day}日"


def certificate_number(staff_id: str, library_id: str, library_version: str) -> str:
    """``DX-1234-5678-9012``: 12 digits from SHA-256 of staff_id, library id and version."""
    digest = hashlib.sha256(f"{staff_id}\x1f{library_id}\x1f{library_version}".encode()).digest()
    digits = f"{int.from_bytes(digest[:8], 'big') % 10**12:012d}"
    return f"DX-{digits[:4]}-{digits[4:8]}-{digits[8:]}"


def certificate_for(
    store: ProgressStore, library: Library, staff_id: str, *, organisation: str = "",
    tz: tzinfo | None = None,
) -> CertificateData:
    """The certificate of ``staff_id``; raises NotComplete / ExportError with the reason."""
    learner = store.get_learner(staff_id)
    if learner is None:
        raise ExportError("export.unknown_learner", ids=staff_id, where=store.where)
    outcomes = store.progress_for(staff_id, library.id)
    progress = curriculum_status(library, learner.role, outcomes)
    if progress.status is not Status.COMPLETED or progress.completed_at is None:
        raise NotComplete("export.not_complete", staff_id=staff_id, name=learner.name,
                          title=library.title, done=progress.required_completed,
                          total=progress.required_total)
    completed_on = progress.completed_at.astimezone(tz).date()
    return CertificateData(
        organisation=organisation,
        name=learner.name,
        staff_id=learner.staff_id,
        department=learner.department,
        curriculum_title=library.title,
        library_id=library.id,
        library_version=library.version,
        completed_on=completed_on,
        number=certificate_number(learner.staff_id, library.id, library.version),
        issuer=organisation,
    )


def fill_template(template: str, data: CertificateData) -> str:
    """Replace ``{{key}}`` with HTML-escaped values; unknown keys are left visible."""
    values = {k: str(v) for k, v in asdict(data).items()}
    values["completed_on"] = data.completed_on_ja
    values["organisation_line"] = data.organisation or ""

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        return html.escape(values[key]) if key in values else match.group(0)

    return PLACEHOLDER.sub(replace, template)
