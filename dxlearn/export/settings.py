"""``ExportSettings``: who exports (organisation, device) and the signing key.

The CLI and the GUI fill it; nothing in ``dxlearn.export`` reads the policy file itself except
:func:`settings_from_environment`, which uses ``dxlearn.policy.load_policy()`` only when that
module exists (it belongs to another part of the app and may be absent).
"""

from __future__ import annotations

import importlib
import logging
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

ENV_KEY = "DXLEARN_EXPORT_KEY"  # hex, like the policy's export_key
ENV_KEY_ID = "DXLEARN_EXPORT_KEY_ID"
ENV_KEY_FILE = "DXLEARN_EXPORT_KEY_FILE"


class SettingsError(ValueError):
    """A key file or key value that cannot be used; the message says which and what to do."""


def host_name() -> str:
    """The PC's host name (local call, no network): the ``device`` column."""
    return socket.gethostname() or "unknown-host"


@dataclass(frozen=True, slots=True)
class ExportSettings:
    organisation: str = ""
    organisation_url: str = ""
    key_id: str = ""
    key: bytes = field(default=b"", repr=False)  # HMAC key; empty: exports are not signed
    device: str = field(default_factory=host_name)

    @property
    def signing(self) -> bool:
        return bool(self.key)


def parse_key(text: str, source: str) -> bytes:
    """A key written as hex (the policy's ``export_key``); ``source`` names where it came from."""
    cleaned = "".join(text.split())
    if cleaned.lower().startswith("hex:"):
        cleaned = cleaned[4:]
    try:
        key = bytes.fromhex(cleaned)
    except ValueError as error:
        raise SettingsError(
            f"{source}: the export key must be hexadecimal (0-9, a-f), e.g. 64 hex digits"
        ) from error
    if len(key) < 16:
        raise SettingsError(f"{source}: the export key is too short ({len(key)} bytes); "
                            "use at least 16 bytes (32 hex digits)")
    return key


def read_key_file(path: str | Path) -> bytes:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: cannot read the key file ({error})") from error
    return parse_key(text, str(path))


def _policy_value(policy: Any, name: str) -> Any:
    if isinstance(policy, Mapping):
        return policy.get(name)
    return getattr(policy, name, None)


def settings_from_policy() -> ExportSettings:
    """Settings from ``dxlearn.policy.load_policy()`` when that module exists, else defaults."""
    try:
        module = importlib.import_module("dxlearn.policy")
    except ImportError:
        return ExportSettings()
    loader = getattr(module, "load_policy", None)
    if loader is None:
        return ExportSettings()
    try:
        policy = loader()
    except Exception:  # the policy reader reports its own problems; exports still work
        logger.exception("the organisation policy could not be read; exporting without it")
        return ExportSettings()
    if isinstance(policy, tuple):  # (policy, findings) shape
        policy = policy[0]
    settings = ExportSettings(
        organisation=str(_policy_value(policy, "organisation") or ""),
        organisation_url=str(_policy_value(policy, "organisation_url") or ""),
    )
    key_text = _policy_value(policy, "export_key")
    if key_text:
        key = key_text if isinstance(key_text, bytes) else parse_key(str(key_text), "policy.toml")
        settings = replace(settings, key=key,
                           key_id=str(_policy_value(policy, "export_key_id") or "policy"))
    return settings


def settings_from_environment(
    *,
    organisation: str | None = None,
    organisation_url: str | None = None,
    key_file: str | Path | None = None,
    key_id: str | None = None,
    device: str | None = None,
) -> ExportSettings:
    """The policy's settings overridden by explicit values (CLI options) and the environment
    (``DXLEARN_EXPORT_KEY``/``_KEY_FILE``/``_KEY_ID``, for tests and scripted exports)."""
    settings = settings_from_policy()
    if organisation is not None:
        settings = replace(settings, organisation=organisation)
    if organisation_url is not None:
        settings = replace(settings, organisation_url=organisation_url)
    key: bytes | None = None
    if key_file is not None:
        key = read_key_file(key_file)
    elif os.environ.get(ENV_KEY_FILE):
        key = read_key_file(os.environ[ENV_KEY_FILE])
    elif os.environ.get(ENV_KEY):
        key = parse_key(os.environ[ENV_KEY], ENV_KEY)
    if key is not None:
        settings = replace(settings, key=key)
    chosen_id = key_id if key_id is not None else os.environ.get(ENV_KEY_ID)
    if chosen_id:
        settings = replace(settings, key_id=chosen_id)
    if device:
        settings = replace(settings, device=device)
    return settings
