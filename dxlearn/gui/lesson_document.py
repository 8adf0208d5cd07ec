"""The lesson body as a QTextDocument a learner with any eyesight (or none) can use.

QTextBrowser shows the sanitised HTML of ``content.render`` but its accessible interface is one
block of text: a screen reader gets no headings, no list structure and no image alt text, and
links are not exposed as links (Qt's limit, docs/accessibility.md). So:

- every image's alt text is also shown as a visible caption under it (「図：…」) — the text
  is then in the document for every reader, and sighted learners see what the diagram says;
- a paragraph holding only an image gets ``class="figure"`` (no 160 % line height: that left
  ~300 px of blank space under each diagram);
- :func:`headings` and :func:`links` list the document's headings and links for the lesson
  page's 見出し and リンク menus, a keyboard- and reader-navigable outline;
- :func:`fit_images` scales wide images down to the page width (at 200 % text the page is
  narrower than a diagram; a horizontal scroll bar is never needed).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QImageReader, QTextCursor, QTextDocument, QTextImageFormat

_FIGURE = re.compile(r"<p>\s*(<img\b[^>]*>)\s*</p>")
_FIGURE_OPEN = '<p class="figure">'
_INLINE_IMG = re.compile(r'(?<!<p class="figure">)<img\b[^>]*>')  # not already a figure
_ALT = re.compile(r'\balt="([^"]*)"')


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    position: int  # the heading block's position in the document


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


def _alt(tag: str) -> str:
    match = _ALT.search(tag)
    return match.group(1).strip() if match else ""


def with_captions(body_html: str, figure_label: str) -> str:
    """``body_html`` with a visible caption under every image that has alt text.
    ``figure_label`` is the caption's prefix (「図：」). The alt text stays escaped as it was
    in the attribute, so it is text in the caption too."""
    prefix = html.escape(figure_label)

    def figure(match: re.Match[str]) -> str:
        tag = match.group(1)
        alt = _alt(tag)
        caption = f'<p class="caption">{prefix}{alt}</p>' if alt else ""
        return f'{_FIGURE_OPEN}{tag}</p>{caption}'

    def inline(match: re.Match[str]) -> str:
        tag = match.group(0)
        alt = _alt(tag)
        return f'{tag}<span class="caption">（{prefix}{alt}）</span>' if alt else tag

    return _INLINE_IMG.sub(inline, _FIGURE.sub(figure, body_html))


def headings(document: QTextDocument) -> list[Heading]:
    found = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        text = block.text().strip()
        if level and text:
            found.append(Heading(level, text, block.position()))
        block = block.next()
    return found


def links(document: QTextDocument) -> list[Link]:
    """Every link in document order, once per target and text."""
    found: list[Link] = []
    seen: set[tuple[str, str]] = set()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            if fragment.isValid() and fmt.isAnchor() and fmt.anchorHref():
                key = (fragment.text().strip(), fmt.anchorHref())
                if found and found[-1].href == key[1] and key not in seen:
                    # a link split into fragments by formatting: one link
                    previous = found.pop()
                    seen.discard((previous.text, previous.href))
                    key = (previous.text + key[0], key[1])
                if key not in seen and key[0]:
                    seen.add(key)
                    found.append(Link(*key))
            iterator += 1
        block = block.next()
    return found


def fit_images(document: QTextDocument, width: int, sizes: dict[str, QSize]) -> None:
    """Scale every image wider than ``width`` px down to it, keeping its proportions.
    ``sizes`` caches each image file's natural size (the caller owns it)."""
    edits = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            if fragment.isValid() and fmt.isImageFormat():
                image = fmt.toImageFormat()
                name = image.name()
                if name not in sizes:
                    sizes[name] = QImageReader(QUrl(name).toLocalFile()).size()
                size = sizes[name]
                if size.isValid() and size.width() > 0:
                    edits.append((fragment.position(), fragment.length(), image, size))
            iterator += 1
        block = block.next()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    changed = False
    for position, length, image, size in edits:
        target = min(size.width(), max(width, 80))
        if round(image.width()) == target:
            continue
        changed = True
        fitted = QTextImageFormat(image)
        fitted.setWidth(target)
        fitted.setHeight(round(size.height() * target / size.width()))
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fitted)
    cursor.endEditBlock()
    if changed:
        # Qt (6.11) lays out again only the blocks near each changed image: the blocks after
        # a resized diagram kept a height of 0, so the end of the lesson was never drawn and
        # could not be scrolled to. Lay the whole document out again.
        document.markContentsDirty(0, document.characterCount())
