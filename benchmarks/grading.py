"""How long grading takes: ``course grade`` (sandboxed, parallel) against plain nbgrader.

The same 12 ``course demo`` submissions of module 01 are graded by ``course grade`` and by one
plain ``nbgrader autograde`` call (sequential, no sandbox), runs interleaved. Then the cost of one
submission in the sandbox (one worker) against a bare nbclient run of the same notebook.
Targets (issue #4): wall-time ratio ≤ 0.5 on 2 cores; per submission ≤ 1.1× nbclient.

    .venv/bin/python benchmarks/grading.py [--runs 3] [--learners 12]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course.workshop import open_workshop  # noqa: E402
from tests.helpers import course  # noqa: E402

MODULE = "01"
BIN = Path(sys.executable).parent


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=False, capture_output=True)
    return time.perf_counter() - start


def bare_run(workshop, module_id: str, learner: str) -> float:
    """nbclient alone on a copy of one learner's submission (what any grader must pay)."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(workshop.submitted / learner / module_id, tmp, dirs_exist_ok=True)
        notebook = nbformat.read(Path(tmp) / f"{workshop.notebook('exercise')}.ipynb", 4)
        start = time.perf_counter()
        NotebookClient(notebook, timeout=30, resources={"metadata": {"path": tmp}}).execute()
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--learners", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "atelier"
        course("new", folder, "--lang", "fr", "--audience", "youth", "--modules", MODULE)
        course("demo", MODULE, "-w", folder, "--learners", args.learners)
        workshop = open_workshop(folder)
        module = workshop.module(MODULE)
        ours, plain = [], []
        for _ in range(args.runs):
            ours.append(timed([str(BIN / "course"), "grade", MODULE, "-w", str(folder)], folder))
            plain.append(timed([str(BIN / "nbgrader"), "autograde", module.id, "--force"],
                               folder))
        one = sorted(workshop.submitted.iterdir())[0].name
        single, bare = [], []
        for _ in range(args.runs):
            single.append(timed([str(BIN / "course"), "grade", MODULE, "-w", str(folder),
                                 "--workers", "1"], folder) / args.learners)
            bare.append(bare_run(workshop, module.id, one))
    o, p = statistics.median(ours), statistics.median(plain)
    s, b = statistics.median(single), statistics.median(bare)
    print(f"{args.learners} submissions, median of {args.runs} interleaved runs")
    print(f"course grade (sandboxed, parallel): {o:.1f} s")
    print(f"nbgrader autograde (one call):      {p:.1f} s")
    print(f"wall-time ratio: {o / p:.2f} (target <= 0.5)")
    print(f"per submission, one worker: {s:.2f} s; bare nbclient run: {b:.2f} s; "
          f"ratio {s / b:.2f} (target <= 1.1)")


if __name__ == "__main__":
    main()
