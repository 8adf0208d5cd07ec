"""Item analysis (設問分析) of quiz answers collected from many PCs: ``dxlearn hr items`` and
the 設問分析 sheet of ``hr merge`` (docs/completion-export.md, "Item analysis").

From the answers rows (``hr.answers``):

1. **The same answer once.** An answer is identified by learner, library, lesson, the
   attempt's start time and the question's position (:attr:`Answer.key`): the same attempt
   exported again (every week, or from two PCs sharing one database) counts once.
2. **First attempts.** Per learner and quiz (library + lesson), only the attempt that started
   first, on whichever PC: later attempts are taken after seeing the questions and the
   feedback. When that attempt's answers are not ``in_analysis`` (its lesson version changed
   since), the learner is left out of the quiz's analysis (a later attempt is no first one);
   the number left out is reported. Likewise when a row of that attempt was left out of an
   input (unreadable: ``hr.answers``) and no other input brings the same answer: the rest of
   the attempt alone would give wrong rest scores (:class:`RefusedRow`).
3. **Per question** (library, lesson, question id), over the learners whose first attempt
   answered it:

   - ``n``: learners; ``facility``: per cent answered correctly (Moodle's facility index);
   - ``discrimination``: Moodle's *discrimination index*, the Pearson correlation between the
     item's score (1 correct, 0 wrong: grading is all-or-nothing) and the score on the rest
     of the quiz (the attempt's number of correct answers less this item's). Moodle shows it
     as a percentage (×100); this is the coefficient, −1..1. Not computable (empty) when
     every learner got the item right (or wrong) or everyone has the same rest score;
   - how often each wrong choice was chosen (choices numbered from 1 in file order);
   - flags: facility above 90 % (too easy) or below 30 % (too hard), discrimination below
     0.2 (or not computable); with fewer than :data:`MIN_ANSWERS` learners none of those is
     judged: the flag says "n too small".
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from dxlearn.hr.answers import Answer, RefusedRow

MIN_ANSWERS = 5  # fewer learners than this: the statistics are shown, never judged
EASY = 90.0  # facility above this (per cent) is flagged
HARD = 30.0  # facility below this is flagged
LOW_DISCRIMINATION = 0.2

# flag keys (the writers turn them into words: messages ``items.flag_*``)
FLAG_EASY = "easy"
FLAG_HARD = "hard"
FLAG_LOW = "low_discrimination"
FLAG_NONE = "no_discrimination"
FLAG_SMALL = "n_small"

QuizKey = tuple[str, str]  # library_id, lesson_id
ItemKey = tuple[str, str, str]  # library_id, lesson_id, question_id


@dataclass(frozen=True, slots=True)
class ItemStats:
    library_id: str
    lesson_id: str
    question_id: str
    question_number: int  # its position in the newest lesson version seen
    answered: int  # n
    correct: int
    facility: float  # per cent, 0..100
    discrimination: float | None  # -1..1; None: not computable
    wrong_choices: tuple[tuple[int, int], ...]  # (choice number, times chosen), by number
    flags: tuple[str, ...]


@dataclass
class ItemAnalysis:
    items: list[ItemStats] = field(default_factory=list)
    learners: int = 0  # learners with a first attempt in the analysis
    left_out_version: int = 0  # (learner, quiz) first attempts on a lesson version since changed
    left_out_incomplete: int = 0  # (learner, quiz) first attempts with a row left out of an input
    duplicates: int = 0  # answers seen more than once

    def lessons(self) -> list[QuizKey]:
        return list(dict.fromkeys((i.library_id, i.lesson_id) for i in self.items))


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The Pearson correlation of two equally long series; None when either is constant."""
    n = len(xs)
    if n < 2 or n != len(ys):
        return None
    sx, sy = math.fsum(xs), math.fsum(ys)
    sxx = math.fsum(x * x for x in xs)
    syy = math.fsum(y * y for y in ys)
    sxy = math.fsum(x * y for x, y in zip(xs, ys, strict=True))
    vx, vy = n * sxx - sx * sx, n * syy - sy * sy
    if vx <= 0 or vy <= 0:
        return None
    return (n * sxy - sx * sy) / math.sqrt(vx * vy)


def flags_for(answered: int, facility: float, discrimination: float | None) -> tuple[str, ...]:
    if answered < MIN_ANSWERS:
        return (FLAG_SMALL,)
    found = []
    if facility > EASY:
        found.append(FLAG_EASY)
    if facility < HARD:
        found.append(FLAG_HARD)
    if discrimination is None:
        found.append(FLAG_NONE)
    elif discrimination < LOW_DISCRIMINATION:
        found.append(FLAG_LOW)
    return tuple(found)


def unique(answers: Iterable[Answer]) -> tuple[list[Answer], int]:
    """Each answer once (:attr:`Answer.key`; the first seen is kept); (answers, repeats)."""
    seen: dict[tuple[str, str, str, datetime, int], Answer] = {}
    repeats = 0
    for answer in answers:
        if answer.key in seen:
            repeats += 1
        else:
            seen[answer.key] = answer
    return list(seen.values()), repeats


Quiz = tuple[str, str, str]  # staff_id, library_id, lesson_id
Attempt = tuple[str, str, str, datetime]  # the quiz and the attempt's start


def incomplete(kept: Iterable[Answer], refused: Iterable[RefusedRow]
               ) -> tuple[set[Attempt], set[Quiz]]:
    """(the attempts that lost a row no input brings back, the quizzes in which a row of an
    attempt that cannot be told was lost): a refused row's answer (its attempt and question
    position) is not among ``kept``, or its position or its attempt's start is unknown."""
    present = {answer.key for answer in kept}
    attempts: set[Attempt] = set()
    quizzes: set[Quiz] = set()
    for row in refused:
        if row.started is None:
            quizzes.add(row.quiz)  # any of the learner's attempts may be the first
        elif row.question_number is None or (
                *row.quiz, row.started, row.question_number) not in present:
            attempts.add((*row.quiz, row.started))
    return attempts, quizzes


def analyse(answers: Iterable[Answer], refused: Iterable[RefusedRow] = ()) -> ItemAnalysis:
    """The item analysis of ``answers`` (module docstring); ``refused``: the rows left out of
    the inputs whose quiz could be read."""
    kept, repeats = unique(answers)
    result = ItemAnalysis(duplicates=repeats)
    attempts: dict[Quiz, dict[datetime, list[Answer]]] = defaultdict(lambda: defaultdict(list))
    for answer in kept:
        attempts[(answer.staff_id, answer.library_id, answer.lesson_id)][
            answer.attempt_started_at].append(answer)
    lost_attempts, lost_quizzes = incomplete(kept, refused)
    for staff_id, library_id, lesson_id, started in lost_attempts:
        # an attempt whose every row was refused still started first
        attempts[(staff_id, library_id, lesson_id)].setdefault(started, [])
    # per item: (item score, rest score) per learner; wrong choices; newest (version, number)
    scores: dict[ItemKey, list[tuple[int, int]]] = defaultdict(list)
    wrong: dict[ItemKey, Counter[int]] = defaultdict(Counter)
    position: dict[ItemKey, tuple[int, int]] = {}
    learners: set[str] = set()
    result.left_out_incomplete = len(lost_quizzes)
    for (staff_id, library_id, lesson_id), by_start in attempts.items():
        started = min(by_start)
        if (staff_id, library_id, lesson_id) in lost_quizzes:
            continue  # counted above
        if (staff_id, library_id, lesson_id, started) in lost_attempts:
            result.left_out_incomplete += 1
            continue
        first = by_start[started]
        if not all(a.in_analysis for a in first):
            result.left_out_version += 1
            continue
        learners.add(staff_id)
        total = sum(1 for a in first if a.correct)
        for answer in first:
            key = (library_id, lesson_id, answer.question_id)
            item = 1 if answer.correct else 0
            scores[key].append((item, total - item))
            if not answer.correct:
                wrong[key].update(answer.chosen - answer.correct_choices)
            seen = (answer.lesson_version, answer.question_number)
            if key not in position or seen[0] > position[key][0]:
                position[key] = seen
    result.learners = len(learners)
    for key in sorted(scores, key=lambda k: (k[0], k[1], position[k][1], k[2])):
        pairs = scores[key]
        answered = len(pairs)
        correct = sum(item for item, _rest in pairs)
        facility = 100.0 * correct / answered
        discrimination = pearson([p[0] for p in pairs], [p[1] for p in pairs])
        result.items.append(ItemStats(
            key[0], key[1], key[2], position[key][1], answered, correct, facility,
            discrimination, tuple(sorted((c, n) for c, n in wrong[key].items() if n)),
            flags_for(answered, facility, discrimination)))
    return result
