"""Images, links and raw HTML in lesson bodies (docs/lesson-format.md, "lesson.md", Body)."""

from __future__ import annotations

import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import nh3
import pytest
from content_builders import (
    fixture,
    lesson_at,
    lint_lines,
    make_lesson,
    no_id,
    only_lesson,
    png_bytes,
)
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dxlearn.content.loader import load_library
from dxlearn.content.render import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, EXTENSIONS, render_markdown


class _Elements(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def _parse(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


def tag_names(html: str) -> list[str]:
    return [name for name, _ in _parse(html)]


def attributes(html: str, tag: str) -> list[dict[str, str]]:
    return [attrs for name, attrs in _parse(html) if name == tag]


def test_relative_images_become_file_uris_inside_the_library() -> None:
    root = fixture("assets")
    lesson = lesson_at(load_library(root), "01-ch/01-ok")

    sources = [img["src"] for img in attributes(lesson.body_html, "img")]

    assert sources == [
        (root / "01-ch" / "01-ok" / "images" / "flow.png").absolute().as_uri(),
        (root / "_assets" / "shared.png").absolute().as_uri(),
    ]
    assert all(Path(unquote(urlsplit(src).path)).is_relative_to(root) for src in sources)
    assert [img["alt"] for img in attributes(lesson.body_html, "img")] == ["流れ図", "共有の図"]
    assert no_id(lesson.findings) == ()


def test_links_local_files_resolve_and_external_links_are_marked() -> None:
    root = fixture("assets")
    lesson = lesson_at(load_library(root), "01-ch/01-ok")

    links = attributes(lesson.body_html, "a")
    by_text = {link["href"]: link.get("class", "") for link in links}

    local = (root / "01-ch" / "01-ok" / "資料" / "手順書.txt").absolute().as_uri()
    assert by_text == {
        local: "",
        "https://www.digital.go.jp/": "external",
        "https://example.jp/a?b=1&c=2": "external",
        "mailto:dx@example.lg.jp": "external",
        "#画像とリンク": "",
        # raw HTML link: marked even with other attributes first; the author's class is kept
        "https://example.org/raw": "external note",
    }
    raw = next(link for link in links if link["href"] == "https://example.org/raw")
    assert raw["title"] == "外部"


def test_every_external_link_has_exactly_one_class_attribute() -> None:
    lesson = lesson_at(load_library(fixture("assets")), "01-ch/01-ok")

    for tag in lesson.body_html.split("<a ")[1:]:
        opening = tag.split(">", 1)[0]
        assert opening.count("class=") <= 1, opening


def test_bad_references_are_errors_at_their_lines_and_are_dropped() -> None:
    root = fixture("assets")
    lesson = lesson_at(load_library(root), "01-ch/02-bad")

    assert [line for line in lint_lines(root) if "02-bad" in line] == [
        "01-ch/02-bad/lesson.md:5: error: file not found: 'images/nothere.png' (check the name "
        "and the folder)",
        "01-ch/02-bad/lesson.md:7: error: '/etc/hosts.png' is an absolute path; use a path "
        "relative to the lesson folder",
        "01-ch/02-bad/lesson.md:9: error: '../../../outside.png' points outside the library; "
        "keep files inside it (shared images go in _assets/)",
        "01-ch/02-bad/lesson.md:11: error: image 'https://example.com/x.png' is on the internet; "
        "the PCs are offline, so copy the image into the lesson folder",
        "01-ch/02-bad/lesson.md:13: error: file not found: '資料/ない.pdf' (check the name and "
        "the folder)",
        "01-ch/02-bad/lesson.md:15: error: 'C:/Users/trainer/図.png' is an absolute path; use a "
        "path relative to the lesson folder",
    ]
    assert lesson.broken
    # nothing refused keeps a src or href
    assert all("src" not in img for img in attributes(lesson.body_html, "img"))
    assert all("href" not in a for a in attributes(lesson.body_html, "a"))


def test_loose_lesson_reaches_assets_one_level_up() -> None:
    root = fixture("assets")
    lesson = lesson_at(load_library(root), "02-loose")

    assert no_id(lesson.findings) == ()
    assert attributes(lesson.body_html, "img")[0]["src"] == (
        (root / "_assets" / "shared.png").absolute().as_uri())


@pytest.mark.parametrize(
    ("reference", "kind"),
    [
        ("![](C:\\Users\\trainer\\図.png)", "absolute"),
        ("![](file:///C:/x.png)", "absolute"),
        ("![](//server/share/x.png)", "absolute"),
        ("![](\\\\server\\share\\x.png)", "absolute"),
        # in Markdown "\\." is an escaped ".", so Windows-style ..\\ is tested as raw HTML
        ('<img src="..\\..\\..\\x.png">', "outside"),
        ("![](../../../x.png)", "outside"),
        ("![](http://example.com/x.png)", "remote"),
        ("<img src='HTTPS://EXAMPLE.COM/x.png'>", "remote"),
        ("![](missing.png)", "missing"),
        ("[資料](missing.pdf)", "missing"),
    ],
)
def test_reference_kinds(tmp_path: Path, reference: str, kind: str) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-x", body=f"前の行\n\n{reference}\n")

    (finding,) = no_id(only_lesson(load_library(root)).findings)

    assert finding.line == 6 and finding.is_error
    assert {"absolute": "is an absolute path", "outside": "points outside the library",
            "remote": "is on the internet", "missing": "file not found"}[kind] in finding.message


def test_each_reference_to_the_same_missing_file_is_reported_at_its_own_line(
        tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-x", body="![](gone.png)\n\n本文\n\n![a](gone.png) ![b](gone.png)\n")

    assert [f.line for f in no_id(only_lesson(load_library(root)).findings)] == [4, 8, 8]


def test_percent_encoded_and_japanese_file_names(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    folder = make_lesson(root, "01-x", body="![](%E5%9B%B3.png) ![](画像/流れ図.png)\n")
    (folder / "図.png").write_bytes(png_bytes())
    (folder / "画像").mkdir()
    (folder / "画像" / "流れ図.png").write_bytes(png_bytes())

    lesson = only_lesson(load_library(root))

    assert no_id(lesson.findings) == ()
    assert [img["src"] for img in attributes(lesson.body_html, "img")] == [
        (folder / "図.png").as_uri(), (folder / "画像" / "流れ図.png").as_uri()]


FORBIDDEN_TAGS = {"script", "style", "iframe", "object", "embed", "form", "input", "button",
                  "meta", "link", "base", "svg", "circle"}


def test_raw_html_is_reduced_to_a_safe_subset() -> None:
    root = fixture("unsafe_html")
    lesson = only_lesson(load_library(root))
    html = lesson.body_html

    tags = tag_names(html)
    assert not FORBIDDEN_TAGS & set(tags), tags
    for tag in set(tags):
        for attrs in attributes(html, tag):
            assert not any(name.startswith("on") for name in attrs), (tag, attrs)
            assert "style" not in attrs and "srcdoc" not in attrs
            for name in ("href", "src"):
                value = attrs.get(name, "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:", "http")), attrs
    for payload in ("script-payload", "style-payload", "frame-payload", "alert("):
        assert payload not in html
    # harmless content survives
    assert "<b>太字は残る</b>" in html
    assert "イベント属性" in html and "<table>" in html
    pic = (root / "01-raw" / "pic.png").absolute().as_uri()
    assert attributes(html, "img")[0] == {"src": pic, "alt": "ローカル画像"}


def test_script_urls_are_reported_with_their_lines() -> None:
    lines = lint_lines(fixture("unsafe_html"))

    assert "01-raw/lesson.md:22: error: link 'javascript:alert(4)' uses an address type that is "\
        "not allowed" in lines
    assert "01-raw/lesson.md:27: error: link 'javascript:alert(9)' uses an address type that is "\
        "not allowed" in lines
    assert all(": error: link '" in line for line in lines)


def test_markdown_features_the_spec_names() -> None:
    lesson = only_lesson(load_library(fixture("features")))
    html = lesson.body_html

    assert no_id(lesson.findings) == ()
    assert '<div class="toc">' in html  # [TOC]
    assert "<table>" in html and "<td>行政DX</td>" in html
    admonitions = [t for t in attributes(html, "table") if "admonition" in t.get("class", "")]
    assert [t["class"] for t in admonitions] == [
        "admonition note", "admonition warning", "admonition tip"]
    assert '<p class="admonition-title">メモ</p>' in html
    assert "<dl>" in html and "<dt>DX</dt>" in html
    assert 'class="footnote-ref"' in html and "脚注の本文" in html
    assert "<pre><code" in html and "print" in html


_plain_alphabet = st.one_of(
    st.sampled_from("0123456789 AZaz"),
    st.characters(min_codepoint=0x3000, max_codepoint=0x30FF),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
    st.characters(min_codepoint=0xFF61, max_codepoint=0xFF9F),
)


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=_plain_alphabet, min_size=1, max_size=40), inline=st.booleans())
def test_plain_japanese_text_renders_exactly_as_the_full_pipeline(text: str, inline: bool) -> None:
    """Plain text skips Markdown (speed): it must give what Markdown + the sanitiser give."""
    assume(text == text.strip())
    root = Path(tempfile.gettempdir())
    full = nh3.clean(markdown.markdown(text, extensions=list(EXTENSIONS)),
                     tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)

    rendered = render_markdown(text, root, root, inline=inline)

    assert full == f"<p>{text}</p>"
    assert rendered.html == (text if inline else full)
    assert rendered.problems == []
