"""Choice orders for quizzes with ``shuffle: true``.

Questions always keep their file order (lessons build on each other and explanations refer to
earlier questions); only the choices inside each question are shuffled. The order is drawn once
when an attempt starts and stored with the attempt, so a resumed quiz (after a crash or the PC
being switched off) shows exactly the same order the learner saw before.

An order is a tuple of file indexes in presentation order: ``order[position] = file index``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from dxlearn.content.model import Quiz

ChoiceOrders = tuple[tuple[int, ...], ...]


def choice_orders(quiz: Quiz, rng: random.Random | int | None = None) -> ChoiceOrders:
    """One choice order per question: shuffled when ``quiz.shuffle``, identity otherwise.

    ``rng`` may be a ``random.Random`` (tests, reproducibility), an integer seed, or None for a
    fresh unpredictable order.
    """
    if not quiz.shuffle:
        return tuple(tuple(range(len(q.choices))) for q in quiz.questions)
    generator = rng if isinstance(rng, random.Random) else random.Random(rng)
    orders: list[tuple[int, ...]] = []
    for question in quiz.questions:
        order = list(range(len(question.choices)))
        generator.shuffle(order)
        orders.append(tuple(order))
    return tuple(orders)


def orders_fit(quiz: Quiz, orders: Sequence[Sequence[int]]) -> bool:
    """True when stored ``orders`` still describe ``quiz`` (same questions, same choice counts).

    A trainer may edit quiz.md between two sessions; a stored order that no longer fits must not
    be applied (it would show or grade the wrong choices), so the GUI starts a new attempt.
    """
    if len(orders) != len(quiz.questions):
        return False
    return all(
        sorted(order) == list(range(len(question.choices)))
        for order, question in zip(orders, quiz.questions, strict=True)
    )


def to_file_indexes(order: Sequence[int], positions: Sequence[int]) -> tuple[int, ...]:
    """Map on-screen positions to file indexes (what is graded and stored), sorted."""
    return tuple(sorted(order[p] for p in positions))
