"""A library folder -> :class:`Library` with findings (docs/lesson-format.md).

A broken lesson never stops the others: every problem becomes a :class:`Finding` on the lesson
(or the library) and loading goes on. :class:`LibraryError` is raised only when the path is not
a readable folder holding lessons, or when its library.yaml has errors: a library whose
identity (id, version, roles) cannot be read is not loaded at all, so that progress is never
recorded under another id.

Bounded on any folder (:mod:`dxlearn.content.folders`): links out of the library are findings
and never followed, loops are read once, unreadable folders are findings, searching for
misplaced lessons stops :data:`~dxlearn.content.folders.MAX_SEARCH_DEPTH` levels down, and at
most :data:`~dxlearn.content.folders.MAX_LESSONS` lessons are loaded.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dxlearn.messages import Message

from . import fields
from .folders import (
    MAX_ENTRIES,
    MAX_LESSONS,
    MAX_SEARCH_DEPTH,
    MAX_SEARCHED_FOLDERS,
    Entry,
    Kind,
    Tree,
    os_reason,
)
from .lesson import LessonContext, join, load_lesson, misnamed, strip_order_prefix
from .model import (
    DEFAULT_ROLES,
    Chapter,
    Finding,
    Lesson,
    Library,
    LibraryError,
    Severity,
)
from .reading import read_yaml

__all__ = ["LibraryError", "load_library", "natural_key", "strip_order_prefix"]

_NATURAL = re.compile(r"(\d+)")

LIBRARY_SCHEMA: dict[str, fields.Check] = {
    "id": fields.identifier,
    "title": fields.text,
    "version": fields.text,
    "roles": lambda value: value,  # checked in _library_roles for per-key messages
}
LIBRARY_TYPOS = {"roles": "content.key_typo_library_roles"}
CHAPTER_SCHEMA: dict[str, fields.Check] = {"title": fields.text}


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


def _ignored(name: str) -> bool:
    return name.startswith((".", "_"))


@dataclass
class _Walk:
    """One load: the lesson context plus the library-level findings."""

    ctx: LessonContext
    findings: list[Finding]
    lessons: int = 0
    stopped: bool = False  # MAX_LESSONS reached

    @property
    def tree(self) -> Tree:
        return self.ctx.tree

    def folder_rel(self, path: Path) -> str:
        return join(self.tree.rel(path), "")

    def subfolders(self, folder: Path, *, report: bool = True) -> list[Entry]:
        """The folders in ``folder`` to look into, in natural order; links out, loops and
        unreadable entries are findings (``report``) and left out."""
        entries, reason, cut = self.tree.list(folder)
        where = self.folder_rel(folder)
        if report and reason is not None:
            self.findings.append(Finding(where, 1, Severity.ERROR, "content.folder_unreadable",
                                         {"reason": reason}))
        if report and cut:
            self.findings.append(Finding(where, 1, Severity.ERROR,
                                         "content.folder_too_many_entries",
                                         {"limit": MAX_ENTRIES}))
        result: list[Entry] = []
        for entry in sorted(entries, key=lambda e: natural_key(e.name)):
            keep_assets = entry.name == "_assets" and folder == self.tree.root
            if _ignored(entry.name) and not keep_assets:
                continue
            rel = self.folder_rel(entry.path)
            if entry.kind is Kind.OUTSIDE:
                if report:
                    self.findings.append(Finding(rel, 1, Severity.ERROR, "content.link_outside"))
            elif entry.kind is Kind.UNREADABLE:
                if report:
                    self.findings.append(Finding(rel, 1, Severity.ERROR,
                                                 "content.folder_unreadable",
                                                 {"reason": Message("content.reason_unknown")}))
            elif entry.kind is Kind.BROKEN:
                if report:
                    self.findings.append(Finding(rel, 1, Severity.WARNING, "content.link_broken"))
            elif entry.kind is Kind.FOLDER and not keep_assets:
                result.append(entry)
        return result

    def is_lesson(self, folder: Entry) -> bool:
        """A folder holding a lesson.md (of any kind but a folder: a FIFO or a link out is a
        lesson whose file is reported). A folder that cannot be searched is not: listing it
        reports that."""
        marker = self.tree.entry(folder.path / "lesson.md")
        return marker is not None and marker.kind not in (Kind.FOLDER, Kind.UNREADABLE)

    def holds_lessons(self, folder: Entry, depth: int = 1) -> bool | None:
        """Whether any folder below ``folder`` holds a lesson.md; None when the search had to
        stop (too deep, or too many folders)."""
        stack = [(folder, depth)]
        unsure = False
        while stack:
            current, level = stack.pop()
            if level > MAX_SEARCH_DEPTH or self.tree.searched >= MAX_SEARCHED_FOLDERS:
                unsure = True
                continue
            self.tree.searched += 1
            for sub in self.subfolders(current.path, report=False):
                if not self.tree.first_visit(sub):
                    continue
                if self.is_lesson(sub):
                    return True
                stack.append((sub, level + 1))
        return None if unsure else False

    def lesson(self, folder: Entry, chapter: str | None) -> Lesson | None:
        if self.lessons >= MAX_LESSONS:
            if not self.stopped:
                self.stopped = True
                self.findings.append(Finding(join(self.tree.rel(folder.path), "lesson.md"), 1,
                                             Severity.ERROR, "content.too_many_lessons",
                                             {"limit": MAX_LESSONS}))
            return None
        self.lessons += 1
        return load_lesson(folder, self.ctx, chapter)


def _library_roles(value: Any, line: int, rel: str, findings: list[Finding]) -> dict[str, str]:
    if not isinstance(value, dict) or not value:
        findings.append(Finding(rel, line, Severity.ERROR, "content.library_roles_shape"))
        return dict(DEFAULT_ROLES)
    roles: dict[str, str] = {}
    for key, label in value.items():
        shown = fields.shown(key)
        try:
            role = fields.identifier(key)
        except fields.FieldError:
            findings.append(Finding(rel, line, Severity.ERROR, "content.library_role_bad_key",
                                    {"role": shown}))
            continue
        try:
            roles[role] = fields.text(label)
        except fields.FieldError:
            findings.append(Finding(rel, line, Severity.ERROR, "content.library_role_bad_label",
                                    {"role": shown}))
    return roles or dict(DEFAULT_ROLES)


def _find_root(path: Path, probe: Tree) -> Path:
    """For one lesson folder: the library it sits in (library.yaml up to two levels above)."""
    for candidate in (path.parent, path.parent.parent):
        if probe.entry(candidate / "library.yaml") is not None:
            return candidate
    return path.parent


def _target(path: str | os.PathLike[str]) -> Path:
    target = Path(path).absolute()
    try:
        is_dir = target.is_dir()
    except (OSError, ValueError) as exc:
        raise LibraryError(Message("content.folder_cannot_be_read", {
            "path": str(path), "reason": os_reason(exc)})) from exc
    if not is_dir:
        raise LibraryError(Message("content.not_a_folder", {"path": str(path)}))
    try:
        with os.scandir(target):
            pass
    except OSError as exc:
        raise LibraryError(Message("content.folder_cannot_be_read", {
            "path": str(path), "reason": os_reason(exc)})) from exc
    return target


def _library_meta(tree: Tree, path: str | os.PathLike[str]) -> tuple[dict[str, Any],
                                                                    dict[str, int],
                                                                    list[Finding]]:
    """library.yaml's accepted values. Any error in it stops the library: LibraryError."""
    findings: list[Finding] = []
    entry = tree.entry(tree.root / "library.yaml")
    if entry is None:
        return {}, {}, findings
    doc = read_yaml(entry, "library.yaml", findings)
    values = fields.validate(doc.data, doc.key_lines, LIBRARY_SCHEMA, "library.yaml", findings,
                             typo_codes=LIBRARY_TYPOS)
    if "roles" in values:
        values["roles"] = _library_roles(values["roles"], doc.key_lines.get("roles", 1),
                                         "library.yaml", findings)
    fields.markup_warnings(values, ("title", "version"), doc.key_lines, "library.yaml",
                           findings)
    errors = [f for f in findings if f.is_error]
    if errors:
        first = errors[0]
        raise LibraryError(Message("content.library_yaml_invalid", {
            "path": str(path), "line": first.line, "first": Message(first.code, first.params)}),
            findings)
    return values, doc.key_lines, findings


def load_library(path: str | os.PathLike[str]) -> Library:
    """Load a library folder, or a single lesson folder (for preview and lint of one lesson)."""
    target = _target(path)
    probe = Tree(target)
    marker = probe.entry(target / "lesson.md")
    single = marker is not None and marker.kind is not Kind.FOLDER
    root = _find_root(target, probe) if single else target
    tree = Tree(root)
    values, _lines, findings = _library_meta(tree, path)
    roles = values.get("roles", dict(DEFAULT_ROLES))
    walk = _Walk(LessonContext(tree, roles), findings)
    tree.visited.add(tree.real_root)
    if not single and tree.entry(root / "library.yaml") is None:
        tops = walk.subfolders(root, report=False)
        if not any(walk.is_lesson(sub) for sub in tops) and not any(
                walk.holds_lessons(sub) for sub in tops):
            raise LibraryError(Message("content.not_a_library", {"path": str(path)}))
        tree.visited = {tree.real_root}
        tree.searched = 0

    chapters: list[Chapter] = []
    loose: list[Lesson] = []
    if single:
        lesson = walk.lesson(Entry(target.name, target, Kind.FOLDER, ""), None)
        loose.extend([lesson] if lesson else [])
    else:
        for folder in walk.subfolders(root):
            if not tree.first_visit(folder):
                findings.append(Finding(walk.folder_rel(folder.path), 1, Severity.WARNING,
                                        "content.link_loop"))
                continue
            if walk.is_lesson(folder):
                lesson = walk.lesson(folder, None)
                loose.extend([lesson] if lesson else [])
                continue
            chapter = _load_chapter(folder, walk)
            if chapter is not None:
                chapters.append(chapter)

    library_id = values.get("id")
    if library_id is None:
        library_id = root.name
        if len(library_id) > fields.MAX_RECORD_ID_CHARS:
            findings.append(Finding("library.yaml", 1, Severity.ERROR,
                                    "content.library_id_from_folder_too_long",
                                    {"length": len(library_id),
                                     "limit": fields.MAX_RECORD_ID_CHARS}))
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
    return _with_unique_ids(library, walk.ctx.id_lines)


def _load_chapter(folder: Entry, walk: _Walk) -> Chapter | None:
    tree = walk.tree
    findings = walk.findings
    rel_folder = tree.rel(folder.path)
    values: dict[str, Any] = {}
    subfolders = walk.subfolders(folder.path)  # an unreadable folder is reported here
    yaml_entry = tree.entry(folder.path / "chapter.yaml")
    if yaml_entry is not None and yaml_entry.kind is not Kind.UNREADABLE:
        yaml_rel = join(rel_folder, "chapter.yaml")
        doc = read_yaml(yaml_entry, yaml_rel, findings)
        values = fields.validate(doc.data, doc.key_lines, CHAPTER_SCHEMA, yaml_rel, findings)
        fields.markup_warnings(values, ("title",), doc.key_lines, yaml_rel, findings)
    lessons: list[Lesson] = []
    for sub in subfolders:
        where = walk.folder_rel(sub.path)
        if not tree.first_visit(sub):
            findings.append(Finding(where, 1, Severity.WARNING, "content.link_loop"))
            continue
        if walk.is_lesson(sub):
            lesson = walk.lesson(sub, rel_folder)
            lessons.extend([lesson] if lesson else [])
            continue
        found = walk.holds_lessons(sub, 2)
        if found:
            findings.append(Finding(where, 1, Severity.ERROR, "content.nested_too_deep"))
        elif found is None:
            findings.append(Finding(where, 1, Severity.WARNING, "content.folder_too_deep"))
        else:
            entries, _reason, _cut = tree.list(sub.path)
            misnamed(entries, tree.rel(sub.path), "lesson.md", findings)
    if not lessons:
        entries, _reason, _cut = tree.list(folder.path)
        misnamed(entries, rel_folder, "lesson.md", findings)
        if not any(f.path.startswith(rel_folder) for f in findings):
            findings.append(Finding(join(rel_folder, ""), 1, Severity.WARNING,
                                    "content.folder_no_lesson"))
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
                          "content.id_duplicate", {"id": lesson.id, "other": first.lesson_md})
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
