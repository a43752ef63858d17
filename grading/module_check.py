"""The part of ``course check`` that runs kernels: for every variant of every exercise, the
instructor's solution must pass nbgrader's validation and the blank release must fail it."""

from __future__ import annotations

import multiprocessing
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from itertools import product
from pathlib import Path

import nbformat

from course.check import Problem, module_problems
from course.content import Module
from course.errors import CourseError
from course.i18n import AUDIENCES, LANGUAGES, say

from .create import create_workshop
from .release import generate
from .solutions import blank_run, solution_run


def _test_cells(notebook: Path) -> int:
    cells = nbformat.read(notebook, as_version=4).cells
    return sum(1 for c in cells if c.metadata.get("nbgrader", {}).get("grade")
               and not c.metadata["nbgrader"].get("solution"))


def solution_problems(module: Module) -> list[Problem]:
    """Solution passes and blank fails, in all four variants of ``module``'s exercise."""
    if not module.has("exercise"):
        return []
    problems = []
    for lang, audience in product(LANGUAGES, AUDIENCES):
        where = f"exercise {lang}/{audience}"
        with tempfile.TemporaryDirectory() as tmp:
            try:
                workshop = create_workshop(Path(tmp) / "w", lang, audience, [module.id],
                                           content=module.root)
                release = generate(workshop, module)
            except CourseError as exc:
                problems.append(Problem(module.id, where, f"cannot be released: {exc}"))
                continue
            solution, _ = solution_run(workshop, module)
            for failure in solution.get("failed", []):
                problems.append(Problem(module.id, where, "the solution fails a test: "
                                        f"{failure['source'][:60]!r}"))
            blank = blank_run(workshop, module)
            tests = _test_cells(release / f"{workshop.notebook('exercise')}.ipynb")
            failed = len(blank.get("failed", []))
            if failed < tests:
                problems.append(Problem(module.id, where, f"the blank release passes "
                                        f"{tests - failed} of {tests} tests without any answer"))
    return problems


def checked(module: Module) -> list[Problem]:
    """Every check of one module: the static ones, then (if they pass) its kernels."""
    return module_problems(module) or solution_problems(module)


def all_problems(modules: list[Module]) -> list[Problem]:
    """``checked`` for every module, one worker process per core, each module named as it
    finishes; problems in the modules' order."""
    from .autograde import default_workers

    found: dict[str, list[Problem]] = {}
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux")
                                          else "spawn")
    with ProcessPoolExecutor(max(1, min(default_workers(), len(modules))),
                             mp_context=context) as pool:
        futures = {pool.submit(checked, module): module for module in modules}
        for future in as_completed(futures):
            module = futures[future]
            found[module.id] = future.result()
            print(say(f"{module.id} vérifié : {len(found[module.id])} problème(s).",
                      f"{module.id} checked: {len(found[module.id])} problem(s)."), flush=True)
    return [problem for module in modules for problem in found[module.id]]
