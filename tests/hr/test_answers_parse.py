"""The answers reader (``hr.answers``): every cell checked, never a crash (Hypothesis)."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dxlearn.export.answers import choice_list
from dxlearn.export.columns import ANSWER_COLUMNS
from dxlearn.hr.answers import AnswerReader, answer_header, parse_choices
from dxlearn.hr.items import pearson
from dxlearn.hr.values import InputError, RowProblem

HEADER = [c.en for c in ANSWER_COLUMNS]
GOOD = ["00123", "lib", "2026.1", "intro", "2", "1", "2026-11-27T14:05:09+09:00", "3", "q-x",
        "2;3", "1", "false", "2026-11-27T14:06:00+09:00", "true", "PC-A",
        "2026-11-30T12:00:00+09:00", "1.0.0"]


def reader() -> AnswerReader:
    mapping, language = answer_header(HEADER)
    assert language == "en"
    return AnswerReader(mapping)


def test_a_row_as_written_reads_back() -> None:
    answer = reader().read(GOOD)
    assert (answer.staff_id, answer.lesson_version, answer.attempt, answer.question_number,
            answer.question_id) == ("00123", 2, 1, 3, "q-x")
    assert answer.chosen == {2, 3} and answer.correct_choices == {1}
    assert answer.correct is False and answer.in_analysis is True
    assert answer.attempt_started_at == datetime(2026, 11, 27, 5, 5, 9, tzinfo=UTC)


def test_japanese_headers_and_words() -> None:
    mapping, language = answer_header([c.ja for c in ANSWER_COLUMNS])
    assert language == "ja"
    row = [*GOOD]
    row[11], row[13] = "いいえ", "はい"
    assert AnswerReader(mapping).read(row).in_analysis is True


@pytest.mark.parametrize(("column", "value"), [
    (0, ""), (3, ""), (4, "0"), (4, "２"), (6, "yesterday"), (7, "-1"), (9, "1,3"),
    (9, "a"), (9, "0"), (11, "maybe"), (13, ""), (8, ""), (2 * 0 + 8, "q\x0bx"),
])
def test_a_bad_cell_is_a_row_problem_naming_its_column(column: int, value: str) -> None:
    row = [*GOOD]
    row[column] = value
    with pytest.raises(RowProblem) as caught:
        reader().read(row)
    assert str(caught.value)


def test_detail_and_other_headers_are_told_apart() -> None:
    from dxlearn.export.columns import DETAIL_COLUMNS

    with pytest.raises(InputError) as caught:
        answer_header([c.en for c in DETAIL_COLUMNS])
    assert caught.value.reason.code == "items.input_detail"
    with pytest.raises(InputError) as caught:
        answer_header(["staff_id", "name"])
    assert caught.value.reason.code == "items.input_not_answers"
    with pytest.raises(InputError):
        answer_header([*HEADER, "staff_id"])


@given(st.frozensets(st.integers(min_value=0, max_value=200), max_size=12))
def test_choices_round_trip(indexes: frozenset[int]) -> None:
    assert parse_choices(choice_list(indexes), "chosen") == {i + 1 for i in indexes}


@settings(max_examples=300)
@given(st.text(max_size=30))
def test_any_choices_text_parses_or_is_a_row_problem(value: str) -> None:
    try:
        found = parse_choices(value, "chosen")
    except RowProblem:
        return
    assert all(1 <= n <= 999 for n in found)


CELL = st.one_of(st.none(), st.text(max_size=20), st.integers(-10, 10**12),
                 st.floats(allow_nan=True), st.booleans(),
                 st.datetimes(timezones=st.none() | st.just(UTC)))


@settings(max_examples=300)
@given(st.lists(CELL, min_size=0, max_size=20), st.lists(st.integers(0, 16), max_size=17))
def test_any_row_reads_or_is_a_row_problem(cells: list[object], keep: list[int]) -> None:
    row: list[object] = [*GOOD]
    for index, cell in zip(keep, cells, strict=False):
        row[index] = cell
    try:
        answer = reader().read(row[: len(row) - (len(keep) % 3)])
    except RowProblem:
        return
    assert answer.staff_id and answer.lesson_version >= 1 and answer.question_number >= 1


def test_pearson_of_a_hand_computed_pair() -> None:
    # x = 1 1 1 0 0 0, y = 2 2 2 2 2 1: (6·6 − 3·11) / sqrt((18 − 9)(126 − 121)) = 3/√45
    assert round(pearson([1, 1, 1, 0, 0, 0], [2, 2, 2, 2, 2, 1]) or 0, 3) == 0.447
    assert pearson([1, 1, 1], [1, 2, 3]) is None  # the item does not vary
    assert pearson([1, 0, 1], [2, 2, 2]) is None  # the rest does not vary
    assert pearson([1], [2]) is None


def test_an_attempt_read_a_microsecond_off_is_the_same_attempt() -> None:
    early, late = [*GOOD], [*GOOD]
    early[6] = datetime(2026, 11, 27, 14, 5, 8, 999_999)  # an XLSX cell read back
    late[6] = datetime(2026, 11, 27, 14, 5, 9, 1)
    mapping, _language = answer_header(HEADER)
    read = AnswerReader(mapping, zone=UTC).read
    assert read(early).key == read(late).key
    assert read(early).attempt_started_at == datetime(2026, 11, 27, 14, 5, 9, tzinfo=UTC)


def test_a_refused_row_marks_its_attempt_and_the_analysis_leaves_it_out() -> None:
    """A first attempt whose every row was refused is still the first: the retake that
    follows it must not be analysed as a first attempt; an unreadable row with no attempt
    (no learner) marks nothing."""
    from dxlearn.hr.items import analyse

    rows = reader()

    def row(staff: str, started: str, number: int, correct: str, chosen: str = "1") -> list[str]:
        cells = [*GOOD]
        cells[0], cells[6], cells[7], cells[8] = staff, started, str(number), f"q-{number}"
        cells[9], cells[11] = chosen, correct
        return cells

    first, retake = "2026-11-27T14:05:09+09:00", "2026-11-28T09:00:00+09:00"
    answers = []
    for staff in ("1", "2", "3", "4", "5", "6"):
        for number in (1, 2):
            cells = row(staff, first, number, "true" if staff < "4" or number == 1 else "false")
            if staff == "6":
                cells[9] = "bad"  # 6's first attempt: both rows unreadable
            with contextlib.suppress(RowProblem):
                answers.append(rows.read(cells))
    answers += [rows.read(row("6", retake, n, "true")) for n in (1, 2)]  # 6's retake
    no_learner = row("", first, 1, "true")
    with pytest.raises(RowProblem):
        rows.read(no_learner)
    assert len(rows.refused) == 2
    assert {r.question_number for r in rows.refused} == {1, 2}
    analysis = analyse(answers, rows.refused)
    assert analysis.left_out_incomplete == 1 and analysis.learners == 5
    assert [(i.question_id, i.answered, i.correct) for i in analysis.items] == [
        ("q-1", 5, 5), ("q-2", 5, 3)]
    # without the marks the retake would count as 6's first attempt (all right)
    assert [(i.question_id, i.answered) for i in analyse(answers).items] == [
        ("q-1", 6), ("q-2", 6)]


def test_a_refused_row_without_position_or_start_still_marks_its_quiz() -> None:
    """A refused row whose question position cannot be read marks its attempt even when
    another file brings every answer of it (which one it was cannot be told); one whose start
    cannot be read marks the learner's quiz (any attempt may be the first)."""
    from dxlearn.hr.items import analyse

    rows = reader()

    def row(staff: str, number: int) -> list[str]:
        cells = [*GOOD]
        cells[0], cells[7], cells[8], cells[11] = staff, str(number), f"q-{number}", "true"
        return cells

    answers = [rows.read(row(staff, n)) for staff in "123456" for n in (1, 2)]
    no_position, no_start = row("1", 1), row("2", 1)
    no_position[7], no_position[9] = "first", "x"
    no_start[6], no_start[9] = "yesterday", "x"
    for cells in (no_position, no_start):
        with pytest.raises(RowProblem):
            rows.read(cells)
    assert [(r.quiz[0], r.started is None, r.question_number) for r in rows.refused] == [
        ("1", False, None), ("2", True, 1)]
    analysis = analyse(answers, rows.refused)
    assert analysis.left_out_incomplete == 2 and analysis.learners == 4
    assert analyse(answers).learners == 6
