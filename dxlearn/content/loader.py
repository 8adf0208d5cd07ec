"""A library folder -> :class:`Library` with findings (docs/lesson-format.md).

A broken lesson never stops the others: every problem becomes a :class:`Finding` on the lesson
(or the library) and loading goes on. Only a path that is not a readable folder raises
:class:`LibraryError`.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from dxlearn.files.text import DecodeError, decode

from . import fields
from .model import (
    DEFAULT_PASS_SCORE,
    DEFAULT_ROLES,
    Chapter,
    Finding,
    Lesson,
    Library,
    LibraryError,
    Quiz,
    Severity,
)
from .quiz import parse_quiz
from .render import Renderer, problem_lines
from .textfile import parse_yaml_file, split_front_matter, yaml_error_line

logger = logging.getLogger(__name__)

ORDER_PREFIX = re.compile(r"^\d+[-_.]")
_NATURAL = re.compile(r"(\d+)")

LIBRARY_SCHEMA: dict[str, fields.Check] = {
    "id": fields.identifier,
    "title": fields.text,
    "version": fields.text,
    "roles": lambda value: value,  # checked in _library_roles for per-key messages
}
CHAPTER_SCHEMA: dict[str, fields.Check] = {"title": fields.text}
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



def natural_key(name: str) -> tuple[tuple[int, int, str], ...]:
    """``2-x`` before ``10-x``; digits compare as numbers, the rest case-insensitively.

    ``isdecimal`` (not ``isdigit``): ``①`` or ``²`` are "digits" that ``int()`` refuses, and a
    trainer may well name a folder ``①``. The name itself breaks ties (``01-a`` vs ``1-a``) so
    the order never depends on the file system's listing order.
    """
    return (
        *(
            (0, int(part), "") if part.isdecimal() else (1, 0, part.casefold())
            for part in _NATURAL.split(name)
            if part
        ),
        (2, 0, name),
    )


def strip_order_prefix(name: str) -> str:
    return ORDER_PREFIX.sub("", name, count=1)


def _ignored(name: str) -> bool:
    return name.startswith((".", "_"))


def _subfolders(folder: Path) -> list[Path]:
    try:
        entries = [entry for entry in os.scandir(folder) if entry.is_dir()]
    except OSError as exc:
        logger.warning("cannot list %s: %s", folder, exc)
        return []
    return [Path(e.path) for e in sorted(entries, key=lambda e: natural_key(e.name))
            if not _ignored(e.name)]


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path != root else ""


def _join(rel_folder: str, name: str) -> str:
    return f"{rel_folder}/{name}" if rel_folder else name


@dataclass
class _Context:
    root: Path
    roles: dict[str, str]
    renderer: Renderer = field(default_factory=Renderer)
    # lesson rel_path -> line of its 'id:' key (1 when the id comes from the folder name), so
    # that a duplicate id is reported where the trainer has to change it
    id_lines: dict[str, int] = field(default_factory=dict)


def _read_text(path: Path, rel: str, findings: list[Finding]) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        findings.append(Finding(rel, 1, Severity.ERROR, f"cannot read the file: {exc.strerror}"))
        return None
    try:
        decoded = decode(data)
    except DecodeError:
        findings.append(Finding(rel, 1, Severity.ERROR,
                                "file is neither UTF-8 nor Shift_JIS (CP932); save it as UTF-8"))
        return None
    if decoded.encoding == "cp932":
        findings.append(Finding(rel, 1, Severity.WARNING,
                                "file is Shift_JIS (CP932), not UTF-8; it was read, "
                                "but save it as UTF-8"))
    return decoded.text


def _read_yaml(path: Path, rel: str, findings: list[Finding]) -> tuple[dict[str, Any],
                                                                       dict[str, int]]:
    text = _read_text(path, rel, findings)
    if text is None:
        return {}, {}
    try:
        return parse_yaml_file(text)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        findings.append(Finding(rel, yaml_error_line(exc, 1), Severity.ERROR,
                                f"not valid YAML: {problem}"))
    except ValueError:
        findings.append(Finding(rel, 1, Severity.ERROR, "must be 'key: value' lines"))
    return {}, {}


def _library_roles(value: Any, line: int, rel: str, findings: list[Finding]) -> dict[str, str]:
    if not isinstance(value, dict) or not value:
        findings.append(Finding(rel, line, Severity.ERROR,
                                "roles: must be 'key: label' lines, e.g. 'staff: 一般職員'"))
        return dict(DEFAULT_ROLES)
    roles: dict[str, str] = {}
    for key, label in value.items():
        try:
            roles[fields.identifier(key)] = fields.text(label)
        except fields.FieldError as exc:
            findings.append(Finding(rel, line, Severity.ERROR, f"roles: {key}: {exc}"))
    return roles or dict(DEFAULT_ROLES)


def _misnamed(folder: Path, rel_folder: str, wanted: str, findings: list[Finding]) -> None:
    """Notepad saves ``lesson.md.txt``; Windows hides the suffix. Say so precisely."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        lowered = name.lower()
        if name != wanted and (lowered == wanted or lowered == f"{wanted}.txt"):
            findings.append(Finding(
                _join(rel_folder, name), 1, Severity.ERROR,
                f"rename '{name}' to '{wanted}' (exactly, in lower case"
                f"{'; Notepad may have added .txt' if lowered.endswith('.txt') else ''})"))


def _load_lesson(folder: Path, ctx: _Context, chapter: str | None) -> Lesson:
    rel_folder = _rel(folder, ctx.root)
    rel = _join(rel_folder, "lesson.md")
    findings: list[Finding] = []
    text = _read_text(folder / "lesson.md", rel, findings)
    front = split_front_matter(text or "")
    # After an unreadable file or a front-matter syntax error the keys are unknown: do not also
    # claim that the title or the id is missing.
    keys_known = text is not None and not front.error
    if front.error:
        findings.append(Finding(rel, front.error_line, Severity.ERROR, front.error))
    values = fields.validate(front.data, front.key_lines, LESSON_SCHEMA, rel, findings)

    if "title" not in values and "title" not in front.data and keys_known:
        findings.append(Finding(rel, 1, Severity.ERROR,
                                "title: missing; add 'title: ...' to the front matter"))
    title = values.get("title") or strip_order_prefix(folder.name)

    lesson_id = values.get("id")
    if lesson_id is None and "id" not in front.data:
        derived = strip_order_prefix(folder.name).lower()
        if len(derived) > fields.MAX_RECORD_ID_CHARS and keys_known:
            findings.append(Finding(
                rel, 1, Severity.ERROR,
                f"id: the folder name '{folder.name[:40]}...' gives an id of {len(derived)} "
                f"characters (at most {fields.MAX_RECORD_ID_CHARS}); add a shorter 'id: ...' "
                "to the front matter"))
        elif fields.ID_PATTERN.fullmatch(derived):
            lesson_id = derived
        elif keys_known:
            findings.append(Finding(
                rel, 1, Severity.ERROR,
                f"id: the folder name '{folder.name}' gives no usable id; add 'id: ...' "
                "to the front matter (lower-case letters a-z, digits, - _ .)"))
    if lesson_id is None:
        lesson_id = f"?{rel_folder}"  # unusable, and the lesson is broken; unique per folder
    ctx.id_lines[rel_folder] = front.key_lines.get("id", 1)

    roles = values.get("roles")
    if roles is not None:
        unknown = [r for r in roles if r not in ctx.roles]
        if unknown:
            findings.append(Finding(
                rel, front.key_lines.get("roles", 1), Severity.ERROR,
                f"roles: unknown role {', '.join(repr(r) for r in unknown)} "
                f"(known: {', '.join(ctx.roles)})"))
            # keep the known ones; with none known, show the (broken) lesson to everyone so
            # the learners and the trainer see it greyed rather than not at all
            roles = tuple(r for r in roles if r in ctx.roles) or tuple(ctx.roles)
    else:
        roles = tuple(ctx.roles)

    body = ctx.renderer.render(front.body, folder, ctx.root)
    lines = problem_lines(body.problems, front.body.split("\n"), front.body_line)
    for problem, line in zip(body.problems, lines, strict=True):
        findings.append(Finding(rel, line, Severity.ERROR, problem.message()))

    pass_score = values.get("pass_score", DEFAULT_PASS_SCORE)
    quiz: Quiz | None = None
    quiz_path = folder / "quiz.md"
    if quiz_path.is_file():
        quiz_rel = _join(rel_folder, "quiz.md")
        quiz_text = _read_text(quiz_path, quiz_rel, findings)
        if quiz_text is not None:
            quiz = parse_quiz(quiz_text, quiz_rel, folder, ctx.root, pass_score, findings,
                              ctx.renderer)
    else:
        _misnamed(folder, rel_folder, "quiz.md", findings)

    return Lesson(
        id=lesson_id,
        title=title,
        folder=folder,
        rel_path=rel_folder,
        roles=tuple(roles),
        required=values.get("required", True),
        minutes=values.get("minutes"),
        version=values.get("version", 1),
        objectives=values.get("objectives", ()),
        pass_score=quiz.pass_score if quiz else pass_score,
        body=front.body,
        body_html=body.html,
        quiz=quiz,
        findings=tuple(findings),
        chapter=chapter,
    )


def _is_lesson(folder: Path) -> bool:
    return (folder / "lesson.md").is_file()


def _holds_lessons(folder: Path) -> bool:
    return any(_is_lesson(sub) or _holds_lessons(sub) for sub in _subfolders(folder))


def _find_root(path: Path) -> Path:
    """For one lesson folder: the library it sits in (library.yaml up to two levels above)."""
    for candidate in (path.parent, path.parent.parent):
        if (candidate / "library.yaml").is_file():
            return candidate
    return path.parent


def load_library(path: str | os.PathLike[str]) -> Library:
    """Load a library folder, or a single lesson folder (for preview and lint of one lesson)."""
    target = Path(path).absolute()
    if not target.is_dir():
        raise LibraryError(f"{path}: not a folder")
    try:
        os.listdir(target)
    except OSError as exc:
        raise LibraryError(f"{path}: cannot be read ({exc.strerror})") from exc

    single = _is_lesson(target)
    root = _find_root(target) if single else target
    findings: list[Finding] = []
    meta: dict[str, Any] = {}
    meta_lines: dict[str, int] = {}
    if (root / "library.yaml").is_file():
        meta, meta_lines = _read_yaml(root / "library.yaml", "library.yaml", findings)
    elif not single and not _holds_lessons(root):
        raise LibraryError(f"{path}: not a lesson library (no folder holds a lesson.md)")
    values = fields.validate(meta, meta_lines, LIBRARY_SCHEMA, "library.yaml", findings)
    roles = (_library_roles(values["roles"], meta_lines.get("roles", 1), "library.yaml",
                            findings) if "roles" in values else dict(DEFAULT_ROLES))
    ctx = _Context(root, roles)

    chapters: list[Chapter] = []
    loose: list[Lesson] = []
    if single:
        loose.append(_load_lesson(target, ctx, None))
    else:
        for folder in _subfolders(root):
            if _is_lesson(folder):
                loose.append(_load_lesson(folder, ctx, None))
                continue
            chapter = _load_chapter(folder, ctx, findings)
            if chapter is not None:
                chapters.append(chapter)

    library_id = values.get("id")
    if library_id is None:
        library_id = root.name
        if len(library_id) > fields.MAX_RECORD_ID_CHARS:
            findings.append(Finding(
                "library.yaml", 1, Severity.ERROR,
                f"id: the folder name gives a library id of {len(library_id)} characters (at "
                f"most {fields.MAX_RECORD_ID_CHARS}); add a shorter 'id: ...' to library.yaml"))
    library = Library(
        id=library_id,
        title=values.get("title", root.name),
        version=values.get("version", ""),
        root=root,
        roles=roles,
        chapters=tuple(chapters),
        loose_lessons=tuple(loose),
        findings=tuple(findings),
    )
    return _with_unique_ids(library, ctx.id_lines)


def _load_chapter(folder: Path, ctx: _Context, findings: list[Finding]) -> Chapter | None:
    rel_folder = _rel(folder, ctx.root)
    meta: dict[str, Any] = {}
    lines: dict[str, int] = {}
    yaml_rel = _join(rel_folder, "chapter.yaml")
    if (folder / "chapter.yaml").is_file():
        meta, lines = _read_yaml(folder / "chapter.yaml", yaml_rel, findings)
    values = fields.validate(meta, lines, CHAPTER_SCHEMA, yaml_rel, findings)
    lessons: list[Lesson] = []
    for sub in _subfolders(folder):
        if _is_lesson(sub):
            lessons.append(_load_lesson(sub, ctx, rel_folder))
        elif _holds_lessons(sub):
            findings.append(Finding(
                _join(_rel(sub, ctx.root), ""), 1, Severity.ERROR,
                "chapters may nest one level only (library -> chapter -> lesson); "
                "move these lesson folders up one level"))
        else:
            _misnamed(sub, _rel(sub, ctx.root), "lesson.md", findings)
    if not lessons:
        _misnamed(folder, rel_folder, "lesson.md", findings)
        if not any(f.path.startswith(rel_folder) for f in findings):
            findings.append(Finding(_join(rel_folder, ""), 1, Severity.WARNING,
                                    "folder holds no lesson (a lesson folder needs lesson.md); "
                                    "it is not shown"))
        return None
    return Chapter(rel_path=rel_folder,
                   title=values.get("title") or strip_order_prefix(folder.name),
                   lessons=tuple(lessons))


def _with_unique_ids(library: Library, id_lines: dict[str, int]) -> Library:
    """Progress is keyed on lesson ids: a second lesson with the same id is an error."""
    seen: dict[str, Lesson] = {}
    replaced: dict[str, Lesson] = {}
    for lesson in library.lessons():
        first = seen.get(lesson.id)
        if first is None:
            seen[lesson.id] = lesson
            continue
        finding = Finding(lesson.lesson_md, id_lines.get(lesson.rel_path, 1), Severity.ERROR,
                          f"id: '{lesson.id}' is already used by {first.lesson_md}; "
                          "lesson ids must be unique in the library (set 'id:' to a new one)")
        replaced[lesson.rel_path] = replace(lesson, findings=(*lesson.findings, finding))
    if not replaced:
        return library

    def fix(lessons: tuple[Lesson, ...]) -> tuple[Lesson, ...]:
        return tuple(replaced.get(lesson.rel_path, lesson) for lesson in lessons)

    return replace(
        library,
        loose_lessons=fix(library.loose_lessons),
        chapters=tuple(replace(c, lessons=fix(c.lessons)) for c in library.chapters),
    )

