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
import re
import string
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .links import OPENABLE_SUFFIXES, is_lesson_target, is_openable_document

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


@dataclass(frozen=True, slots=True)
class AssetProblem:
    """A reference the resolver refused. ``target`` is the value as written."""

    target: str
    kind: str  # missing | outside | absolute | remote-image | scheme | file-type | unrenderable

    def message(self) -> str:
        return {
            "missing": f"file not found: '{self.target}' (check the name and the folder)",
            "outside": f"'{self.target}' points outside the library; keep files inside it "
            "(shared images go in _assets/)",
            "absolute": f"'{self.target}' is an absolute path; use a path relative to the "
            "lesson folder",
            "remote-image": f"image '{self.target}' is on the internet; the PCs are offline, "
            "so copy the image into the lesson folder",
            "scheme": f"link '{self.target}' uses an address type that is not allowed",
            "file-type": f"link '{self.target}': only lessons and documents can be linked "
            f"({', '.join(sorted(s.lstrip('.') for s in OPENABLE_SUFFIXES))}); a program "
            "or shortcut is never opened from a lesson",
            "unrenderable": "this text cannot be converted for display (lists or quotes "
            "nested too deeply?); simplify it",
        }[self.kind]


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

    def render(self, source: str, base: Path, root: Path, *, inline: bool = False) -> Rendered:
        """Markdown -> sanitised HTML. ``base`` is the folder relative paths start from,
        ``root`` the library folder nothing may leave. ``inline`` strips the outer ``<p>``."""
        if _PLAIN_TEXT.fullmatch(source) and source == source.strip():
            # No Markdown syntax and nothing to escape: Markdown + nh3 would return the text in
            # a paragraph. Most quiz choices are such plain Japanese sentences; skipping the
            # full pipeline for them halves the time to load a library (bench/library_scale.py).
            return Rendered(source if inline else f"<p>{source}</p>")
        result = Rendered("")
        self._md.reset()
        try:
            raw = self._md.convert(source)
        except RecursionError:  # Python-Markdown recurses per nesting level (e.g. 600 lists)
            logger.debug("Markdown too deeply nested to render under %s", base)
            self._md = _new_markdown()
            result.problems.append(AssetProblem("", "unrenderable"))
            raw = f"<pre>{html_escape(source)}</pre>"
        resolver = _Resolver(base, root, result)
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

    def __init__(self, base: Path, root: Path, result: Rendered) -> None:
        self.base = base
        self.root = root
        self.result = result

    def __call__(self, tag: str, attribute: str, value: str) -> str | None:
        if attribute == "href" and tag == "a":
            return self._url(value, image=False)
        if attribute == "src" and tag == "img":
            return self._url(value, image=True)
        return value

    def _problem(self, target: str, kind: str) -> None:
        self.result.problems.append(AssetProblem(target, kind))

    def _url(self, value: str, *, image: bool) -> str | None:
        target = value.strip()
        if not target:
            return None
        if target.startswith("#") and not image:
            return target
        if _WINDOWS_ABSOLUTE.match(target) or target.startswith(("/", "\\")):
            self._problem(target, "absolute")
            return None
        match = _SCHEME.match(target)
        if match:
            scheme = match.group(1).lower()
            if scheme in ("http", "https"):
                if image:
                    self._problem(target, "remote-image")
                    return None
                return target
            if scheme == "mailto" and not image:
                return target
            self._problem(target, "absolute" if scheme == "file" else "scheme")
            return None
        parts = urlsplit(target)
        relative = unquote(parts.path).replace("\\", "/")
        resolved = _normalise(self.base, relative)
        if not _is_within(resolved, self.root):
            self._problem(target, "outside")
            return None
        if not resolved.exists():
            self._problem(target, "missing")
            return None
        if not image and not (is_lesson_target(resolved) or is_openable_document(resolved)):
            self._problem(target, "file-type")
            return None
        self.result.local_targets.append(resolved)
        uri = resolved.as_uri()
        return f"{uri}#{parts.fragment}" if parts.fragment and not image else uri


def problem_lines(problems: list[AssetProblem], lines: list[str], first_line: int) -> list[int]:
    """The 1-based line of each problem: the n-th reference to the same target is the n-th
    occurrence of it in the source (so two references to one missing image give two lines).
    A target not found as written (e.g. spelled with HTML entities) gets ``first_line``."""
    seen: dict[str, int] = {}
    result: list[int] = []
    for problem in problems:
        wanted = seen.get(problem.target, 0)
        seen[problem.target] = wanted + 1
        line = first_line
        count = 0
        for offset, source in enumerate(lines):
            count += source.count(problem.target) if problem.target else 0
            if count > wanted:
                line = first_line + offset
                break
        result.append(line)
    return result


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
