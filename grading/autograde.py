"""``course grade``: autograde every learner of a module and say plainly how each one went.

Each learner is graded on their own, so one broken submission never stops the others. Before
nbgrader runs, the submission is looked at: a notebook that is not a notebook is reported as
such (nbgrader would silently give it 0), and a missing or unreadable answer file is noted so the
trainer knows why the questions count as not answered.

Written answers are typed in a widget, so the notebook cell itself never changes and nbgrader
would score it 0 as "not answered". When the answer file holds a text, that grade is handed to
the trainer instead (needs manual grading), as nbgrader does for a cell the learner edited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from tqdm import tqdm

from course.answers import AnswerFileError, answer_path, read_answers
from course.content import Module
from course.i18n import say
from course.workshop import Workshop

from .collect import submitted_learners
from .nbgrader_setup import gradebook, nbgrader_api
from .release import generate

GRADED, MANUAL, MISSING, FAILED = "graded", "manual", "missing", "failed"


@dataclass
class Outcome:
    """How grading went for one learner."""

    learner: str
    status: str
    score: float | None = None
    max_score: float | None = None
    notes: list[str] = field(default_factory=list)

    def status_text(self) -> str:
        return {
            GRADED: say("corrigé", "graded"),
            MANUAL: say("à corriger à la main", "needs manual grading"),
            MISSING: say("pas de rendu", "no submission"),
            FAILED: say("non corrigé", "could not be graded"),
        }[self.status]


def learners_of(workshop: Workshop, module: Module) -> list[str]:
    """Everyone who should appear in the results: roster, gradebook and submissions."""
    with gradebook(workshop) as book:
        known = {s.id for s in book.students}
    return sorted(known | set(workshop.learners) | set(submitted_learners(workshop, module)))


def inspect_submission(workshop: Workshop, folder: Path) -> tuple[str | None, list[str]]:
    """(reason it cannot be graded or None, notes) for a learner's submitted folder."""
    notebook = folder / f"{workshop.notebook('exercise')}.ipynb"
    if not notebook.is_file():
        return say("le cahier d'exercice manque", "the exercise notebook is missing"), []
    try:
        nbformat.read(notebook, as_version=4)
    except Exception as exc:  # nbformat raises many kinds for a broken file
        return say(f"le cahier est illisible ({exc.__class__.__name__})",
                   f"the notebook cannot be read ({exc.__class__.__name__})"), []
    answers = answer_path(folder, workshop.notebook("exercise"))
    if not answers.exists():
        return None, [say("fichier de réponses absent : questions comptées sans réponse",
                          "answer file missing: questions count as not answered")]
    try:
        read_answers(answers)
    except AnswerFileError as exc:
        return None, [say(f"fichier de réponses illisible ({exc}) : questions comptées sans "
                          "réponse", f"answer file unreadable ({exc}): questions count as "
                          "not answered")]
    return None, []


def written_answers(workshop: Workshop, module: Module, folder: Path) -> list[str]:
    """Ids of the written items this learner saved a text for."""
    notes = json.loads((workshop.trainer / module.id / "feedback.json").read_text("utf-8"))
    try:
        answers = read_answers(answer_path(folder, workshop.notebook("exercise")))
    except AnswerFileError:
        return []
    return [item for item, note in notes.items() if note["type"] == "written"
            and isinstance(answers.get(item, {}).get("value"), str)
            and answers[item]["value"].strip()]


def hand_written_to_trainer(book, workshop: Workshop, module: Module, learner: str,
                            items: list[str]) -> None:
    """Mark the learner's written answers as waiting for the trainer's mark."""
    notebook = book.find_submission_notebook(workshop.notebook("exercise"), module.id, learner)
    for grade in notebook.grades:
        if grade.name in {f"written-{item}" for item in items} and grade.manual_score is None:
            grade.auto_score = None
            grade.needs_manual_grade = True
    book.db.commit()


def _last_error(result: dict) -> str:
    lines = [ln for ln in (result.get("log") or result.get("error") or "").splitlines()
             if "ERROR" in ln or "Error" in ln]
    return lines[-1].strip()[:200] if lines else ""


def grade_module(workshop: Workshop, module: Module, show_progress: bool = True) -> list[Outcome]:
    """Autograde every learner of ``module`` with nbgrader, one at a time."""
    api = nbgrader_api(workshop)
    if not (workshop.release / module.id).is_dir():
        generate(workshop, module, api)
    outcomes = []
    learners = learners_of(workshop, module)
    for learner in tqdm(learners, desc=say("Correction", "Grading"), unit=say(" apprenant",
                        " learner"), disable=not show_progress):
        folder = workshop.submitted / learner / module.id
        if not folder.is_dir():
            outcomes.append(Outcome(learner, MISSING))
            continue
        reason, notes = inspect_submission(workshop, folder)
        if reason:
            outcomes.append(Outcome(learner, FAILED, notes=[reason]))
            continue
        result = api.autograde(module.id, learner, force=True, create=True)
        if not result.get("success"):
            outcomes.append(Outcome(learner, FAILED, notes=notes + [
                say("nbgrader a échoué", "nbgrader failed") + f": {_last_error(result)}"]))
            continue
        with gradebook(workshop) as book:
            hand_written_to_trainer(book, workshop, module, learner,
                                    written_answers(workshop, module, folder))
            submission = book.find_submission(module.id, learner)
            status = MANUAL if submission.needs_manual_grade else GRADED
            outcomes.append(Outcome(learner, status, submission.score, submission.max_score,
                                    notes))
    return outcomes
