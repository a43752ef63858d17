"""The workshop steps that take more than one call, as both ``course`` and the dashboard run
them.

``course grade`` and ``course report`` on the command line and their buttons on the counsellor's
page (``course.dashboard``) call these same functions, so the two can never drift apart: the
page only shows the progress and the result differently.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from course.content import Module
from course.errors import CourseError
from course.i18n import say
from course.workshop import Workshop

from .autograde import Outcome, grade_module
from .export import write_export
from .feedback import write_feedback

Progress = Callable[[int, int], None]


def grade_step(workshop: Workshop, module: Module, workers: int | None = None,
               show_progress: bool = True,
               progress: Progress | None = None) -> tuple[list[Outcome], Path]:
    """Autograde every learner of ``module``, write the feedback of those graded and the CSV
    exports; returns (outcomes, the plain CSV)."""
    outcomes = grade_module(workshop, module, show_progress=show_progress, workers=workers,
                            progress=progress)
    for outcome in outcomes:
        if outcome.score is not None:
            write_feedback(workshop, module, outcome.learner)
    return outcomes, write_export(workshop, module, outcomes)


def graded_modules(workshop: Workshop) -> list[str]:
    """The workshop's modules that ``course grade`` has run on, in the workshop's order."""
    return [m for m in workshop.modules
            if workshop.autograded.is_dir() and any(workshop.autograded.glob(f"*/{m}"))]


def report_step(workshop: Workshop, names: list[str] | None = None) -> tuple[Path, Path, Path]:
    """``course report``: the page, the items' CSV and the anonymised export of ``names`` (by
    default every graded module)."""
    from .report import write_report

    names = names or graded_modules(workshop)
    if not names:
        raise CourseError(say("Aucun module corrigé : lancez d'abord course grade.",
                              "No graded module: run course grade first."))
    return write_report(workshop, [workshop.module(n) for n in names])
