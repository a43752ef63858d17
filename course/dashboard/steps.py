"""The six buttons of the workshop page, each running what its ``course`` verb runs.

Release, collect, grade, release feedback, report and certificates call the same functions as
``course release|collect|grade|release-feedback|report|certificates`` (``grading.*``,
``grading.steps``, ``course.printing.certificates``); only the words of the result differ,
written for a page instead of a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..content import Module
from ..errors import CourseError
from ..i18n import say
from ..workshop import Workshop
from .jobs import Progress
from .state import released


@dataclass(frozen=True)
class Step:
    """A button: its words, whether it needs a module, and what it runs."""

    key: str
    label: str
    help: str
    needs_module: bool
    run: Callable[[Workshop, Module | None, Progress], str]


def _release(workshop: Workshop, module: Module | None, progress: Progress) -> str:
    from grading.release import release

    if module.id in released(workshop):  # nbgrader would refuse, in its own words
        raise CourseError(say(f"Le module {module.id} est déjà distribué : les apprenants "
                              "peuvent le récupérer. Rien n'a été changé.",
                              f"Module {module.id} is already released: learners can fetch "
                              "it. Nothing was changed."))
    progress(0, 1)
    release(workshop, module)
    progress(1, 1)
    return say(f"Module {module.id} distribué : les apprenants peuvent le récupérer.",
               f"Module {module.id} released: learners can fetch it.")


def _collect(workshop: Workshop, module: Module | None, progress: Progress) -> str:
    from grading.collect import collect_exchange

    progress(0, 1)
    collected, problems = collect_exchange(workshop, module)
    progress(1, 1)
    said = say(f"{len(collected)} rendu(s) pour le module {module.id}.",
               f"{len(collected)} submission(s) for module {module.id}.")
    return "\n".join([said, *(say("Non récupéré : ", "Not collected: ") + p for p in problems)])


def _grade(workshop: Workshop, module: Module | None, progress: Progress) -> str:
    from grading.autograde import FAILED, MANUAL
    from grading.steps import grade_step

    outcomes, _ = grade_step(workshop, module, show_progress=False, progress=progress)
    failed = [o.learner for o in outcomes if o.status == FAILED]
    manual = sum(o.status == MANUAL for o in outcomes)
    lines = [say(f"Module {module.id} corrigé : {len(outcomes)} apprenant(s).",
                 f"Module {module.id} graded: {len(outcomes)} learner(s).")]
    if manual:
        lines.append(say(f"{manual} apprenant(s) ont des réponses écrites à corriger : page "
                         "« Réponses écrites ».", f"{manual} learner(s) have written answers "
                         "to mark: page 'Written answers'."))
    if failed:
        lines.append(say("Non corrigé(s) : ", "Not graded: ") + ", ".join(failed))
    return "\n".join(lines)


def _feedback(workshop: Workshop, module: Module | None, progress: Progress) -> str:
    from grading.feedback import release_feedback

    progress(0, 1)
    learners, _folder = release_feedback(workshop, module)
    progress(1, 1)
    return say(f"{len(learners)} retour(s) rendu(s) pour le module {module.id}.",
               f"{len(learners)} feedback page(s) released for module {module.id}.")


def _report(workshop: Workshop, module: Module | None, progress: Progress) -> str:
    from grading.steps import report_step

    progress(0, 1)
    report_step(workshop)
    progress(1, 1)
    return say("Rapport prêt : page « Rapport ».", "Report ready: page 'Report'.")


def _certificates(workshop: Workshop, module: Module | None, progress: Progress) -> str:
    from ..printing.certificates import certificates, print_certificates

    progress(0, 1)
    found = certificates(workshop, [workshop.module(m) for m in workshop.modules])
    if not found:
        raise CourseError(say("Aucun apprenant n'a encore de module corrigé : corrigez "
                              "d'abord un module.", "No learner has a graded module yet: "
                              "grade a module first."))
    target = workshop.exports / "attestations.pdf"
    print_certificates(workshop, found, target)
    progress(1, 1)
    return say(f"{len(found)} attestation(s) à imprimer : {target}",
               f"{len(found)} certificate(s) to print: {target}")


def steps() -> list[Step]:
    """The buttons, in the order of a workshop (in the workshop's language)."""
    return [
        Step("release", say("Distribuer", "Release"),
             say("le module aux apprenants", "the module to learners"), True, _release),
        Step("collect", say("Récupérer les rendus", "Collect hand-ins"),
             say("déposés par les apprenants", "handed in by learners"), True, _collect),
        Step("grade", say("Corriger", "Grade"),
             say("tous les rendus du module", "every hand-in of the module"), True, _grade),
        Step("feedback", say("Rendre les retours", "Release feedback"),
             say("à chaque apprenant corrigé", "to each graded learner"), True, _feedback),
        Step("report", say("Faire le rapport", "Make the report"),
             say("de tous les modules corrigés", "of every graded module"), False, _report),
        Step("certificates", say("Imprimer les attestations", "Print certificates"),
             say("de participation (PDF)", "of attendance (PDF)"), False, _certificates),
    ]
