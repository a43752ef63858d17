"""A classroom on one machine: a real ``course hub`` on loopback and N learners at once.

The counsellor logs in; learners are created and given tokens through the hub's REST API; all
of them start their servers at the same moment, open module 01's lesson through a kernel (every
code cell), then its exercise, answer every question and hand in. Prints spawn times, cell
latency (p50/p95), memory of the hub and of each learner (their control group), and errors.
Targets (issue #8) on 2 cores: 30 learners spawned within 60 s, p95 cell <= 2 s, no error.
Needs root (each learner is a user of its own).

    sudo .venv/bin/python benchmarks/classroom.py [--learners 30]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course.hub import limits  # noqa: E402
from course.workshop import open_workshop  # noqa: E402
from tests.browser import free_port  # noqa: E402
from tests.hub_client import (  # noqa: E402
    HAND_IN,
    Learner,
    classroom,
    learner_at,
    run_cells,
    running_hub,
    solution_answers,
)

MODULE = "01-premiers-pas"
MIB = 1024**2


def rss(pid: int) -> int:
    """Resident memory of a process and of its children run by the same user (bytes), from
    /proc: the hub and its proxy, not the learners' servers it started as their own users."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            if os.stat(f"/proc/{current}").st_uid != os.stat(f"/proc/{pid}").st_uid:
                continue
            with open(f"/proc/{current}/status") as status:
                total += next(int(line.split()[1]) * 1024 for line in status
                              if line.startswith("VmRSS:"))
            with open(f"/proc/{current}/task/{current}/children") as children:
                todo += [int(child) for child in children.read().split()]
        except (OSError, StopIteration):
            continue
    return total


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def one_learner(learner: Learner, answers: list[str]) -> dict:
    """Spawn, lesson, exercise, hand-in: what one learner costs and what went wrong."""
    result = {"name": learner.name, "cells": [], "error": None}
    try:
        result["spawn"] = learner.start_server(timeout=300)
        result["cells"] += run_cells(learner, f"{MODULE}/lecon.ipynb")
        result["cells"] += run_cells(learner, f"{MODULE}/exercice.ipynb", [*answers, HAND_IN])
    except Exception as exc:  # noqa: BLE001 (every failure is a figure of the load test)
        result["error"] = f"{type(exc).__name__}: {exc}"[:300]
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=30)
    args = parser.parse_args()
    top = Path(tempfile.mkdtemp(prefix="course-classroom-"))
    names = [f"apprenant-{n:02d}" for n in range(1, args.learners + 1)]
    folder, codes = classroom(top, names, "youth", "01")
    workshop = open_workshop(folder)
    answers = solution_answers(workshop, MODULE)
    try:
        with running_hub(folder, free_port()) as (base, hub):
            idle_hub = rss(hub.pid)
            admin = learner_at(base, "animation", codes["animation"])
            created = admin.http.post(f"{base}/hub/api/users", json={"usernames": names},
                                      timeout=60)
            if created.status_code != 409:  # 409: the roster's accounts exist already
                created.raise_for_status()
            learners = []
            for name in names:
                reply = admin.http.post(f"{base}/hub/api/users/{name}/tokens", timeout=60,
                                        json={"note": "classroom load test"})
                reply.raise_for_status()
                learners.append(Learner(base, name, reply.json()["token"]))
            begun = time.monotonic()
            with ThreadPoolExecutor(len(learners)) as pool:
                results = list(pool.map(lambda lr: one_learner(lr, answers), learners))
            wall = time.monotonic() - begun
            busy_hub = rss(hub.pid)
            per_learner = [limits.memory_used(n) for n in names] if limits.available() else []
            handed = sum((workshop.submitted / n / MODULE / "timestamp.txt").is_file()
                         for n in names)
    finally:
        kept = Path(tempfile.gettempdir()) / "classroom-hub.log"
        shutil.copy(top / "hub.log", kept)  # the hub's side of any error, after the run
        shutil.rmtree(top, ignore_errors=True)
    spawns = [r["spawn"] for r in results if "spawn" in r]
    cells = [c for r in results for c in r["cells"]]
    errors = [f"{r['name']}: {r['error']}" for r in results if r["error"]]
    print(f"{args.learners} learners at once, module 01 lesson + exercise + hand-in; "
          f"{wall:.1f} s in all")
    if spawns:
        print(f"spawn: p50 {statistics.median(spawns):.1f} s, slowest {max(spawns):.1f} s "
              f"(all {len(spawns)} within {max(spawns):.0f} s; target: 30 within 60 s)")
    if cells:
        print(f"cells: {len(cells)} run, p50 {percentile(cells, 0.5):.2f} s, "
              f"p95 {percentile(cells, 0.95):.2f} s (target p95 <= 2 s)")
    print(f"hub + proxy memory: {idle_hub / MIB:.0f} MiB idle, {busy_hub / MIB:.0f} MiB busy")
    if per_learner:
        print(f"per learner (server + kernels, control group): "
              f"median {statistics.median(per_learner) / MIB:.0f} MiB, "
              f"max {max(per_learner) / MIB:.0f} MiB")
    print(f"handed in: {handed} of {args.learners}; errors: {len(errors)} (hub log: {kept})")
    for error in errors[:10]:
        print("  " + error)


if __name__ == "__main__":
    main()
