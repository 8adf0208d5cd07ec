"""The answers export (``--scope answers``): one row per answered question of a finished
quiz attempt, for item analysis (``dxlearn hr items``; docs/completion-export.md, "Answers").

Which library question an answer was given to is ``learning.review.answer_key``, the rule the
review queue uses: from store revision 0006 each answer keeps its question's id, which names
the question for as long as the library's lesson holds it (a new lesson version included); an
older answer keeps only its position in the quiz of the lesson version the attempt was made on,
which names a question only while the library holds that version. When the question is known
and still has as many choices as when it was answered, the row carries the question's id and
its correct choices and ``in_analysis`` is true. Otherwise (the question is gone or changed,
or the library is not on this PC) the row is still written, as the learner's answer, with
``question_id`` (when it was stored) but ``correct_choices`` empty and ``in_analysis`` false;
the export's warnings count them.

Choices are numbered from 1 in the order of the quiz file (never the shuffled order a learner
saw), joined with ``;`` (``1;3``: a comma would let Excel read ``1,3`` as 13).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from dxlearn import __version__
from dxlearn.content.model import Library, Question
from dxlearn.export.columns import ANSWER_COLUMNS, SHEET_NAMES, Scope
from dxlearn.export.csv_writer import WrittenFile, write_csv
from dxlearn.export.formatting import zone_label
from dxlearn.export.vocabulary import vocabulary
from dxlearn.learning.review import answer_key, lesson_shapes, question_key
from dxlearn.store.export_queries import AnswerRow, answer_feed
from dxlearn.store.repository import ProgressStore

Row = tuple[object, ...]
CHOICE_SEPARATOR = ";"


def choice_list(indexes: Sequence[int] | frozenset[int]) -> str:
    """File indexes (0-based) -> ``1;3``."""
    return CHOICE_SEPARATOR.join(str(i + 1) for i in sorted(indexes))


@dataclass
class AnswerRows:
    """The rows of one library's answers; counts the answers left out of analysis."""

    library: Library
    found: bool
    device: str
    exported_at: datetime
    left_out: int = 0

    def __post_init__(self) -> None:
        self.shapes = lesson_shapes(self.library) if self.found else {}
        self.questions: dict[tuple[str, str], Question] = {
            (lesson.id, question_key(question)): question
            for lesson in self.library.lessons() if lesson.quiz is not None
            for question in lesson.quiz.questions} if self.found else {}

    def _question(self, answer: AnswerRow) -> Question | None:
        """The library question of ``answer`` when it is known and unchanged in its choices."""
        key = answer_key(self.shapes.get(answer.lesson_id), answer.lesson_version,
                         answer.question_count, answer.question_index, answer.question_id)
        question = None if key is None else self.questions.get((answer.lesson_id, key))
        if question is None or (answer.choices_shown
                                and len(question.choices) != answer.choices_shown):
            return None  # gone, or its choices changed: choice numbers would not match
        return question

    def rows(self, answers: Iterator[AnswerRow]) -> Iterator[Row]:
        library = self.library
        tail = (self.device, self.exported_at, __version__)
        for answer in answers:
            index = answer.question_index
            question = self._question(answer)
            usable = question is not None
            if question is not None:
                question_id = question_key(question)
                right = choice_list(question.correct_indexes)
            else:
                question_id, right = answer.question_id or "", ""
                self.left_out += 1
            yield (answer.staff_id, library.id, answer.library_version or library.version,
                   answer.lesson_id, answer.lesson_version, answer.attempt,
                   answer.attempt_started_at, index + 1, question_id,
                   choice_list(answer.selected), right, answer.correct, answer.answered_at,
                   usable, *tail)


def write_answers(store: ProgressStore, path: Path, *, csv: bool,
                  sections: Sequence[tuple[Library, bool]],
                  learners: Sequence[str] | None, header: str, encoding: str,
                  tz: tzinfo | None, now: datetime, device: str, key: bytes
                  ) -> tuple[WrittenFile, int]:
    """Write the answers of every (library, found on this PC) of ``sections``; returns the
    file and the number of answers left out of analysis."""
    builders = [AnswerRows(library, found, device, now) for library, found in sections]

    def rows() -> Iterator[Row]:
        for builder in builders:
            yield from builder.rows(answer_feed(store, builder.library.id, learners))

    bools = vocabulary(header).bools
    if csv:
        written = write_csv(path, ANSWER_COLUMNS, rows(), header=header, encoding=encoding,
                            tz=tz, key=key, bools=bools)
    else:
        from dxlearn.export.xlsx_writer import write_xlsx

        written = write_xlsx(path, SHEET_NAMES[header][Scope.ANSWERS], ANSWER_COLUMNS, rows(),
                             header=header, tz=tz, key=key, bools=bools,
                             zone=zone_label(tz, now), stamp=now)
    return written, sum(b.left_out for b in builders)
