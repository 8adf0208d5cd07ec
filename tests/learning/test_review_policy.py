"""Policy keys of 復習: ``review`` (on/off) and ``review_retention`` (fsrs's desired retention)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxlearn.learning.review import DEFAULT_RETENTION
from dxlearn.policy import Policy, read_policy


def policy(tmp_path: Path, text: str) -> Policy:
    file = tmp_path / "policy.toml"
    file.write_text(text, encoding="utf-8")
    return read_policy(file, {})


def test_the_defaults_turn_review_on_at_ninety_percent() -> None:
    assert (Policy().review, Policy().review_retention) == (True, DEFAULT_RETENTION) == (True, 0.9)


def test_an_organisation_turns_review_off_and_sets_the_retention(tmp_path: Path) -> None:
    read = policy(tmp_path, "review = false\nreview_retention = 0.85\n")
    assert (read.review, read.review_retention, read.messages) == (False, 0.85, ())
    assert policy(tmp_path, "review_retention = 0.7\n").review_retention == 0.7
    assert policy(tmp_path, "review_retention = 0.99\n").review_retention == 0.99


@pytest.mark.parametrize("value", ["1.5", "0.5", "1", "true", '"0.9"', "0.995"])
def test_a_retention_outside_the_range_keeps_the_default_with_a_message(
        tmp_path: Path, value: str) -> None:
    read = policy(tmp_path, f"review_retention = {value}\n")
    assert read.review_retention == DEFAULT_RETENTION
    [message] = read.messages
    assert message.key == "review_retention"
    assert message.message.code == "policy.want_retention"
    assert "0.7 から 0.99" in message.text("ja") and "0.7 to 0.99" in message.text("en")


def test_review_must_be_true_or_false(tmp_path: Path) -> None:
    read = policy(tmp_path, 'review = "no"\n')
    assert read.review is True
    assert [m.message.code for m in read.messages] == ["policy.want_flag"]
