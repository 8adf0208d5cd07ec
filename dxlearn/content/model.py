"""The lesson library as frozen dataclasses (docs/lesson-format.md).

Everything here is plain data: the loader builds it, the GUI, the store and the exports read it.
Nothing in ``dxlearn.content`` imports Qt.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

DEFAULT_ROLES: dict[str, str] = {
    "executive": "幹部職層",
    "leader": "DX推進リーダー",
    "staff": "一般職員",
}
DEFAULT_PASS_SCORE = 80


class LibraryError(Exception):
    """The path is not a library folder or cannot be read (lint exit status 2)."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One lint finding. ``path`` is relative to the library root, POSIX style; ``line`` 1-based."""

    path: str
    line: int
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity.value}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity.value,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Choice:
    text: str  # Markdown source (inline)
    html: str  # sanitised HTML
    correct: bool


@dataclass(frozen=True, slots=True)
class Question:
    index: int  # 0-based position in the quiz file
    line: int  # line of the ``## `` heading in quiz.md
    prompt: str  # Markdown source: heading text plus anything before the choice list
    prompt_html: str
    choices: tuple[Choice, ...]
    explanation: str  # Markdown source of the block quote after the list ("" if none)
    explanation_html: str

    @property
    def multiple(self) -> bool:
        """True for "select all that apply" (two or more correct choices)."""
        return sum(1 for c in self.choices if c.correct) > 1

    @property
    def correct_indexes(self) -> frozenset[int]:
        return frozenset(i for i, c in enumerate(self.choices) if c.correct)


@dataclass(frozen=True, slots=True)
class Quiz:
    path: str  # relative to the library root
    questions: tuple[Question, ...]
    pass_score: int
    shuffle: bool = False
    max_attempts: int = 0  # 0 = unlimited


@dataclass(frozen=True, slots=True)
class Lesson:
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
class Chapter:
    rel_path: str
    title: str
    lessons: tuple[Lesson, ...]


@dataclass(frozen=True, slots=True)
class Library:
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
