"""``dxlearn verify``: check exports against their ``.sig.json`` sidecars.

Exit status per file, and for several files the worst one wins, in this order of severity:
``1`` altered (sha256 or HMAC wrong) > ``2`` sidecar (or the file) missing or unreadable >
``3`` intact but no HMAC that could be checked > ``0`` authentic. (An altered file is the
finding HR must act on first; a missing sidecar may just be a copy mistake; an unsigned file
is merely weaker.)

A file signed with a key this PC does not hold (another ``key_id``, or no key configured)
is intact-but-unchecked: exit 3, and the line names the key.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypedDict

from dxlearn.files.atomic import hash_file
from dxlearn.integrity.keys import HoldsKey
from dxlearn.integrity.signature import SidecarError, read_sidecar, sidecar_path


class Verdict(StrEnum):
    AUTHENTIC = "authentic"
    ALTERED = "altered"
    BAD_HMAC = "bad_hmac"
    NO_SIDECAR = "no_sidecar"
    BAD_SIDECAR = "bad_sidecar"
    UNSIGNED = "unsigned"
    KEY_UNKNOWN = "key_unknown"
    UNREADABLE = "unreadable"

    @property
    def exit_status(self) -> int:
        return EXIT_STATUS[self]

    @property
    def authentic(self) -> bool:
        return self is Verdict.AUTHENTIC

    @property
    def intact(self) -> bool:
        return self in (Verdict.AUTHENTIC, Verdict.UNSIGNED, Verdict.KEY_UNKNOWN)


EXIT_STATUS = {
    Verdict.AUTHENTIC: 0,
    Verdict.ALTERED: 1,
    Verdict.BAD_HMAC: 1,
    Verdict.UNREADABLE: 2,
    Verdict.NO_SIDECAR: 2,
    Verdict.BAD_SIDECAR: 2,
    Verdict.UNSIGNED: 3,
    Verdict.KEY_UNKNOWN: 3,
}
SEVERITY = {0: 0, 3: 1, 2: 2, 1: 3}  # exit status -> rank; the highest rank wins

LABELS_JA = {
    Verdict.AUTHENTIC: "正当（署名一致）",
    Verdict.ALTERED: "改変あり",
    Verdict.BAD_HMAC: "署名不一致",
    Verdict.NO_SIDECAR: "署名ファイルなし",
    Verdict.BAD_SIDECAR: "署名ファイル読取不可",
    Verdict.UNSIGNED: "改変なし（署名なし）",
    Verdict.KEY_UNKNOWN: "改変なし（署名鍵不明）",
    Verdict.UNREADABLE: "読取不可",
}


@dataclass(frozen=True, slots=True)
class FileVerdict:
    path: Path
    verdict: Verdict
    message: str
    sha256: str = ""
    rows: int | None = None
    device: str = ""
    database_id: str = ""

    @property
    def exit_status(self) -> int:
        return self.verdict.exit_status

    def line(self) -> str:
        return f"{self.path}: {self.verdict.value}: {self.message}"


class _Common(TypedDict):
    sha256: str
    rows: int | None
    device: str
    database_id: str


def verify_bytes_or_file(path: Path, settings: HoldsKey,
                         data: bytes | None = None) -> FileVerdict:
    """Verify one export; ``data`` (the file's bytes) may be passed when already read."""
    try:
        signature = read_sidecar(path)
    except SidecarError as error:
        missing = not sidecar_path(path).exists()
        verdict = Verdict.NO_SIDECAR if missing else Verdict.BAD_SIDECAR
        what = ("no signature sidecar; ask for the export again together with "
                f"{sidecar_path(path).name}" if missing else f"{error}")
        return FileVerdict(path, verdict, what, _sha_or_empty(path, data))
    try:
        if data is None:
            sha, _ = hash_file(path)
        else:
            sha = hashlib.sha256(data).hexdigest()
    except OSError as error:
        return FileVerdict(path, Verdict.UNREADABLE, f"cannot read the file ({error.strerror})")
    renamed = (f" (exported as {signature.file})"
               if signature.file and signature.file != path.name else "")
    common = _Common(sha256=sha, rows=signature.rows, device=signature.device,
                     database_id=signature.database_id)
    if sha != signature.sha256:
        return FileVerdict(path, Verdict.ALTERED, "the file differs from the one exported on "
                           f"{signature.device or '?'} at {signature.created_at}: it was edited "
                           f"or damaged; ask for a fresh export{renamed}", **common)
    if not signature.hmac_sha256:
        return FileVerdict(path, Verdict.UNSIGNED, "intact (sha256 matches) but not signed: "
                           "the exporting PC had no export key", **common)
    if not settings.key or (settings.key_id and signature.key_id
                            and signature.key_id != settings.key_id):
        held = f"'{settings.key_id}'" if settings.key else "none"
        return FileVerdict(path, Verdict.KEY_UNKNOWN, "intact (sha256 matches); signed with key "
                           f"'{signature.key_id}' but the key held here is {held}, so the "
                           "signature was not checked", **common)
    if data is None:
        _, mac = hash_file(path, settings.key)
    else:
        mac = hmac.new(settings.key, data, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac, signature.hmac_sha256):
        return FileVerdict(path, Verdict.BAD_HMAC, "the signature does not match: the file and "
                           "its sidecar were edited together, or signed with another key"
                           f"{renamed}", **common)
    return FileVerdict(path, Verdict.AUTHENTIC,
                       f"authentic ({signature.rows} rows, {signature.device}, "
                       f"{signature.created_at}, key {signature.key_id}){renamed}", **common)


def _sha_or_empty(path: Path, data: bytes | None) -> str:
    if data is not None:
        return hashlib.sha256(data).hexdigest()
    try:
        return hash_file(path)[0]
    except OSError:
        return ""


def verify_file(path: Path, settings: HoldsKey) -> FileVerdict:
    if not path.is_file():
        return FileVerdict(path, Verdict.UNREADABLE, "no such file")
    return verify_bytes_or_file(path, settings)


def verify_files(paths: Iterable[Path], settings: HoldsKey) -> list[FileVerdict]:
    return [verify_file(Path(p), settings) for p in paths]


def combined_status(verdicts: Iterable[FileVerdict]) -> int:
    """The worst exit status: 1 > 2 > 3 > 0."""
    worst = 0
    for verdict in verdicts:
        if SEVERITY[verdict.exit_status] > SEVERITY[worst]:
            worst = verdict.exit_status
    return worst
