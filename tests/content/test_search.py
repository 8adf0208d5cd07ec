"""Search across lessons (content.search): the normaliser, the index, snippets, the cache."""

from __future__ import annotations

import html
import pickle
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dxlearn.content.loader import load_library
from dxlearn.content.model import Chapter, Choice, Lesson, Library, Question, Quiz
from dxlearn.content.search import (
    Field,
    SearchIndex,
    aligned,
    build_index,
    html_text,
    load_index_cached,
    normalise,
    query_terms,
)
from dxlearn.paths import lessons_dir

# -- the normaliser --------------------------------------------------------------------------------

ASCII = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30)
HIRAGANA = "".join(chr(c) for c in range(0x3041, 0x3097)) + "ゝゞー"
# half-width katakana: the character whose NFKC is each full-width one (with ﾞ/ﾟ for voiced)
HALF = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF66, 0xFF9E)}
JAPANESE = st.lists(st.sampled_from(
    list(HIRAGANA) + [chr(c) for c in range(0x30A1, 0x30F7)] + list("ｶﾞﾊﾟｱｲｳﾞﾞﾟ")
    + list("自治体研修窓口個人情報㈱①ＤＸａｚＡ０９ AZaz09-ß") + ["\u3099", "か\u3099"]),
    max_size=40).map("".join)


def to_fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else c for c in text)


def to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if 0x3041 <= ord(c) <= 0x3096 else
                   {"ゝ": "ヽ", "ゞ": "ヾ"}.get(c, c) for c in text)


def to_halfwidth(katakana: str) -> str:
    out = []
    for ch in katakana:
        base = unicodedata.normalize("NFD", ch)
        if base[0] in HALF:
            out.append(HALF[base[0]] + {"\u3099": "ﾞ", "\u309a": "ﾟ"}.get(base[1:], ""))
        else:
            out.append(ch)
    return "".join(out)


@given(ASCII)
def test_full_and_half_width_match(text: str) -> None:
    assert normalise(to_fullwidth(text)) == normalise(text)


@given(st.text(st.sampled_from(list(HIRAGANA)), min_size=1, max_size=20))
def test_hiragana_and_katakana_match(text: str) -> None:
    assert normalise(to_katakana(text)) == normalise(text)


@given(st.text(st.sampled_from([chr(c) for c in range(0x30A1, 0x30F4)]), min_size=1,
               max_size=20))
def test_half_width_katakana_matches_full_width(text: str) -> None:
    assert normalise(to_halfwidth(text)) == normalise(text)


@given(st.text(st.characters(categories=["Lu", "Ll"], max_codepoint=0xFF), max_size=20))
def test_case_does_not_matter(text: str) -> None:
    assert normalise(text.upper()) == normalise(text.lower()) == normalise(text)


@given(st.text(max_size=40))
def test_normalising_twice_changes_nothing(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


@settings(deadline=None)  # the first call builds the table of irregular characters (0.1 s)
@given(JAPANESE)
def test_aligned_text_is_the_normalised_text_and_every_span_produces_its_characters(
        text: str) -> None:
    alignment = aligned(text)
    assert alignment.text == normalise(text)
    for k, ch in enumerate(alignment.text):
        start, end = alignment.span(k, k + 1)
        assert ch in normalise(text[start:end])


def test_the_examples_of_the_issue() -> None:
    assert normalise("ＤＸ") == normalise("DX") == normalise("dx")
    assert normalise("ぺーぱーれす") == normalise("ペーパーレス") == normalise("ﾍﾟｰﾊﾟｰﾚｽ")
    assert query_terms("  個人情報　生成ＡＩ 個人情報 ") == ["個人情報", "生成ai"]
    assert query_terms("\u3000 ") == []


# -- searching a library ---------------------------------------------------------------------------


def lesson(lesson_id: str, title: str, body: str, *, chapter: str = "01", broken: bool = False,
           questions: tuple[tuple[str, str], ...] = ()) -> Lesson:
    from dxlearn.content.model import Finding, Severity

    quiz = None
    if questions:
        quiz = Quiz(f"{chapter}/{lesson_id}/quiz.md", tuple(
            Question(i, 1, p, f"<p>{html.escape(p)}</p>",
                     (Choice("a", "a", True), Choice("b", "b", False)), e,
                     f"<p>{html.escape(e)}</p>" if e else "")
            for i, (p, e) in enumerate(questions)), 80)
    findings = (Finding("x", 1, Severity.ERROR, "broken"),) if broken else ()
    return Lesson(id=lesson_id, title=title, folder=Path("/nowhere"),
                  rel_path=f"{chapter}/{lesson_id}", roles=("staff",), body=body,
                  body_html="".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n")),
                  quiz=quiz, findings=findings, chapter=chapter)


def library(library_id: str, *lessons_: Lesson) -> Library:
    return Library(id=library_id, title=library_id, version="1", root=Path(f"/{library_id}"),
                   chapters=(Chapter("01", "第1章 基礎", tuple(lessons_)),))


LIB = library(
    "lib",
    lesson("paper", "会議のペーパーレス化", "紙の資料をやめて、タブレットで会議をします。"),
    lesson("ai", "生成AIの使い方", "生成ＡＩには個人情報を入力しません。\n\nAIの答えは確かめます。",
           questions=(("生成AIに入力してよい情報はどれですか。", "公開済みの情報だけです。"),)),
    lesson("train", "職員研修の進め方", "研修は年に二回あります。ペーパーレスで配ります。"),
    lesson("broken", "壊れたペーパーレス", "ペーパーレス", broken=True),
)


def search(query: str, *libraries: Library) -> list[tuple[str, Field]]:
    index = SearchIndex(build_index(lib) for lib in (libraries or (LIB,)))
    return [(h.lesson_id, h.field) for h in index.search(query).hits]


@pytest.mark.parametrize("query", ["ペーパーレス", "ぺーぱーれす", "ﾍﾟｰﾊﾟｰﾚｽ", "ペーパー"])
def test_kana_and_width_variants_find_the_same_lessons(query: str) -> None:
    assert search(query) == [("paper", Field.TITLE), ("train", Field.BODY)]


@pytest.mark.parametrize("query", ["AI", "ai", "ＡＩ", "ａｉ"])
def test_case_and_width_variants_of_a_two_letter_query(query: str) -> None:
    assert search(query) == [("ai", Field.TITLE)]


def test_one_and_two_character_queries_work() -> None:
    assert search("研修") == [("train", Field.TITLE)]
    assert search("紙") == [("paper", Field.BODY)]
    assert search("会") == [("paper", Field.TITLE)]


def test_quiz_stems_and_explanations_are_searched() -> None:
    assert search("公開済み") == [("ai", Field.EXPLANATION)]
    assert search("入力してよい") == [("ai", Field.QUESTION)]


def test_every_term_must_occur_in_the_lesson() -> None:
    assert search("ペーパーレス 研修") == [("train", Field.BODY)]  # where the first term is
    assert search("ペーパーレス 生成") == []


def test_a_broken_lesson_is_not_offered() -> None:
    assert "broken" not in {lesson_id for lesson_id, _ in search("ペーパーレス")}


def test_hits_carry_the_chapter_and_a_highlighted_snippet() -> None:
    index = SearchIndex([build_index(LIB)])
    results = index.search("ａｉ 個人情報")
    assert results.total == 1
    hit = results.hits[0]
    assert (hit.library_id, hit.chapter_title, hit.lesson_title) == ("lib", "第1章 基礎",
                                                                     "生成AIの使い方")
    body = index.search("個人情報").hits[0]
    assert body.field is Field.BODY
    marked = [body.snippet[a:b] for a, b in body.marks]
    assert marked == ["個人情報"] and body.match_text == "個人情報"
    widths = index.search("ai").hits[0]
    assert [widths.snippet[a:b] for a, b in widths.marks] == ["AI"]


def test_the_occurrence_counts_earlier_matches_in_the_field() -> None:
    text = "前置き。DXとは何か。\n\n次にＤＸの例。\n\n最後にdxの話。"
    lib = library("occ", lesson("x", "題", text))
    hit = SearchIndex([build_index(lib)]).search("ｄｘ").hits[0]
    assert (hit.match_text, hit.occurrence) == ("DX", 0)
    # the first match is the first occurrence; the page finds it by its text
    lib2 = library("occ2", lesson("x", "題", "dx と DX と"))
    hit2 = SearchIndex([build_index(lib2)]).search("DX").hits[0]
    assert (hit2.match_text, hit2.occurrence) == ("dx", 0)


def test_a_match_after_a_length_changing_character_is_highlighted_exactly() -> None:
    lib = library("width", lesson("x", "題", "ﾊﾟｿｺﾝと㈱ﾃﾞｼﾞﾀﾙのペーパーレス"))
    hit = SearchIndex([build_index(lib)]).search("ぺーぱーれす").hits[0]
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["ペーパーレス"]
    hit = SearchIndex([build_index(lib)]).search("でじたる").hits[0]
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["ﾃﾞｼﾞﾀﾙ"]


def test_libraries_are_searched_in_their_order() -> None:
    other = library("other", lesson("paper2", "ペーパーレスの次", "本文"))
    assert search("ペーパーレス", LIB, other)[:3] == [
        ("paper", Field.TITLE), ("paper2", Field.TITLE), ("train", Field.BODY)]


def test_an_empty_query_finds_nothing() -> None:
    assert SearchIndex([build_index(LIB)]).search(" 　").total == 0


WORDS = st.text(st.sampled_from(list("あいうえおかきくけこアイウエオ研修窓口ＤＸDXai。、")),
                min_size=1, max_size=60)


@settings(max_examples=80, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=6), st.data())
def test_any_piece_of_any_lesson_is_found_in_any_spelling(bodies: list[str],
                                                          data: st.DataObject) -> None:
    lib = library("h", *(lesson(f"l{i}", f"題{i}", body) for i, body in enumerate(bodies)))
    index = SearchIndex([build_index(lib)])
    which = data.draw(st.integers(0, len(bodies) - 1))
    body = bodies[which]
    start = data.draw(st.integers(0, len(body) - 1))
    piece = body[start:data.draw(st.integers(start + 1, len(body)))]
    if not query_terms(piece):
        return
    spelling = data.draw(st.sampled_from([piece, to_fullwidth(piece), to_katakana(piece),
                                          piece.upper()]))
    results = index.search(spelling, limit=len(bodies))
    assert f"l{which}" in {h.lesson_id for h in results.hits}
    for hit in results.hits:
        for a, b in hit.marks:
            assert normalise(hit.snippet[a:b]) in query_terms(spelling) or any(
                t in normalise(hit.snippet[a:b]) for t in query_terms(spelling))


def test_html_text_is_what_the_page_shows() -> None:
    assert html_text("<h2>見出し</h2><p>本文 &amp; <b>強調</b></p><table><tr><td>a</td>"
                     "<td>b</td></tr></table><ul><li>一</li><li>二</li></ul>") == (
        "見出し\n本文 & 強調\na b\n一\n二")


# -- the bundled library and the cache -------------------------------------------------------------


def test_the_bundled_lessons_are_searchable() -> None:
    bundled = load_library(lessons_dir())
    index = SearchIndex([build_index(bundled)])
    hits = index.search("ぺーぱーれす").hits
    assert hits and all(h.marks for h in hits)
    assert index.search("ＤＸ").total >= 10


def test_the_index_is_cached_and_rebuilt_when_the_texts_change(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_index_cached(LIB, cache)
    files = list(cache.glob("search-*.pickle"))
    assert len(files) == 1
    again = load_index_cached(LIB, cache)
    assert again.corpus == first.corpus and again.key == first.key
    edited = library("lib", lesson("paper", "会議のペーパーレス化", "改訂した本文です。"))
    rebuilt = load_index_cached(edited, cache)
    assert rebuilt.key != first.key and "改訂" in rebuilt.corpus
    files[0].write_bytes(b"not a pickle")
    assert load_index_cached(LIB, cache).corpus == first.corpus
    stored_key, stored = pickle.loads(files[0].read_bytes())
    assert stored_key == first.key and stored.corpus == first.corpus


def test_an_unwritable_cache_still_searches(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    assert load_index_cached(LIB, blocker).corpus == build_index(LIB).corpus
