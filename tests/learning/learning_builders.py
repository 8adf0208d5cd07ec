"""Builders for small content models, so each rule test states only what it is about."""

from __future__ import annotations

from pathlib import Path

from dxlearn.content.model import (
    Chapter,
    Choice,
    Finding,
    Lesson,
    Library,
    Question,
    Quiz,
    Severity,
)


def question(correct: set[int], n_choices: int = 4, index: int = 0) -> Question:
    choices = tuple(Choice(f"c{i}", f"<p>c{i}</p>", i in correct) for i in range(n_choices))
    return Question(index, 1 + index * 5, f"q{index}", f"<p>q{index}</p>", choices, "", "")


def quiz(*correct_sets: set[int], pass_score: int = 80, shuffle: bool = False) -> Quiz:
    questions = tuple(question(c, index=i) for i, c in enumerate(correct_sets))
    return Quiz("q/quiz.md", questions, pass_score, shuffle)


def lesson(
    lesson_id: str,
    *,
    roles: tuple[str, ...] = ("staff",),
    required: bool = True,
    broken: bool = False,
) -> Lesson:
    findings = (Finding(f"{lesson_id}/lesson.md", 1, Severity.ERROR, "bad"),) if broken else ()
    return Lesson(
        id=lesson_id,
        title=lesson_id,
        folder=Path("/lib") / lesson_id,
        rel_path=lesson_id,
        roles=roles,
        required=required,
        findings=findings,
    )


def library(*lessons: Lesson, loose: tuple[Lesson, ...] = ()) -> Library:
    return Library(
        id="dx",
        title="DX",
        version="1",
        root=Path("/lib"),
        chapters=(Chapter("ch1", "第1章", tuple(lessons)),),
        loose_lessons=loose,
    )
