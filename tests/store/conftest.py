"""Fixtures for the store tests: a real database file in tmp_path and a controllable clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dxlearn.store import OpenedStore, ProgressStore, open_store

T0 = datetime(2026, 11, 27, 5, 0, 0, tzinfo=UTC)


class ManualClock:
    """Returns ``now``; tests move it with ``advance`` so timestamps are exact."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.db"


@pytest.fixture
def opened(db_path: Path, clock: ManualClock) -> Iterator[OpenedStore]:
    result = open_store(db_path, clock=clock)
    yield result
    result.close()


@pytest.fixture
def store(opened: OpenedStore) -> ProgressStore:
    opened.store.register_learner("00123", "山田 太郎", "情報政策課", "staff")
    return opened.store
