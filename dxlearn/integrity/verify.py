"""``dxlearn verify``: check exports against their ``.sig.json`` sidecars.

Exit status per file, and for several files the worst one wins, in this order of severity:
``1`` altered (sha256 wrong, or a wrong HMAC under the key id held here) > ``2`` sidecar (or
the file) missing or unreadable > ``3`` intact but no signature that could be checked (none,
or one under a key id this PC does not hold) > ``0`` authentic. (An altered file is the
finding HR must act on first; a missing sidecar may just be a copy mistake; an unsigned file
is merely weaker.)

A signature under another ``key_id`` than the one held here (or when no key is held) is
``key_unknown``: nothing about it was checked, so it proves nothing; anyone can compute a
sha256 and an HMAC with a key of their own under a name of their choosing. ``hr merge`` treats
such a file as unsigned. A wrong HMAC under the key id held here is ``bad_hmac``.

The file is read once, in chunks (sha256 and HMAC together); ``watch`` sees every chunk, so
``hr merge`` learns the file's encoding in the same read.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypedDict

from dxlearn.integrity.keys import HoldsKey
from dxlearn.integrity.signature import SidecarError, Signature, read_sidecar, sidecar_path
from dxlearn.messages import Message, text

CHUNK = 1 << 20


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
    def altered(self) -> bool:
        """The bytes are not what was exported (or signed): never used unless asked for."""
        return self in (Verdict.ALTERED, Verdict.BAD_HMAC)

    @property
    def unproven(self) -> bool:
        """Readable, not shown altered, not shown authentic either: used, and flagged."""
        return self in (Verdict.UNSIGNED, Verdict.KEY_UNKNOWN, Verdict.NO_SIDECAR,
                        Verdict.BAD_SIDECAR)

    def label(self, lang: str = "en") -> str:
        """The verdict as printed: its name in English, a short phrase in Japanese."""
        return self.value if lang == "en" else text(f"integrity.label_{self.value}", lang)


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


@dataclass(frozen=True, slots=True)
class FileVerdict:
    path: Path
    verdict: Verdict
    message: Message
    sha256: str = ""
    rows: int | None = None
    device: str = ""
    database_id: str = ""
    signature: Signature | None = None

    @property
    def exit_status(self) -> int:
        return self.verdict.exit_status

    def line(self, lang: str = "en") -> str:
        """``dx.csv: authentic: 43 rows, PC-0123, 2026-11-27T14:05:09+09:00, key org-2026``."""
        return text("integrity.line", lang, path=str(self.path),
                    verdict=self.verdict.label(lang), message=self.message)


class _Common(TypedDict):
    sha256: str
    rows: int | None
    device: str
    database_id: str
    signature: Signature | None


def rows_text(count: int) -> Message:
    return Message("integrity.rows_one" if count == 1 else "integrity.rows", {"count": count})


def _read(path: Path, key: bytes, watch: Callable[[bytes], None] | None) -> tuple[str, str]:
    sha = hashlib.sha256()
    mac = hmac.new(key, digestmod=hashlib.sha256) if key else None
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
            if mac is not None:
                mac.update(chunk)
            if watch is not None:
                watch(chunk)
    return sha.hexdigest(), mac.hexdigest() if mac is not None else ""


def verify_file(path: Path, settings: HoldsKey,
                watch: Callable[[bytes], None] | None = None) -> FileVerdict:
    """Verify one export against its sidecar (reading the file once; see the docstring)."""
    path = Path(path)
    if not path.is_file():
        return FileVerdict(path, Verdict.UNREADABLE, Message("integrity.no_such_file"))
    signature: Signature | None = None
    problem: SidecarError | None = None
    try:
        signature = read_sidecar(path)
    except SidecarError as error:
        problem = error
    held_id = settings.key_id
    checkable = (signature is not None and bool(signature.hmac_sha256) and bool(settings.key)
                 and _same_key(signature.key_id, held_id))
    try:
        sha, mac = _read(path, settings.key if checkable else b"", watch)
    except OSError as error:
        return FileVerdict(path, Verdict.UNREADABLE, Message(
            "integrity.file_unreadable", {"reason": error.strerror or str(error)}))
    if signature is None:
        assert problem is not None
        missing = not sidecar_path(path).exists()
        return FileVerdict(path, Verdict.NO_SIDECAR if missing else Verdict.BAD_SIDECAR,
                           Message("integrity.no_sidecar", {"sidecar": sidecar_path(path).name})
                           if missing else problem.reason, sha)
    renamed = (Message("integrity.renamed", {"name": signature.file})
               if signature.file and signature.file != path.name else "")
    common = _Common(sha256=sha, rows=signature.rows, device=signature.device,
                     database_id=signature.database_id, signature=signature)
    if sha != signature.sha256:
        return FileVerdict(path, Verdict.ALTERED, Message("integrity.altered", {
            "device": signature.device or "?", "created_at": signature.created_at,
            "renamed": renamed}), **common)
    facts = {"rows": rows_text(signature.rows), "device": signature.device or "?",
             "created_at": signature.created_at, "renamed": renamed}
    if not signature.hmac_sha256:
        return FileVerdict(path, Verdict.UNSIGNED, Message("integrity.unsigned", facts),
                           **common)
    if not checkable:
        held = (Message("integrity.key_held", {"key_id": held_id or "default"})
                if settings.key else Message("integrity.no_key_held"))
        return FileVerdict(path, Verdict.KEY_UNKNOWN, Message("integrity.key_unknown", {
            **facts, "key_id": signature.key_id or "?", "held": held}),
            **common)
    if not hmac.compare_digest(mac, signature.hmac_sha256):
        return FileVerdict(path, Verdict.BAD_HMAC, Message("integrity.bad_hmac", {
            "key_id": signature.key_id or held_id or "default", "renamed": renamed}),
            **common)
    return FileVerdict(path, Verdict.AUTHENTIC, Message("integrity.authentic", {
        **facts, "key_id": signature.key_id or "default"}), **common)


def _same_key(signed_id: str, held_id: str) -> bool:
    """The sidecar's key id names the key held here (an unnamed side matches: a key given
    without an id, or a sidecar written before ids were kept)."""
    return not signed_id or not held_id or signed_id == held_id


def verify_files(paths: Iterable[Path], settings: HoldsKey) -> list[FileVerdict]:
    return [verify_file(Path(p), settings) for p in paths]


def combined_status(verdicts: Iterable[FileVerdict]) -> int:
    """The worst exit status: 1 > 2 > 3 > 0."""
    worst = 0
    for verdict in verdicts:
        if SEVERITY[verdict.exit_status] > SEVERITY[worst]:
            worst = verdict.exit_status
    return worst
