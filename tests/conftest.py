"""Fixtures every test gets: Qt offscreen, no policy file from the machine running the tests,
and the shared builders (tests/support)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dxlearn import policy as policy_module

from support.deploy import write
from support.export_builders import Fixture, build
from support.pgfixtures import (  # noqa: F401 - fixtures
    db_target,
    own_cluster,
    own_url,
    pg_cluster,
    pg_url,
)


@pytest.fixture(autouse=True)
def isolated_policy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No DXLEARN_POLICY and no system policy from the machine running the tests."""
    monkeypatch.delenv(policy_module.ENV_POLICY, raising=False)
    system = tmp_path / "system-policy" / "policy.toml"
    monkeypatch.setattr(policy_module, "system_policy_path", lambda environ=None: system)


@pytest.fixture
def use_policy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[str], Path]:
    """Write ``policy.toml`` (UTF-8) and point DXLEARN_POLICY at it."""

    def use(text: str) -> Path:
        path = write(tmp_path / "it" / "policy.toml", text)
        monkeypatch.setenv(policy_module.ENV_POLICY, str(path))
        return path

    return use


@pytest.fixture
def fresh_log_handlers() -> Iterator[None]:
    """``setup_logging`` configures the log once per process: take earlier tests' dxlearn
    handlers away so this session logs where its data folder says, then put them back."""
    root = logging.getLogger()
    earlier = [h for h in root.handlers if getattr(h, "_dxlearn", False)]
    for handler in earlier:
        root.removeHandler(handler)
    yield
    for handler in [h for h in root.handlers if getattr(h, "_dxlearn", False)]:
        root.removeHandler(handler)
        handler.close()
    for handler in earlier:
        root.addHandler(handler)


@pytest.fixture
def fx(tmp_path: Path, db_target: str) -> Fixture:  # noqa: F811 - the fixture
    """A real progress database with learners and records (support/export_builders): a SQLite
    file, and the same again on PostgreSQL (``db_target``)."""
    return build(tmp_path, db=db_target)
