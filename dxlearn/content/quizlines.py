"""The lines of quiz.md, recognised one at a time: headings, choices, and the near misses a
trainer types in Notepad or through a Japanese IME (``###``, ``＃＃``, ``-[x]``, ``・[x]``,
``－ [x]``, ``- [○]``), each with the catalogue code that says how to write it.

Plain string operations, no regular expression over a whole line: a line of any length (a run
of 60,000 spaces) is recognised in linear time.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from .fields import ID_PATTERN, MAX_RECORD_ID_CHARS, shown

SPACES = " \t\u3000"  # what an IME may leave between marks: ASCII space, tab, full-width space
_BULLETS = "-*+"
_NEAR_BULLETS = "・･－ー‐–—−‒―●○◯■□◆◇•※＊＋"
_OPEN = "[［【〔"
_CLOSE = "]］】〕"
_CORRECT_MARKS = frozenset("xXｘＸ")
_MAX_MARK = 4  # characters between the brackets of something meant as a choice
_FLAG = "multiple"
_FLAG_NEAR = frozenset({"複数", "全て", "すべて", "multi", "multiple-choice", "select-all"})
_TOKEN_SPLIT = re.compile(r"[,、，;；\s]+")
_STEM_TAG = re.compile(r"<[^<>]{0,500}>")
_STEM_LINK = re.compile(r"!?\[([^\[\]]{0,500})\]\([^()]{0,500}\)")
_STEM_MARKS = str.maketrans("", "", "*_~`")


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # number of '#' (full-width counted too)
    text: str  # after the marks, closing hashes removed
    written: str  # the marks as typed (for the message)
    proper: bool  # exactly '##' in half-width: a question


def heading(line: str) -> Heading | None:
    """A Markdown-style heading line (up to three spaces before it), or None."""
    body = line.lstrip(" ")
    if len(line) - len(body) > 3 or not body.startswith(("#", "＃")):
        return None
    rest = body.lstrip("#＃")
    marks = body[:len(body) - len(rest)]
    proper = marks == "##"
    if not proper and rest and rest[0] not in SPACES:
        return None  # "#DX推進" is a word, not a heading
    text = rest.strip(SPACES)
    closing = text.rstrip("#")
    if closing != text and (not closing or closing[-1] in SPACES):
        text = closing.rstrip(SPACES)  # "## 題 ##": closing hashes need a space before them
    return Heading(len(marks), text, marks, proper)


@dataclass(frozen=True, slots=True)
class ChoiceLine:
    correct: bool
    text: str


def _bullet_split(line: str) -> tuple[str, str, str] | None:
    """(indent, bullet, gap) where the line's first mark starts, or None when it starts
    with no bullet-like mark and no bracket. ``gap`` is the space after the bullet."""
    body = line.lstrip(SPACES)
    indent = line[:len(line) - len(body)]
    if not body:
        return None
    if body[0] in _BULLETS or body[0] in _NEAR_BULLETS:
        bullet = body[0]
    elif body[0].isdigit():
        digits = len(body) - len(body.lstrip("0123456789"))
        if body[digits:digits + 1] not in (".", ")", "．", "）"):
            return None
        bullet = body[:digits + 1]
    elif body[0] in _OPEN:
        return indent, "", ""
    else:
        return None
    after = body[len(bullet):]
    gap = after[:len(after) - len(after.lstrip(SPACES))]
    return indent, bullet, gap


def _bracket(rest: str) -> tuple[str, str, str] | None:
    """(opening, inside, after) for ``[x] text`` at the start of ``rest``; None when it is
    not a short bracket (a Markdown link ``[text](url)`` is not)."""
    if not rest or rest[0] not in _OPEN:
        return None
    for index in range(1, min(len(rest), _MAX_MARK + 2)):
        if rest[index] in _CLOSE:
            after = rest[index + 1:]
            if after.startswith(("(", "（")):
                return None
            return rest[0], rest[1:index], after
        if rest[index] in _OPEN:
            return None
    return None


def choice(line: str) -> ChoiceLine | None:
    """``- [ ] text`` / ``- [x] text``: a choice, as forgiving as an IME needs (full-width
    brackets, x and spaces; up to three spaces of indentation)."""
    split = _bullet_split(line)
    if split is None:
        return None
    indent, bullet, gap = split
    if len(indent) > 3 or bullet not in ("-", "*", "+") or not gap:
        return None
    found = _bracket(line.lstrip(SPACES)[1:].lstrip(SPACES))
    if found is None or found[0] not in "[［":
        return None
    mark = found[1].strip(SPACES)
    if mark and mark not in _CORRECT_MARKS:
        return None
    return ChoiceLine(bool(mark), found[2].strip())


def near_choice(line: str) -> tuple[str, dict[str, object]] | None:
    """A line meant as a choice but not written as one: (code, params) saying how to write it.
    None for a proper choice and for anything else."""
    split = _bullet_split(line)
    if split is None:
        return None
    _indent, bullet, gap = split
    rest = line.lstrip(SPACES)[len(bullet):].lstrip(SPACES)
    found = _bracket(rest)
    if found is None:
        return None
    mark = found[1].strip(SPACES)
    if not bullet:
        return "content.choice_no_bullet", {}
    if bullet not in ("-", "*", "+"):
        return "content.choice_bullet", {"bullet": bullet}
    if not gap:
        return "content.choice_no_space", {}
    if found[0] not in "[［" or (mark and mark not in _CORRECT_MARKS):
        written = rest[:len(found[1]) + 2]  # the brackets and what is between them, as typed
        return "content.choice_mark", {"mark": shown(written)}
    return None  # a proper choice


@dataclass(frozen=True, slots=True)
class HeadingId:
    """What the ``[...]`` at the start of a question heading says."""

    text: str  # the heading text without the brackets
    id: str | None = None
    select_all: bool = False
    problems: tuple[tuple[str, dict[str, object]], ...] = ()


def heading_id(text: str) -> HeadingId:
    """``[q-online-3, multiple] 問題文`` -> id, flag and the rest; problems as (code, params)."""
    found = _bracket_block(text)
    if found is None:
        return HeadingId(text)
    inside, rest = found
    tokens = [t for t in _TOKEN_SPLIT.split(unicodedata.normalize("NFKC", inside)) if t]
    problems: list[tuple[str, dict[str, object]]] = []
    if not tokens:
        problems.append(("content.question_bracket_empty", {}))
    ids: list[str] = []
    select_all = False
    for token in tokens:
        if token.lower() == _FLAG:
            select_all = True
        elif token.lower() in _FLAG_NEAR or (
                difflib.SequenceMatcher(None, token.lower(), _FLAG).ratio() >= 0.75):
            problems.append(("content.question_flag_near", {"flag": shown(token)}))
        elif ID_PATTERN.fullmatch(token) and len(token) > MAX_RECORD_ID_CHARS:
            # the store keeps each answer's question id in 128 characters
            problems.append(("content.value_id_too_long", {
                "key": "id", "value": shown(token), "length": len(token),
                "limit": MAX_RECORD_ID_CHARS}))
        elif ID_PATTERN.fullmatch(token):
            ids.append(token)
        else:
            problems.append(("content.question_id_invalid", {"id": shown(token)}))
    if len(ids) > 1:
        problems.append(("content.question_two_ids", {"ids": shown(", ".join(ids))}))
    return HeadingId(rest, ids[0] if ids else None, select_all, tuple(problems))


def _bracket_block(text: str) -> tuple[str, str] | None:
    """(inside, rest) for a heading that starts with ``[...]`` / ``［...］`` (not a link)."""
    if not text.startswith(("[", "［")):
        return None
    for index in range(1, min(len(text), 200)):
        if text[index] in "]］":
            rest = text[index + 1:]
            if rest.startswith(("(", "（")):
                return None  # "[参考](link) ..." is a link
            return text[1:index], rest.strip(SPACES)
    return None


def stem_id(prompt: str) -> str:
    """The id of a question without one: ``s-`` + 12 hex digits of the SHA-256 of its
    normalised text (NFKC, markup removed, whitespace collapsed), so it stays the same when the
    questions are reordered or the file is re-saved with other line ends or spacing."""
    text = unicodedata.normalize("NFKC", prompt)
    text = _STEM_TAG.sub(" ", text)
    text = _STEM_LINK.sub(r"\1", text)
    text = text.translate(_STEM_MARKS)
    text = " ".join(word.lstrip("#>") for word in text.split())
    text = " ".join(text.split())
    return "s-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def is_list_item(line: str) -> bool:
    """A Markdown list item (``- a``, ``* a``, ``1. a``) with up to three spaces before it."""
    split = _bullet_split(line)
    if split is None:
        return False
    indent, bullet, gap = split
    ascii_bullet = bullet in ("-", "*", "+") or (bullet[:-1].isdigit() and bullet[-1] in ".)")
    return len(indent) <= 3 and ascii_bullet and bool(gap)
