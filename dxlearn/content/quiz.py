"""quiz.md -> Quiz (docs/lesson-format.md, "quiz.md").

A line-based parser rather than a Markdown tree, so that every finding carries the line the
trainer has to fix (:mod:`dxlearn.content.quizlines` recognises the lines). The question and
explanation texts are then rendered by the one Markdown factory in
:mod:`dxlearn.content.render`.

Never silent: a question heading written ``#``, ``###`` or ``＃＃`` is an error on its line
(when choices follow it: otherwise it is an ordinary Markdown heading), and so is a line meant
as a choice but not written as one; "needs at least two choices" is said only when fewer than
two were written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import fields, quizlines
from .model import Choice, Finding, Question, Quiz, Severity
from .render import Renderer, problem_lines
from .textfile import split_front_matter

QUIZ_SCHEMA: dict[str, fields.Check] = {
    "pass_score": fields.integer(0, 100),
    "shuffle": fields.boolean,
    "max_attempts": fields.integer(0),
}
MAX_LISTED = 10  # list items reported as "not a choice" per question

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_FENCE_CLOSE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")


@dataclass
class _Section:
    line: int
    heading: quizlines.Heading
    lines: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Draft:
    prompt: list[str] = field(default_factory=list)
    prompt_items: list[int] = field(default_factory=list)  # lines of list items in the prompt
    choices: list[tuple[int, bool, list[str]]] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)
    near_misses: int = 0  # lines meant as choices, reported


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


def _is_choice_like(line: str) -> bool:
    return quizlines.choice(line) is not None or quizlines.near_choice(line) is not None


def _sections(body: str, first_line: int, path: str, findings: list[Finding]) -> list[_Section]:
    lines = body.split("\n")
    in_code: list[bool] = []
    headings: list[quizlines.Heading | None] = []
    fence: str | None = None
    for line in lines:
        fence, code = _fence_step(fence, line)
        in_code.append(code)
        headings.append(None if code else quizlines.heading(line))
    # choices_ahead[i]: a choice-like line follows heading i before the next heading
    choices_ahead = [False] * len(lines)
    seen_choice = False
    for index in range(len(lines) - 1, -1, -1):
        if headings[index] is not None:
            choices_ahead[index] = seen_choice
            seen_choice = False
        elif not in_code[index] and _is_choice_like(lines[index]):
            seen_choice = True

    sections: list[_Section] = []
    stray_line = 0
    current_has_choices = False
    for offset, line in enumerate(lines):
        number = first_line + offset
        found = headings[offset]
        starts = found is not None and (found.proper or (
            choices_ahead[offset] and (not sections or current_has_choices)))
        if starts and found is not None:
            sections.append(_Section(number, found))
            current_has_choices = False
            if not found.proper:
                findings.append(Finding(path, number, Severity.ERROR,
                                        "content.question_heading_level",
                                        {"written": found.written}))
            continue
        if sections:
            sections[-1].lines.append((number, line))
            if not in_code[offset] and _is_choice_like(line):
                current_has_choices = True
        elif (line.strip() and not (found is not None and found.level == 1)
              and not stray_line):
            stray_line = number
    if stray_line:
        findings.append(Finding(path, stray_line, Severity.WARNING, "content.quiz_text_before"))
    return sections


def _draft(section: _Section, path: str, findings: list[Finding]) -> _Draft:
    draft = _Draft()
    state = "prompt"  # prompt -> choices -> after
    ignored_line = 0
    fence: str | None = None
    for number, line in section.lines:
        if state == "prompt":
            fence, in_code = _fence_step(fence, line)
            if in_code:  # "- [x]" inside a code sample in the question is not a choice
                draft.prompt.append(line)
                continue
        near = quizlines.near_choice(line)
        if near is not None:
            findings.append(Finding(path, number, Severity.ERROR, near[0], near[1]))
            draft.near_misses += 1
            state = "choices" if state == "prompt" else state
            continue
        choice = quizlines.choice(line)
        if choice is not None:
            if state == "after":
                findings.append(Finding(path, number, Severity.ERROR,
                                        "content.choice_after_explanation"))
                continue
            state = "choices"
            draft.choices.append((number, choice.correct, [choice.text]))
            continue
        if state == "prompt":
            if quizlines.is_list_item(line):
                draft.prompt_items.append(number)
            draft.prompt.append(line)
            continue
        quote = _QUOTE.match(line)
        if state == "choices":
            if not line.strip():
                continue
            if line.startswith(("  ", "\t")) and not quote:  # continuation of the last choice
                if draft.choices:
                    draft.choices[-1][2].append(line.strip())
                continue
            if quizlines.is_list_item(line):
                findings.append(Finding(path, number, Severity.ERROR,
                                        "content.choice_not_a_choice"))
                draft.near_misses += 1
                continue
            state = "after"
        if quote:
            draft.explanation.append(quote.group(1))
        elif line.strip() and not ignored_line:
            ignored_line = number
    if ignored_line:
        findings.append(Finding(path, ignored_line, Severity.WARNING,
                                "content.text_after_choices"))
    return draft


def _complete(section: _Section, draft: _Draft, path: str, findings: list[Finding]) -> bool:
    """Report what the question lacks; True when it can be asked. After a line meant as a
    choice (reported on its line) nothing more is said: "needs two choices" would be wrong."""
    if len(draft.choices) < 2:
        if draft.near_misses:
            return False
        if not draft.choices and draft.prompt_items:
            for number in draft.prompt_items[:MAX_LISTED]:
                findings.append(Finding(path, number, Severity.ERROR,
                                        "content.choice_not_a_choice"))
        else:
            findings.append(Finding(path, section.line, Severity.ERROR,
                                    "content.question_too_few_choices"))
        return False
    if not any(ok for _, ok, _ in draft.choices):
        if draft.near_misses:
            return False
        findings.append(Finding(path, section.line, Severity.ERROR,
                                "content.question_no_correct"))
        return False
    return section.heading.proper


def parse_quiz(
    text: str, path: str, folder: Path, root: Path, default_pass_score: int,
    findings: list[Finding], renderer: Renderer | None = None,
) -> Quiz:
    """Parse decoded quiz.md text. Findings are appended; the Quiz holds the valid questions.
    ``renderer``: the loader's (one per library); a fresh one when None."""
    renderer = renderer or Renderer()
    front = split_front_matter(text, path)
    findings.extend(front.findings)
    settings = fields.validate(front.data, front.key_lines, QUIZ_SCHEMA, path, findings)
    questions: list[Question] = []
    sections = _sections(front.body, front.body_line, path, findings)
    if not sections:
        findings.append(Finding(path, front.body_line, Severity.ERROR,
                                "content.quiz_no_questions"))
    ids: dict[str, tuple[int, bool]] = {}  # id -> (line, explicit) of the first question
    for section in sections:
        named = quizlines.heading_id(section.heading.text)
        for code, params in named.problems:
            findings.append(Finding(path, section.line, Severity.ERROR, code, params))
        draft = _draft(section, path, findings)
        draft.prompt.insert(0, named.text)
        if not named.text.strip():
            findings.append(Finding(path, section.line, Severity.ERROR,
                                    "content.question_no_text"))
            continue
        prompt = "\n".join(draft.prompt).strip()
        question_id = named.id or quizlines.stem_id(prompt)
        first = ids.setdefault(question_id, (section.line, named.id is not None))
        if first[0] != section.line:
            explicit = named.id is not None or first[1]
            findings.append(Finding(
                path, section.line, Severity.WARNING,
                "content.question_id_duplicate" if explicit else "content.question_same_text",
                {"id": question_id, "first": first[0]} if explicit else {"first": first[0]}))
        if not _complete(section, draft, path, findings) or named.problems:
            continue
        questions.append(_question(len(questions), section, draft, prompt, path, folder, root,
                                   findings, renderer, named, question_id))
    return Quiz(
        path=path,
        questions=tuple(questions),
        pass_score=settings.get("pass_score", default_pass_score),
        shuffle=settings.get("shuffle", False),
        max_attempts=settings.get("max_attempts", 0),
    )


def _question(
    index: int, section: _Section, draft: _Draft, prompt: str, path: str, folder: Path,
    root: Path, findings: list[Finding], renderer: Renderer, named: quizlines.HeadingId,
    question_id: str,
) -> Question:
    def rendered(source: str, line: int, source_lines: list[str], *, inline: bool = False) -> str:
        result = renderer.render(source, folder, root, inline=inline)
        lines = problem_lines(result.problems, source_lines, line)
        for problem, number in zip(result.problems, lines, strict=True):
            findings.append(Finding(path, number, problem.severity, problem.code, problem.params))
        return result.html

    raw_lines = [named.text] + [line for _, line in section.lines]
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
        id=question_id,
        id_explicit=named.id is not None,
        select_all=named.select_all,
    )
