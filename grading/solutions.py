"""The exercise's right answers, taken from the instructor's own solution.

Running the source notebook executes its solution regions, which record the right answers
through the widgets' code. Both ``course check`` (does the solution pass?) and ``course demo``
(what would a learner who gets everything right have saved?) rely on that one run of the truth.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import nbformat

from course.answers import answer_path, read_answers
from course.build import copy_data
from course.content import Module
from course.workshop import Workshop

from .nbgrader_setup import load_config


def copy_exercise(workshop: Workshop, folder: Path, into: Path) -> Path:
    """Copy an exercise notebook, its items file and its data into ``into``; returns the
    notebook."""
    name = workshop.notebook("exercise")
    for suffix in (".ipynb", ".items.json"):
        shutil.copy(folder / f"{name}{suffix}", into / f"{name}{suffix}")
    copy_data(folder, into)
    return into / f"{name}.ipynb"


def validate(workshop: Workshop, notebook: Path) -> dict[str, Any]:
    """nbgrader's own validation of a notebook (runs it; checksums not compared)."""
    from nbgrader.validator import Validator

    config = load_config(workshop.path)
    # The instructor's own notebook, on this machine: over a local socket file rather than
    # TCP ports on loopback, so ipykernel has no unencrypted TCP to warn about.
    config.KernelManager.transport = "ipc"
    validator = Validator(config=config)
    validator.ignore_checksums = True
    return validator.validate(str(notebook))


def solution_run(workshop: Workshop, module: Module) -> tuple[dict[str, Any], dict[str, Any]]:
    """Validate the source (solution) exercise in a scratch folder.

    Returns nbgrader's validation results and the answers the solution recorded.
    """
    with tempfile.TemporaryDirectory() as tmp:
        notebook = copy_exercise(workshop, workshop.source / module.id, Path(tmp))
        results = validate(workshop, notebook)
        answers = read_answers(answer_path(tmp, workshop.notebook("exercise")))
    return results, {item: entry["value"] for item, entry in answers.items()}


def blank_run(workshop: Workshop, module: Module) -> dict[str, Any]:
    """Validate the exercise as autograde would see a learner's untouched release.

    The release itself cannot be validated: its hidden tests are gone, so its test cells are
    empty and pass. Autograde puts them back from the gradebook; here the same notebook is made
    by clearing the solution regions of the source, with the workshop's own stub.
    """
    from nbgrader.preprocessors import ClearSolutions

    with tempfile.TemporaryDirectory() as tmp:
        notebook = copy_exercise(workshop, workshop.source / module.id, Path(tmp))
        cleared, _ = ClearSolutions(config=load_config(workshop.path)).preprocess(
            nbformat.read(notebook, as_version=4), {})
        nbformat.write(cleared, notebook)
        return validate(workshop, notebook)
