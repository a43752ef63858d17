"""What the tests started, and whether any of it is still running.

``stop`` ends a ``course start`` or ``course hub`` the way a counsellor's Ctrl+C does; the
other helpers record the processes below one (with their start times, so a process id the
system hands out again later is not mistaken for one of them) and find those still alive.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from pathlib import Path

from course.processes import GRACE, descendants

PR_SET_PDEATHSIG = 1


def ends_with_the_test_run():
    """A ``preexec_fn`` for a command a fixture starts: SIGTERM to it when the test run dies,
    however (even ``kill -9``, or a pytest-xdist worker ended by its controller), so it still
    stops all it started. None outside Linux."""
    if not sys.platform.startswith("linux"):
        return None

    def arm() -> None:
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)

    return arm


def stop(command: subprocess.Popen) -> None:
    """SIGTERM: the command stops its server, kernels and learners' servers itself
    (``course.processes``). Killed if it has not ended in time, its warden still stops all
    it started."""
    command.terminate()
    try:
        command.wait(GRACE + 15)
    except subprocess.TimeoutExpired:
        command.kill()
        command.wait()


def started_at(pid: int) -> str | None:
    """The process' start time (field 22 of its stat), None once it is dead."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    return None if fields[0] == b"Z" else fields[19].decode()


def snapshot(root: int, itself: bool = False) -> dict[int, str]:
    """Every process below ``root`` (and ``root`` too if ``itself``) with its start time."""
    pids = [root, *descendants(root)] if itself else descendants(root)
    return {pid: when for pid in pids if (when := started_at(pid))}


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(tree: dict[int, str]) -> dict[int, str]:
    """Those of ``tree`` still running, with their command lines."""
    return {pid: command_line(pid) for pid, when in tree.items() if started_at(pid) == when}


def kill(tree: dict[int, str]) -> None:
    """Clean up after a failed check, so one failure does not leave the machine dirty."""
    for pid in alive(tree):
        os.kill(pid, signal.SIGKILL)


KERNEL_MODULES = ("ipykernel_launcher", "course.kernel")  # the plain kernel, the learner's


def kernels(root: int) -> list[int]:
    """The Jupyter kernels below ``root``."""
    return [pid for pid in descendants(root)
            if any(kernel in command_line(pid) for kernel in KERNEL_MODULES)]
