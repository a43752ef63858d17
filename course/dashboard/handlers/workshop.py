"""The workshop page (*Atelier*): modules out, who handed in what, and the six step buttons."""

from __future__ import annotations

from ...errors import CourseError
from ...i18n import say
from .. import state
from ..jobs import Busy
from ..steps import steps
from .base import Page


class WorkshopPage(Page):
    def get(self) -> None:
        modules, learners, cells = state.hand_ins(self.workshop)
        self.page("workshop.html.j2", title=say("Atelier", "Workshop"), steps=steps(),
                  all_modules=[self.workshop.module(m) for m in self.workshop.modules],
                  released=state.released(self.workshop), modules=modules, learners=learners,
                  cells=cells, job=self.settings["jobs"].status())


class HandInsFragment(Page):
    """The hand-in table alone, fetched again every few seconds by the page."""

    def get(self) -> None:
        modules, learners, cells = state.hand_ins(self.workshop)
        self.page("handins.html.j2", modules=modules, learners=learners, cells=cells,
                  released=state.released(self.workshop))


class StepAction(Page):
    """POST a step (and a module): starts it in the background, answers with its status."""

    def post(self) -> None:
        chosen = {s.key: s for s in steps()}.get(self.get_body_argument("step", ""))
        try:
            if chosen is None:
                raise CourseError(say("Étape inconnue.", "Unknown step."))
            module = (self.workshop.module(self.get_body_argument("module", ""))
                      if chosen.needs_module else None)
            workshop = self.workshop
            self.settings["jobs"].start(
                f"{chosen.label}{f' — {module.id}' if module else ''}",
                lambda progress: chosen.run(workshop, module, progress))
        except Busy as busy:
            self.set_status(409)
            self.finish({"state": "refused", "message": str(busy)})
            return
        except CourseError as problem:
            self.set_status(400)
            self.finish({"state": "refused", "message": str(problem)})
            return
        if "application/json" in self.request.headers.get("Accept", ""):
            self.finish(self.settings["jobs"].status())
        else:  # without JavaScript: back to the page, which shows the status
            self.redirect(self.url())


class StepStatus(Page):
    def get(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.finish(self.settings["jobs"].status())
