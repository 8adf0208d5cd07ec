"""The lesson library as frozen dataclasses (docs/lesson-format.md).

Everything here is plain data: the loader builds it, the GUI, the store and the exports read it.
Nothing in ``dxlearn.content`` imports Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from pathlib import Path

from dxlearn.messages import DEFAULT_LANGUAGE, Message, text

DEFAULT_ROLES: dict[str, str] = {
    "executive": "幹部職層",
    "leader": "DX推進リーダー",
    "staff": "一般職員",
}
DEFAULT_PASS_SCORE = 80


class LibraryError(Exception):
    """The path is not a library folder, cannot be read, or its library.yaml has errors (lint
    exit status 2). ``problem`` is a catalogue message (a plain text from older callers is kept
    as it is); ``findings`` are the findings that stopped the library (library.yaml), with
    their lines."""

    def __init__(self, problem: Message | str, findings: Iterable[Finding] = ()) -> None:
        self.problem = problem
        self.findings: tuple[Finding, ...] = tuple(findings)
        super().__init__(str(problem))

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.problem.text(lang) if isinstance(self.problem, Message) else self.problem

    def __str__(self) -> str:
        return self.message("en")


class _Rebuilt:
    """Pickled as the call of its constructor with its fields: the library cache
    (``content.cache``) loads about a thousand of these before the first paint, twice as fast
    as through the ``__setstate__`` that ``dataclass(frozen=True, slots=True)`` gives."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), tuple(getattr(self, f.name)
                                 for f in fields(self))  # type: ignore[arg-type]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding(_Rebuilt):
    """One lint finding: where (``path`` relative to the library root, POSIX style; ``line``
    1-based), how bad, and what, as a catalogue code with its parameters
    (``dxlearn/messages/content.py``), rendered in the reader's language by :meth:`text`."""

    path: str
    line: int
    severity: Severity
    code: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The message alone, in ``lang``."""
        return text(self.code, lang, **self.params)

    @property
    def message(self) -> str:
        """The English message (logs, and the callers that predate the catalogue)."""
        return self.text("en")

    def line_text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """One printed line: ``path:line: error: message`` in English, ``エラー: path N行目:
        message`` in Japanese."""
        return text("content.finding_line", lang, path=self.path, line=self.line,
                    severity=text(f"content.severity_{self.severity.value}", lang),
                    message=self.text(lang))

    def __str__(self) -> str:
        return self.line_text("en")

    def as_dict(self, lang: str = "en") -> dict[str, object]:
        """For ``--format json``: the message in ``lang``, the code never translated."""
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity.value,
            "message": self.text(lang),
            "code": self.code,
        }


@dataclass(frozen=True, slots=True)
class Choice(_Rebuilt):
    text: str  # Markdown source (inline)
    html: str  # sanitised HTML
    correct: bool


@dataclass(frozen=True, slots=True)
class Question(_Rebuilt):
    index: int  # 0-based position in the quiz file
    line: int  # line of the ``## `` heading in quiz.md
    prompt: str  # Markdown source: heading text plus anything before the choice list
    prompt_html: str
    choices: tuple[Choice, ...]
    explanation: str  # Markdown source of the block quote after the list ("" if none)
    explanation_html: str
    # The question's stable identity: written in the heading (``## [q-online-1] ...``), or
    # derived from the normalised question text (``s-`` + 12 hex digits of its SHA-256), so
    # that it survives reordering the questions.
    id: str = ""
    id_explicit: bool = False
    select_all: bool = False  # ``multiple`` in the heading's brackets

    @property
    def multiple(self) -> bool:
        """True for "select all that apply" (check boxes): ``multiple`` written in the heading,
        or two or more correct choices. Grading stays all-or-nothing either way."""
        return self.select_all or sum(1 for c in self.choices if c.correct) > 1

    @property
    def correct_indexes(self) -> frozenset[int]:
        return frozenset(i for i, c in enumerate(self.choices) if c.correct)


@dataclass(frozen=True, slots=True)
class Quiz(_Rebuilt):
    path: str  # relative to the library root
    questions: tuple[Question, ...]
    pass_score: int
    shuffle: bool = False
    max_attempts: int = 0  # 0 = unlimited


@dataclass(frozen=True, slots=True)
class Lesson(_Rebuilt):
    id: str
    title: str
    folder: Path  # absolute folder of the lesson
    rel_path: str  # folder relative to the library root, POSIX style
    roles: tuple[str, ...]
    required: bool = True
    minutes: int | None = None
    version: int = 1
    objectives: tuple[str, ...] = ()
    pass_score: int = DEFAULT_PASS_SCORE
    body: str = ""  # Markdown source of the body
    body_html: str = ""  # sanitised HTML, images resolved to file: URIs inside the library
    quiz: Quiz | None = None
    findings: tuple[Finding, ...] = ()
    chapter: str | None = None  # rel_path of the chapter, None when the lesson sits at the root

    @property
    def broken(self) -> bool:
        """A lesson with an error is shown greyed with its findings; it cannot be studied."""
        return any(f.is_error for f in self.findings)

    @property
    def lesson_md(self) -> str:
        return f"{self.rel_path}/lesson.md" if self.rel_path else "lesson.md"

    def for_role(self, role: str) -> bool:
        return role in self.roles


@dataclass(frozen=True, slots=True)
class Chapter(_Rebuilt):
    rel_path: str
    title: str
    lessons: tuple[Lesson, ...]


@dataclass(frozen=True, slots=True)
class Library(_Rebuilt):
    id: str
    title: str
    version: str
    root: Path
    roles: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_ROLES))
    chapters: tuple[Chapter, ...] = ()
    loose_lessons: tuple[Lesson, ...] = ()  # lessons directly in the library folder
    findings: tuple[Finding, ...] = ()  # library-level findings (library.yaml, chapter.yaml, ids)

    def lessons(self) -> Iterator[Lesson]:
        """Every lesson in display order: loose lessons first, then chapter by chapter."""
        yield from self.loose_lessons
        for chapter in self.chapters:
            yield from chapter.lessons

    def lesson(self, lesson_id: str) -> Lesson | None:
        for lesson in self.lessons():
            if lesson.id == lesson_id:
                return lesson
        return None

    def curriculum(self, role: str) -> list[Lesson]:
        """The lessons whose roles include ``role``, in display order."""
        return [lesson for lesson in self.lessons() if lesson.for_role(role)]

    def all_findings(self) -> list[Finding]:
        found = list(self.findings)
        for lesson in self.lessons():
            found.extend(lesson.findings)
        return found

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.all_findings())
