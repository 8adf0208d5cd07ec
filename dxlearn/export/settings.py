"""``ExportSettings``: who exports (organisation, device), the signing key, the time zone.

Built once by the caller from the policy it already read (the CLI at start, the GUI at launch)
with :func:`settings_for`; nothing in ``dxlearn.export`` reads the policy file itself.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from dxlearn.integrity.keys import parse_key, read_key_file

if TYPE_CHECKING:
    from dxlearn.policy import Policy

ENV_KEY = "DXLEARN_EXPORT_KEY"  # hex, like the policy's export_key
ENV_KEY_ID = "DXLEARN_EXPORT_KEY_ID"
ENV_KEY_FILE = "DXLEARN_EXPORT_KEY_FILE"


def host_name() -> str:
    """The PC's host name (local call, no network): the ``device`` column."""
    import socket  # here: not on the window's path to its first paint

    return socket.gethostname() or "unknown-host"


@dataclass(frozen=True, slots=True)
class ExportSettings:
    organisation: str = ""
    organisation_url: str = ""
    key_id: str = ""
    key: bytes = field(default=b"", repr=False)  # HMAC key; empty: exports are not signed
    device: str = field(default_factory=host_name)
    timezone: str = ""  # IANA name (policy ``timezone``); "" = this PC's zone

    @property
    def signing(self) -> bool:
        return bool(self.key)

    def zone(self) -> tzinfo | None:
        """The organisation's zone, or None for this PC's local zone."""
        if not self.timezone:
            return None
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.timezone)


def settings_for(
    policy: Policy | None,
    *,
    organisation: str | None = None,
    organisation_url: str | None = None,
    key_file: str | Path | None = None,
    key_id: str | None = None,
    device: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> ExportSettings:
    """The policy's settings, overridden by explicit values (CLI options) and the environment
    (``DXLEARN_EXPORT_KEY``/``_KEY_FILE``/``_KEY_ID``, for scripted exports). Raises
    ``integrity.keys.KeyError_`` for a key file or value that cannot be used."""
    env = os.environ if environ is None else environ
    key = policy.export_key if policy is not None else b""
    chosen_id = (policy.export_key_id or "policy") if key and policy is not None else ""
    if key_file is not None:
        key = read_key_file(key_file)
    elif env.get(ENV_KEY_FILE):
        key = read_key_file(env[ENV_KEY_FILE])
    elif env.get(ENV_KEY):
        key = parse_key(env[ENV_KEY], ENV_KEY)
    explicit_id = key_id if key_id is not None else env.get(ENV_KEY_ID)
    if explicit_id:
        chosen_id = explicit_id
    return ExportSettings(
        organisation=organisation if organisation is not None else (
            policy.organisation if policy else ""),
        organisation_url=organisation_url if organisation_url is not None else (
            policy.organisation_url if policy else ""),
        key_id=chosen_id,
        key=key,
        device=device or host_name(),
        timezone=policy.timezone if policy else "",
    )
