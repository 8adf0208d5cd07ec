"""What every quiz session shares, whether it records (the learner's) or not (the preview).

Wiring to the quiz page, showing the current question in its choice order, and judging an
answer: on-screen positions -> file indexes -> ``learning.grading``. Subclasses decide where
the choice orders come from and what happens to an answer (stored, or only shown).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject

from dxlearn.content.model import Lesson, Question, Quiz
from dxlearn.learning.grading import grade_answer
from dxlearn.learning.shuffle import to_file_indexes

from .quiz_page import QuestionView, QuizPage, ReviewItem


@dataclass(frozen=True, slots=True)
class Judged:
    question: Question
    selected: tuple[int, ...]  # file indexes: what is graded and stored
    correct: bool
    correct_positions: list[int]  # where the right answers are on screen


class QuizFlow(QObject):
    def __init__(self, lesson: Lesson, page: QuizPage) -> None:
        super().__init__(page)
        assert lesson.quiz is not None
        self.lesson = lesson
        self.quiz: Quiz = lesson.quiz
        self.page = page
        self.answers: dict[int, tuple[int, ...]] = {}
        self.current = 0
        page.answer_submitted.connect(self._on_page_answer_submitted)
        page.next_requested.connect(self._on_page_next_requested)
        page.retry_requested.connect(self._on_page_retry_requested)
        self.attempt_number = 0  # shown in the heading; 0 when nothing is recorded
        self.resumed_answered: int | None = None  # set for the first question of a resume

    def disconnect_page(self) -> None:
        for signal, slot in ((self.page.answer_submitted, self._on_page_answer_submitted),
                             (self.page.next_requested, self._on_page_next_requested),
                             (self.page.retry_requested, self._on_page_retry_requested)):
            signal.disconnect(slot)

    def dismiss(self) -> None:
        """The learner left the quiz: stop listening to the page (which lives on and will
        serve the next quiz) and let Qt delete this session."""
        self.disconnect_page()
        self.deleteLater()

    def order(self, index: int) -> tuple[int, ...]:
        """The choice order of question ``index`` (``order[position] = file index``)."""
        raise NotImplementedError

    def show_current(self) -> None:
        question = self.quiz.questions[self.current]
        order = self.order(self.current)
        self.page.show_question(QuestionView(
            number=self.current + 1,
            total=len(self.quiz.questions),
            prompt_html=question.prompt_html,
            choices_html=[question.choices[i].html for i in order],
            multiple=question.multiple,
            lesson_title=self.lesson.title,
            attempt_number=self.attempt_number,
            resumed_answered=self.resumed_answered,
        ))
        self.resumed_answered = None  # said once, on the question the learner resumes at

    def judge(self, positions: list[int]) -> Judged:
        question = self.quiz.questions[self.current]
        order = self.order(self.current)
        selected = to_file_indexes(order, positions)
        return Judged(question, selected, grade_answer(question, selected),
                      [order.index(i) for i in question.correct_indexes])

    def show_feedback(self, judged: Judged) -> None:
        self.answers[self.current] = judged.selected
        self.page.show_feedback(judged.correct, judged.correct_positions,
                                judged.question.explanation_html)

    def review(self) -> list[ReviewItem]:
        """Every question with the learner's answer, for the result page."""
        return [ReviewItem(q, self.answers.get(q.index, ()),
                           grade_answer(q, self.answers.get(q.index, ())))
                for q in self.quiz.questions]

    def _on_page_answer_submitted(self, positions: list[int]) -> None:
        raise NotImplementedError

    def _on_page_next_requested(self) -> None:
        raise NotImplementedError

    def _on_page_retry_requested(self) -> None:
        raise NotImplementedError
