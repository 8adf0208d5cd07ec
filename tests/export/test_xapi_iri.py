"""The organisation URL normaliser (``dxlearn.export.xapi_iri``) as a parser: whatever text it
is given, it returns one spelling that an LRS's IRI rule accepts, or a coded refusal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rfc3987 import parse  # ralph's IRI rule (the test extra)

from dxlearn.export.xapi_iri import HomePageError, normalise_home_page

LABEL = st.text(alphabet="abcxyz019-例え総務ＡＢ", min_size=1, max_size=12)
PATH_CHARS = "abc-._~!$&'()*+,;=:@/%09AFaf課研修 ?#<>\"{}|\\^`\t\u3000\u200b"
URLISH = st.builds(
    lambda scheme, labels, port, path: f"{scheme}{'.'.join(labels)}{port}{path}",
    st.sampled_from(["https://", "http://", "HTTPS://", "ｈｔｔｐｓ：／／", "ftp://", "",
                     "https:/"]),
    st.lists(LABEL, min_size=1, max_size=4),
    st.sampled_from(["", ":443", ":80", ":8080", ":0", ":99999", ":x"]),
    st.one_of(st.text(alphabet="abc-._~!$&'()*+,;=:@/%09AF課研修", max_size=20),
              st.text(alphabet=PATH_CHARS, max_size=20)),
)


def check(raw: str) -> None:
    try:
        normal = normalise_home_page(raw)
    except HomePageError as error:
        assert error.code in ("xapi.home_page_invalid", "xapi.home_page_missing")
        for lang in ("ja", "en"):
            assert error.message(lang)
        return
    parse(normal, rule="IRI")  # raises ValueError when an LRS would refuse it
    assert normal.startswith(("https://", "http://")) and normal.endswith("/")
    assert normalise_home_page(normal) == normal, "normalising twice changes nothing"
    assert not any(c.isspace() for c in normal)


@settings(max_examples=600, deadline=None)
@given(URLISH)
def test_url_like_text_is_normalised_to_an_iri_or_refused(raw: str) -> None:
    check(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_normalised_to_an_iri_or_refused(raw: str) -> None:
    check(raw)


@pytest.mark.parametrize(("raw", "normal"), [
    ("https://www.city.example.lg.jp", "https://www.city.example.lg.jp/"),
    ("https://www.city.example.lg.jp/", "https://www.city.example.lg.jp/"),
    ("http://Example.JP:80", "http://example.jp/"),
    ("https://example.jp:8443/a/b", "https://example.jp:8443/a/b/"),
    ("https://example.jp/%e7%a0%94", "https://example.jp/%E7%A0%94/"),
    ("https://例え.jp/総務課", "https://例え.jp/総務課/"),
    ("\u3000https://example.jp\u3000", "https://example.jp/"),
])
def test_spellings_of_one_site_become_one(raw: str, normal: str) -> None:
    assert normalise_home_page(raw) == normal


@pytest.mark.parametrize(("raw", "reason"), [
    ("", None), ("   ", None),
    ("www.city.example.lg.jp", "xapi.reason_scheme"),
    ("https:www.example.jp", "xapi.reason_scheme"),
    ("https://a b.jp/", "xapi.reason_space"),
    ("https://example.jp/\u200b", "xapi.reason_space"),
    ("https://-bad.jp/", "xapi.reason_host"),
    ("https://bad..jp/", "xapi.reason_host"),
    ("https://bad_host.jp/", "xapi.reason_host"),
    ("https://example.jp:0/", "xapi.reason_port"),
    ("https://u:p@example.jp/", "xapi.reason_userinfo"),
    ("https://example.jp/#top", "xapi.reason_query"),
    ("https://example.jp/%zz", "xapi.reason_percent"),
    ("https://example.jp/a|b", "xapi.reason_character"),
])
def test_unusable_urls_are_refused_with_the_reason(raw: str, reason: str | None) -> None:
    with pytest.raises(HomePageError) as caught:
        normalise_home_page(raw)
    if reason is None:
        assert caught.value.code == "xapi.home_page_missing"
    else:
        assert caught.value.code == "xapi.home_page_invalid"
        assert caught.value.params["reason"].code == reason
        assert caught.value.params["value"] == raw.strip()
