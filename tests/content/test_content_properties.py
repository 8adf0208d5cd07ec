"""Property tests: whatever a trainer's files hold, load_library returns a Library with findings,
never raises; every finding has a line >= 1 and a path that exists under the library root; and
a good lesson next to the fuzzed one is untouched.

Each example writes its files under its own tempfile folder (not tmp_path, which hypothesis
would share between examples).
"""

from __future__ import annotations

import json
import string
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from content_builders import no_id
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxlearn.content.lint import format_json, format_text, lint_path
from dxlearn.content.loader import LibraryError, load_library
from dxlearn.content.model import Lesson, Library

FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

REFERENCE_LESSON = "---\ntitle: 基準の教材\nid: zz-reference\n---\n# 基準\n\n本文です。\n"
REFERENCE_QUIZ = "## 基準の問\n\n- [x] はい\n- [ ] いいえ\n\n> 解説\n"


@contextmanager
def library_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="dxlearn-prop-") as folder:
        yield Path(folder) / "lib"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _with_reference(root: Path) -> None:
    """A good lesson, first in display order, that no fuzzed file may disturb."""
    _write(root / "00-ref" / "00-reference" / "lesson.md", REFERENCE_LESSON.encode())
    _write(root / "00-ref" / "00-reference" / "quiz.md", REFERENCE_QUIZ.encode())


def _check_invariants(library: Library, root: Path) -> None:
    for finding in library.all_findings():
        assert finding.line >= 1, finding
        assert finding.path, finding
        assert (root / finding.path).exists(), finding
        assert finding.message
    result = lint_path(str(root))
    assert result.exit_status == (1 if library.has_errors else 0)
    text = format_text(result.findings)
    assert text.count("\n") >= len(result.findings)
    assert len(json.loads(format_json(result.findings))) == len(result.findings)


def _reference(library: Library) -> Lesson:
    lesson = library.lesson("zz-reference")
    assert lesson is not None and lesson.rel_path == "00-ref/00-reference"
    assert no_id(lesson.findings) == ()
    assert lesson.title == "基準の教材"
    assert "本文です。" in lesson.body_html
    assert lesson.quiz is not None and len(lesson.quiz.questions) == 1
    return lesson


# --- any bytes ----------------------------------------------------------------------------------

text_like = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.text(max_size=300).map(lambda t: ("---\n" + t).encode("utf-8")),
    st.text(max_size=300).map(lambda t: ("---\n" + t + "\n---\n" + t).encode("utf-8")),
    st.text(alphabet="あいう漢字ｱ①－ \n:-[]x#>!()`~", max_size=200).map(
        lambda t: t.encode("cp932", errors="ignore")),
)


@FAST
@given(lesson=text_like, quiz=text_like, library_yaml=text_like, chapter_yaml=text_like)
def test_any_bytes_never_raise(lesson: bytes, quiz: bytes, library_yaml: bytes,
                               chapter_yaml: bytes) -> None:
    with library_folder() as root:
        _with_reference(root)
        _write(root / "library.yaml", library_yaml)
        _write(root / "01-ch" / "chapter.yaml", chapter_yaml)
        _write(root / "01-ch" / "01-fuzz" / "lesson.md", lesson)
        _write(root / "01-ch" / "01-fuzz" / "quiz.md", quiz)

        try:
            library = load_library(root)
        except LibraryError as exc:  # the one documented exception: library.yaml has errors
            assert exc.findings and all(f.path == "library.yaml" for f in exc.findings)
            assert any(f.is_error for f in exc.findings)
            ends = library_yaml.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n")
            assert all(1 <= f.line <= ends + 1 for f in exc.findings)
            return

        _check_invariants(library, root)
        _reference(library)
        assert [x.rel_path for x in library.lessons()] == ["00-ref/00-reference", "01-ch/01-fuzz"]


# --- structured front matter -------------------------------------------------------------------

LESSON_KEYS = ["title", "id", "roles", "required", "minutes", "version", "objectives",
               "pass_score", "role", "Title", "タイトル", "pass-score"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["executive", "leader", "staff", "exective", ""]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)


@FAST
@given(front=st.dictionaries(st.sampled_from(LESSON_KEYS), values, max_size=8),
       flow=st.booleans())
def test_structured_front_matter_never_raises(front: dict[str, object], flow: bool) -> None:
    dumped = yaml.safe_dump(front, allow_unicode=True, default_flow_style=flow)
    with library_folder() as root:
        _with_reference(root)
        _write(root / "01-ch" / "01-fuzz" / "lesson.md",
               f"---\n{dumped}---\n本文\n".encode())

        library = load_library(root)

        _check_invariants(library, root)
        _reference(library)
        fuzz = next(x for x in library.lessons() if x.rel_path == "01-ch/01-fuzz")
        key_lines = {line.split(":")[0]: number + 2
                     for number, line in enumerate(dumped.splitlines())
                     if line and not line.startswith((" ", "-"))}
        for finding in fuzz.findings:
            # a finding about a key points at that key's line (block style: one key per line)
            key = finding.message.split(":")[0]
            if not flow and key in front and key in key_lines:
                assert finding.line == key_lines[key], (finding, dumped)


ident = st.from_regex(r"[a-z0-9][a-z0-9\-_.]{0,20}", fullmatch=True)
clean_text = st.text(alphabet=st.characters(whitelist_categories=("L", "N"),
                                            whitelist_characters=" 　・"),
                     min_size=1, max_size=30).map(str.strip).filter(bool)


@dataclass(frozen=True)
class ValidFront:
    title: str
    id: str
    roles: list[str]
    required: bool
    minutes: int
    version: int
    objectives: list[str]
    pass_score: int


valid_fronts = st.builds(
    ValidFront, title=clean_text, id=ident,
    roles=st.lists(st.sampled_from(["executive", "leader", "staff"]), min_size=1, max_size=3,
                   unique=True),
    required=st.booleans(), minutes=st.integers(1, 10_000), version=st.integers(1, 10_000),
    objectives=st.lists(clean_text, max_size=4), pass_score=st.integers(0, 100))


@FAST
@given(front=valid_fronts)
def test_valid_front_matter_round_trips(front: ValidFront) -> None:
    dumped = yaml.safe_dump(vars(front), allow_unicode=True, sort_keys=False)
    with library_folder() as root:
        _write(root / "01-ch" / "01-x" / "lesson.md", f"---\n{dumped}---\n本文\n".encode())

        library = load_library(root)

        (lesson,) = library.lessons()
        assert no_id(lesson.findings) == ()
        assert (lesson.title, lesson.id, list(lesson.roles), lesson.required, lesson.minutes,
                lesson.version, list(lesson.objectives), lesson.pass_score) == (
            front.title, front.id, front.roles, front.required, front.minutes, front.version,
            front.objectives, front.pass_score)


# --- quiz texts built from random parts --------------------------------------------------------

@dataclass(frozen=True)
class DraftQuestion:
    heading: str
    choices: list[tuple[bool, str]]
    quote: str | None


safe_words = st.text(alphabet=string.ascii_letters + "あいうえお漢字カナ", min_size=1,
                     max_size=12)
draft_questions = st.builds(
    DraftQuestion, heading=safe_words,
    choices=st.lists(st.tuples(st.booleans(), safe_words), max_size=5),
    quote=st.one_of(st.none(), safe_words))
marks = st.sampled_from(["[x]", "[X]", "[ ]", "[]", "[ｘ]", "[?]", "(x)", ""])
noise = st.sampled_from(["", "```", "~~~", "> 引用", "- 普通の項目", "## ", "### 小見出し",
                         "| a | b |", "|---|---|", "![](gone.png)", "[x](https://e.jp)", "\t"])


def _render_quiz(questions: list[DraftQuestion]) -> str:
    parts: list[str] = []
    for question in questions:
        parts.append(f"## {question.heading}\n")
        parts.extend(f"- {'[x]' if ok else '[ ]'} {text}" for ok, text in question.choices)
        if question.quote is not None:
            parts.append(f"\n> {question.quote}")
        parts.append("")
    return "\n".join(parts) + "\n"


@FAST
@given(questions=st.lists(draft_questions, min_size=1, max_size=5))
def test_well_formed_quiz_parses_back(questions: list[DraftQuestion]) -> None:
    with library_folder() as root:
        _write(root / "01-x" / "lesson.md", REFERENCE_LESSON.encode())
        _write(root / "01-x" / "quiz.md", _render_quiz(questions).encode())

        library = load_library(root)

        _check_invariants(library, root)
        (lesson,) = library.lessons()
        assert lesson.quiz is not None
        expected = [q for q in questions
                    if len(q.choices) >= 2 and any(ok for ok, _ in q.choices)]
        assert [q.prompt for q in lesson.quiz.questions] == [q.heading for q in expected]
        for parsed, draft in zip(lesson.quiz.questions, expected, strict=True):
            assert [(c.correct, c.text) for c in parsed.choices] == draft.choices
            assert parsed.explanation == (draft.quote or "")
            assert parsed.multiple == (sum(ok for ok, _ in draft.choices) > 1)
        errors = [f for f in lesson.findings if f.is_error]
        assert len(errors) == len(questions) - len(expected)


@FAST
@given(lines=st.lists(st.one_of(
    st.tuples(st.just("heading"), safe_words),
    st.tuples(marks, safe_words),
    st.tuples(st.just("quote"), safe_words),
    st.tuples(st.just("noise"), noise)), max_size=25))
def test_quiz_from_random_lines_never_raises(lines: list[tuple[str, str]]) -> None:
    rendered: list[str] = []
    for kind, text in lines:
        if kind == "heading":
            rendered.append(f"## {text}")
        elif kind == "quote":
            rendered.append(f"> {text}")
        elif kind == "noise":
            rendered.append(text)
        else:
            rendered.append(f"- {kind} {text}")
    with library_folder() as root:
        _with_reference(root)
        _write(root / "01-ch" / "01-fuzz" / "lesson.md", b"---\ntitle: x\nid: fuzz\n---\n")
        _write(root / "01-ch" / "01-fuzz" / "quiz.md", "\n".join(rendered).encode())

        library = load_library(root)

        _check_invariants(library, root)
        _reference(library)
        fuzz = library.lesson("fuzz")
        assert fuzz is not None and fuzz.quiz is not None
        for question in fuzz.quiz.questions:
            assert len(question.choices) >= 2 and question.correct_indexes
            assert 1 <= question.line <= len(rendered)


# --- folder names --------------------------------------------------------------------------------

folder_names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
    min_size=1, max_size=12,
).filter(lambda name: name not in {".", ".."} and len(name.encode("utf-8")) < 200)


@FAST
@given(chapter=folder_names, lesson=folder_names, loose=folder_names)
def test_any_folder_names_never_raise(chapter: str, lesson: str, loose: str) -> None:
    with library_folder() as root:
        _with_reference(root)
        _write(root / chapter / lesson / "lesson.md", b"---\ntitle: x\n---\n")
        if not (root / loose).exists():
            _write(root / loose / "lesson.md", b"---\ntitle: y\n---\n")

        library = load_library(root)

        _check_invariants(library, root)
        _reference(library)
