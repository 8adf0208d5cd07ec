"""The export key: how it is written (hex, as in policy.toml's ``export_key``) and read.

One parser for the policy file, ``--key-file`` and ``$DXLEARN_EXPORT_KEY``, so that the three
accept exactly the same text. Errors carry a catalogue code; the caller names where the key came
from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from dxlearn.messages import CodedError

MIN_KEY_BYTES = 16
MAX_KEY_FILE_BYTES = 4096  # a key file holds one hex line; /dev/zero must not be read whole


class KeyError_(CodedError):
    """A key that cannot be used; ``code`` is ``integrity.key_*``."""


class HoldsKey(Protocol):
    """What verification needs: the key held here and its id (``SigningKey``, or the export
    settings the CLI built from the policy)."""

    @property
    def key(self) -> bytes: ...

    @property
    def key_id(self) -> str: ...


@dataclass(frozen=True, slots=True)
class SigningKey:
    """A key and the id written beside each signature (``key_id``); empty key: unsigned."""

    key_id: str = ""
    key: bytes = field(default=b"", repr=False)

    @property
    def signing(self) -> bool:
        return bool(self.key)


def parse_key(text: str, source: str) -> bytes:
    """Hex digits (spaces and line breaks ignored, an optional ``hex:`` prefix); at least 16
    bytes. Raises :class:`KeyError_` naming ``source``. Whitespace only is an error, never
    "no key": a policy that tried to set a key must not silently export unsigned."""
    cleaned = "".join(text.split())
    if cleaned.lower().startswith("hex:"):
        cleaned = cleaned[4:]
    if not cleaned:
        raise KeyError_("integrity.key_empty", source=source)
    try:
        key = bytes.fromhex(cleaned)
    except ValueError:
        raise KeyError_("integrity.key_not_hex", source=source) from None
    if len(key) < MIN_KEY_BYTES:
        raise KeyError_("integrity.key_short", source=source, size=len(key))
    return key


def read_key_file(path: str | Path) -> bytes:
    """The key in a file (UTF-8, one hex line); a huge or special file is refused unread."""
    target = Path(path)
    try:
        with target.open("rb") as handle:
            data = handle.read(MAX_KEY_FILE_BYTES + 1)
    except OSError as error:
        raise KeyError_("integrity.key_file_unreadable", source=str(path),
                        reason=error.strerror or str(error)) from error
    if len(data) > MAX_KEY_FILE_BYTES:
        raise KeyError_("integrity.key_file_too_large", source=str(path),
                        limit=MAX_KEY_FILE_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise KeyError_("integrity.key_not_hex", source=str(path)) from None
    return parse_key(text, str(path))
