"""``course release``: the learners' version of a module, handed out through the exchange.

nbgrader makes the exercise (solutions and hidden tests removed, cells checksummed). The lesson
has nothing to grade, so it is kept out of the gradebook and copied next to the exercise: grading
then never spends time re-running lessons.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tqdm import tqdm

from course.content import Module
from course.errors import CourseError
from course.hub.homes import refresh_homes
from course.i18n import say
from course.workshop import Workshop

from .nbgrader_setup import ANSWER_FILES, nbgrader_api


def fail(step: str, module: Module, result: dict) -> CourseError:
    """A plain error for a failed nbgrader step, with nbgrader's own words for the expert."""
    detail = (result.get("error") or result.get("log") or "").strip().splitlines()[-3:]
    return CourseError(say(f"Échec de l'étape « {step} » pour le module {module.id}.",
                           f"The '{step}' step failed for module {module.id}.")
                       + ("\n  " + "\n  ".join(detail) if detail else ""))


def generate(workshop: Workshop, module: Module, api=None) -> Path:
    """Write ``release/<module>/``: the exercise as nbgrader prepares it, and the lesson."""
    api = api or nbgrader_api(workshop)
    coursedir = api.coursedir
    ignored = list(coursedir.ignore)
    coursedir.notebook_id = workshop.notebook("exercise")
    coursedir.ignore = ignored + ANSWER_FILES  # an instructor's answers never ship
    try:
        result = api.generate_assignment(module.id, force=True, create=True)
    finally:
        coursedir.notebook_id, coursedir.ignore = "*", ignored
    if not result.get("success"):
        raise fail("generate_assignment", module, result)
    folder = workshop.release / module.id
    lesson = workshop.source / module.id / f"{workshop.notebook('lesson')}.ipynb"
    if lesson.is_file():
        shutil.copy(lesson, folder / lesson.name)
    return folder


def release(workshop: Workshop, module: Module, api=None) -> Path:
    """Generate the learners' version and put it in the exchange for them to fetch."""
    api = api or nbgrader_api(workshop)
    folder = generate(workshop, module, api)
    result = api.release_assignment(module.id)
    if not result.get("success"):
        raise fail("release_assignment", module, result)
    refresh_homes(workshop)  # learners on a hub see the module without restarting
    return folder


def release_modules(workshop: Workshop, modules: list[Module]) -> None:
    """Release several modules with one nbgrader, a progress bar when there is more than one."""
    api = nbgrader_api(workshop)
    for module in tqdm(modules, desc=say("Publication", "Release"), unit=" module",
                       disable=len(modules) < 2):
        release(workshop, module, api)
