"""Shared test helpers for the store tests (a module with a unique name: ``conftest`` is
ambiguous on sys.path when several test folders are collected in one run)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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
