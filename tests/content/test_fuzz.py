"""Fuzz targets: arbitrary text and bytes through the lesson front matter, the YAML files, the
quiz parser and library.yaml reading. Never an exception but the documented one (LibraryError,
for library.yaml), every finding on a line of its file, and fast (a deadline per example)."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxlearn.content import mdguard, quizlines
from dxlearn.content.loader import LibraryError, load_library
from dxlearn.content.model import Finding
from dxlearn.content.quiz import parse_quiz
from dxlearn.content.textfile import parse_yaml_file, split_front_matter

FUZZ = settings(max_examples=150, deadline=timedelta(seconds=2),
                suppress_health_check=[HealthCheck.too_slow])

# what trainers type, and what breaks parsers: YAML and Markdown marks in both widths, spaces of
# every kind, kana and kanji, brackets, control characters
MARKS = ":：-－ー・[]［］{}#＃&*!'\"|>< \t\u3000\ufeff\n\r,、xｘ()（）.`~_\\=%0123456789"
WORDS = ["title", "id", "roles", "required", "minutes", "objectives", "shuffle", "multiple",
         "pass_score", "- [ ] ", "- [x] ", "## ", "### ", "---", "> ", "&a ", "*a", "!!str ",
         "q-1", "研修", "正しい", "[q-1, multiple] ", "[", "<a ", "](", "\n\n"]
texty = st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet=MARKS, max_size=6),
                           st.text(max_size=4)), max_size=60).map("".join)
any_text = st.one_of(texty, st.text(max_size=400))


def _lines(text: str) -> int:
    return text.count("\n") + 1


def _check(findings: tuple[Finding, ...] | list[Finding], text: str, path: str) -> None:
    for finding in findings:
        assert finding.path == path, finding
        assert 1 <= finding.line <= _lines(text), (finding, text)
        assert finding.text("ja") and finding.text("en")
        assert len(finding.text("en")) < 2_000


@FUZZ
@given(body=any_text)
def test_front_matter_never_raises_and_every_line_is_in_the_file(body: str) -> None:
    text = "---\n" + body
    front = split_front_matter(text, "lesson.md")

    _check(front.findings, text, "lesson.md")
    assert front.body_line >= 1
    assert all(isinstance(key, str) for key in front.data)
    assert all(1 <= line <= _lines(text) for line in front.key_lines.values())


@FUZZ
@given(text=any_text)
def test_yaml_files_never_raise(text: str) -> None:
    doc = parse_yaml_file(text, "library.yaml")

    _check(doc.findings, text, "library.yaml")
    assert doc.readable or any(f.is_error for f in doc.findings)


@FUZZ
@given(text=any_text)
def test_quiz_parser_never_raises(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        findings: list[Finding] = []

        quiz = parse_quiz(text, "quiz.md", root, root, 80, findings)

    _check(findings, text, "quiz.md")
    assert [q.index for q in quiz.questions] == list(range(len(quiz.questions)))
    for question in quiz.questions:
        assert question.id and len(question.choices) >= 2
        assert any(c.correct for c in question.choices)
        assert question.multiple == (question.select_all
                                     or sum(c.correct for c in question.choices) > 1)
        assert "[" + question.id not in question.prompt or not question.id_explicit


@FUZZ
@given(data=st.one_of(st.binary(max_size=300), any_text.map(lambda t: t.encode("utf-8"))))
def test_library_yaml_is_read_or_stops_the_library_with_its_lines(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "lib"
        (root / "01-a").mkdir(parents=True)
        (root / "01-a" / "lesson.md").write_text("---\ntitle: a\nid: a\n---\n本文\n", "utf-8")
        (root / "library.yaml").write_bytes(data)
        try:
            library = load_library(root)
        except LibraryError as exc:
            assert exc.findings and any(f.is_error for f in exc.findings)
            assert all(f.path == "library.yaml" for f in exc.findings)
            lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
            assert all(1 <= f.line <= lines for f in exc.findings)
            assert exc.message("ja") and exc.message("en")
            return
    assert [lesson.id for lesson in library.lessons()] == ["a"]
    assert library.id
    assert not any(f.is_error for f in library.findings if f.path == "library.yaml")


@FUZZ
@given(line=any_text)
def test_quiz_lines_are_recognised_without_raising(line: str) -> None:
    line = line.split("\n")[0]
    found = quizlines.choice(line)
    near = quizlines.near_choice(line)

    assert found is None or near is None  # a line is a choice, a near miss, or neither
    quizlines.heading(line)
    named = quizlines.heading_id(line)
    assert named.text in line
    assert quizlines.stem_id(line).startswith("s-")


@FUZZ
@given(source=any_text)
def test_tamed_markdown_keeps_its_lines_and_restores_the_text(source: str) -> None:
    tamed = mdguard.tame(source)

    assert tamed.source.count("\n") == source.count("\n")
    assert (tamed.first_changed is None) == (tamed.source == source)
    html = tamed.restore(tamed.source)
    assert tamed.prefix == "" or tamed.prefix not in html
