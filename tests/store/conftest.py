"""Fixtures for the store tests: a real database (a file in tmp_path, and the same tests again on
PostgreSQL: ``db_target``) and a controllable clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_support import T0, ManualClock  # noqa: F401 - re-exported for fixtures

from dxlearn.store import OpenedStore, ProgressStore, open_store


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.db"


@pytest.fixture
def opened(db_target: str, clock: ManualClock) -> Iterator[OpenedStore]:
    result = open_store(db_target, clock=clock)
    yield result
    result.close()


@pytest.fixture
def store(opened: OpenedStore) -> ProgressStore:
    opened.store.register_learner("00123", "山田 太郎", "情報政策課", "staff")
    return opened.store
