"""One lesson folder -> :class:`Lesson` with its findings (lesson.md front matter, body, quiz).

A broken lesson never stops the others: every problem is a finding on the lesson.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import fields
from .folders import Entry, Kind, Tree
from .model import DEFAULT_PASS_SCORE, Finding, Lesson, Quiz, Severity
from .quiz import parse_quiz
from .reading import read_text
from .render import Renderer, problem_lines
from .textfile import split_front_matter

ORDER_PREFIX = re.compile(r"^\d+[-_.]")
MAX_FINDINGS_PER_FILE = 100  # more are summed up in one finding

LESSON_SCHEMA: dict[str, fields.Check] = {
    "title": fields.text,
    "id": fields.identifier,
    "roles": fields.text_list,
    "required": fields.boolean,
    "minutes": fields.integer(1),
    "version": fields.integer(1),
    "objectives": fields.text_list,
    "pass_score": fields.integer(0, 100),
}
SHOWN_IN_LABELS = ("title", "objectives")  # plain text in the GUI: markup is a warning


def strip_order_prefix(name: str) -> str:
    return ORDER_PREFIX.sub("", name, count=1)


def join(rel_folder: str, name: str) -> str:
    return f"{rel_folder}/{name}" if rel_folder else name


@dataclass
class LessonContext:
    """What every lesson of one library load shares."""

    tree: Tree
    roles: dict[str, str]
    renderer: Renderer = field(default_factory=Renderer)
    # lesson rel_path -> line of its 'id:' key (1 when the id comes from the folder name), so
    # that a duplicate id is reported where the trainer has to change it
    id_lines: dict[str, int] = field(default_factory=dict)


def capped(findings: list[Finding]) -> list[Finding]:
    """At most :data:`MAX_FINDINGS_PER_FILE` findings per file, then one that counts the rest
    (a generated 1 MB file must not print a million lines)."""
    per_path = Counter(f.path for f in findings)
    if all(count <= MAX_FINDINGS_PER_FILE for count in per_path.values()):
        return findings
    kept: list[Finding] = []
    seen: Counter[str] = Counter()
    for finding in findings:
        seen[finding.path] += 1
        if seen[finding.path] <= MAX_FINDINGS_PER_FILE:
            kept.append(finding)
        elif seen[finding.path] == MAX_FINDINGS_PER_FILE + 1:
            kept.append(Finding(finding.path, finding.line, Severity.ERROR,
                                "content.findings_truncated",
                                {"count": per_path[finding.path] - MAX_FINDINGS_PER_FILE}))
    return kept


def misnamed(entries: list[Entry], rel_folder: str, wanted: str,
             findings: list[Finding]) -> None:
    """Notepad saves ``lesson.md.txt``; Windows hides the suffix. Say so precisely."""
    for entry in entries:
        lowered = entry.name.lower()
        if entry.name != wanted and lowered in (wanted, f"{wanted}.txt"):
            code = "content.misnamed_txt" if lowered.endswith(".txt") else "content.misnamed"
            findings.append(Finding(join(rel_folder, entry.name), 1, Severity.ERROR, code,
                                    {"name": entry.name, "wanted": wanted}))


def _roles(values: dict[str, object], key_lines: dict[str, int], ctx: LessonContext,
           rel: str, findings: list[Finding]) -> tuple[str, ...]:
    roles = values.get("roles")
    line = key_lines.get("roles", 1)
    if roles is None:
        return tuple(ctx.roles)
    assert isinstance(roles, tuple)
    if not roles:
        findings.append(Finding(rel, line, Severity.ERROR, "content.roles_empty"))
        return tuple(ctx.roles)  # shown greyed to everyone rather than to no one
    unknown = [r for r in roles if r not in ctx.roles]
    if unknown:
        findings.append(Finding(rel, line, Severity.ERROR, "content.roles_unknown", {
            "roles": ", ".join(repr(fields.shown(r)) for r in unknown),
            "known": ", ".join(ctx.roles)}))
        # keep the known ones; with none known, show the (broken) lesson to everyone so
        # the learners and the trainer see it greyed rather than not at all
        return tuple(r for r in roles if r in ctx.roles) or tuple(ctx.roles)
    return roles


def load_lesson(folder: Entry, ctx: LessonContext, chapter: str | None) -> Lesson:
    tree = ctx.tree
    rel_folder = tree.rel(folder.path)
    rel = join(rel_folder, "lesson.md")
    findings: list[Finding] = []
    entries, _reason, _cut = tree.list(folder.path)
    by_name = {entry.name: entry for entry in entries}
    for entry in entries:
        if entry.kind is Kind.OUTSIDE and entry.name not in ("lesson.md", "quiz.md"):
            findings.append(Finding(join(rel_folder, entry.name), 1, Severity.ERROR,
                                    "content.link_outside"))
    lesson_md = by_name.get("lesson.md") or tree.entry(folder.path / "lesson.md")
    text = read_text(lesson_md, rel, findings) if lesson_md is not None else None
    front = split_front_matter(text or "", rel)
    findings.extend(front.findings)
    # After an unreadable file or a front-matter syntax error the keys are unknown: do not also
    # claim that the title or the id is missing.
    keys_known = text is not None and front.readable
    values = fields.validate(front.data, front.key_lines, LESSON_SCHEMA, rel, findings)
    fields.markup_warnings(values, SHOWN_IN_LABELS, front.key_lines, rel, findings)

    if "title" not in front.data and keys_known:
        findings.append(Finding(rel, 1, Severity.ERROR, "content.title_missing"))
    title = values.get("title") or strip_order_prefix(folder.name)

    lesson_id = values.get("id")
    if lesson_id is None and "id" not in front.data:
        derived = strip_order_prefix(folder.name).lower()
        if len(derived) > fields.MAX_RECORD_ID_CHARS:
            if keys_known:
                findings.append(Finding(rel, 1, Severity.ERROR, "content.id_from_folder_too_long",
                                        {"folder": fields.shown(folder.name),
                                         "length": len(derived),
                                         "limit": fields.MAX_RECORD_ID_CHARS}))
        elif not fields.ID_PATTERN.fullmatch(derived):
            if keys_known:
                findings.append(Finding(rel, 1, Severity.ERROR, "content.id_from_folder_unusable",
                                        {"folder": folder.name}))
        else:
            lesson_id = derived
            if keys_known:
                findings.append(Finding(rel, 1, Severity.WARNING, "content.id_missing",
                                        {"id": derived}))
    if lesson_id is None:
        lesson_id = f"?{rel_folder}"  # unusable, and the lesson is broken; unique per folder
    ctx.id_lines[rel_folder] = front.key_lines.get("id", 1)
    roles = _roles(values, front.key_lines, ctx, rel, findings)

    body = ctx.renderer.render(front.body, folder.path, tree.root)
    lines = problem_lines(body.problems, front.body.split("\n"), front.body_line)
    for problem, line in zip(body.problems, lines, strict=True):
        findings.append(Finding(rel, line, problem.severity, problem.code, problem.params))

    pass_score = values.get("pass_score", DEFAULT_PASS_SCORE)
    quiz: Quiz | None = None
    quiz_md = by_name.get("quiz.md")
    if quiz_md is not None:
        quiz_rel = join(rel_folder, "quiz.md")
        quiz_text = read_text(quiz_md, quiz_rel, findings)
        if quiz_text is not None:
            quiz = parse_quiz(quiz_text, quiz_rel, folder.path, tree.root, pass_score, findings,
                              ctx.renderer)
    else:
        misnamed(entries, rel_folder, "quiz.md", findings)

    return Lesson(
        id=lesson_id,
        title=title,
        folder=folder.path,
        rel_path=rel_folder,
        roles=roles,
        required=values.get("required", True),
        minutes=values.get("minutes"),
        version=values.get("version", 1),
        objectives=values.get("objectives", ()),
        pass_score=quiz.pass_score if quiz else pass_score,
        body=front.body,
        body_html=body.html,
        quiz=quiz,
        findings=tuple(capped(findings)),
        chapter=chapter,
    )
