"""``course demo`` types the instructor's code into code answer cells, and only there.

The full nbgrader cycle (tests/test_module_cycle.py) proves the points follow; this checks the
typing itself on a small notebook: right learners get the code without nbgrader's markers,
partly right ones every other code answer, wrong ones keep the release's stub, and widget
answer cells (answered by clicks) are never touched.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from grading.demo import type_code_answers


def notebook(sources: dict[str, str]) -> nbformat.NotebookNode:
    cells = []
    for grade_id, source in sources.items():
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["nbgrader"] = {"grade_id": grade_id, "solution": True, "grade": False,
                                     "locked": False, "schema_version": 3}
        cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells)


SOLUTION = {
    "answer-q1": '### BEGIN SOLUTION\nanswer("q1", "pause")\n### END SOLUTION\nask("q1")',
    "answer-code-a": "### BEGIN SOLUTION\na = 1\n### END SOLUTION",
    "answer-code-b": "### BEGIN SOLUTION\nb = 2\n### END SOLUTION",
}
RELEASE = {"answer-q1": 'ask("q1")', "answer-code-a": "", "answer-code-b": ""}


@pytest.mark.parametrize(("profile", "typed"), [
    ("right", {"answer-code-a": "a = 1", "answer-code-b": "b = 2"}),
    ("partial", {"answer-code-a": "a = 1", "answer-code-b": ""}),
    ("wrong", {"answer-code-a": "", "answer-code-b": ""}),
])
def test_types_the_solution_code_by_profile(tmp_path: Path, profile, typed):
    solution, learner = tmp_path / "source.ipynb", tmp_path / "learner.ipynb"
    nbformat.write(notebook(SOLUTION), solution)
    nbformat.write(notebook(RELEASE), learner)
    type_code_answers(learner, solution, {"q1": {"type": "single"}}, profile)
    cells = {c.metadata["nbgrader"]["grade_id"]: c.source
             for c in nbformat.read(learner, as_version=4).cells}
    assert cells == {"answer-q1": 'ask("q1")', **typed}
