"""quiz.md -> Quiz (docs/lesson-format.md, "quiz.md").

A line-based parser rather than a Markdown tree, so that every finding carries the line the
trainer has to fix. The question and explanation texts are then rendered by the one Markdown
factory in :mod:`dxlearn.content.render`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import fields
from .model import Choice, Finding, Question, Quiz, Severity
from .render import Renderer, problem_lines
from .textfile import split_front_matter

QUIZ_SCHEMA: dict[str, fields.Check] = {
    "pass_score": fields.integer(0, 100),
    "shuffle": fields.boolean,
    "max_attempts": fields.integer(0),
}

# Forgiving: "##質問" (no space, as an IME often leaves it) is a question too. Closing hashes
# need a space before them, so "## C#" keeps its "#".
_HEADING = re.compile(r"^##(?!#)\s*(.*?)(?:\s+#+)?\s*$")
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_FENCE_CLOSE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")
# Forgiving about what an IME types: full-width brackets, x and space are accepted too.
_CHOICE = re.compile(r"^\s{0,3}[-*+]\s+[\[［]\s*([ 　xXｘＸ]?)\s*[\]］]\s*(.*)$")
_LIST_ITEM = re.compile(r"^\s{0,3}([-*+]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")


@dataclass
class _Section:
    line: int
    heading: str
    lines: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Draft:
    prompt: list[str] = field(default_factory=list)
    choices: list[tuple[int, bool, list[str]]] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)


def _fence_step(fence: str | None, line: str) -> tuple[str | None, bool]:
    """Track fenced code (CommonMark): return the fence still open after ``line`` and whether
    ``line`` is code or a fence line. A fence closes with the same character, at least as many
    times, and nothing else on the line; a backtick fence's info string has no backtick."""
    if fence is None:
        opening = _FENCE_OPEN.match(line)
        if opening is None or (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            return None, False
        return opening.group(1), True
    closing = _FENCE_CLOSE.match(line)
    if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
        return None, True
    return fence, True


def _sections(body: str, first_line: int, path: str, findings: list[Finding]) -> list[_Section]:
    sections: list[_Section] = []
    fence: str | None = None
    stray_line = 0
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        fence, in_code = _fence_step(fence, line)
        heading = None if in_code else _HEADING.match(line)
        if heading:
            sections.append(_Section(number, heading.group(1)))
        elif sections:
            sections[-1].lines.append((number, line))
        elif line.strip() and not line.lstrip().startswith("# ") and not stray_line:
            stray_line = number
    if stray_line:
        findings.append(Finding(path, stray_line, Severity.WARNING,
                                "text before the first question ('## ') is not shown"))
    return sections


def _draft(section: _Section, path: str, findings: list[Finding]) -> _Draft:
    draft = _Draft(prompt=[section.heading])
    state = "prompt"  # prompt -> choices -> after
    ignored_line = 0
    fence: str | None = None
    for number, line in section.lines:
        if state == "prompt":
            fence, in_code = _fence_step(fence, line)
            if in_code:  # "- [x]" inside a code sample in the question is not a choice
                draft.prompt.append(line)
                continue
        choice = _CHOICE.match(line)
        if state in ("prompt", "choices") and choice:
            state = "choices"
            mark = choice.group(1)
            draft.choices.append((number, mark in "xXｘＸ" and mark.strip() != "",
                                  [choice.group(2).strip()]))
            continue
        if state == "prompt":
            draft.prompt.append(line)
            continue
        quote = _QUOTE.match(line)
        if state == "choices":
            if not line.strip():
                continue
            if line.startswith(("  ", "\t")) and not quote:  # continuation of the last choice
                draft.choices[-1][2].append(line.strip())
                continue
            if _LIST_ITEM.match(line):
                findings.append(Finding(
                    path, number, Severity.ERROR,
                    "list item is not a choice: start it with '- [ ] ' (or '- [x] ' if correct)"))
                continue
            state = "after"
        if quote:
            draft.explanation.append(quote.group(1))
        elif line.strip() and not ignored_line:
            ignored_line = number
    if ignored_line:
        findings.append(Finding(
            path, ignored_line, Severity.WARNING,
            "text after the choices that is not a '> ' block quote is not shown; "
            "write the explanation as '> ...'"))
    return draft


def parse_quiz(
    text: str, path: str, folder: Path, root: Path, default_pass_score: int,
    findings: list[Finding], renderer: Renderer | None = None,
) -> Quiz:
    """Parse decoded quiz.md text. Findings are appended; the Quiz holds the valid questions.
    ``renderer``: the loader's (one per library); a fresh one when None."""
    renderer = renderer or Renderer()
    front = split_front_matter(text)
    if front.error:
        findings.append(Finding(path, front.error_line, Severity.ERROR, front.error))
    settings = fields.validate(front.data, front.key_lines, QUIZ_SCHEMA, path, findings)
    questions: list[Question] = []
    sections = _sections(front.body, front.body_line, path, findings)
    if not sections:
        findings.append(Finding(path, front.body_line, Severity.ERROR,
                                "quiz has no questions: start each question with '## '"))
    for section in sections:
        draft = _draft(section, path, findings)
        correct = sum(1 for _, ok, _ in draft.choices if ok)
        if not section.heading.strip():
            findings.append(Finding(path, section.line, Severity.ERROR,
                                    "question has no text after '## '"))
            continue
        if len(draft.choices) < 2:
            findings.append(Finding(
                path, section.line, Severity.ERROR,
                "question needs at least two choices, written as '- [ ] choice' lines"))
            continue
        if correct == 0:
            findings.append(Finding(path, section.line, Severity.ERROR,
                                    "question has no correct choice (mark one with [x])"))
            continue
        questions.append(_question(len(questions), section, draft, path, folder, root, findings,
                                   renderer))
    return Quiz(
        path=path,
        questions=tuple(questions),
        pass_score=settings.get("pass_score", default_pass_score),
        shuffle=settings.get("shuffle", False),
        max_attempts=settings.get("max_attempts", 0),
    )


def _question(
    index: int, section: _Section, draft: _Draft, path: str, folder: Path, root: Path,
    findings: list[Finding], renderer: Renderer,
) -> Question:
    def rendered(source: str, line: int, source_lines: list[str], *, inline: bool = False) -> str:
        result = renderer.render(source, folder, root, inline=inline)
        lines = problem_lines(result.problems, source_lines, line)
        for problem, number in zip(result.problems, lines, strict=True):
            findings.append(Finding(path, number, Severity.ERROR, problem.message()))
        return result.html

    raw_lines = [section.heading] + [line for _, line in section.lines]
    prompt = "\n".join(draft.prompt).strip()
    choices = tuple(
        Choice(text=" ".join(parts), correct=ok,
               html=rendered(" ".join(parts), number, parts, inline=True))
        for number, ok, parts in draft.choices
    )
    explanation = "\n".join(draft.explanation).strip()
    return Question(
        index=index,
        line=section.line,
        prompt=prompt,
        prompt_html=rendered(prompt, section.line, raw_lines),
        choices=choices,
        explanation=explanation,
        explanation_html=rendered(explanation, section.line, raw_lines) if explanation else "",
    )
