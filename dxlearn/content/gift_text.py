"""The text of a GIFT question -> Markdown for quiz.md: escapes, format markers, and HTML.

GIFT texts carry a format marker (``[html]``, ``[markdown]``, ``[plain]``, ``[moodle]``; the
default is ``moodle``, and an answer's or a feedback's default is the question text's format,
as in Moodle). What each becomes in quiz.md:

- ``markdown``: kept as written, except that a raw HTML tag's ``<`` becomes ``&lt;`` (the tag
  is shown as text, never interpreted);
- ``plain`` and ``moodle``: literal text (every Markdown character escaped, ``<`` and ``&`` as
  entities) -- Moodle's auto-format would let HTML through; dxlearn shows what was typed;
- ``html``: reduced to safe Markdown by :func:`html_to_markdown` (stdlib ``html.parser``, so
  malformed HTML never raises): bold and italics kept, paragraphs, line breaks and list items
  become lines, every other tag is dropped with its text kept, and links and media (``<a>``,
  ``<img>``, ``<video>``, ``<iframe>``, ...) are dropped and reported. Never raw HTML.

Escapes follow Moodle's ``escapedchar_pre``/``_post``: ``\\\\`` first, then ``\\:`` ``\\#``
``\\=`` ``\\{`` ``\\}`` ``\\~`` and ``\\n`` become placeholders (private-use characters) before
the question is split, and are turned back into text at the very end.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

FORMATS = ("moodle", "html", "plain", "markdown")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
DEFAULT_FORMAT = "moodle"

# placeholder -> the character it stands for (U+E000.. are never typed in a GIFT file; any
# found in the input are replaced by U+FFFD before the placeholders are made)
_BACKSLASH = "\ue000"
_PLACEHOLDERS = {"\ue001": ":", "\ue002": "#", "\ue003": "=", "\ue004": "{", "\ue005": "}",
                 "\ue006": "~", "\ue007": "\n", _BACKSLASH: "\\"}
_ESCAPES = {"\\:": "\ue001", "\\#": "\ue002", "\\=": "\ue003", "\\{": "\ue004",
            "\\}": "\ue005", "\\~": "\ue006", "\\n": "\ue007"}
_PRIVATE = re.compile("[\ue000-\ue007]")
_RESTORE = str.maketrans(_PLACEHOLDERS)

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#])")
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")  # HTML white space (not U+3000)
_BLOCK_START = re.compile(r"^([-+*>]|\d+[.)]|#)")
_LIST_START = re.compile(r"^([-+*](?=\s|$)|\d+[.)](?=\s|$)|>|#)")
_CHOICE_LIKE = re.compile(r"^[-*+]\s+[\[［]")
_FENCE = re.compile(r"^(```|~~~)")

BREAK_TAGS = frozenset({"br"})
BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "tr", "table", "thead",
    "tbody", "tfoot", "blockquote", "pre", "section", "article", "header", "footer", "dl",
    "dt", "dd", "hr", "figure", "figcaption", "address", "caption", "center", "main", "nav",
    "aside", "details", "summary",
})
STRONG_TAGS = frozenset({"b", "strong"})
EMPHASIS_TAGS = frozenset({"i", "em"})
MEDIA_TAGS = frozenset({
    "img", "video", "audio", "iframe", "object", "embed", "source", "track", "picture", "svg",
    "canvas", "math", "map", "area", "applet", "frame", "frameset", "input", "form", "button",
    "select", "textarea",
})
# content shown only where the element cannot be: never text of the question
HIDDEN_CONTENT = frozenset({
    "script", "style", "template", "head", "title", "svg", "math", "object", "video", "audio",
    "iframe", "canvas", "applet", "noscript", "select", "textarea", "button",
})
VOID_TAGS = frozenset({"br", "hr", "img", "embed", "source", "track", "area", "input", "col",
                       "meta", "link", "param", "wbr", "base"})


def pre_escape(text: str) -> str:
    """GIFT escapes -> placeholders (Moodle's ``escapedchar_pre``)."""
    text = _PRIVATE.sub("\ufffd", text).replace("\\\\", _BACKSLASH)
    for escape, placeholder in _ESCAPES.items():
        text = text.replace(escape, placeholder)
    return text


def restore(text: str) -> str:
    """Placeholders -> the characters they stand for (Moodle's ``escapedchar_post``)."""
    return text.translate(_RESTORE)


def split_format(text: str, default: str) -> tuple[str, str]:
    """``[html]text`` -> ("html", "text"), as Moodle's ``parse_text_with_format``: the marker
    must open the text, in lower case; an unknown one stays in the text."""
    if text.startswith("["):
        end = text.find("]")
        if end > 0 and text[1:end] in FORMATS:
            return text[1:end], text[end + 1:]
    return default, text


@dataclass(frozen=True, slots=True)
class Dropped:
    """A link or a medium left out of an ``[html]`` text."""

    tag: str  # "a", "img", "video", "script", ...
    target: str  # its href/src/data ("" when it had none)


@dataclass
class Converted:
    markdown: str
    dropped: list[Dropped] = field(default_factory=list)


def escape_markdown(text: str) -> str:
    """Literal text for Markdown: specials escaped, ``&`` and ``<`` as entities."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


class _HtmlToMarkdown(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list[str]]] = [("", [])]
        self.hidden = 0
        self.pre = 0
        self.dropped: list[Dropped] = []

    @property
    def out(self) -> list[str]:
        return self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if self.hidden:
            if tag in HIDDEN_CONTENT:
                self.hidden += 1
            return
        if tag in MEDIA_TAGS or tag in HIDDEN_CONTENT:
            target = found.get("src") or found.get("data") or found.get("href") or ""
            if tag not in ("source", "track", "area") or target:
                self.dropped.append(Dropped(tag, target))
            if tag == "img" and found.get("alt", "").strip():
                self.out.append(escape_markdown(found["alt"].strip()))
            if tag in HIDDEN_CONTENT:
                self.hidden = 1
            return
        if tag in BREAK_TAGS:
            self.out.append("\n")
        elif tag in BLOCK_TAGS:
            self.out.append("\n")
            if tag == "li":
                self.out.append("・")
            if tag == "pre":
                self.pre += 1
        elif tag in STRONG_TAGS or tag in EMPHASIS_TAGS or tag == "a":
            self.stack.append((tag, []))
            if tag == "a" and found.get("href", "").strip():
                self.dropped.append(Dropped("a", found["href"].strip()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            if tag in HIDDEN_CONTENT:
                self.hidden -= 1
            return
        if tag in BLOCK_TAGS:
            self.out.append("\n")
            if tag == "pre" and self.pre:
                self.pre -= 1
            return
        if not any(open_tag == tag for open_tag, _ in self.stack[1:]):
            return  # an end tag without its start: ignored, as a browser does
        while self.stack[-1][0] != tag:
            self._close()
        self._close()

    def _close(self) -> None:
        tag, parts = self.stack.pop()
        inner = "".join(parts)
        core = inner.strip()
        if core and "\n" not in core and (tag in STRONG_TAGS or tag in EMPHASIS_TAGS):
            marker = "**" if tag in STRONG_TAGS else "*"
            lead, trail = inner[:len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
            self.out.append(f"{lead}{marker}{core}{marker}{trail}")
        else:
            self.out.append(inner)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.pre:
            self.out.append(escape_markdown(data))
        else:
            self.out.append(escape_markdown(_WHITESPACE.sub(" ", data)))

    def result(self) -> str:
        self.close()
        while len(self.stack) > 1:
            self._close()
        # every block and line break is a paragraph of its own: Markdown would join lines
        lines = [line.strip() for line in "".join(self.out).split("\n")]
        return "\n\n".join(line for line in lines if line)


def html_to_markdown(source: str) -> Converted:
    """An ``[html]`` text -> safe Markdown and the links and media that were left out."""
    parser = _HtmlToMarkdown()
    parser.feed(source)
    markdown = parser.result()
    return Converted(markdown, parser.dropped)


def to_markdown(raw: str, text_format: str) -> Converted:
    """A GIFT text (placeholders still in, format marker removed) -> Markdown."""
    text = restore(raw)
    if text_format == "html":
        return html_to_markdown(text)
    if text_format == "markdown":
        # Markdown as written, but no raw HTML in quiz.md: a tag's "<" becomes an entity
        return Converted(_TAG_START.sub("&lt;", text).strip())
    return Converted(escape_markdown(text).strip())


def guard_lines(text: str, text_format: str) -> list[str]:
    """The prompt's lines, made safe for quiz.md: none may read as a heading (a new question),
    a choice, a code fence or, for text that was not Markdown, a list or a quote."""
    guarded = []
    for line in text.split("\n"):
        line = line.strip()
        if text_format == "markdown":
            match = _BLOCK_START.match(line)
            dangerous = match is not None and (match.group(1) == "#"
                                               or _CHOICE_LIKE.match(line) is not None)
        else:
            match = _LIST_START.match(line) if text_format == "html" else _BLOCK_START.match(line)
            dangerous = match is not None
        if match is not None and dangerous:
            marker = match.group(1)
            line = f"{marker[:-1]}\\{marker[-1]}{line[match.end():]}"
        if _FENCE.match(line):
            line = ("\\`" if line[0] == "`" else "&#126;") + line[1:]
        guarded.append(line)
    return guarded


def heading_text(line: str) -> str:
    """The prompt's first line as a quiz.md heading: a leading bracket would be read as the
    question's id and flags (``## [q-1, multiple] ...``), so it is escaped."""
    if line.startswith("["):
        return "\\" + line
    if line.startswith("［"):
        return "&#xFF3B;" + line[1:]
    return line


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def one_line(text: str) -> str:
    """Lines joined into one (a choice, a feedback): with a space, except between two
    Japanese (full-width) characters, where a space would show as a gap."""
    joined = ""
    for part in (part.strip() for part in text.split("\n")):
        if part:
            gap = "" if joined and _wide(joined[-1]) and _wide(part[0]) else " "
            joined = f"{joined}{gap}{part}" if joined else part
    return joined
