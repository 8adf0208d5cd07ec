"""Search across lessons: titles, bodies (with the objectives), quiz stems and explanations.

**Matching** ignores the differences a learner cannot be expected to type right: full and half
width (ＤＸ = DX, ｶﾞ = ガ), upper and lower case, hiragana and katakana (ぺーぱーれす finds
ペーパーレス). :func:`normalise` is the one rule: Unicode NFKC, case folding, NFKC again, then
katakana to hiragana. A query is split at spaces (full-width too) into terms that must all occur
in the lesson; each term is a plain substring, so one- and two-character queries (研修, AI)
work, as Japanese has no spaces between words.

**The index** (:class:`LibraryIndex`, one per library) is every searchable text of the library
normalised and joined into one string, lesson after lesson, each lesson's title first, then its
body, then its questions, so the first match in a lesson is also its best field. A query is a
few ``str.find`` calls per matching lesson (C speed; bench/search.py measures 2,000 lessons).
The original texts are kept beside it for the snippets. Building reads the rendered HTML (what
the learner sees), so it runs off the GUI thread, and the index is cached in the data folder's
``cache/`` beside the library cache (:func:`load_index_cached`), keyed by a digest of the texts.

**Snippets** show the original text around the first match with every term's occurrences
marked; the position of a match in the original text is found by normalising a window of it
character cluster by character cluster (:func:`aligned`), so a highlight never lands beside the
word even where normalising changes the length (ﾊﾟ, ㈱).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from html.parser import HTMLParser
from pathlib import Path

from dxlearn import __version__

from .cache import cached
from .model import Lesson, Library

logger = logging.getLogger(__name__)

FORMAT = 1
SNIPPET_BEFORE = 30  # characters of context before the match
SNIPPET_LENGTH = 110
DEFAULT_LIMIT = 50

# katakana (ァ..ヶ, ヽヾ) -> hiragana; ー and ・ are shared by both scripts and stay
_KANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)} | {0x30FD: 0x309D,
                                                                   0x30FE: 0x309E}
_SPACES = re.compile(r"\s+")
# characters that belong to the previous one when normalising (dakuten, combining marks)
_JOINING = frozenset("\uff9e\uff9f")


def normalise(text: str) -> str:
    """The matching form of ``text`` (module docstring)."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return folded.translate(_KANA)


def query_terms(query: str) -> list[str]:
    """The normalised terms of a query, in order, without repeats or empty ones."""
    terms: list[str] = []
    for part in _SPACES.split(normalise(query)):
        part = "".join(ch for ch in part if ch.isprintable())
        if part and part not in terms:
            terms.append(part)
    return terms


@functools.lru_cache(maxsize=1 << 14)
def _joins(ch: str) -> bool:
    """``ch`` belongs to the character before it (a combining mark, a half-width dakuten)."""
    return ch in _JOINING or unicodedata.combining(ch) != 0


@functools.lru_cache(maxsize=1 << 14)
def _form(ch: str) -> str:
    return normalise(ch)


@functools.cache
def _irregular() -> re.Pattern[str]:
    """The characters that :func:`normalise` does not turn into exactly one character on their
    own (ﾊﾟ's ﾟ, ㈱, ß, combining marks), and everything outside the BMP: text without them
    keeps its length and every position when normalised (unless characters compose, which
    shortens it). Built once (65,536 code points, about 0.1 s: the index builder warms it)."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        form = normalise(ch)
        if len(form) != 1 or _joins(ch) or unicodedata.combining(form):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    parts = [re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
             for a, b in ranges]
    return re.compile("[" + "".join(parts) + "\U00010000-\U0010FFFF]")


@dataclass(frozen=True, slots=True)
class Alignment:
    """A text normalised, and where in the original each normalised character comes from."""

    text: str
    starts: list[int] | None = None  # None: the same positions as the original
    ends: list[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of normalised characters ``start..end`` (end exclusive)."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def aligned(text: str) -> Alignment:
    """``text`` normalised with its positions (a character and the marks joined to it, such
    as ｶﾞ, are normalised together, as :func:`normalise` treats them)."""
    whole = normalise(text)
    if len(whole) == len(text) and _irregular().search(text) is None:
        return Alignment(whole)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and _joins(text[j]):
            j += 1
        piece = _form(text[i]) if j == i + 1 else normalise(text[i:j])
        out.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return Alignment("".join(out), starts, ends)


# -- the texts of a lesson ------------------------------------------------------------------------


class Field(IntEnum):
    """Where a match is; the order is the ranking (a title match first)."""

    TITLE = 0
    BODY = 1
    QUESTION = 2
    EXPLANATION = 3


_BLOCKS = frozenset({"p", "div", "li", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6",
                     "table", "pre", "blockquote", "ul", "ol", "dt", "dd", "hr", "figcaption"})
_CELLS = frozenset({"td", "th"})
_SKIPPED = frozenset({"script", "style", "svg", "math"})


class _Text(HTMLParser):
    """The text a QTextBrowser shows for sanitised lesson HTML: block ends are newlines, table
    cells are separated by a space."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self._newline()
        elif tag in _CELLS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self._newline()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data.replace("\n", " "))

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def text(self) -> str:
        return re.sub(r"[ \t]*\n[ \t\n]*", "\n", "".join(self.parts)).strip()


def html_text(fragment: str) -> str:
    """Plain text of a sanitised HTML fragment (as shown)."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    return parser.text()


def lesson_texts(lesson: Lesson) -> list[tuple[Field, int, str]]:
    """(field, question index or -1, text) of one lesson, in ranking order."""
    texts = [(Field.TITLE, -1, lesson.title)]
    body = "\n".join([*lesson.objectives, html_text(lesson.body_html)])
    texts.append((Field.BODY, -1, body))
    if lesson.quiz is not None:
        for question in lesson.quiz.questions:
            texts.append((Field.QUESTION, question.index, html_text(question.prompt_html)))
            if question.explanation_html:
                texts.append((Field.EXPLANATION, question.index,
                              html_text(question.explanation_html)))
    return [(kind, index, text) for kind, index, text in texts if text.strip()]


# -- the index ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    """One lesson that matches, with the snippet of its best field."""

    library_id: str
    lesson_id: str
    lesson_title: str
    chapter_title: str
    field: Field
    question_index: int  # the question of a QUESTION/EXPLANATION match, else -1
    snippet: str  # original text, one line
    marks: tuple[tuple[int, int], ...]  # (start, end) of each match in ``snippet``
    match_text: str  # the original text of the first match (to find it on the page)
    occurrence: int  # how many times ``match_text`` (any case) occurs before it in the field
    leading_ellipsis: bool = False
    trailing_ellipsis: bool = False


@dataclass
class LibraryIndex:
    """The searchable texts of one library (module docstring)."""

    library_id: str
    key: str
    corpus: str = ""
    starts: list[int] = field(default_factory=list)  # segment start offsets in ``corpus``
    segments: list[tuple[int, Field, int]] = field(default_factory=list)  # (lesson, field, q)
    originals: list[str] = field(default_factory=list)  # per segment
    lesson_ends: list[int] = field(default_factory=list)  # corpus offset after each lesson
    lesson_first: list[int] = field(default_factory=list)  # first segment of each lesson
    lessons: list[tuple[str, str, str]] = field(default_factory=list)  # id, title, chapter

    def matches(self, terms: Sequence[str]) -> list[tuple[int, int, int, int]]:
        """(field, lesson number, segment, offset) of the first match of ``terms[0]`` in every
        lesson that holds all ``terms``: one ``find`` per matching lesson and term (the loop is
        the hot path of a search, hence the local names)."""
        if not terms:
            return []
        find, first, rest = self.corpus.find, terms[0], terms[1:]
        starts, segments, ends, firsts = (self.starts, self.segments, self.lesson_ends,
                                          self.lesson_first)
        after = bisect.bisect_right
        found: list[tuple[int, int, int, int]] = []
        position = find(first)
        while position >= 0:
            segment = after(starts, position) - 1
            lesson, kind, _question = segments[segment]
            end = ends[lesson]
            if not rest or all(find(term, starts[firsts[lesson]], end) >= 0 for term in rest):
                found.append((kind, lesson, segment, position))
            position = find(first, end)
        return found

    def hit(self, segment: int, position: int, terms: Sequence[str]) -> Hit:
        lesson_number, kind, question = self.segments[segment]
        lesson_id, title, chapter = self.lessons[lesson_number]
        original = self.originals[segment]
        offset = position - self.starts[segment]
        return _hit(self.library_id, lesson_id, title, chapter, kind, question, original,
                    offset, terms)


def _hit(library_id: str, lesson_id: str, title: str, chapter: str, kind: Field, question: int,
         original: str, offset: int, terms: Sequence[str]) -> Hit:
    """The snippet around the match of ``terms[0]`` at normalised ``offset`` of ``original``."""
    first = terms[0]
    # normalising rarely changes the length, so the original position is close to ``offset``:
    # align a window around it, and the whole text only when the window misses
    low = max(0, offset - SNIPPET_LENGTH)
    window = aligned(original[low:offset + len(first) + SNIPPET_LENGTH])
    at = window.text.find(first, max(0, min(offset - low, len(window.text)) - len(first)))
    if at < 0:
        at = window.text.find(first)
    if at < 0:
        low, window = 0, aligned(original)
        at = window.text.find(first)
    if at < 0:  # cannot happen for text the index was built from; never fail a search
        return Hit(library_id, lesson_id, title, chapter, kind, question,
                   original[:SNIPPET_LENGTH].replace("\n", " "), (), "", 0)
    match_start, match_end = (low + p for p in window.span(at, at + len(first)))
    # from the start of the match's line when it is close, else a little before the match
    begin = max(original.rfind("\n", 0, match_start) + 1, match_start - SNIPPET_BEFORE, 0)
    stop = min(len(original), begin + SNIPPET_LENGTH)
    snippet = original[begin:stop].replace("\n", " ")
    marks = _marks(window, low, begin, stop, terms)
    match_text = original[match_start:match_end]
    before = original[:match_start].casefold().count(match_text.casefold()) if match_text else 0
    return Hit(library_id, lesson_id, title, chapter, kind, question, snippet, marks,
               match_text, before, begin > 0, stop < len(original))


def _marks(window: Alignment, low: int, begin: int, stop: int,
           terms: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Every occurrence of every term inside the snippet ``begin..stop`` of the original (the
    window starts at ``low``), merged, relative to the snippet."""
    spans: list[tuple[int, int]] = []
    for term in terms:
        at = window.text.find(term)
        while at >= 0:
            start, end = (low + p for p in window.span(at, at + len(term)))
            if begin <= start and end <= stop:
                spans.append((start - begin, end - begin))
            at = window.text.find(term, at + len(term))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _chapter_titles(library: Library) -> dict[str, str]:
    return {chapter.rel_path: chapter.title for chapter in library.chapters}


def index_key(library: Library, lessons: Sequence[Lesson]) -> str:
    """A digest of everything the index is built from (and of the rules building it)."""
    digest = hashlib.sha256()
    for part in (str(FORMAT), __version__, unicodedata.unidata_version, library.id):
        digest.update(part.encode("utf-8") + b"\0")
    chapters = _chapter_titles(library)
    for lesson in lessons:
        for text in (lesson.id, lesson.title, chapters.get(lesson.chapter or "", ""),
                     "\n".join(lesson.objectives), lesson.body_html):
            digest.update(text.encode("utf-8", "surrogatepass") + b"\0")
        if lesson.quiz is not None:
            for question in lesson.quiz.questions:
                digest.update(question.prompt_html.encode("utf-8", "surrogatepass") + b"\1")
                digest.update(question.explanation_html.encode("utf-8", "surrogatepass") + b"\1")
    return digest.hexdigest()


def searchable(library: Library) -> list[Lesson]:
    """The lessons a learner can open (a broken lesson cannot be studied)."""
    return [lesson for lesson in library.lessons() if not lesson.broken]


def build_index(library: Library) -> LibraryIndex:
    lessons = searchable(library)
    index = LibraryIndex(library.id, index_key(library, lessons))
    chapters = _chapter_titles(library)
    parts: list[str] = []
    offset = 0
    for number, lesson in enumerate(lessons):
        index.lessons.append((lesson.id, lesson.title, chapters.get(lesson.chapter or "", "")))
        index.lesson_first.append(len(index.segments))
        for kind, question, text in lesson_texts(lesson):
            normalised = normalise(text) + "\n"  # no term holds a newline: never spans two
            index.starts.append(offset)
            index.segments.append((number, kind, question))
            index.originals.append(text)
            parts.append(normalised)
            offset += len(normalised)
        if index.lesson_first[-1] == len(index.segments):  # nothing searchable: no segment
            index.starts.append(offset)
            index.segments.append((number, Field.TITLE, -1))
            index.originals.append("")
            parts.append("\n")
            offset += 1
        index.lesson_ends.append(offset)
    index.corpus = "".join(parts)
    _irregular()  # built here, off the GUI thread, rather than at the first search
    return index


# -- the cache ------------------------------------------------------------------------------------


def _cache_file(cache_dir: Path, library: Library) -> Path:
    digest = hashlib.sha256(str(library.root).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"search-{digest}.pickle"


def load_index_cached(library: Library, cache_dir: Path | None) -> LibraryIndex:
    """The library's index from ``cache_dir`` when it was built from the same texts, else
    built now and stored there (``content.cache.cached``: the library cache's rule)."""
    if cache_dir is None:
        return build_index(library)
    key = index_key(library, searchable(library))
    index = cached(_cache_file(cache_dir, library), key, lambda: build_index(library),
                   LibraryIndex)
    return index if index.key == key else build_index(library)


# -- searching ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Results:
    hits: tuple[Hit, ...]  # the best ``limit`` lessons, title matches first
    total: int  # every matching lesson


class SearchIndex:
    """The indexes of the loaded libraries, searched in their display order."""

    def __init__(self, parts: Iterable[LibraryIndex]) -> None:
        self.parts = tuple(parts)

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> Results:
        terms = query_terms(query)
        if not terms:
            return Results((), 0)
        ranked: list[tuple[int, int, int, int, int]] = []  # field, part, lesson, segment, pos
        for number, part in enumerate(self.parts):
            ranked.extend((kind, number, lesson, segment, position)
                          for kind, lesson, segment, position in part.matches(terms))
        ranked.sort()
        hits = tuple(self.parts[number].hit(segment, position, terms)
                     for _kind, number, _lesson, segment, position in ranked[:limit])
        return Results(hits, len(ranked))


def build_search_index(libraries: Sequence[Library], cache_dir: Path | None) -> SearchIndex:
    """Every library's index, through the cache (the GUI calls this on a worker thread)."""
    index = SearchIndex(load_index_cached(library, cache_dir) for library in libraries)
    _irregular()
    return index
