"""Attendance certificates (*attestations*): one page per learner, from the gradebook.

A module counts as completed for a learner when the gradebook holds a graded submission of it,
i.e. the learner handed the exercise in and ``course grade`` ran. The score does not matter:
this certifies attendance, not a result. A name the counsellor types goes into the printed
page only; the workshop keeps pseudonyms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..content import Module
from ..roster import is_demo
from ..workshop import Workshop
from .documents import total_minutes
from .render import long_date, render_page, write_both


@dataclass(frozen=True)
class Certificate:
    """What one learner's page says."""

    pseudonym: str
    name: str
    modules: list[Module]

    @property
    def minutes(self) -> int:
        return sum(total_minutes(m) for m in self.modules)


def completed_modules(workshop: Workshop, modules: list[Module]) -> dict[str, list[Module]]:
    """Each learner known to the workshop or its gradebook, with the modules they completed;
    ``course demo``'s made-up learners never (a rehearsal earns nobody a certificate)."""
    from grading.nbgrader_setup import gradebook

    with gradebook(workshop) as book:
        learners = {s.id for s in book.students} | set(workshop.learners)
        graded = {module.id: {s.student_id for s in book.assignment_submissions(module.id)}
                  for module in modules if _has_assignment(book, module.id)}
    return {learner: [m for m in modules if learner in graded.get(m.id, set())]
            for learner in sorted(learners) if not is_demo(learner)}


def _has_assignment(book, name: str) -> bool:
    from nbgrader.api import MissingEntry

    try:
        book.find_assignment(name)
    except MissingEntry:
        return False
    return True


def certificates(workshop: Workshop, modules: list[Module],
                 names: dict[str, str] | None = None) -> list[Certificate]:
    """One certificate per learner who completed at least one of ``modules``."""
    names = names or {}
    return [Certificate(learner, names.get(learner) or learner, done)
            for learner, done in completed_modules(workshop, modules).items() if done]


def print_certificates(workshop: Workshop, found: list[Certificate], target: Path,
                       day: date | None = None) -> int:
    """Write every certificate into one PDF (one page each), in the workshop's language."""
    html = render_page("certificate.html.j2", workshop.lang, certificates=found,
                       date=long_date(day or date.today(), workshop.lang),
                       minutes={m.id: total_minutes(m) for c in found for m in c.modules})
    return write_both(html, target)
