"""Where a trainer's YAML went wrong, in plain words, on the line of the mistake.

PyYAML says "mapping values are not allowed in this context" on the line *after* a full-width
colon, "found character that cannot start any token" for a tab. Notepad users make a handful of
mistakes over and over; :func:`line_trap` recognises them on one line, and :func:`diagnose`
looks for the first of them at or before the line PyYAML complains about (the mistake is
always before the point where the parser gives up), else turns the parser's complaint into a
plain sentence.

Every pattern here is anchored, and every repetition is bounded or unambiguous, so that a
line of any length is checked in linear time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import yaml
from yaml.nodes import ScalarNode

from .model import Finding, Severity

Hint = tuple[str, dict[str, object]]  # catalogue code, parameters

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_INDENT = " \t\u3000"
_FULLWIDTH_COLON = re.compile(r"([^\s:：]{1,40}?)[ \u3000]*：")
_NO_SPACE = re.compile(r"([A-Za-z_][A-Za-z0-9_\-]*):(?![ \t/]|$)")
_KEY_VALUE = re.compile(r"([A-Za-z_][A-Za-z0-9_\-]*):[ \t]+(\S.*)$")
_BLOCK_SCALAR = re.compile(r":[ \t]+[|>][-+0-9]{0,3}[ \t]*(?:#.*)?$")
_VALUE_STARTS_QUOTED = tuple("'\"[{|>#&*!%@`")
_DASHES = frozenset("-ー－―‐—–−")
_CONTROL = re.compile(r"#x([0-9a-fA-F]{1,8})")


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:40] + "…"


def line_trap(line: str) -> Hint | None:
    """The Notepad mistake on this one line, if it holds one of the usual ones."""
    body = line.lstrip(_INDENT)
    indent = line[:len(line) - len(body)]
    if "\t" in indent:
        return "content.yaml_tab", {}
    if "\u3000" in indent:
        return "content.yaml_fullwidth_space", {}
    item = body.startswith("- ")
    if item:
        body = body[2:].lstrip(" ")
    if not item:  # "- 手順：入力" is a list item with a full-width colon in its text
        colon = _FULLWIDTH_COLON.match(body)
        if colon and ":" not in colon.group(1):
            key = unicodedata.normalize("NFKC", colon.group(1))
            if _KEY.fullmatch(key):
                return "content.yaml_fullwidth_colon", {"key": key}
    no_space = _NO_SPACE.match(body)
    if no_space:
        return "content.yaml_no_space", {"key": no_space.group(1)}
    pair = _KEY_VALUE.match(body)
    if pair:
        value = pair.group(2).rstrip()
        if not value.startswith(_VALUE_STARTS_QUOTED) and (": " in value or value.endswith(":")):
            return "content.yaml_colon_in_value", {"key": pair.group(1)}
    return None


def _traps(lines: list[str], last: int) -> Iterator[tuple[int, Hint]]:
    """The mistakes on lines 0..``last`` (0-based), skipping the text of ``|`` / ``>`` blocks."""
    block_indent: int | None = None
    for index, line in enumerate(lines[:last + 1]):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue
            block_indent = None
        hint = line_trap(line)
        if hint is not None:
            yield index, hint
        if _BLOCK_SCALAR.search(line):
            block_indent = indent


def _mark_line(mark: yaml.Mark | None, lines: list[str]) -> int | None:
    if mark is None:
        return None
    return min(mark.line, max(len(lines) - 1, 0))


def diagnose(lines: list[str], exc: yaml.YAMLError) -> tuple[int, str, dict[str, object]]:
    """(0-based line, code, params) for a YAML syntax error in ``lines``."""
    problem = str(getattr(exc, "problem", None) or exc).split("\n")[0]
    context = str(getattr(exc, "context", None) or "")
    problem_line = _mark_line(getattr(exc, "problem_mark", None), lines)
    context_line = _mark_line(getattr(exc, "context_mark", None), lines)
    marks = [line for line in (problem_line, context_line) if line is not None]
    last = max(marks) if marks else len(lines) - 1
    for index, (code, params) in _traps(lines, last):
        return index, code, params
    at = problem_line if problem_line is not None else (context_line or 0)
    at_context = context_line if context_line is not None else at
    if "cannot start any token" in problem and "\t" in lines[at]:
        return at, "content.yaml_tab", {}
    if "alias" in context or "anchor" in context:  # "title: *重要*" starts an alias
        return at_context, "content.yaml_alias", {}
    if "tag" in context:
        return at_context, "content.yaml_tag", {}
    if "quoted scalar" in context:
        return at_context, "content.yaml_quote_not_closed", {}
    if "flow sequence" in context or "flow mapping" in context:
        return at_context, "content.yaml_bracket_not_closed", {}
    if "could not find expected ':'" in problem:
        return at_context, "content.yaml_not_key_value", {}
    control = _CONTROL.search(problem) if "unacceptable character" in problem else None
    if control is not None:
        return at, "content.yaml_control_character", {"char": f"U+{int(control.group(1), 16):04X}"}
    if "nesting depth" in problem:
        return at, "content.yaml_too_deep", {}
    if ("mapping values are not allowed" in problem or "expected key" in problem
            or "'-' indicator" in problem or "block end" in problem):
        return at, "content.yaml_indent", {}
    return at, "content.yaml_syntax", {"detail": _shown(problem)}


def not_a_mapping(lines: list[str]) -> tuple[int, str, dict[str, object]]:
    """The YAML is valid but not ``key: value`` lines (often one line with a full-width colon)."""
    for index, (code, params) in _traps(lines, len(lines) - 1):
        return index, code, params
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    return first, "content.fm_not_mapping", {}


def merged_lines(node: ScalarNode, lines: list[str], first_line: int,
                 path: str) -> list[Finding]:
    """A plain value over several lines: YAML joins the lines silently. A continuation that
    looks like a new list item (over-indented ``- ``) or a new key is a finding."""
    start = node.start_mark.line
    end = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)
    found: list[Finding] = []
    for index in range(start + 1, min(end, len(lines) - 1) + 1):
        stripped = lines[index].strip(_INDENT)
        if stripped == "-" or stripped.startswith(("- ", "-\u3000")):
            found.append(Finding(path, first_line + index, Severity.WARNING,
                                 "content.yaml_item_overindented"))
            continue
        hint = line_trap(lines[index].lstrip(_INDENT))
        if hint is not None and hint[0] in ("content.yaml_fullwidth_colon",
                                            "content.yaml_no_space"):
            found.append(Finding(path, first_line + index, Severity.ERROR, hint[0], hint[1]))
    return found


def cut_comment(node: ScalarNode, lines: list[str], first_line: int,
                path: str) -> Finding | None:
    """``title: 第1回 #DX研修`` is the title "第1回": YAML reads `` #`` as a comment. A plain
    value followed on its line by ``#`` and text without a space (a hashtag, not a comment
    like ``# stable id``) is worth a warning."""
    end = node.end_mark
    if end.line >= len(lines) or not node.value:
        return None
    rest = lines[end.line][end.column:]
    comment = rest.lstrip(" \t")
    if rest[:1] in (" ", "\t") and comment.startswith("#") and comment[1:2] not in ("", " ", "\t"):
        return Finding(path, first_line + end.line, Severity.WARNING, "content.yaml_comment_cut",
                       {"value": _shown(node.value)})
    return None


def looks_like_fullwidth_dashes(first_line: str) -> bool:
    """``ーーー`` or ``－－－`` typed where the front matter's ``---`` belongs."""
    return (len(first_line) >= 3 and set(first_line) <= _DASHES
            and not first_line.isascii())
