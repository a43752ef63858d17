"""Shared fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import MINI


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the two-question test course."""
    target = tmp_path / "content"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server for the session (tests/postgres.py); in CI its absence fails."""
    from tests.postgres import start_or_refuse

    running = start_or_refuse()
    yield running
    running.stop()
