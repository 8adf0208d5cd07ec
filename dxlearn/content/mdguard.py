"""Keep Python-Markdown linear on any text.

Python-Markdown takes time that grows with the square of some inputs: for every ``[`` it scans to
the end of the paragraph for the matching ``]`` (60,000 ``[`` in one paragraph: hours), a
paragraph dense with escapes or entities is slow too, and an unclosed start tag (``<a`` with no
``>``) makes its HTML pass read the rest of the document again (a few thousand: minutes). Real
lessons are far below these sizes (ordinary Markdown converts at about 1 s per MB); a generated
or damaged file is not. So before a text is converted, :func:`tame`

- takes out every paragraph that would cost too much (more than :data:`MAX_MARKS` marks,
  ``[`` count x length over :data:`MAX_PARAGRAPH_COST`, past :data:`MAX_TOTAL_COST` or
  :data:`MAX_TOTAL_ENTITIES` for the file, or holding an unclosed start tag when there are more
  than :data:`MAX_OPEN_TAGS`) and puts a placeholder in its place;
- :meth:`Tamed.restore` puts those paragraphs back into the HTML as escaped plain text.

The caller reports a warning on the first line changed: nothing is changed silently, and
nothing changes for an ordinary lesson (a paragraph of 3,000 characters with 30 links costs
90,000 of the 250,000 allowed).
"""

from __future__ import annotations

import bisect
import itertools
import re
import secrets
from dataclasses import dataclass, field
from html import escape

MAX_OPEN_TAGS = 20  # unclosed "<tag" in one text before they are escaped
MAX_MARKS = 1_000  # Markdown marks in one paragraph
MAX_PARAGRAPH_COST = 250_000  # "[" count x paragraph length (~0.1 s)
MAX_TOTAL_COST = 5_000_000  # the same summed over the text (~2 s)
MAX_TOTAL_ENTITIES = 20_000  # "&" in the text (~20 us each in Python-Markdown)

_ANGLE = re.compile(r"[<>]")
_MARKS = "[<&\\`*_!"
_BLOCK_START = tuple("|-*+>#") + tuple("0123456789")


@dataclass
class Tamed:
    source: str  # what Markdown may convert
    first_changed: int | None = None  # 0-based line of the first change
    prefix: str = ""  # of the placeholders
    plain: list[str] = field(default_factory=list)  # paragraph n, shown as plain text

    def restore(self, html: str) -> str:
        """Put the paragraphs taken out back, as escaped text (one linear pass)."""
        if not self.plain:
            return html
        return re.sub(re.escape(self.prefix) + r"(\d+)X",
                      lambda m: escape(self.plain[int(m.group(1))]).replace("\n", "<br>"), html)


def _paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line ranges of the text runs Markdown parses inline as one: split at blank
    lines and at lines that start a block (list item, table row, quote, heading)."""
    ranges: list[tuple[int, int]] = []
    start: int | None = None
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if not stripped or (len(line) - len(stripped) <= 3 and stripped.startswith(_BLOCK_START)):
            if start is not None:
                ranges.append((start, index))
            start = index if stripped else None
        elif start is None:
            start = index
    if start is not None:
        ranges.append((start, len(lines)))
    return ranges


def _unclosed_tags(source: str) -> list[int]:
    """Positions of ``<tag`` with no ``>`` before the next ``<`` (or the end)."""
    open_at: int | None = None
    unclosed: list[int] = []
    for match in _ANGLE.finditer(source):
        position = match.start()
        if match.group() == ">":
            open_at = None
            continue
        if open_at is not None:
            unclosed.append(open_at)
        following = source[position + 1:position + 2]
        open_at = position if following.isalpha() or following in ("/", "!", "?") else None
    if open_at is not None:
        unclosed.append(open_at)
    return unclosed


def tame(source: str) -> Tamed:
    """``source`` made safe to convert (see the module docstring)."""
    if not any(mark in source for mark in _MARKS):
        return Tamed(source)
    lines = source.split("\n")
    unclosed_lines: set[int] = set()
    if source.count("<") > MAX_OPEN_TAGS:
        unclosed = _unclosed_tags(source)
        if len(unclosed) > MAX_OPEN_TAGS:
            starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
            unclosed_lines = {bisect.bisect_right(starts, position) - 1 for position in unclosed}
    tamed = Tamed(source)
    cost_total = entities_total = 0
    for start, end in _paragraphs(lines):
        text = "\n".join(lines[start:end])
        marks = sum(text.count(mark) for mark in _MARKS)
        if marks == 0:
            continue
        cost = text.count("[") * len(text)
        entities = text.count("&")
        if (marks <= MAX_MARKS and cost <= MAX_PARAGRAPH_COST
                and cost_total + cost <= MAX_TOTAL_COST
                and entities_total + entities <= MAX_TOTAL_ENTITIES
                and not any(line in unclosed_lines for line in range(start, end))):
            cost_total += cost
            entities_total += entities
            continue
        if not tamed.prefix:
            tamed.prefix = "DXLEARNPLAIN" + secrets.token_hex(8).upper() + "N"
        lines[start] = f"{tamed.prefix}{len(tamed.plain)}X"  # the line count stays the same
        for index in range(start + 1, end):
            lines[index] = ""
        tamed.plain.append(text)
        if tamed.first_changed is None:
            tamed.first_changed = start
    if tamed.plain:
        tamed.source = "\n".join(lines)
    return tamed
