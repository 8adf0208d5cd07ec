"""The words an HR file uses for statuses, yes/no and roles, in English or Japanese.

``--header en`` files hold the contract's keys (``completed``, ``true``, ``staff``);
``--header ja`` files hold what a person reads in a spreadsheet (``修了``, ``はい``, the
library's label for the role: ``一般職員``). ``hr merge`` reads both: :func:`status_key`,
:func:`bool_value` and :class:`RoleNames` turn a word back into the key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from dxlearn.content.model import DEFAULT_ROLES, Library
from dxlearn.export.formatting import BOOL_WORDS
from dxlearn.learning.status import Status

STATUS_WORDS: dict[str, dict[str, str]] = {
    "en": {s.value: s.value for s in Status},
    "ja": {Status.COMPLETED.value: "修了", Status.IN_PROGRESS.value: "学習中",
           Status.NOT_STARTED.value: "未着手"},
}
# Every word a status is read from: the keys, the Japanese words, and the words of reports
# written before the Japanese values existed (受講中, 未受講).
STATUS_KEYS: dict[str, str] = {
    **{word: key for words in STATUS_WORDS.values() for key, word in words.items()},
    "受講中": Status.IN_PROGRESS.value,
    "未受講": Status.NOT_STARTED.value,
}
BOOL_VALUES: dict[str, bool] = {
    "true": True, "false": False, "1": True, "0": False,
    BOOL_WORDS["ja"][0]: True, BOOL_WORDS["ja"][1]: False,
}


def status_key(word: str) -> str | None:
    """``completed`` for ``completed`` or ``修了``; None for anything else."""
    return STATUS_KEYS.get(word)


def bool_value(word: str) -> bool | None:
    """True/False for ``true``/``はい``/``1`` (any case) and their opposites; None otherwise."""
    found = BOOL_VALUES.get(word)
    return found if found is not None else BOOL_VALUES.get(word.lower())


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """How one file writes statuses, booleans and roles."""

    language: str = "en"
    statuses: Mapping[str, str] = field(default_factory=lambda: STATUS_WORDS["en"])
    bools: tuple[str, str] = BOOL_WORDS["en"]
    role_labels: Mapping[str, str] = field(default_factory=dict)  # key -> label ("ja" only)

    def status(self, key: str) -> str:
        return self.statuses.get(key, key)

    def role(self, key: str) -> str:
        return self.role_labels.get(key, key)


ENGLISH = Vocabulary()


def vocabulary(language: str, roles: Mapping[str, str] | None = None) -> Vocabulary:
    """The words of ``language`` ("en" or "ja"); ``roles`` (key -> label) are the library's
    (default: the three built-in roles)."""
    if language != "ja":
        return ENGLISH
    return Vocabulary("ja", STATUS_WORDS["ja"], BOOL_WORDS["ja"],
                      dict(DEFAULT_ROLES if roles is None else roles))


@dataclass(frozen=True, slots=True)
class RoleNames:
    """Every role a person may write, mapped to its key: the keys themselves and the labels
    of the libraries this PC has (``一般職員`` -> ``staff``). A label two libraries give to
    different keys is ambiguous and maps to nothing."""

    keys: Mapping[str, str]  # written form -> key
    labels: Mapping[str, str]  # key -> label (for Japanese output)

    def key_for(self, written: str) -> str | None:
        return self.keys.get(written.strip())

    def label(self, key: str) -> str:
        return self.labels.get(key, key)


def role_names(libraries: Iterable[Library] = ()) -> RoleNames:
    """The roles of ``libraries`` and the built-in ones. A label never shadows a key, and a
    label that names two different keys is not read at all (the person must write the key)."""
    tables = [*(library.roles for library in libraries), DEFAULT_ROLES]
    keys = {key: key for table in tables for key in table}
    labels: dict[str, str] = {}
    named: dict[str, set[str]] = {}
    for table in tables:
        for key, label in table.items():
            labels.setdefault(key, label)  # the libraries' own label before the built-in one
            named.setdefault(label.strip(), set()).add(key)
    for label, found in named.items():
        if label not in keys and len(found) == 1:
            keys[label] = next(iter(found))
    return RoleNames(keys, labels)
