"""The one message catalogue of the core and the CLI: a stable code -> Japanese and English text.

Core code (store, export, hr, lint, policy, packs) never builds a sentence for a user: it raises
or returns a :class:`Message` (a code and its parameters), and whoever shows it picks the
language: the CLI (Japanese by default, ``--lang en``), the GUI (the learner's language
preference). Codes never change once released; texts may be improved. Qt's ``.ts`` files keep
the GUI's own widget strings; core errors shown in the GUI come from here.

Templates use ``{name}`` placeholders (``str.format``); a test checks that the Japanese and the
English text of every entry use the same placeholders, and that every code used in the source
is in the catalogue. ``docs/messages.md`` is generated from this catalogue
(``python tools/make_message_list.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .catalogue import Entry, catalogue

Language = Literal["ja", "en"]
LANGUAGES: tuple[Language, ...] = ("ja", "en")
DEFAULT_LANGUAGE: Language = "ja"

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "CodedError",
    "Entry",
    "Language",
    "Message",
    "entries",
    "language",
    "text",
]


def language(value: object) -> Language:
    """A supported language from a preference or an option; anything else is Japanese."""
    return "en" if value == "en" else "ja"


def text(code: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The text of ``code`` in ``lang`` with ``params`` filled in. An unknown code is a bug:
    KeyError (a test scans the source so that none ships)."""
    entry = catalogue()[code]
    template = entry.en if lang == "en" else entry.ja
    # a parameter that is itself a Message (a reason inside a reason) speaks the same language
    filled = {k: v.text(lang) if isinstance(v, Message) else v for k, v in params.items()}
    return template.format(**filled)


def entries() -> Iterator[tuple[str, Entry]]:
    """Every (code, entry), sorted by code: for the generated message list."""
    yield from sorted(catalogue().items())


@dataclass(frozen=True, slots=True)
class Message:
    """A message to show later, in whatever language the reader uses."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return text(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.text("en")


class CodedError(Exception):
    """An error with a catalogue code. ``str()`` is the English text (for logs);
    :meth:`message` gives the text in the reader's language."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params: dict[str, object] = dict(params)
        super().__init__(code)

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return text(self.code, lang, **self.params)

    def as_message(self) -> Message:
        return Message(self.code, dict(self.params))

    def __str__(self) -> str:
        return self.message("en")
