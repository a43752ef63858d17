"""Shared fixtures; a test run that stops cleanly on SIGTERM and SIGHUP too; and the tests
``make test`` keeps out of its run on every core (pytest-xdist)."""

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


@pytest.fixture(autouse=True, scope="module")
def _no_workshop_language_yet():
    """Each test file starts with no workshop language set for the command line (opening a
    workshop sets it for the whole process): a file never depends on the one that ran before
    it on the same worker."""
    from course import i18n

    i18n._cli_language.clear()
    yield
    i18n._cli_language.clear()


# Files whose tests hit the grading sandbox's time limits (4 s a cell): run by themselves.
TIMED = {"test_bad_submissions"}


@pytest.hookimpl(tryfirst=True)  # before the marks select tests (-m alone)
def pytest_collection_modifyitems(config, items) -> None:
    """``make test`` runs the suite on every core with ``--dist loadscope`` (the tests of one
    file stay on one worker, so a file's workshop or server is built once), except the tests
    marked ``alone`` here, run afterwards one at a time: those that start a JupyterHub (its
    control groups are named by learner, so two hubs must not run at once) and those that
    measure the grading sandbox's limits (other tests' load would change what they measure)."""
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and (
                module.__name__.rsplit(".", 1)[-1] in TIMED
                or any(hasattr(module, uses) for uses in ("running_hub", "classroom"))):
            item.add_marker(pytest.mark.alone)
