"""The one Markdown factory: lesson Markdown -> safe HTML for a QTextBrowser.

- Python-Markdown with the extensions the lesson spec names (tables, fenced code, footnotes,
  definition lists, admonitions, a table of contents).
- Raw HTML is reduced by nh3 (a maintained sanitiser) to the subset QTextBrowser renders; no
  script, style, iframe, object, form, event attributes or remote sources survive.
- Every ``href`` and ``src`` goes through one resolver: relative paths become ``file:`` URIs
  inside the library (so the GUI shows local images without a base URL), paths that leave the
  library, absolute paths and missing files are reported, remote images are dropped, and
  ``http(s)`` links are kept and marked ``class="external"`` so the GUI can refuse to open them.

Admonitions become one-cell tables: QTextBrowser draws table cells with a background and
padding, which it does not do for ``<div>``.
"""

from __future__ import annotations

import logging
import os
import re
import string
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html import escape as html_escape
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .images import check_image
from .links import OPENABLE_SUFFIXES, is_lesson_target, is_openable_document
from .mdguard import tame
from .model import Severity

logger = logging.getLogger(__name__)

EXTENSIONS = ("tables", "fenced_code", "footnotes", "def_list", "admonition", "toc", "sane_lists")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p",
    "pre", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "table": {"width", "cellpadding", "cellspacing", "border"},
    "td": {"align", "colspan", "rowspan", "width"},
    "th": {"align", "colspan", "rowspan", "width"},
    "ol": {"start"},
}
# nh3 drops a URL whose scheme it does not allow *before* the attribute filter sees it, so the
# resolver would never report it. Let through the schemes a trainer plausibly writes, so that
# they are reported with the line: Windows drive letters ("C:\\Users\\...\\図.png" parses as
# scheme "c"), and javascript:/vbscript:/data:/ftp:. The resolver is the single gatekeeper: it
# returns only "#..." fragments, http(s)/mailto links and the file: URIs it builds itself.
URL_SCHEMES = {
    "http", "https", "mailto", "file", "javascript", "vbscript", "data", "ftp",
    *string.ascii_lowercase,
}
# Removed with their content, not just unwrapped.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "form", "template", "svg"}

# Text that Markdown and nh3 leave as it is: ASCII letters, digits and spaces, and Japanese
# (CJK symbols and punctuation, kana, kanji, full-width forms and half-width katakana). No ASCII
# punctuation: every Markdown syntax and every character HTML escapes is ASCII punctuation.
_PLAIN_TEXT = re.compile(
    "[0-9A-Za-z \u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e"
    "\uff61-\uff9f]+")
# nh3's serialiser always double-quotes attribute values and escapes '"' inside them, so these
# two patterns read its output exactly (they are not meant for arbitrary HTML).
_A_TAG = re.compile(r'<a((?:\s+[^\s="\'>/]+(?:="[^"]*")?)*)\s*>')
_ATTRIBUTE = re.compile(r'\s+([^\s="\'>/]+)(?:="([^"]*)")?')
_EXTERNAL_HREF = re.compile(r"(?:https?://|mailto:)", re.IGNORECASE)
_WINDOWS_ABSOLUTE = re.compile(r"^[A-Za-z]:[\\/]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")
# an href/src whose value starts with a scheme (cheap test before the HTML is parsed again)
_SCHEME_ATTRIBUTE = re.compile(r"(?:href|src)\s*=[\s\"']*[A-Za-z][A-Za-z0-9+.-]*:",
                               re.IGNORECASE)
MAX_LOCATED = 200  # problems per text whose line is looked for


_PROBLEM_CODES = {
    "missing": "content.asset_missing",
    "outside": "content.asset_outside",
    "link-outside": "content.asset_link_outside",
    "absolute": "content.asset_absolute",
    "remote-image": "content.asset_remote_image",
    "scheme": "content.asset_scheme",
    "file-type": "content.asset_file_type",
    "image-wrong-kind": "content.image_wrong_kind",
    "image-truncated": "content.image_truncated",
    "unrenderable": "content.unrenderable",
    "simplified": "content.markdown_simplified",
}
_SUFFIX_LIST = ", ".join(sorted(s.lstrip(".") for s in OPENABLE_SUFFIXES))


@dataclass(frozen=True, slots=True)
class AssetProblem:
    """A reference the resolver refused. ``target`` is the value as written (entities
    decoded); ``detail`` the image kind for the image problems."""

    target: str
    kind: str  # a key of _PROBLEM_CODES
    detail: str = ""
    line: int | None = None  # 0-based line in the source, when known without searching

    @property
    def code(self) -> str:
        return _PROBLEM_CODES[self.kind]

    @property
    def severity(self) -> Severity:
        """A text shown with its marks as plain characters is a warning; the rest errors."""
        return Severity.WARNING if self.kind == "simplified" else Severity.ERROR

    @property
    def params(self) -> dict[str, object]:
        shown = _shown(self.target)
        if self.kind == "file-type":
            return {"target": shown, "suffixes": _SUFFIX_LIST}
        if self.kind.startswith("image-"):
            return {"target": shown, "kind": self.detail}
        return {} if self.kind in ("unrenderable", "simplified") else {"target": shown}


def _shown(target: str) -> str:
    """A target as a message quotes it: control characters visible, at most 80 characters."""
    visible = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in target[:80])
    return visible + ("…" if len(target) > 80 else "")


@dataclass(slots=True)
class Rendered:
    html: str
    problems: list[AssetProblem] = field(default_factory=list)
    local_targets: list[Path] = field(default_factory=list)  # files the text refers to


class _AdmonitionToTable(Treeprocessor):
    """``<div class="admonition note">`` -> a one-cell table QTextBrowser can colour."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                classes = (child.get("class") or "").split()
                if child.tag != "div" or "admonition" not in classes:
                    continue
                kind = next((c for c in classes if c != "admonition"), "note")
                table = etree.Element(
                    "table",
                    {"class": f"admonition {kind}", "width": "100%", "cellpadding": "10",
                     "cellspacing": "0", "border": "0"},
                )
                cell = etree.SubElement(etree.SubElement(table, "tr"), "td",
                                        {"class": f"admonition {kind}"})
                cell.text = child.text
                for grandchild in list(child):
                    cell.append(grandchild)
                table.tail = child.tail
                parent.remove(child)
                parent.insert(index, table)


class _QtFriendly(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # the Markdown API name
        md.treeprocessors.register(_AdmonitionToTable(md), "dxlearn_admonition", 5)


def _new_markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[*EXTENSIONS, _QtFriendly()],
        extension_configs={
            "toc": {"title": "目次", "permalink": False},
            "footnotes": {"BACKLINK_TITLE": "本文の注 %d に戻る"},
        },
        output_format="html",
    )


class Renderer:
    """The Markdown pipeline (Python-Markdown + nh3 + the resolver). Building one costs more
    than a render, so the loader makes one per library load and passes it to every lesson and
    quiz; one instance is not thread-safe (Python-Markdown keeps state between calls)."""

    def __init__(self) -> None:
        self._md = _new_markdown()
        self._real_roots: dict[Path, str] = {}

    def _real_root(self, root: Path) -> str:
        real = self._real_roots.get(root)
        if real is None:
            real = self._real_roots[root] = os.path.normcase(os.path.realpath(root))
        return real

    def render(self, source: str, base: Path, root: Path, *, inline: bool = False) -> Rendered:
        """Markdown -> sanitised HTML. ``base`` is the folder relative paths start from,
        ``root`` the library folder nothing may leave. ``inline`` strips the outer ``<p>``."""
        if _PLAIN_TEXT.fullmatch(source) and source == source.strip():
            # No Markdown syntax and nothing to escape: Markdown + nh3 would return the text in
            # a paragraph. Most quiz choices are such plain Japanese sentences; skipping the
            # full pipeline for them halves the time to load a library (bench/library_scale.py).
            return Rendered(source if inline else f"<p>{source}</p>")
        result = Rendered("")
        tamed = tame(source)  # inputs Markdown would take minutes over, made linear
        if tamed.first_changed is not None:
            result.problems.append(AssetProblem("", "simplified", line=tamed.first_changed))
        source = tamed.source
        self._md.reset()
        try:
            raw = self._md.convert(source)
        except RecursionError:  # Python-Markdown recurses per nesting level (e.g. 600 lists)
            logger.debug("Markdown too deeply nested to render under %s", base)
            self._md = _new_markdown()
            result.problems.append(AssetProblem("", "unrenderable"))
            raw = f"<pre>{html_escape(source)}</pre>"
        raw = tamed.restore(raw)
        result.problems.extend(_dropped_schemes(raw))
        resolver = _Resolver(base, root, result, self._real_root(root))
        html = nh3.clean(
            raw,
            tags=ALLOWED_TAGS,
            clean_content_tags=DROP_WITH_CONTENT,
            attributes=ALLOWED_ATTRIBUTES,
            attribute_filter=resolver,
            url_schemes=URL_SCHEMES,
            link_rel=None,
            strip_comments=True,
        )
        html = _A_TAG.sub(_mark_external, html)
        if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        result.html = html
        return result


def _mark_external(match: re.Match[str]) -> str:
    """``<a href="https://...">`` -> ``<a class="external" href="...">``, whatever the order of
    the attributes and keeping any class the author gave (raw HTML links too)."""
    attributes = _ATTRIBUTE.findall(match.group(1))
    href = next((value for name, value in attributes if name == "href"), "")
    if not _EXTERNAL_HREF.match(href):
        return match.group(0)
    given = " ".join(value for name, value in attributes if name == "class").split()
    classes = " ".join(["external", *(c for c in given if c != "external")])
    rest = "".join(f' {name}="{value}"' for name, value in attributes if name != "class")
    return f'<a class="{classes}"{rest}>'


class _Resolver:
    """nh3 attribute filter: resolves and checks every href/src, recording problems."""

    def __init__(self, base: Path, root: Path, result: Rendered, real_root: str) -> None:
        self.base = base
        self.root = root
        self.result = result
        self.real_root = real_root

    def __call__(self, tag: str, attribute: str, value: str) -> str | None:
        if attribute == "href" and tag == "a":
            return self._url(value, image=False)
        if attribute == "src" and tag == "img":
            return self._url(value, image=True)
        return value

    def _problem(self, target: str, kind: str, detail: str = "") -> None:
        self.result.problems.append(AssetProblem(target, kind, detail))

    def _url(self, value: str, *, image: bool) -> str | None:
        # As a browser reads a URL (WHATWG): tabs and line breaks anywhere are dropped, so
        # "java&#x09;script:" is "javascript:"; the problem quotes the value as written.
        target = _URL_NOISE.sub("", value).strip()
        written = value.strip()
        if not target:
            return None
        if target.startswith("#") and not image:
            return target
        if _WINDOWS_ABSOLUTE.match(target) or target.startswith(("/", "\\")):
            self._problem(written, "absolute")
            return None
        match = _SCHEME.match(target)
        if match:
            scheme = match.group(1).lower()
            if scheme in ("http", "https"):
                if image:
                    self._problem(written, "remote-image")
                    return None
                return target
            if scheme == "mailto" and not image:
                return target
            self._problem(written, "absolute" if scheme == "file" else "scheme")
            return None
        parts = urlsplit(target)
        relative = unquote(parts.path).replace("\\", "/")
        resolved = _normalise(self.base, relative)
        if not _is_within(resolved, self.root):
            self._problem(written, "outside")
            return None
        if not _real_within(resolved, self.real_root):  # _assets -> /, a file linked outside
            self._problem(written, "link-outside")
            return None
        if not resolved.exists():
            self._problem(written, "missing")
            return None
        if not image and not (is_lesson_target(resolved) or is_openable_document(resolved)):
            self._problem(written, "file-type")
            return None
        damaged = check_image(resolved) if image and resolved.is_file() else None
        if damaged is not None:
            self._problem(written, f"image-{damaged[1].value}", damaged[0])
            return None
        self.result.local_targets.append(resolved)
        uri = resolved.as_uri()
        return f"{uri}#{parts.fragment}" if parts.fragment and not image else uri


def problem_lines(problems: list[AssetProblem], lines: list[str], first_line: int) -> list[int]:
    """The 1-based line of each problem: the n-th reference to the same target is the n-th
    occurrence of it in the source (so two references to one missing image give two lines).
    A target spelled with HTML entities (``java&#x09;script:``) is looked for in the lines with
    the entities decoded. Only the first :data:`MAX_LOCATED` problems are looked for (the rest
    get ``first_line``): a generated file must not cost problems x lines."""
    occurrences: dict[str, list[int]] = {}
    decoded: list[str] | None = None
    result: list[int] = []
    for index, problem in enumerate(problems):
        target = problem.target
        if problem.line is not None:
            result.append(first_line + problem.line)
            continue
        if index >= MAX_LOCATED or not target:
            result.append(first_line)
            continue
        found = occurrences.get(target)
        if found is None:
            found = _occurrences(target, lines)
            if not found:
                if decoded is None:
                    decoded = [html_unescape(line) if "&" in line else line for line in lines]
                found = _occurrences(target, decoded)
            occurrences[target] = found
        wanted = sum(1 for p in problems[:index] if p.target == target)
        result.append(first_line + found[wanted] if wanted < len(found) else first_line)
    return result


def _occurrences(target: str, lines: list[str]) -> list[int]:
    """The 0-based line of every occurrence of ``target`` (a line holding it twice twice)."""
    found: list[int] = []
    for offset, source in enumerate(lines):
        count = source.count(target)
        if count:
            found.extend([offset] * count)
    return found


def _dropped_schemes(raw: str) -> list[AssetProblem]:
    """Links and images whose address type nh3 drops without telling anyone (``ms-settings:``,
    ``search-ms:``, ...): found here so that they are reported, not silently removed."""
    if not _SCHEME_ATTRIBUTE.search(raw):
        return []
    collector = _LinkCollector()
    collector.feed(raw)
    collector.close()
    problems: list[AssetProblem] = []
    for value in collector.values:
        match = _SCHEME.match(_URL_NOISE.sub("", value).strip())
        if match and match.group(1).lower() not in URL_SCHEMES:
            problems.append(AssetProblem(value.strip(), "scheme"))
    return problems


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.values.append(value)

    handle_startendtag = handle_starttag


def _real_within(path: Path, real_root: str) -> bool:
    real = os.path.normcase(os.path.realpath(path))
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _normalise(base: Path, relative: str) -> Path:
    """Join and collapse ``..`` lexically (no symlink resolution, works for missing files)."""
    parts: list[str] = list(base.parts)
    for part in PurePosixPath(relative).parts:
        if part in ("", "."):
            continue
        if part == "..":
            if len(parts) > 1:
                parts.pop()
            continue
        parts.append(part)
    return Path(*parts)


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def render_markdown(source: str, base: Path, root: Path, *, inline: bool = False) -> Rendered:
    """One render with a fresh :class:`Renderer` (tests, one-off callers); the loader keeps
    one Renderer for a whole library instead."""
    return Renderer().render(source, base, root, inline=inline)
