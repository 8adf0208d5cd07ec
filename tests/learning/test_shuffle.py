from __future__ import annotations

import random

import pytest
from learning_builders import quiz

from dxlearn.learning import choice_orders, orders_fit, to_file_indexes


def test_no_shuffle_gives_identity_orders() -> None:
    assert choice_orders(quiz({0}, {1, 2}), random.Random(1)) == ((0, 1, 2, 3), (0, 1, 2, 3))


def test_shuffle_is_a_permutation_per_question_and_reproducible_by_seed() -> None:
    q = quiz({0}, {1}, {2}, {3}, shuffle=True)
    orders = choice_orders(q, 42)
    assert len(orders) == 4
    assert all(sorted(order) == [0, 1, 2, 3] for order in orders)
    assert choice_orders(q, random.Random(42)) == orders  # seed or Random: same order
    assert any(order != (0, 1, 2, 3) for order in orders)


def test_shuffle_orders_differ_between_seeds() -> None:
    q = quiz(*([{0}] * 6), shuffle=True)
    assert len({choice_orders(q, seed) for seed in range(5)}) > 1


def test_stored_orders_survive_json_round_trip_and_still_fit() -> None:
    q = quiz({0}, {1, 2}, shuffle=True)
    stored = [list(o) for o in choice_orders(q, 3)]  # what the store keeps as JSON
    assert orders_fit(q, stored)


@pytest.mark.parametrize(
    "orders",
    [
        [(0, 1, 2, 3)],  # a question was added to the quiz
        [(0, 1, 2, 3), (0, 1, 2)],  # a choice was added
        [(0, 1, 2, 3), (0, 1, 2, 2)],  # not a permutation
    ],
)
def test_orders_that_no_longer_fit_the_quiz_are_detected(orders: list[tuple[int, ...]]) -> None:
    assert not orders_fit(quiz({0}, {1}), orders)


@pytest.mark.parametrize(
    ("order", "positions", "expected"),
    [((2, 0, 3, 1), [0], (2,)), ((2, 0, 3, 1), [3, 0], (1, 2)), ((0, 1, 2), [], ())],
)
def test_screen_positions_map_to_file_indexes(
    order: tuple[int, ...], positions: list[int], expected: tuple[int, ...]
) -> None:
    assert to_file_indexes(order, positions) == expected
