"""``course grade``: autograde every learner of a module and say plainly how each one went.

Each learner is graded on their own, by nbgrader's own autograde, in one of several worker
processes (one per core), with the notebook's kernel in a sandbox (``grading.sandbox``): one
broken or hostile submission never stops the others or touches the trainer's machine. The
gradebook is written by nbgrader in each worker (SQLite waits for its lock, see
``db_url``) and read back by this process at the end. Every run regrades everyone, so a run
that was killed is simply run again. Before
nbgrader runs, the submission is looked at: a notebook that is not a notebook is reported as
such (nbgrader would silently give it 0), and a missing or unreadable answer file is noted so the
trainer knows why the questions count as not answered.

Written answers are typed in a widget, so the notebook cell itself never changes and nbgrader
would score it 0 as "not answered". When the answer file holds a text, that grade is handed to
the trainer instead (needs manual grading), as nbgrader does for a cell the learner edited.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from tqdm import tqdm

from course.answers import AnswerFileError, answer_path, read_answers
from course.content import Module
from course.i18n import say
from course.workshop import Workshop, open_workshop

from .collect import submitted_learners
from .nbgrader_setup import gradebook, nbgrader_api
from .release import generate
from .sandbox import CUT_NOTE, Limits, Sandbox, SandboxedExecute, isolation, use

GRADED, MANUAL, MISSING, FAILED = "graded", "manual", "missing", "failed"
MAX_NOTEBOOK_BYTES = 20 * 1024**2  # a workshop's exercise is well under 1 MB


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
    size = notebook.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        mb, limit = size // 1024**2, MAX_NOTEBOOK_BYTES // 1024**2
        return say(f"cahier trop gros ({mb} Mo, limite {limit} Mo)",
                   f"notebook too large ({mb} MB, limit {limit} MB)"), []
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


def failure_reason(error: str) -> str:
    """Why nbgrader could not grade, in the trainer's words."""
    if "DeadKernelError" in error or "Kernel died" in error:
        return say("le code de l'apprenant a arrêté le noyau (temps de calcul, mémoire ou "
                   "processus au-delà des limites)", "the learner's code stopped the kernel "
                   "(CPU time, memory or processes beyond the limits)")
    return say("nbgrader a échoué", "nbgrader failed") + f": {error}"


SANDBOX_NOTES = {
    "CellTimeoutError": ("une cellule a dépassé le temps permis et a été arrêtée",
                         "a cell ran past its time limit and was stopped"),
    "MemoryError": ("une cellule a dépassé la mémoire permise",
                    "a cell went over the memory allowed"),
    CUT_NOTE: ("une cellule a trop affiché : sortie coupée", "a cell printed too much: "
               "output cut"),
}


def sandbox_notes(notebook: Path) -> list[str]:
    """What the sandbox stopped while this learner's notebook ran."""
    try:
        text_ = notebook.read_text("utf-8")
    except OSError:
        return []
    return [say(*words) for marker, words in SANDBOX_NOTES.items() if marker in text_]


def sandboxed_api(workshop: Workshop):
    """nbgrader's API with kernels started in the sandbox (``grading.sandbox``)."""
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute

    api = nbgrader_api(workshop)
    steps = Autograde.class_traits()["autograde_preprocessors"].default()
    api.config.Autograde.autograde_preprocessors = [SandboxedExecute if step is Execute
                                                    else step for step in steps]
    return api


_worker: dict = {}


def _start_worker(workshop_path: Path, slots, limits: Limits) -> None:
    """One grading process: its own nbgrader API and its own sandbox user."""
    workshop = open_workshop(workshop_path)
    box = Sandbox(limits, slots.get())
    box.clear()
    use(box)
    _worker.update(api=sandboxed_api(workshop))


def _autograde(module_id: str, learner: str) -> tuple[str, bool, str]:
    result = _worker["api"].autograde(module_id, learner, force=True, create=True)
    return learner, bool(result.get("success")), _last_error(result)


def default_workers() -> int:
    """One grading process per core this program may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def autograde_all(workshop: Workshop, module: Module, learners: list[str], workers: int,
                  show_progress: bool) -> dict[str, tuple[bool, str]]:
    """nbgrader's autograde of each learner, in parallel worker processes."""
    if not learners:
        return {}
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux")
                                          else "spawn")
    slots = context.Queue()
    count = max(1, min(workers, len(learners)))
    for slot in range(count):
        slots.put(slot)
    done = {}
    with ProcessPoolExecutor(count, mp_context=context, initializer=_start_worker,
                             initargs=(workshop.path, slots, Limits())) as pool:
        futures = [pool.submit(_autograde, module.id, learner) for learner in learners]
        for future in tqdm(as_completed(futures), total=len(futures),
                           desc=say("Correction", "Grading"),
                           unit=say(" apprenant", " learner"), disable=not show_progress):
            learner, success, error = future.result()
            done[learner] = (success, error)
    return done


def grade_module(workshop: Workshop, module: Module, show_progress: bool = True,
                 workers: int | None = None) -> list[Outcome]:
    """Autograde every learner of ``module`` with nbgrader, each in a sandbox, in parallel."""
    api = nbgrader_api(workshop)  # loads nbgrader once, before the workers are forked
    if not (workshop.release / module.id).is_dir():
        generate(workshop, module, api)
    if isolation().warning:
        print(isolation().warning, file=sys.stderr)
    outcomes, pending = {}, {}
    for learner in learners_of(workshop, module):
        folder = workshop.submitted / learner / module.id
        if not folder.is_dir():
            outcomes[learner] = Outcome(learner, MISSING)
            continue
        reason, notes = inspect_submission(workshop, folder)
        if reason:
            outcomes[learner] = Outcome(learner, FAILED, notes=[reason])
        else:
            pending[learner] = notes
    results = autograde_all(workshop, module, sorted(pending), workers or default_workers(),
                            show_progress)
    for learner, notes in pending.items():
        success, error = results[learner]
        notes = notes + sandbox_notes(workshop.autograded / learner / module.id
                                      / f"{workshop.notebook('exercise')}.ipynb")
        if not success:
            outcomes[learner] = Outcome(learner, FAILED, notes=notes + [failure_reason(error)])
            continue
        with gradebook(workshop) as book:
            hand_written_to_trainer(book, workshop, module, learner,
                                    written_answers(workshop, module,
                                                    workshop.submitted / learner / module.id))
            submission = book.find_submission(module.id, learner)
            status = MANUAL if submission.needs_manual_grade else GRADED
            outcomes[learner] = Outcome(learner, status, submission.score,
                                        submission.max_score, notes)
    return [outcomes[learner] for learner in sorted(outcomes)]
