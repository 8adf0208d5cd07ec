"""The organisation policy file, ``policy.toml`` (specs/deployment.md).

Read once at start, first found wins:

1. the path in ``DXLEARN_POLICY``;
2. ``policy.toml`` beside the executable (a frozen bundle only: a source run has none);
3. ``%PROGRAMDATA%\\dxlearn\\policy.toml`` on Windows, ``/etc/dxlearn/policy.toml`` elsewhere.

Every problem (an unknown key, a wrong type, an unreachable folder or file, a bad export key)
becomes a :class:`PolicyMessage` naming the file and the key; that key keeps its default and
the rest of the file still applies. A TOML syntax error names the file and the line, and the
whole file falls back to the defaults. Nothing here raises for a bad file and nothing imports
Qt: the CLI prints the messages on stderr, the GUI shows them to the learner.

``force_rollback_journal`` is an addition to the spec's key list: the progress store asked for
it ("let the policy force it") for network locations the app cannot detect, such as a folder
redirected by a file-system filter driver.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

ENV_POLICY = "DXLEARN_POLICY"
POLICY_FILE = "policy.toml"
DEFAULT_BACKUP_KEEP = 7
MIN_KEY_BYTES = 16

KEYS = (
    "organisation",
    "organisation_url",
    "libraries",
    "export_dir",
    "data_dir",
    "backup_keep",
    "roster",
    "lock_profile",
    "export_key_id",
    "export_key",
    "force_rollback_journal",
)


@dataclass(frozen=True, slots=True)
class PolicyMessage:
    """One problem in the policy file: ``key`` is None for the whole file (e.g. syntax)."""

    path: Path
    key: str | None
    message_ja: str
    message_en: str = ""
    line: int | None = None

    def _where(self, key_label: str) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        return f"{where} [{key_label}]" if self.key else where

    def text_ja(self) -> str:
        where = str(self.path) + (f"（{self.line}行目）" if self.line is not None else "")
        key = f" の「{self.key}」" if self.key else ""
        return f"{where}{key}：{self.message_ja}"

    def text_en(self) -> str:
        return f"{self._where(self.key or '')}: {self.message_en or self.message_ja}"

    def __str__(self) -> str:
        return self.text_en()


@dataclass(frozen=True, slots=True)
class Policy:
    """The settings an organisation fixes for its PCs; defaults when there is no file.

    Paths are absolute (a relative path in the file is taken relative to the file's folder;
    ``%VAR%``/``$VAR`` and ``~`` are expanded). ``export_key`` holds the decoded key bytes.
    """

    source: Path | None = None
    organisation: str = ""
    organisation_url: str = ""
    libraries: tuple[Path, ...] = ()
    export_dir: Path | None = None
    data_dir: Path | None = None
    backup_keep: int = DEFAULT_BACKUP_KEEP
    roster: Path | None = None
    lock_profile: bool = False
    export_key_id: str = ""
    export_key: bytes = field(default=b"", repr=False)
    force_rollback_journal: bool = False
    messages: tuple[PolicyMessage, ...] = ()
    searched: tuple[Path, ...] = ()

    @property
    def found(self) -> bool:
        return self.source is not None


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
        return _with_searched(read_policy(Path(path), env), (Path(path),))
    searched = candidate_paths(env)
    notes: list[PolicyMessage] = []
    explicit = env.get(ENV_POLICY)
    for candidate in searched:
        if candidate.is_file():
            policy = read_policy(candidate, env)
            return replace(policy, messages=(*notes, *policy.messages), searched=tuple(searched))
        if explicit and candidate == Path(explicit).expanduser():
            notes.append(PolicyMessage(
                candidate, None,
                f"環境変数 {ENV_POLICY} が指すファイルが見つかりません。"
                "ほかの場所の設定を探します。",
                f"{ENV_POLICY} names a file that does not exist; looking in the other places"))
    logger.info("no policy file (looked in %s)", ", ".join(str(p) for p in searched))
    return Policy(messages=tuple(notes), searched=tuple(searched))


def _with_searched(policy: Policy, searched: tuple[Path, ...]) -> Policy:
    return replace(policy, searched=searched)


_LINE = re.compile(r"line (\d+)")


def _decode(path: Path, data: bytes) -> tuple[str | None, list[PolicyMessage]]:
    """UTF-8 (a BOM is tolerated); CP932 is accepted with a message (a file transfer may have
    re-encoded it)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        return None, [PolicyMessage(
            path, None, "文字コードを読み取れません。UTF-8 で保存し直してください。"
            "すべての項目を既定の設定で動かします。",
            "not UTF-8 (nor CP932): save it as UTF-8; every key uses its default")]
    return text, [PolicyMessage(
        path, None, "文字コードが Shift_JIS（CP932）です。読み取りましたが、UTF-8 で保存し直して"
        "ください。", "encoded as CP932 (Shift_JIS); it was read, but save it as UTF-8")]


def read_policy(path: Path, environ: Mapping[str, str] | None = None) -> Policy:
    """Parse and check one policy file (no lookup)."""
    env = os.environ if environ is None else environ
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        return Policy(source=path, messages=(PolicyMessage(
            path, None, f"ファイルを読み取れません（{reason}）。"
            "すべての項目を既定の設定で動かします。",
            f"cannot read the file ({reason}); every key uses its default"),))
    text, notes = _decode(path, data)
    if text is None:
        return Policy(source=path, messages=tuple(notes))
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _LINE.search(str(error))
        line = getattr(error, "lineno", None) or (int(found.group(1)) if found else None)
        hint_ja = ("Windows のフォルダー名は '\\\\server\\share' のように単一引用符（'）で"
                   "囲んでください。" if "escape" in str(error).lower() else "")
        return Policy(source=path, messages=(*notes, PolicyMessage(
            path, None, f"書式に誤りがあります（{error}）。{hint_ja}"
            "すべての項目を既定の設定で動かします。",
            f"TOML syntax error ({error}); every key uses its default. Write Windows paths in "
            "single quotes: '\\\\server\\share'", line=line)))
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

    def problem(self, key: str | None, ja: str, en: str) -> None:
        self.messages.append(PolicyMessage(self.path, key, ja, en))

    def check(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        checks: dict[str, Callable[[str, Any], Any]] = {
            "organisation": self._text,
            "organisation_url": self._text,
            "export_key_id": self._text,
            "libraries": self._libraries,
            "export_dir": self._existing_dir,
            "data_dir": self._data_dir,
            "roster": self._existing_file,
            "backup_keep": self._backup_keep,
            "lock_profile": self._flag,
            "force_rollback_journal": self._flag,
            "export_key": self._key,
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
        close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
        ja = f"「{key}」という項目はありません。"
        en = f"unknown key '{key}'"
        if close:
            ja += f"「{close[0]}」の誤りではありませんか。"
            en += f"; did you mean '{close[0]}'?"
        self.problem(key, ja + "この行は使われません。", en + "; it is ignored")

    def _wrong_type(self, key: str, want_ja: str, want_en: str, value: Any) -> None:
        self.problem(key, f"{want_ja}で書いてください（いまの値：{value!r}）。"
                     "既定の設定で動かします。",
                     f"must be {want_en} (got {value!r}); the default is used")

    # -- value kinds ------------------------------------------------------------------------------

    def _text(self, key: str, value: Any) -> str | None:
        if not isinstance(value, str):
            self._wrong_type(key, "文字列（\"...\"）", "a string", value)
            return None
        return value.strip()

    def _flag(self, key: str, value: Any) -> bool | None:
        if not isinstance(value, bool):
            self._wrong_type(key, "true か false", "true or false", value)
            return None
        return value

    def _backup_keep(self, key: str, value: Any) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self._wrong_type(key, "0 以上の整数", "an integer >= 0", value)
            return None
        return value

    def _key(self, key: str, value: Any) -> bytes | None:
        if not isinstance(value, str):
            self._wrong_type(key, "16進数の文字列", "a hexadecimal string", value)
            return None
        cleaned = "".join(value.split())
        if cleaned.lower().startswith("hex:"):
            cleaned = cleaned[4:]
        if not cleaned:
            return None
        try:
            decoded = bytes.fromhex(cleaned)
        except ValueError:
            self.problem(key, "16進数（0-9, a-f）で書いてください。"
                         "出力ファイルは署名なしで作られます。",
                         "must be hexadecimal (0-9, a-f); exports are not signed")
            return None
        if len(decoded) < MIN_KEY_BYTES:
            self.problem(
                key, f"鍵が短すぎます（{len(decoded)} バイト）。32桁以上の16進数にしてください。"
                "出力ファイルは署名なしで作られます。",
                f"too short ({len(decoded)} bytes); use at least 32 hex digits; exports are "
                "not signed")
            return None
        return decoded

    def _path(self, key: str, value: Any) -> Path | None:
        if not isinstance(value, str):
            self._wrong_type(key, "フォルダーやファイルの場所を表す文字列", "a path string", value)
            return None
        text = value.strip()
        if not text:
            return None
        if any(ord(ch) < 32 for ch in text):
            self.problem(key, "場所に制御文字が含まれています。"
                         "Windows のパスは '...'（単一引用符）で囲んでください。"
                         "既定の設定で動かします。",
                         "contains a control character: write Windows paths in single quotes "
                         "('\\\\server\\share'); the default is used")
            return None
        expanded = os.path.expanduser(_expand_vars(text, self.environ))
        path = Path(expanded)
        if not path.is_absolute() and not _is_unc(expanded):
            path = self.path.parent / path
        return path

    def _existing_dir(self, key: str, value: Any) -> Path | None:
        path = self._path(key, value)
        if path is None:
            return None
        if not path.is_dir():
            self.problem(key, f"フォルダー {path} が見つからないか、開けません。"
                         "既定の設定で動かします。",
                         f"the folder {path} does not exist or cannot be reached; the default "
                         "is used")
            return None
        return path

    def _existing_file(self, key: str, value: Any) -> Path | None:
        path = self._path(key, value)
        if path is None:
            return None
        if not path.is_file():
            self.problem(key, f"ファイル {path} が見つからないか、開けません。"
                         "この項目は使われません。",
                         f"the file {path} does not exist or cannot be reached; it is not used")
            return None
        return path

    def _data_dir(self, key: str, value: Any) -> Path | None:
        """An existing folder, or one the app can create (its parent exists)."""
        path = self._path(key, value)
        if path is None:
            return None
        if path.is_dir() or (not path.exists() and path.parent.is_dir()):
            return path
        self.problem(key, f"フォルダー {path} が見つからないか、開けません。学習記録は既定の場所"
                     "（このパソコンの利用者フォルダー）に保存します。",
                     f"the folder {path} (or its parent) cannot be reached; progress is kept in "
                     "the per-user default folder")
        return None

    def _libraries(self, key: str, value: Any) -> tuple[Path, ...] | None:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self._wrong_type(key, "文字列のリスト（['...', '...']）", "a list of strings", value)
            return None
        found = [self._existing_dir(key, v) for v in value]
        return tuple(p for p in found if p is not None)


def _is_unc(text: str) -> bool:
    return text.startswith(("\\\\", "//"))


_PERCENT_VAR = re.compile(r"%([A-Za-z_][A-Za-z0-9_]*)%")
_BRACE_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _expand_vars(text: str, environ: Mapping[str, str]) -> str:
    """``%USERNAME%`` (on every OS) and ``${VAR}``; unknown ones stay as written. A bare ``$``
    is left alone: hidden Windows shares end in ``$`` (``\\\\server\\dx$``)."""
    text = _PERCENT_VAR.sub(lambda m: environ.get(m.group(1), m.group(0)), text)
    return _BRACE_VAR.sub(lambda m: environ.get(m.group(1), m.group(0)), text)


# -- the roster -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RosterPerson:
    staff_id: str
    name: str
    department: str
    role: str


def load_roster(policy: Policy) -> tuple[tuple[RosterPerson, ...], tuple[PolicyMessage, ...]]:
    """The staff list for the sign-in picker (CSV or XLSX; en or ja headers; UTF-8 or CP932).

    Uses the same reader as ``hr merge --roster``. Problems name the policy file and ``roster``.
    """
    if policy.roster is None:
        return (), ()
    from dxlearn.export.merge_read import InputError, read_roster
    from dxlearn.learning.profile import normalise_staff_id, normalise_text

    where = policy.source or policy.roster
    try:
        entries, problems = read_roster(policy.roster)
    except InputError as error:
        return (), (PolicyMessage(where, "roster", f"職員名簿を読み取れません（{error}）。"
                                  "登録画面の候補は表示されません。",
                                  f"the roster cannot be used ({error})"),)
    people = tuple(
        RosterPerson(normalise_staff_id(e.staff_id), normalise_text(e.name),
                     normalise_text(e.department), e.role.strip())
        for e in entries.values())
    messages = tuple(PolicyMessage(where, "roster", f"職員名簿：{p}", f"roster: {p}")
                     for p in problems[:5])
    logger.info("roster %s: %d staff, %d problem(s)", policy.roster, len(people), len(problems))
    return people, messages
