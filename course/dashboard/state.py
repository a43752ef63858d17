"""What the workshop page shows: which modules are out, and who has handed in what.

Read fresh on every look (the page polls it), from the places the steps write: nbgrader's
exchange (released, handed in but not yet collected), ``submitted/`` and the gradebook. A
learner is whoever the roster, the gradebook or a hand-in names; a folder whose name could not
be a pseudonym is never listed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..i18n import say
from ..roster import pseudonym_problem
from ..workshop import Workshop

COURSE_ID = "atelier"  # grading.nbgrader_setup.COURSE_ID, without importing nbgrader here


@dataclass(frozen=True)
class Cell:
    """One learner's state for one module: a short word and a CSS class for its colour."""

    word: str
    kind: str


def released(workshop: Workshop) -> list[str]:
    """Modules in nbgrader's exchange for learners to fetch, in the workshop's order."""
    outbound = workshop.exchange / COURSE_ID / "outbound"
    return [m for m in workshop.modules if (outbound / m).is_dir()]


def _names(folder) -> set[str]:
    try:
        return {n for n in os.listdir(folder) if not pseudonym_problem(n)}
    except OSError:
        return set()


def in_exchange(workshop: Workshop) -> dict[str, set[str]]:
    """Module -> learners with a hand-in waiting in the exchange (``ID+module+time+random``)."""
    waiting: dict[str, set[str]] = {}
    try:
        entries = os.listdir(workshop.exchange / COURSE_ID / "inbound")
    except OSError:
        entries = []
    for entry in entries:
        learner, _, rest = entry.partition("+")
        if not pseudonym_problem(learner):
            waiting.setdefault(rest.split("+", 1)[0], set()).add(learner)
    return waiting


Scores = dict[tuple[str, str], tuple[float, float, bool]]


def scores(workshop: Workshop) -> tuple[Scores, set[str]]:
    """((learner, module) -> (score, max score, waits for a hand mark), the gradebook's
    learners)."""
    from grading.nbgrader_setup import gradebook

    found = {}
    with gradebook(workshop) as book:
        for assignment in book.assignments:
            for submission in assignment.submissions:
                found[(submission.student.id, assignment.name)] = (
                    submission.score, submission.max_score, submission.needs_manual_grade)
        students = {s.id for s in book.students}
    return found, students


def hand_ins(workshop: Workshop) -> tuple[list[str], list[str], dict[tuple[str, str], Cell]]:
    """(modules released or handed in, learners, the state of each pair)."""
    waiting = in_exchange(workshop)
    graded, students = scores(workshop)
    learners = set(workshop.learners) | _names(workshop.submitted) | students | {
        n for names in waiting.values() for n in names}
    shown = [m for m in workshop.modules if m in released(workshop) or m in waiting
             or any((workshop.submitted / n / m).is_dir() for n in learners)]
    cells = {}
    for learner in learners:
        for module in shown:
            cells[(learner, module)] = _cell(workshop, learner, module, waiting, graded)
    return shown, sorted(learners), cells


def _cell(workshop: Workshop, learner: str, module: str, waiting: dict[str, set[str]],
          graded: Scores) -> Cell:
    mark = graded.get((learner, module))
    if mark is not None and (workshop.autograded / learner / module).is_dir():
        score, top, manual = mark
        if manual:
            return Cell(say("à corriger à la main", "to mark by hand"), "manual")
        return Cell(say(f"corrigé : {score:g} / {top:g}", f"graded: {score:g} / {top:g}"),
                    "graded")
    if (workshop.submitted / learner / module).is_dir():
        return Cell(say("rendu", "handed in"), "handed")
    if learner in waiting.get(module, set()):
        return Cell(say("déposé, à récupérer", "handed in, to collect"), "waiting")
    return Cell(say("rien rendu", "nothing handed in"), "none")
