"""Fixtures for the export tests: a real progress database in tmp_path (see export_builders)."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_builders import Fixture, build


@pytest.fixture
def fx(tmp_path: Path) -> Fixture:
    return build(tmp_path)
