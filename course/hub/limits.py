"""Per-learner memory and CPU limits through the system's control groups (cgroups).

A learner's server and every kernel it starts share one group: together they may use at most
``memory`` bytes and ``cpus`` cores, so one learner's heavy notebook slows only that learner.
Works with cgroup v2 and with v1's ``memory`` and ``cpu`` controllers (as root). Where neither
can be written, ``available()`` says so and the hub falls back to per-process limits.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
PERIOD_US = 100_000
PREFIX = "course-hub"


def _v2() -> bool:
    return (ROOT / "cgroup.controllers").is_file()


def _folders(name: str) -> list[Path]:
    if _v2():
        return [ROOT / PREFIX / name]
    return [ROOT / "memory" / PREFIX / name, ROOT / "cpu" / PREFIX / name]


def available() -> bool:
    """Whether this process may create control groups (root on Linux, writable cgroupfs)."""
    if os.name != "posix" or os.geteuid() != 0:
        return False
    parents = [ROOT / PREFIX] if _v2() else [ROOT / "memory" / PREFIX, ROOT / "cpu" / PREFIX]
    try:
        for parent in parents:
            parent.mkdir(exist_ok=True)
        if _v2():
            (ROOT / "cgroup.subtree_control").write_text("+memory +cpu")
            (ROOT / PREFIX / "cgroup.subtree_control").write_text("+memory +cpu")
    except OSError:
        return False
    return True


def confine(name: str, pid: int, memory: int, cpus: float) -> None:
    """Put process ``pid`` (and what it will start) in ``name``'s group with these limits."""
    quota = str(int(cpus * PERIOD_US))
    for folder in _folders(name):
        folder.mkdir(parents=True, exist_ok=True)
        if _v2():
            (folder / "memory.max").write_text(str(memory))
            (folder / "cpu.max").write_text(f"{quota} {PERIOD_US}")
        elif folder.parent.parent.name == "memory":
            (folder / "memory.limit_in_bytes").write_text(str(memory))
        else:
            (folder / "cpu.cfs_period_us").write_text(str(PERIOD_US))
            (folder / "cpu.cfs_quota_us").write_text(quota)
        (folder / "cgroup.procs").write_text(str(pid))


def memory_used(name: str) -> int:
    """Bytes the group uses now (0 if it does not exist)."""
    folder = _folders(name)[0]
    for entry in ("memory.current", "memory.usage_in_bytes"):
        if (folder / entry).is_file():
            return int((folder / entry).read_text())
    return 0


def release(name: str) -> None:
    """Remove the group once its processes are gone (a busy group is left for the next start)."""
    for folder in _folders(name):
        try:
            folder.rmdir()
        except OSError:
            continue
