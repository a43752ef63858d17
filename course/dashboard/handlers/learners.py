"""*Apprenants*: export everything held about one learner, or erase it after a confirmation
(``grading.learner_data``, as ``course learner export|erase``)."""

from __future__ import annotations

from tornado import web

from ...errors import CourseError
from ...i18n import say
from ...roster import pseudonym_problem
from .. import state
from .base import Page


class LearnersPage(Page):
    def show(self, message: str = "", problem: str = "", download: str = "") -> None:
        _, learners, _ = state.hand_ins(self.workshop)
        self.page("learners.html.j2", title=say("Apprenants", "Learners"), learners=learners,
                  message=message, problem=problem, download=download)

    def get(self) -> None:
        self.show()


class ExportAction(LearnersPage):
    def post(self) -> None:
        from grading.learner_data import export_learner

        learner = self.get_body_argument("learner", "")
        try:
            path = export_learner(self.workshop, learner)
        except CourseError as problem:
            self.set_status(400)
            self.show(problem=str(problem))
            return
        self.show(say(f"Données de « {learner} » rassemblées dans {path.name}.",
                      f"'{learner}''s data gathered in {path.name}."), download=learner)


class ExportFile(Page):
    """The zip ``export_learner`` wrote, for the counsellor to hand over."""

    def get(self) -> None:
        from grading.learner_data import export_name

        learner = self.get_argument("learner", "")
        path = self.workshop.exports / export_name(learner)
        if pseudonym_problem(learner) or not path.is_file():
            raise web.HTTPError(404)
        self.set_header("Content-Type", "application/zip")
        self.set_header("Content-Disposition", f'attachment; filename="{path.name}"')
        self.finish(path.read_bytes())


class EraseAction(LearnersPage):
    """GET: the confirmation; POST: erased once the pseudonym is typed again."""

    def get(self) -> None:
        learner = self.get_argument("learner", "")
        self.page("erase.html.j2", title=say("Effacer un apprenant", "Erase a learner"),
                  learner=learner, problem="")

    def post(self) -> None:
        from grading.learner_data import erase_learner

        learner = self.get_body_argument("learner", "")
        typed = self.get_body_argument("confirm", "").strip().lower()
        if typed != learner:
            self.set_status(400)
            self.page("erase.html.j2", title=say("Effacer un apprenant", "Erase a learner"),
                      learner=learner, problem=say(
                          "Le pseudonyme tapé ne correspond pas : rien n'a été effacé.",
                          "The pseudonym typed does not match: nothing was erased."))
            return
        try:
            removed = erase_learner(self.workshop, learner)
        except CourseError as problem:
            self.set_status(400)
            self.show(problem=str(problem))
            return
        self.show(say(f"« {learner} » effacé de l'atelier ({len(removed)} fichier(s)).",
                      f"'{learner}' erased from the workshop ({len(removed)} file(s))."))
