"""Moodle GIFT -> quiz.md, reading each question as Moodle's own parser does (docs/gift-import.md).

Questions are separated by blank lines (always: an unclosed ``{`` is an error for its own
question, and the next questions import). Each is classified in Moodle's order
(``qformat_gift::readquestion``): no ``{}`` -> description; an empty answer block (after the
``####`` general feedback is taken off) -> essay; ``{#`` -> numerical; a ``~`` -> multiple
choice; ``=`` with ``->`` -> matching; ``T``/``TRUE``/``F``/``FALSE`` (in capitals) ->
true/false; anything else -> short answer (``{=a =b}``, ``{=a =%50%b}``, ``{=%0%*}``, ``{3}``).

Converted:
- multiple choice with a ``=`` answer is **single choice**, as in Moodle (radio buttons): the
  100 % answer is the right one; partial-credit answers (``~%50%``) become wrong ones and a
  note says so; two 100 % answers cannot be one right choice and the question is skipped;
- multiple choice without ``=`` is **select-all** (Moodle's checkboxes): answers with a
  positive weight are right; with a single right answer the heading says ``## [multiple] …``
  so it stays checkboxes;
- true/false (``正しい`` / ``誤り``) with Moodle's feedback order ``{T#wrong#right}``;
- per-answer ``#feedback`` and ``####`` general feedback go to the explanation block quote;
- format markers on the question, each answer, each feedback and the general feedback
  (:mod:`dxlearn.content.gift_text`); links and media dropped from ``[html]`` are noted.

Every other type is skipped with its line, and so is every malformed question; nothing is
dropped silently. Messages are catalogue codes (``dxlearn/messages/gift.py``). Pure Python.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from dxlearn.content import gift_text
from dxlearn.content.gift_text import DEFAULT_FORMAT, Converted, split_format, to_markdown
from dxlearn.files.text import decode
from dxlearn.messages import text as message_text

logger = logging.getLogger(__name__)

TRUE_LABEL = "正しい"
FALSE_LABEL = "誤り"
BLANK = "＿＿＿＿"
MULTIPLE_FLAG = "[multiple] "
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")  # Moodle's answer weight pattern
_TRUE_FALSE = ("T", "TRUE", "F", "FALSE")
_FULL = 1 - 1e-9  # a weight of 100 % (``=`` or ``%100%``)
_EQUALS_IN_TAG = re.compile(r"<[A-Za-z][^<>]*=[^<>]*>")  # <a href="..."> with '=' unescaped


@dataclass(frozen=True, slots=True)
class Skipped:
    """A question that was not converted, with the reason as a catalogue code."""

    line: int
    kind: str  # matching, numerical, short-answer, essay, description, invalid
    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return message_text(self.code, lang, **self.params)

    @property
    def message(self) -> str:
        return self.text("en")

    def format(self, path: str, lang: str = "en") -> str:
        return message_text("gift.skipped_line", lang, path=path, line=self.line,
                            reason=self.text(lang))


@dataclass(frozen=True, slots=True)
class Note:
    """A question converted with a change the trainer should know of."""

    line: int
    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return message_text(self.code, lang, **self.params)

    def format(self, path: str, lang: str = "en") -> str:
        return message_text("gift.note_line", lang, path=path, line=self.line,
                            note=self.text(lang))


@dataclass
class GiftResult:
    markdown: str  # quiz.md text ("" when no question was converted)
    converted: int
    skipped: list[Skipped] = field(default_factory=list)
    encoding: str = "utf-8"
    notes: list[Note] = field(default_factory=list)


@dataclass
class _Answer:
    text: str
    weight: float
    feedback: str
    correct: bool = False


@dataclass
class _Block:
    line: int  # first line of the question in the file
    text: str  # the question's lines (comments removed) joined with "\n"


class _Unsupported(Exception):
    def __init__(self, kind: str, code: str, **params: object) -> None:
        super().__init__(code)
        self.kind = kind
        self.code = code
        self.params = params


class _Question:
    """One question being converted: collects the notes of its texts."""

    def __init__(self, block: _Block) -> None:
        self.block = block
        self.notes: list[Note] = []

    def markdown(self, raw: str, text_format: str) -> str:
        converted = to_markdown(raw, text_format)
        self._note_dropped(converted)
        return converted.markdown

    def marked(self, raw: str, default: str) -> str:
        """A text with its own optional format marker -> one line of Markdown."""
        text_format, rest = split_format(raw.strip(), default)
        return gift_text.one_line(self.markdown(rest, text_format))

    def _note_dropped(self, converted: Converted) -> None:
        for dropped in converted.dropped:
            code = "gift.note_link_dropped" if dropped.tag == "a" else "gift.note_media_dropped"
            self.notes.append(Note(self.block.line, code,
                                   {"tag": dropped.tag, "target": dropped.target or "-"}))


# -- blocks -----------------------------------------------------------------------------------


def _blocks(text: str) -> list[_Block]:
    """Questions: runs of non-blank lines; ``//`` comment lines dropped (they do not split)."""
    blocks: list[_Block] = []
    lines: list[str] = []
    first = 0
    for number, line in enumerate([*text.split("\n"), ""], start=1):
        stripped = line.strip()
        if not stripped:
            if lines:
                blocks.append(_Block(first, "\n".join(lines)))
            lines = []
            continue
        if stripped.startswith("//"):
            continue
        if not lines and stripped.startswith("$CATEGORY:"):
            continue  # Moodle's category line: dxlearn has no categories
        if not lines:
            first = number
        lines.append(line)
    return blocks


# -- one question -----------------------------------------------------------------------------


def _parts(question: _Question) -> tuple[str, str, str, str]:
    """(title, question text, answer text, general feedback) of a block,
    with escapes as placeholders; raises _Unsupported for a description or a brace error."""
    text = gift_text.pre_escape(question.block.text).strip()
    title = ""
    if text.startswith("::"):
        text = text[2:]
        end = text.find("::")
        if end >= 0:  # an unclosed title is question text, as in Moodle
            title, text = text[:end], text[end + 2:].strip()
    start, finish = text.find("{"), text.find("}")
    if start < 0 and finish < 0:
        raise _Unsupported("description", "gift.skip_description")
    if finish < 0:
        raise _Unsupported("invalid", "gift.brace_unclosed")
    if start < 0 or finish < start:
        raise _Unsupported("invalid", "gift.brace_unopened")
    answers = text[start + 1:finish].strip()
    at_end = text.endswith("}")
    prompt = text[:start].rstrip() if at_end else (
        text[:start].rstrip() + f" {BLANK} " + text[finish + 1:].lstrip())
    general = ""
    cut = answers.rfind("####")
    if cut >= 0:
        general, answers = answers[cut + 4:], answers[:cut].strip()
    return title, prompt, answers, general


def _weight(raw: str) -> tuple[float, str]:
    """``%50%rest`` -> (0.5, "rest") as Moodle's ``answerweightparser``; no weight -> 0."""
    if not _WEIGHT.match(raw):
        return 0.0, raw
    body = raw[1:]
    end = body.find("%")
    try:
        weight = float(body[:end]) / 100
    except ValueError:
        weight = 0.0
    return weight, body[end + 1:]


def _choice_answers(question: _Question, answers: str, text_format: str) -> list[_Answer]:
    """Moodle's multichoice split: every ``=`` starts an answer of 100 %, ``~`` one weighted
    by its ``%n%`` (0 without); text before the first marker is an answer too."""
    pieces = answers.replace("=", "~=").split("~")
    pieces[0] = pieces[0].strip()
    if not pieces[0]:
        pieces.pop(0)
    if len(pieces) < 2:
        raise _Unsupported("invalid", "gift.too_few_answers")
    parsed = []
    for piece in pieces:
        piece = piece.strip()
        if piece.startswith("="):
            weight, piece = 1.0, piece[1:]
        else:
            weight, piece = _weight(piece)
        answer, _, feedback = piece.partition("#")
        text = question.marked(answer, text_format)
        if not text:
            raise _Unsupported("invalid", "gift.answer_empty")
        parsed.append(_Answer(text, weight, question.marked(feedback, text_format)))
    return parsed


def _multiple_choice(question: _Question, answers: str,
                     text_format: str) -> tuple[list[_Answer], bool]:
    """(answers with ``correct`` set, select-all)."""
    if _EQUALS_IN_TAG.search(answers):
        # Moodle would split the answer at that '=' and import a mangled question
        raise _Unsupported("invalid", "gift.equals_in_html")
    parsed = _choice_answers(question, answers, text_format)
    if "=" not in answers:  # Moodle: no 100 % answer marked '=' -> checkboxes
        for answer in parsed:
            answer.correct = answer.weight > 0
        if not any(a.correct for a in parsed):
            raise _Unsupported("invalid", "gift.no_right_answer")
        return parsed, True
    full = [a for a in parsed if a.weight >= _FULL]
    if len(full) > 1:
        raise _Unsupported("invalid", "gift.several_right_single", count=len(full))
    if not full:
        raise _Unsupported("invalid", "gift.no_right_answer")
    full[0].correct = True
    partial = [a.text for a in parsed if 0 < a.weight < _FULL]
    if partial:
        question.notes.append(Note(question.block.line, "gift.note_partial_credit",
                                   {"answers": "、".join(partial)}))
    return parsed, False


def _true_false(question: _Question, answers: str, text_format: str) -> list[_Answer]:
    """``{TRUE#feedback for a wrong answer#feedback for the right answer}`` (Moodle's order)."""
    head, wrong, right = ([*answers.split("#", 2), "", ""])[:3]
    is_true = head.strip() in ("T", "TRUE")
    wrong_text, right_text = question.marked(wrong, text_format), question.marked(right,
                                                                                  text_format)
    return [
        _Answer(TRUE_LABEL, 1.0 if is_true else 0.0, right_text if is_true else wrong_text,
                is_true),
        _Answer(FALSE_LABEL, 0.0 if is_true else 1.0, wrong_text if is_true else right_text,
                not is_true),
    ]


def _classify(answers: str) -> str:
    """Moodle's question type for an answer block (``general feedback`` already removed)."""
    if not answers:
        return "essay"
    if answers.startswith("#"):
        return "numerical"
    if "~" in answers:
        return "multichoice"
    if "=" in answers and "->" in answers:
        return "matching"
    head = answers[:answers.find("#")].strip() if answers.find("#") > 0 else answers
    return "truefalse" if head in _TRUE_FALSE else "short-answer"


def _short_answer(answers: str) -> _Unsupported:
    head = answers[:answers.find("#")].strip() if answers.find("#") > 0 else answers
    if head.upper() in _TRUE_FALSE:
        return _Unsupported("short-answer", "gift.skip_true_false_case", answer=head)
    return _Unsupported("short-answer", "gift.skip_short_answer")


def _convert(question: _Question) -> str:
    """One GIFT question -> quiz.md Markdown; raises _Unsupported."""
    title, prompt_raw, answers, general_raw = _parts(question)
    kind = _classify(answers)
    if kind == "essay":
        raise _Unsupported("essay", "gift.skip_essay")
    if kind == "numerical":
        raise _Unsupported("numerical", "gift.skip_numerical")
    if kind == "matching":
        raise _Unsupported("matching", "gift.skip_matching")
    if kind == "short-answer":
        raise _short_answer(answers)
    text_format, prompt_text = split_format(prompt_raw.strip(), DEFAULT_FORMAT)
    prompt = question.markdown(prompt_text, text_format)
    if not prompt:
        prompt = to_markdown(title, "plain").markdown
        text_format = "plain"
    if not prompt:
        raise _Unsupported("invalid", "gift.no_text")
    select_all = False
    if kind == "truefalse":
        parsed = _true_false(question, answers, text_format)
    else:
        parsed, select_all = _multiple_choice(question, answers, text_format)
    general_format, general_text = split_format(general_raw, text_format)  # not stripped first,
    general = gift_text.one_line(question.markdown(general_text, general_format))  # as Moodle
    single_right = sum(a.correct for a in parsed) == 1
    return _render(prompt, parsed, general, text_format, multiple=select_all and single_right)


def _render(prompt: str, answers: list[_Answer], general: str, text_format: str, *,
            multiple: bool) -> str:
    lines = gift_text.guard_lines(prompt, text_format)
    heading = gift_text.heading_text(lines[0])
    rest = lines[1:]
    while rest and not rest[0]:
        rest.pop(0)
    out = [f"## {MULTIPLE_FLAG if multiple else ''}{heading}", ""]
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
    notes: list[Note] = []
    source = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    for block in _blocks(source):
        question = _Question(block)
        try:
            parts.append(_convert(question))
        except _Unsupported as exc:
            skipped.append(Skipped(block.line, exc.kind, exc.code, exc.params))
            logger.info("GIFT question at line %d skipped: %s", block.line, exc.code)
            continue
        notes += question.notes
    return GiftResult("\n".join(parts), len(parts), skipped, notes=notes)


def convert_gift_bytes(data: bytes) -> GiftResult:
    """Decode UTF-8 (with or without BOM) or CP932, then convert. Raises files.text.DecodeError."""
    decoded = decode(data)
    result = convert_gift(decoded.text)
    result.encoding = decoded.encoding
    return result
