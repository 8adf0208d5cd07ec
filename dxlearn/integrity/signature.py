"""The signature sidecar ``FILE.sig.json`` (docs/completion-export.md, "Signature sidecar").

``key_id`` and ``hmac_sha256`` are present only when a key is given. The HMAC covers the
file's bytes exactly. Threat model: detects edits (Excel, text editors) and damaged copies;
it does not stop someone who extracts the key from an installed PC.

Format 2 (this version) adds ``scope`` and ``libraries`` (the libraries the file covers, with
their versions) to format 1's fields. Format 3 is format 2 with ``profile`` (the name and the
sha256 of the HR import profile whose layout the file was written in:
``dxlearn/export/profile.py``); it is written only for such files, so a standard export's
sidecar stays format 2 for older readers. All three formats are read. A sidecar is small: a larger
file, a JSON nesting or a number no sidecar has is refused as unreadable, never a crash.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dxlearn.files.atomic import write_bytes_atomic
from dxlearn.messages import Message

FORMAT = "dxlearn-export-signature/2"
FORMAT_PROFILE = "dxlearn-export-signature/3"  # a file written in an import profile's layout
FORMATS = frozenset({"dxlearn-export-signature/1", FORMAT, FORMAT_PROFILE})  # read
SUFFIX = ".sig.json"
MAX_SIDECAR_BYTES = 1 << 20  # a sidecar is a few hundred bytes
MAX_DIGITS = 18  # rows: a whole number far beyond any export, far below Python's limits


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
    scope: str = ""  # "detail" or "summary" ("" in format 1 and for xAPI files)
    libraries: tuple[tuple[str, str], ...] = ()  # (library id, version) the file covers
    format: str = FORMAT
    profile: tuple[str, str] | tuple[()] = ()  # (name, sha256) of an import profile

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT_PROFILE if self.profile else FORMAT,
            "file": self.file,
            "sha256": self.sha256,
            "rows": self.rows,
            "created_at": self.created_at,
            "device": self.device,
            "app_version": self.app_version,
        }
        if self.database_id:
            data["database_id"] = self.database_id
        if self.scope:
            data["scope"] = self.scope
        data["libraries"] = [{"id": i, "version": v} for i, v in self.libraries]
        if self.profile:
            data["profile"] = {"name": self.profile[0], "sha256": self.profile[1]}
        if self.hmac_sha256:
            data["key_id"] = self.key_id
            data["hmac_sha256"] = self.hmac_sha256
        return data


class SidecarError(ValueError):
    """The sidecar is missing, unreadable or not a dxlearn signature; ``reason`` says why."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason.text("en"))
        self.reason = reason


def write_sidecar(path: Path, signature: Signature) -> Path:
    target = sidecar_path(path)
    text = json.dumps(signature.as_dict(), ensure_ascii=False, indent=2) + "\n"
    write_bytes_atomic(target, text.encode("utf-8"))
    return target


def _problem(code: str, target: Path, **params: object) -> SidecarError:
    return SidecarError(Message(code, {"file": target.name, **params}))


def _whole_number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError("too many digits")
    return int(text)


def read_sidecar(path: Path) -> Signature:
    """The sidecar of ``path``; raises :class:`SidecarError` naming the problem."""
    target = sidecar_path(path)
    try:
        with target.open("rb") as handle:
            raw = handle.read(MAX_SIDECAR_BYTES + 1)
    except FileNotFoundError as error:
        raise _problem("integrity.sidecar_missing", target) from error
    except OSError as error:
        raise _problem("integrity.sidecar_unreadable", target,
                       reason=error.strerror or str(error)) from error
    if len(raw) > MAX_SIDECAR_BYTES:
        raise _problem("integrity.sidecar_too_large", target, limit=MAX_SIDECAR_BYTES)
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_int=_whole_number,
                          parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        # ValueError: bad JSON, a huge number, NaN; RecursionError: a deeply nested array
        raise _problem("integrity.sidecar_not_json", target,
                       detail=type(error).__name__) from error
    if not isinstance(data, dict) or not isinstance(data.get("format"), str) or (
            data["format"] not in FORMATS):
        raise _problem("integrity.sidecar_not_dxlearn", target, format=FORMAT)
    sha = data.get("sha256")
    if not isinstance(sha, str) or len(sha) != 64:
        raise _problem("integrity.sidecar_field", target, field="sha256")
    mac = data.get("hmac_sha256", "")
    if not isinstance(mac, str):
        raise _problem("integrity.sidecar_field", target, field="hmac_sha256")
    rows = data.get("rows", 0)
    if isinstance(rows, bool) or not isinstance(rows, int) or rows < 0:
        raise _problem("integrity.sidecar_field", target, field="rows")
    return Signature(
        file=_text(data.get("file")),
        sha256=sha.lower(),
        rows=rows,
        created_at=_text(data.get("created_at")),
        device=_text(data.get("device")),
        app_version=_text(data.get("app_version")),
        key_id=_text(data.get("key_id")),
        hmac_sha256=mac.lower(),
        database_id=_text(data.get("database_id")),
        scope=_text(data.get("scope")),
        libraries=_libraries(data.get("libraries")),
        format=str(data["format"]),
        profile=_profile(data.get("profile")),
    )


def _profile(value: object) -> tuple[str, str] | tuple[()]:
    if not isinstance(value, dict):
        return ()
    return (_text(value.get("name")), _text(value.get("sha256")))


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number a sidecar holds")


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _libraries(value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list):
        return ()
    found = []
    for item in value:
        if isinstance(item, dict):
            found.append((_text(item.get("id")), _text(item.get("version"))))
    return tuple(found)


def digests(data: bytes, key: bytes = b"") -> tuple[str, str]:
    """(sha256, hmac_sha256 or "") of ``data``."""
    sha = hashlib.sha256(data).hexdigest()
    mac = hmac.new(key, data, hashlib.sha256).hexdigest() if key else ""
    return sha, mac
