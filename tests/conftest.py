"""Shared fixtures, and a test run that stops cleanly on SIGTERM and SIGHUP too."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from tests.helpers import MINI

STOP_SIGNALS = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]


def _interrupted(signum: int, _frame) -> None:
    """Stop the run as Ctrl+C does, so that every fixture's teardown still runs and stops the
    servers, kernels and databases the tests started (by default SIGTERM or a closed terminal
    ends Python at once and leaves them all running). Further signals wait for the teardown."""
    for stop in STOP_SIGNALS:
        signal.signal(stop, signal.SIG_IGN)
    raise KeyboardInterrupt(f"stopped by {signal.Signals(signum).name}")


def pytest_configure(config) -> None:
    for stop in STOP_SIGNALS:
        signal.signal(stop, _interrupted)


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
