"""The organisation policy file, ``policy.toml`` (docs/deployment.md).

Read once at start (the CLI and the GUI pass the result on), first found wins:

1. the path in ``DXLEARN_POLICY``;
2. ``policy.toml`` beside the executable (a frozen bundle only: a source run has none);
3. ``%PROGRAMDATA%\\dxlearn\\policy.toml`` on Windows, ``/etc/dxlearn/policy.toml`` elsewhere.

Every problem (an unknown key, a wrong type, an unreachable folder or file, a bad export key)
becomes a :class:`PolicyMessage` naming the file and the key; that key keeps its default and
the rest of the file still applies. A TOML syntax error names the file and the line, and the
whole file falls back to the defaults. Nothing here raises for a bad file and nothing imports
Qt: the CLI prints the messages on stderr, the GUI shows them to the learner.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from dxlearn.files.text import DecodeError, DecodeProblem, decode
from dxlearn.integrity.keys import KeyError_, SigningKey, parse_key
from dxlearn.learning.profile import Profile
from dxlearn.learning.review import DEFAULT_RETENTION, MAX_RETENTION, MIN_RETENTION
from dxlearn.messages import Message
from dxlearn.paths import is_unc

logger = logging.getLogger(__name__)

ENV_POLICY = "DXLEARN_POLICY"
POLICY_FILE = "policy.toml"
DEFAULT_BACKUP_KEEP = 7
MAX_BACKUP_KEEP = 100
MAX_POLICY_BYTES = 1 << 20  # a policy is a few hundred bytes; /dev/zero must not be read whole

KEYS = (
    "organisation",
    "organisation_url",
    "libraries",
    "export_dir",
    "export_profiles",
    "data_dir",
    "backup_keep",
    "roster",
    "lock_profile",
    "export_key_id",
    "export_key",
    "force_rollback_journal",
    "allow_pack_import",
    "allow_library_updates",
    "timezone",
    "review",
    "review_retention",
    "db",
    "records_dir",
)


@dataclass(frozen=True, slots=True)
class PolicyMessage:
    """One problem in the policy file: ``key`` is None for the whole file (e.g. syntax)."""

    path: Path
    key: str | None
    message: Message
    line: int | None = None

    def text(self, lang: str = "ja") -> str:
        if lang == "en":
            where = str(self.path) + (f":{self.line}" if self.line is not None else "")
            where += f" [{self.key}]" if self.key else ""
            return f"{where}: {self.message.text('en')}"
        where = str(self.path) + (f"（{self.line}行目）" if self.line is not None else "")
        key = f" の「{self.key}」" if self.key else ""
        return f"{where}{key}：{self.message.text('ja')}"

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True, slots=True)
class Policy:
    """The settings an organisation fixes for its PCs; defaults when there is no file.

    Paths are absolute (a relative path in the file is taken relative to the file's folder;
    ``%VAR%``/``${VAR}`` and ``~`` are expanded).
    """

    source: Path | None = None
    organisation: str = ""
    organisation_url: str = ""
    libraries: tuple[Path, ...] = ()
    export_dir: Path | None = None
    export_profiles: tuple[Path, ...] = ()  # HR import profiles the export dialog offers
    data_dir: Path | None = None
    backup_keep: int = DEFAULT_BACKUP_KEEP
    roster: Path | None = None
    lock_profile: bool = False
    export_key_id: str = ""
    export_key: bytes = field(default=b"", repr=False)
    force_rollback_journal: bool = False
    # None: not set in the file. Learners may import packs when no policy exists (a trainer's
    # own PC) and only when the policy says so where one does (see ``pack_import_allowed``).
    allow_pack_import: bool | None = None
    allow_library_updates: bool = False
    timezone: str = ""  # an IANA zone such as "Asia/Tokyo"; "" = the PC's zone
    review: bool = True  # 復習: the review queue and its button (learning.review)
    review_retention: float = DEFAULT_RETENTION  # fsrs's desired retention, 0.7..0.99
    # A central progress database (a PostgreSQL URL, never with a password); "" = the PC's file
    db: str = ""
    # The share drop (export/share_drop.py): a folder, often on a file server, that may be
    # unreachable right now; kept as written and checked when used.
    records_dir: Path | None = None
    messages: tuple[PolicyMessage, ...] = ()
    searched: tuple[Path, ...] = ()

    @property
    def found(self) -> bool:
        return self.source is not None

    @property
    def pack_import_allowed(self) -> bool:
        if self.allow_pack_import is not None:
            return self.allow_pack_import
        return not self.found

    @property
    def signing_key(self) -> SigningKey:
        if not self.export_key:
            return SigningKey()
        return SigningKey(self.export_key_id or "policy", self.export_key)


# -- where the file is ----------------------------------------------------------------------------


def executable_dir() -> Path | None:
    """The folder of the frozen executable; None for a source or wheel run (python.exe's
    folder is nobody's policy location)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def system_policy_path(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if sys.platform == "win32":
        base = env.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(base) / "dxlearn" / POLICY_FILE
    return Path("/etc/dxlearn") / POLICY_FILE


def candidate_paths(environ: Mapping[str, str] | None = None) -> list[Path]:
    """The places looked at, in order."""
    env = os.environ if environ is None else environ
    found: list[Path] = []
    if env.get(ENV_POLICY):
        found.append(Path(env[ENV_POLICY]).expanduser())
    beside = executable_dir()
    if beside is not None:
        found.append(beside / POLICY_FILE)
    found.append(system_policy_path(env))
    return found


# -- reading --------------------------------------------------------------------------------------


def load_policy(path: str | Path | None = None,
                environ: Mapping[str, str] | None = None) -> Policy:
    """The policy from ``path``, or from the first file found in :func:`candidate_paths`.

    Never raises for a bad or missing file: problems are in ``Policy.messages``.
    """
    env = os.environ if environ is None else environ
    if path is not None:
        return replace(read_policy(Path(path), env), searched=(Path(path),))
    searched = candidate_paths(env)
    notes: list[PolicyMessage] = []
    explicit = env.get(ENV_POLICY)
    for candidate in searched:
        if candidate.is_file():
            policy = read_policy(candidate, env)
            return replace(policy, messages=(*notes, *policy.messages), searched=tuple(searched))
        if explicit and candidate == Path(explicit).expanduser():
            notes.append(PolicyMessage(candidate, None, Message("policy.env_missing",
                                                                {"variable": ENV_POLICY})))
    logger.info("no policy file (looked in %s)", ", ".join(str(p) for p in searched))
    return Policy(messages=tuple(notes), searched=tuple(searched))


_LINE = re.compile(r"line (\d+)")


def _file_message(path: Path, code: str, line: int | None = None,
                  **params: object) -> PolicyMessage:
    return PolicyMessage(path, None, Message(code, params), line)


def _read_bytes(path: Path) -> bytes:
    """At most MAX_POLICY_BYTES + 1 bytes: a FIFO or /dev/zero is not read forever."""
    if not path.is_file():
        raise OSError(f"{path} is not a regular file")
    with path.open("rb") as handle:
        return handle.read(MAX_POLICY_BYTES + 1)


def read_policy(path: Path, environ: Mapping[str, str] | None = None) -> Policy:
    """Parse and check one policy file (no lookup)."""
    env = os.environ if environ is None else environ
    try:
        data = _read_bytes(path)
    except OSError as error:
        reason = error.strerror or str(error)
        return Policy(source=path, messages=(_file_message(path, "policy.unreadable",
                                                           reason=reason),))
    if len(data) > MAX_POLICY_BYTES:
        return Policy(source=path, messages=(_file_message(path, "policy.too_large",
                                                           limit=MAX_POLICY_BYTES),))
    notes: list[PolicyMessage] = []
    try:
        decoded = decode(data)
    except DecodeError as error:
        code = {DecodeProblem.WIDE: "policy.encoding_wide",
                DecodeProblem.MIXED: "policy.encoding_mixed"}.get(error.problem,
                                                                  "policy.encoding_unknown")
        return Policy(source=path, messages=(_file_message(path, code),))
    if decoded.encoding == "cp932":
        notes.append(_file_message(path, "policy.encoding_cp932"))
    import tomllib  # here: a PC without a policy file never needs the parser

    try:
        raw = tomllib.loads(decoded.text)
    except tomllib.TOMLDecodeError as error:
        found = _LINE.search(str(error))
        line = getattr(error, "lineno", None) or (int(found.group(1)) if found else None)
        hint = "policy.syntax_escape" if "escape" in str(error).lower() else "policy.syntax"
        return Policy(source=path, messages=(*notes, _file_message(
            path, hint, line, detail=str(error))))
    except (ValueError, RecursionError, MemoryError) as error:
        # a 5000-digit integer (int's digit limit) or arrays nested thousands deep
        return Policy(source=path, messages=(*notes, _file_message(
            path, "policy.unreasonable", detail=type(error).__name__)))
    checker = _Checker(path, env)
    values = checker.check(raw)
    policy = Policy(source=path, messages=(*notes, *checker.messages), **values)
    logger.info("policy %s read: %d message(s)", path, len(policy.messages))
    return policy


class _Checker:
    """Validates the parsed table key by key; collects messages and the accepted values."""

    def __init__(self, path: Path, environ: Mapping[str, str]) -> None:
        self.path = path
        self.environ = environ
        self.messages: list[PolicyMessage] = []

    def problem(self, key: str | None, code: str, /, **params: object) -> None:
        self.messages.append(PolicyMessage(self.path, key, Message(code, params)))

    def check(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        checks: dict[str, Callable[[str, Any], Any]] = {
            "organisation": self._text,
            "organisation_url": self._text,
            "export_key_id": self._text,
            "libraries": self._libraries,
            "export_dir": self._existing_dir,
            "export_profiles": self._profiles,
            "data_dir": self._data_dir,
            "roster": self._existing_file,
            "backup_keep": self._backup_keep,
            "lock_profile": self._flag,
            "force_rollback_journal": self._flag,
            "allow_pack_import": self._flag,
            "allow_library_updates": self._flag,
            "export_key": self._key,
            "timezone": self._timezone,
            "review": self._flag,
            "review_retention": self._retention,
            "db": self._db,
            "records_dir": self._path,
        }
        values: dict[str, Any] = {}
        for key, value in raw.items():
            check = checks.get(key)
            if check is None:
                self._unknown(key)
                continue
            result = check(key, value)
            if result is not None:
                values[key] = result
        return values

    def _unknown(self, key: str) -> None:
        import difflib  # only for a key the policy does not know

        close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
        if close:
            self.problem(key, "policy.unknown_key_near", key=key, near=close[0])
        else:
            self.problem(key, "policy.unknown_key", key=key)

    def _wrong_type(self, key: str, code: str, value: Any) -> None:
        shown = repr(value)
        if len(shown) > 60:
            shown = shown[:57] + "..."
        self.problem(key, code, value=shown)

    # -- value kinds ------------------------------------------------------------------------------

    def _text(self, key: str, value: Any) -> str | None:
        if not isinstance(value, str):
            self._wrong_type(key, "policy.want_text", value)
            return None
        return value.strip()

    def _flag(self, key: str, value: Any) -> bool | None:
        if not isinstance(value, bool):
            self._wrong_type(key, "policy.want_flag", value)
            return None
        return value

    def _backup_keep(self, key: str, value: Any) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self._wrong_type(key, "policy.want_count", value)
            return None
        if value > MAX_BACKUP_KEEP:
            self.problem(key, "policy.backup_keep_capped", value=value, limit=MAX_BACKUP_KEEP)
            return MAX_BACKUP_KEEP
        return value

    def _key(self, key: str, value: Any) -> bytes | None:
        if not isinstance(value, str):
            self._wrong_type(key, "policy.want_hex", value)
            return None
        try:
            return parse_key(value, "export_key")
        except KeyError_ as error:
            self.problem(key, "policy.key_unusable", reason=error.as_message())
            return None

    def _timezone(self, key: str, value: Any) -> str | None:
        if not isinstance(value, str):
            self._wrong_type(key, "policy.want_text", value)
            return None
        name = value.strip()
        if not name:
            return None
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.problem(key, "policy.timezone_unknown", value=name)
            return None
        return name

    def _retention(self, key: str, value: Any) -> float | None:
        """A probability between MIN_RETENTION and MAX_RETENTION (0.9 = 90 %)."""
        if (isinstance(value, bool) or not isinstance(value, int | float)
                or not MIN_RETENTION <= value <= MAX_RETENTION):
            self._wrong_type(key, "policy.want_retention", value)
            return None
        return float(value)
    def _db(self, key: str, value: Any) -> str | None:
        """A server URL without a password (the file is readable by every learner)."""
        if not isinstance(value, str):
            self._wrong_type(key, "policy.want_text", value)
            return None
        text = value.strip()
        if not text:
            return None
        parts = urlsplit(text)
        if not parts.scheme.startswith("postgresql") or not parts.netloc:
            shown = text if len(text) <= 60 else text[:57] + "..."
            self.problem(key, "policy.db_not_server", value=shown)
            return None
        query = {k.lower() for k in parse_qs(parts.query, keep_blank_values=True)}
        if parts.password is not None or "password" in query:
            self.problem(key, "policy.db_password")
            return None
        return text

    def _path(self, key: str, value: Any) -> Path | None:
        if not isinstance(value, str):
            self._wrong_type(key, "policy.want_path", value)
            return None
        text = value.strip()
        if not text:
            return None
        if any(ord(ch) < 32 for ch in text):
            self.problem(key, "policy.control_character")
            return None
        expanded = os.path.expanduser(_expand_vars(text, self.environ))
        path = Path(expanded)
        if not path.is_absolute() and not is_unc(expanded):
            path = self.path.parent / path
        return path

    def _existing_dir(self, key: str, value: Any) -> Path | None:
        path = self._path(key, value)
        if path is None:
            return None
        if not path.is_dir():
            self.problem(key, "policy.folder_missing", path=path)
            return None
        return path

    def _existing_file(self, key: str, value: Any) -> Path | None:
        path = self._path(key, value)
        if path is None:
            return None
        if not path.is_file():
            self.problem(key, "policy.file_missing", path=path)
            return None
        return path

    def _data_dir(self, key: str, value: Any) -> Path | None:
        """An existing folder, or one the app can create (its parent exists)."""
        path = self._path(key, value)
        if path is None:
            return None
        if path.is_dir() or (not path.exists() and path.parent.is_dir()):
            return path
        self.problem(key, "policy.data_dir_missing", path=path)
        return None

    def _path_list(self, key: str, value: Any,
                   each: Callable[[str, Any], Path | None]) -> tuple[Path, ...] | None:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self._wrong_type(key, "policy.want_path_list", value)
            return None
        found = [each(key, v) for v in value]
        return tuple(p for p in found if p is not None)

    def _libraries(self, key: str, value: Any) -> tuple[Path, ...] | None:
        return self._path_list(key, value, self._existing_dir)

    def _profiles(self, key: str, value: Any) -> tuple[Path, ...] | None:
        """Existing files; their content is checked when one is chosen (export.profile)."""
        return self._path_list(key, value, self._existing_file)


_PERCENT_VAR = re.compile(r"%([A-Za-z_][A-Za-z0-9_]*)%")
_BRACE_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _expand_vars(text: str, environ: Mapping[str, str]) -> str:
    """``%USERNAME%`` (on every OS) and ``${VAR}``; unknown ones stay as written. A bare ``$``
    is left alone: hidden Windows shares end in ``$`` (``\\\\server\\dx$``)."""
    text = _PERCENT_VAR.sub(lambda m: environ.get(m.group(1), m.group(0)), text)
    return _BRACE_VAR.sub(lambda m: environ.get(m.group(1), m.group(0)), text)


# -- the roster -----------------------------------------------------------------------------------


def load_roster(policy: Policy) -> tuple[tuple[Profile, ...], tuple[PolicyMessage, ...]]:
    """The staff list for the sign-in picker (CSV or XLSX; en or ja headers; UTF-8 or CP932).

    The same reader as ``hr merge --roster``; ids normalised as at registration. Problems name
    the policy file and ``roster``.
    """
    if policy.roster is None:
        return (), ()
    from dxlearn.hr.roster import RosterError, read_roster

    where = policy.source or policy.roster
    try:
        roster = read_roster(policy.roster)
    except RosterError as error:
        return (), (PolicyMessage(where, "roster", Message("policy.roster_unusable",
                                                           {"reason": error.as_message()})),)
    messages = tuple(PolicyMessage(where, "roster", Message("policy.roster_problem",
                                                            {"problem": p}))
                     for p in roster.problems[:5])
    logger.info("roster %s: %d staff, %d problem(s)", policy.roster, len(roster.people),
                len(roster.problems))
    return tuple(roster.people.values()), messages
