"""Moodle GIFT -> quiz.md (docs/lesson-format.md, "quiz.md").

Supported: multiple choice (``=`` right, ``~`` wrong), multiple answers (``~%50%`` positive
weights are right, zero or negative wrong), true/false (``{T}``, ``{TRUE}``, ``{F}``,
``{FALSE}`` -> 正しい / 誤り), per-answer ``#feedback`` and ``####`` general feedback (into the
explanation block quote), escapes ``\\~ \\= \\# \\{ \\} \\:`` and ``\\n``, ``//`` comments,
``$CATEGORY:``, ``::title::`` (dropped; used as the question when the text is empty), and the
``[html]`` / ``[markdown]`` / ``[plain]`` / ``[moodle]`` format prefixes.

Not supported, each reported with its line and never silently dropped: matching (``->``),
numerical (``{#...}``), short answer (only ``=`` answers), essay (``{}``) and descriptions
(text without an answer block). Pure Python.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from dxlearn.files.text import decode

logger = logging.getLogger(__name__)

TRUE_LABEL = "正しい"
FALSE_LABEL = "誤り"
BLANK = "＿＿＿＿"
_ESCAPABLE = "~=#{}:"
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_FORMAT = re.compile(r"^\s*\[(html|markdown|plain|moodle)\]", re.IGNORECASE)
_TRUE_FALSE = re.compile(r"^(T|TRUE|F|FALSE)$", re.IGNORECASE)
_BLOCK_START = re.compile(r"^(\s*)([-+*>]|\d+[.)]|#)")
_CHOICE_LIKE = re.compile(r"^[-*+]\s+[\[［]")
_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<\s*(br|/p|/div|/li|/h\d)\s*/?\s*>", re.IGNORECASE)
_INLINE_TAG = re.compile(r"</?(b|strong|i|em|u|sup|sub|code|br)\s*/?>", re.IGNORECASE)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#])")


@dataclass(frozen=True, slots=True)
class Skipped:
    line: int
    kind: str  # matching, numerical, short-answer, essay, description, invalid
    message: str

    def format(self, path: str) -> str:
        return f"{path}:{self.line}: skipped: {self.message}"


@dataclass
class GiftResult:
    markdown: str  # quiz.md text ("" when no question was converted)
    converted: int
    skipped: list[Skipped] = field(default_factory=list)
    encoding: str = "utf-8"


@dataclass
class _Answer:
    text: str
    correct: bool
    feedback: str


@dataclass
class _Block:
    line: int  # first line of the question in the file
    text: str  # raw GIFT text, comments removed, lines joined with "\n"
    line_of: list[int]  # file line of each line of ``text``


class _Unsupported(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


# -- low-level scanning -----------------------------------------------------------------------


def _unescape(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            following = text[i + 1]
            if following in _ESCAPABLE or following == "\\":
                out.append(following)
                i += 2
                continue
            if following == "n":
                out.append("\n")
                i += 2
                continue
        out.append(char)
        i += 1
    return "".join(out)


def _find(text: str, target: str, start: int = 0) -> int:
    """Index of the first unescaped ``target`` at or after ``start``; -1 when none."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(target, i):
            return i
        i += 1
    return -1


def _blocks(text: str) -> list[_Block]:
    """Split into questions at blank lines (not inside an open ``{``); drop ``//`` comments."""
    blocks: list[_Block] = []
    lines: list[str] = []
    numbers: list[int] = []
    depth = 0

    def flush() -> None:
        if any(line.strip() for line in lines):
            blocks.append(_Block(numbers[0], "\n".join(lines), list(numbers)))
        lines.clear()
        numbers.clear()

    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if not stripped:
            if depth <= 0:
                flush()
                depth = 0
            continue
        if not lines and stripped.startswith("$CATEGORY:"):
            continue
        lines.append(line)
        numbers.append(number)
        i = 0
        while i < len(line):
            if line[i] == "\\":
                i += 2
                continue
            depth += {"{": 1, "}": -1}.get(line[i], 0)
            i += 1
    flush()
    return blocks


# -- text conversion --------------------------------------------------------------------------


def _html_to_markdown(source: str) -> str:
    """Moodle's HTML: block ends become line breaks, simple inline tags stay (the renderer's
    sanitiser keeps them), everything else is dropped. Entities stay entities."""
    text = _BREAK.sub("\n", source)
    return _TAG.sub(lambda m: m.group(0) if _INLINE_TAG.fullmatch(m.group(0)) else "", text)


def _markdown_text(raw: str, text_format: str) -> str:
    """GIFT text (escapes still in) -> Markdown source for quiz.md."""
    text = _unescape(raw)
    if text_format == "html":
        text = _MARKDOWN_SPECIAL.sub(r"\\\1", _html_to_markdown(text))
    elif text_format in ("plain", "moodle"):
        text = _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")
    return text.strip()


def _guard_lines(text: str, text_format: str) -> list[str]:
    """Prompt lines must not be read as headings (a new question) or choices in quiz.md; plain
    text must not turn into lists or quotes either."""
    guarded = []
    for line in text.split("\n"):
        line = line.strip()
        match = _BLOCK_START.match(line)
        dangerous = match is not None and (text_format != "markdown" or match.group(2) == "#"
                                           or _CHOICE_LIKE.match(line) is not None)
        if match and dangerous:
            marker = match.group(2)
            line = f"{marker[:-1]}\\{marker[-1]}{line[match.end():]}"
        guarded.append(line)
    return guarded


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.split("\n") if part.strip())


# -- one question -----------------------------------------------------------------------------


def _split_answers(body: str) -> tuple[list[tuple[str, str]], str]:
    """Answer block -> [(marker, raw text with weight and feedback)], general feedback."""
    general = ""
    cut = _find(body, "####")
    if cut >= 0:
        general = body[cut + 4:]
        body = body[:cut]
    answers: list[tuple[str, str]] = []
    i = 0
    current: list[str] | None = None
    marker = ""
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            if current is not None:
                current.append(body[i:i + 2])
            i += 2
            continue
        if char in "=~":
            if current is not None:
                answers.append((marker, "".join(current)))
            marker, current = char, []
        elif current is not None:
            current.append(char)
        elif not char.isspace():
            raise _Unsupported("invalid", f"unexpected '{char}' before the first '=' or '~' "
                               "in the answers")
        i += 1
    if current is not None:
        answers.append((marker, "".join(current)))
    return answers, general


def _parse_answer(marker: str, raw: str, text_format: str) -> _Answer:
    weight_match = _WEIGHT.match(raw.strip())
    stripped = raw.strip()
    weight: float | None = None
    if weight_match:
        weight = float(weight_match.group(1))
        stripped = stripped[weight_match.end():]
    cut = _find(stripped, "#")
    feedback = ""
    if cut >= 0:
        feedback = stripped[cut + 1:]
        stripped = stripped[:cut]
    correct = marker == "=" if weight is None else weight > 0
    return _Answer(_one_line(_markdown_text(stripped, text_format)), correct,
                   _one_line(_markdown_text(feedback, text_format)))


def _question(block: _Block) -> str:
    """One GIFT question -> quiz.md Markdown; raises _Unsupported."""
    text = block.text.strip()
    title = ""
    if text.startswith("::"):
        end = _find(text, "::", 2)
        if end < 0:
            raise _Unsupported("invalid", "the title '::...' is not closed with '::'")
        title = _unescape(text[2:end]).strip()
        text = text[end + 2:].lstrip()
    text_format = "moodle"
    fmt = _FORMAT.match(text)
    if fmt:
        text_format = fmt.group(1).lower()
        text = text[fmt.end():].lstrip()
    open_at = _find(text, "{")
    if open_at < 0:
        raise _Unsupported("description", "text without an answer block { } (a description, "
                           "not a question)")
    close_at = _find(text, "}", open_at + 1)
    if close_at < 0:
        raise _Unsupported("invalid", "the answer block '{' is not closed with '}'")
    before, body, after = text[:open_at], text[open_at + 1:close_at], text[close_at + 1:]
    prompt_raw = (before.rstrip() + (f" {BLANK} " + after.lstrip() if after.strip() else ""))
    prompt = _markdown_text(prompt_raw, text_format) or _markdown_text(title, "plain")
    if not prompt:
        raise _Unsupported("invalid", "the question has no text")
    answers, general = _answers(body, text_format)
    if any(not a.text for a in answers):
        raise _Unsupported("invalid", "an answer has no text after '=' or '~'")
    if len(answers) < 2:
        raise _Unsupported("invalid", "a question needs at least two answers")
    if not any(a.correct for a in answers):
        raise _Unsupported("invalid", "no answer is marked right ('=' or a positive '%weight%')")
    return _render(prompt, answers, _one_line(_markdown_text(general, text_format)),
                   text_format)


def _answers(body: str, text_format: str) -> tuple[list[_Answer], str]:
    stripped = body.strip()
    if not stripped:
        raise _Unsupported("essay", "essay question ({}) is not supported; quiz.md has "
                           "choice questions only")
    if stripped.startswith("#"):
        raise _Unsupported("numerical", "numerical question ({#...}) is not supported; "
                           "rewrite it as a choice question")
    head_cut = _find(stripped, "#")
    head = (stripped if head_cut < 0 else stripped[:head_cut]).strip()
    if _TRUE_FALSE.match(head):
        return _true_false(head, stripped[head_cut:] if head_cut >= 0 else "", text_format)
    if _find(stripped, "->") >= 0:
        raise _Unsupported("matching", "matching question (->) is not supported; "
                           "rewrite it as choice questions")
    raw_answers, general = _split_answers(stripped)
    if raw_answers and all(marker == "=" for marker, _ in raw_answers) and not any(
            _WEIGHT.match(raw.strip()) for _, raw in raw_answers):
        raise _Unsupported("short-answer", "short answer question (only '=' answers) is not "
                           "supported; add wrong choices with '~' to make it multiple choice")
    return [_parse_answer(marker, raw, text_format) for marker, raw in raw_answers], general


def _true_false(head: str, feedback: str, text_format: str) -> tuple[list[_Answer], str]:
    """``{T#wrong feedback#right feedback####general}`` (Moodle's order)."""
    general = ""
    cut = _find(feedback, "####")
    if cut >= 0:
        general, feedback = feedback[cut + 4:], feedback[:cut]
    parts: list[str] = []
    rest = feedback[1:] if feedback.startswith("#") else feedback
    while rest:
        cut = _find(rest, "#")
        parts.append(rest if cut < 0 else rest[:cut])
        rest = "" if cut < 0 else rest[cut + 1:]
    wrong_feedback = _one_line(_markdown_text(parts[0], text_format)) if parts else ""
    right_feedback = _one_line(_markdown_text(parts[1], text_format)) if len(parts) > 1 else ""
    is_true = head.upper().startswith("T")
    return [
        _Answer(TRUE_LABEL, is_true, right_feedback if is_true else wrong_feedback),
        _Answer(FALSE_LABEL, not is_true, wrong_feedback if is_true else right_feedback),
    ], general


def _render(prompt: str, answers: list[_Answer], general: str, text_format: str) -> str:
    lines = _guard_lines(prompt, text_format)
    heading, rest = lines[0], lines[1:]
    out = [f"## {heading}", ""]
    if any(line for line in rest):
        out += [*rest, ""]
    out += [f"- [{'x' if a.correct else ' '}] {a.text}" for a in answers]
    explanation = [f"- {a.text}：{a.feedback}" for a in answers if a.feedback]
    if general:
        explanation += ([""] if explanation else []) + [general]
    if explanation:
        out.append("")
        out += [f"> {line}" if line else ">" for line in explanation]
    return "\n".join(out) + "\n"


# -- the file ---------------------------------------------------------------------------------


def convert_gift(text: str) -> GiftResult:
    """GIFT text (decoded) -> quiz.md Markdown with every unsupported question reported."""
    parts: list[str] = []
    skipped: list[Skipped] = []
    for block in _blocks(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")):
        try:
            parts.append(_question(block))
        except _Unsupported as exc:
            skipped.append(Skipped(block.line, exc.kind, exc.message))
            logger.info("GIFT question at line %d skipped: %s", block.line, exc.message)
    return GiftResult("\n".join(parts), len(parts), skipped)


def convert_gift_bytes(data: bytes) -> GiftResult:
    """Decode UTF-8 (with or without BOM) or CP932, then convert. Raises files.text.DecodeError."""
    decoded = decode(data)
    result = convert_gift(decoded.text)
    result.encoding = decoded.encoding
    return result
