"""``course grade``: autograde every learner of a module and say plainly how each one went.

Each learner is graded on their own, by nbgrader's own autograde, in one of several worker
processes (one per core), with the notebook's kernel in a sandbox (``grading.sandbox``): one
broken or hostile submission never stops the others or touches the trainer's machine. The
gradebook is written by nbgrader in each worker (SQLite waits for its lock, see
``db_url``) and read back by this process at the end. Every run regrades everyone, so a run
that was killed is simply run again. Before nbgrader runs, the course copies each submission
into its own grading area (``grading.collect.copy_for_grading``: no link, no special file, no
file over the cap; nbgrader, the checks and the feedback read only that copy) and looks at it:
a notebook that is not a notebook is reported as such (nbgrader would silently give it 0), and
a missing or unreadable answer file is noted so the
trainer knows why the questions count as not answered.

Written answers are typed in a widget, so the notebook cell itself never changes and nbgrader
would score it 0 as "not answered". When the answer file holds a text, that grade is handed to
the trainer instead (needs manual grading), as nbgrader does for a cell the learner edited.
"""

from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import re
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from tqdm import tqdm

from course.answers import AnswerFileError, answer_path, read_answers
from course.check import keys_in_tests
from course.content import Module
from course.hub.homes import lock_down_on_hub
from course.i18n import say
from course.items import read_localized
from course.untrusted import LearnerPathError
from course.widgets import is_right, normalize
from course.workshop import GRADED_COPIES, Workshop, open_workshop

from .collect import copy_for_grading, submitted_learners
from .nbgrader_setup import CONFIG_NAME, gradebook, nbgrader_api
from .release import generate
from .safe_view import make_folder_safe
from .sandbox import CUT_NOTE, Limits, Sandbox, SandboxedExecute, configured_limits, isolation, use

GRADED, MANUAL, MISSING, FAILED = "graded", "manual", "missing", "failed"
PR_SET_PDEATHSIG = 1
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


def prepare_submission(workshop: Workshop, module: Module, learner: str) -> Outcome | list[str]:
    """The course's own copy of one submission (``copy_for_grading``), looked at: the outcome
    when there is nothing to grade, else the notes for the trainer (files left out first)."""
    try:
        folder, left_out = copy_for_grading(workshop, module, learner)
    except LearnerPathError as refused:
        return Outcome(learner, FAILED, notes=[str(refused)])
    if folder is None:
        return Outcome(learner, MISSING)
    reason, notes = inspect_submission(workshop, folder)
    notebook = workshop.submitted / learner / module.id / f"{workshop.notebook('exercise')}.ipynb"
    left_notes = []
    for refused in left_out:
        if refused.path == notebook:
            reason = say(f"cahier d'exercice non lu : {refused.reason}",
                         f"exercise notebook not read: {refused.reason}")
        else:
            left_notes.append(say(f"non copié pour la correction : {refused}",
                                  f"not copied for grading: {refused}"))
    if reason:
        return Outcome(learner, FAILED, notes=[reason, *left_notes])
    return left_notes + notes


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


def hidden_keys(workshop: Workshop, module: Module) -> dict[str, Any]:
    """Each widget item's key, read (never run) from the ``check(ID, KEY)`` calls of the
    instructor's hidden tests."""
    notebook = nbformat.read(workshop.source / module.id / f"{workshop.notebook('exercise')}"
                                                          ".ipynb", as_version=4)
    return keys_in_tests(cell.source for cell in notebook.cells
                     if cell.metadata.get("nbgrader", {}).get("grade_id", "").startswith("test-"))


def recheck(book, workshop: Workshop, module: Module, learner: str,
            keys: dict[str, Any]) -> list[str]:
    """Score widget items again outside the kernel, from the saved answers and the keys.

    Code in the learner's notebook can redefine ``check`` or ``is_right`` inside the kernel
    that runs the hidden tests; it cannot change this. Where the two disagree, the gradebook
    takes the recomputed score (also for a deleted test cell, which never ran) and the item
    waits for the trainer's look. Returns those items.
    """
    name = workshop.notebook("exercise")
    items = read_localized(workshop.release / module.id / f"{name}.items.json")
    try:
        answers = read_answers(answer_path(workshop.graded_copies / learner / module.id, name))
    except AnswerFileError:
        answers = {}
    changed = []
    for grade in book.find_submission_notebook(name, module.id, learner).grades:
        item = grade.name.removeprefix("test-")
        if item == grade.name or item not in keys:
            continue
        value = normalize(items[item], answers.get(item, {}).get("value"))
        right = value is not None and is_right(items[item], value, keys[item])
        if grade.auto_score != (grade.max_score if right else 0.0):
            grade.auto_score = grade.max_score if right else 0.0
            grade.needs_manual_grade = True
            changed.append(item)
    book.db.commit()
    return changed


def _last_error(result: dict) -> str:
    """The exception nbgrader's log ends with (else its last error line)."""
    lines = (result.get("log") or result.get("error") or "").splitlines()
    raised = [ln for ln in lines if re.match(r"^[\w.]+(Error|Exception)\b", ln)]
    logged = [ln for ln in lines if "ERROR" in ln or "Error" in ln]
    return (raised or logged or [""])[-1].strip()[:200]


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
    api.coursedir.submitted_directory = GRADED_COPIES  # the course's copy, never the learner's
    steps = Autograde.class_traits()["autograde_preprocessors"].default()
    api.config.Autograde.autograde_preprocessors = [SandboxedExecute if step is Execute
                                                    else step for step in steps]
    return api


_worker: dict = {}


def _start_worker(workshop_path: Path, limits: Limits) -> None:
    """One grading process: its own nbgrader API and its own sandbox user."""
    if sys.platform.startswith("linux"):  # dies with the grader, even after a kill -9
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    workshop = open_workshop(workshop_path)
    box = Sandbox(limits)
    box.clear()
    use(box)
    _worker.update(api=sandboxed_api(workshop), box=box)


def _autograde(module_id: str, learner: str) -> tuple[str, bool, str]:
    try:
        result = _worker["api"].autograde(module_id, learner, force=True, create=True)
    finally:  # whatever nbgrader's run left (a kernel that never fully started), gone now
        _worker["box"].clear()
    log = Path(_worker["api"].coursedir.root) / "logs" / module_id / f"{learner}.log"
    log.unlink(missing_ok=True)
    if not result.get("success"):  # nbgrader's whole story, for whoever needs to know more
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text((result.get("log") or "") + (result.get("error") or ""), "utf-8")
    return learner, bool(result.get("success")), _last_error(result)


def default_workers() -> int:
    """One grading process per core this program may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def autograde_all(workshop: Workshop, module: Module, learners: list[str], workers: int,
                  show_progress: bool, limits: Limits,
                  progress: Callable[[int, int], None] | None = None
                  ) -> dict[str, tuple[bool, str]]:
    """nbgrader's autograde of each learner, in parallel worker processes; ``progress`` (done,
    total) is told after each one (the dashboard's progress bar)."""
    if not learners:
        return {}
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux")
                                          else "spawn")
    count = max(1, min(workers, len(learners)))
    done = {}
    with ProcessPoolExecutor(count, mp_context=context, initializer=_start_worker,
                             initargs=(workshop.path, limits)) as pool:
        futures = [pool.submit(_autograde, module.id, learner) for learner in learners]
        if progress:
            progress(0, len(futures))
        for future in tqdm(as_completed(futures), total=len(futures),
                           desc=say("Correction", "Grading"),
                           unit=say(" apprenant", " learner"), disable=not show_progress):
            learner, success, error = future.result()
            done[learner] = (success, error)
            if progress:
                progress(len(done), len(futures))
    return done


def grade_module(workshop: Workshop, module: Module, show_progress: bool = True,
                 workers: int | None = None,
                 progress: Callable[[int, int], None] | None = None) -> list[Outcome]:
    """Autograde every learner of ``module`` with nbgrader, each in a sandbox, in parallel."""
    api = nbgrader_api(workshop)  # loads nbgrader once, before the workers are forked
    limits = configured_limits(api.config, workshop.path / CONFIG_NAME)
    if not (workshop.release / module.id).is_dir():
        generate(workshop, module, api)
    if isolation().warning:
        print(isolation().warning, file=sys.stderr)
    outcomes, pending, keys = {}, {}, hidden_keys(workshop, module)
    for learner in learners_of(workshop, module):
        prepared = prepare_submission(workshop, module, learner)
        if isinstance(prepared, Outcome):
            outcomes[learner] = prepared
        else:
            pending[learner] = prepared
    results = autograde_all(workshop, module, sorted(pending), workers or default_workers(),
                            show_progress, limits, progress)
    for learner, notes in pending.items():
        success, error = results[learner]
        graded_copy = workshop.autograded / learner / module.id
        notes = notes + sandbox_notes(graded_copy / f"{workshop.notebook('exercise')}.ipynb")
        make_folder_safe(graded_copy, workshop.release / module.id)  # before formgrader shows it
        if not success:
            outcomes[learner] = Outcome(learner, FAILED, notes=notes + [failure_reason(error)])
            continue
        with gradebook(workshop) as book:
            hand_written_to_trainer(book, workshop, module, learner,
                                    written_answers(workshop, module,
                                                    workshop.graded_copies / learner / module.id))
            changed = recheck(book, workshop, module, learner, keys)
            if changed:
                notes.append(say(
                    f"les tests ne correspondent pas aux réponses enregistrées ({len(changed)} "
                    "question(s), code modifié ?) : note recalculée depuis les réponses, à "
                    "vérifier", f"the tests do not match the saved answers ({len(changed)} "
                    "question(s), code changed?): score recomputed from the answers, please "
                    "check"))
            submission = book.find_submission(module.id, learner)
            status = MANUAL if submission.needs_manual_grade else GRADED
            outcomes[learner] = Outcome(learner, status, submission.score,
                                        submission.max_score, notes)
    lock_down_on_hub(workshop)  # on a hub, the counsellor's formgrader reads the new copies
    return [outcomes[learner] for learner in sorted(outcomes)]
