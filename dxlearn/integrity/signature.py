"""The signature sidecar ``FILE.sig.json`` (docs/completion-export.md, "Signature sidecar").

``key_id`` and ``hmac_sha256`` are present only when a key is given. The HMAC covers the
file's bytes exactly. Threat model: detects edits (Excel, text editors) and damaged copies;
it does not stop someone who extracts the key from an installed PC.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dxlearn.files.atomic import write_bytes_atomic

FORMAT = "dxlearn-export-signature/1"
SUFFIX = ".sig.json"


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)


@dataclass(frozen=True, slots=True)
class Signature:
    file: str
    sha256: str
    rows: int
    created_at: str
    device: str
    app_version: str
    key_id: str = ""
    hmac_sha256: str = ""
    database_id: str = ""  # addition to the spec: which database the rows come from

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "file": self.file,
            "sha256": self.sha256,
            "rows": self.rows,
            "created_at": self.created_at,
            "device": self.device,
            "app_version": self.app_version,
        }
        if self.database_id:
            data["database_id"] = self.database_id
        if self.hmac_sha256:
            data["key_id"] = self.key_id
            data["hmac_sha256"] = self.hmac_sha256
        return data


class SidecarError(ValueError):
    """The sidecar is missing, unreadable or not a dxlearn signature."""


def write_sidecar(path: Path, signature: Signature) -> Path:
    target = sidecar_path(path)
    text = json.dumps(signature.as_dict(), ensure_ascii=False, indent=2) + "\n"
    write_bytes_atomic(target, text.encode("utf-8"))
    return target


def read_sidecar(path: Path) -> Signature:
    """The sidecar of ``path``; raises :class:`SidecarError` naming the problem."""
    target = sidecar_path(path)
    try:
        raw = target.read_bytes()
    except FileNotFoundError as error:
        raise SidecarError(f"{target.name} is missing") from error
    except OSError as error:
        raise SidecarError(f"{target.name} cannot be read ({error.strerror})") from error
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SidecarError(f"{target.name} is not valid JSON ({error})") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SidecarError(f"{target.name} is not a {FORMAT} file")
    sha = data.get("sha256")
    if not isinstance(sha, str) or len(sha) != 64:
        raise SidecarError(f"{target.name}: sha256 is missing or malformed")
    mac = data.get("hmac_sha256", "")
    if not isinstance(mac, str):
        raise SidecarError(f"{target.name}: hmac_sha256 must be text")
    rows = data.get("rows", 0)
    if isinstance(rows, bool) or not isinstance(rows, int) or rows < 0:
        raise SidecarError(f"{target.name}: rows must be a whole number, not {rows!r}")
    return Signature(
        file=str(data.get("file", "")),
        sha256=sha.lower(),
        rows=rows,
        created_at=str(data.get("created_at", "")),
        device=str(data.get("device", "")),
        app_version=str(data.get("app_version", "")),
        key_id=str(data.get("key_id", "") or ""),
        hmac_sha256=mac.lower(),
        database_id=str(data.get("database_id", "") or ""),
    )


def digests(data: bytes, key: bytes = b"") -> tuple[str, str]:
    """(sha256, hmac_sha256 or "") of ``data``."""
    sha = hashlib.sha256(data).hexdigest()
    mac = hmac.new(key, data, hashlib.sha256).hexdigest() if key else ""
    return sha, mac
