"""*Réponses écrites*: one written answer at a time beside the module's rubric, a score and a
comment, previous and next. The mark goes into nbgrader's gradebook (``grading.manual``)."""

from __future__ import annotations

from ...errors import CourseError
from ...i18n import say
from .base import Page


class WrittenPage(Page):
    def _modules(self) -> list:
        return [self.workshop.module(m) for m in self.workshop.modules]

    def _answers(self, module):
        from grading.manual import written_answers

        return written_answers(self.workshop, module)

    def _module(self):
        """The module asked for, else the first one with a written answer to mark."""
        from grading.manual import written_answers

        asked = self.get_argument("module", "")
        if asked:
            return self.workshop.module(asked)
        graded = [m for m in self._modules() if (self.workshop.autograded.is_dir() and any(
            self.workshop.autograded.glob(f"*/{m.id}")))]
        for module in graded:
            if any(a.score is None for a in written_answers(self.workshop, module)):
                return module
        return graded[0] if graded else None

    def show(self, module, index: int | None, problem: str = "", typed: dict | None = None,
             saved: str = "") -> None:
        answers = self._answers(module) if module else []
        if index is None:  # the first one still waiting for a mark
            index = next((n for n, a in enumerate(answers) if a.score is None), 0)
        index = max(0, min(index, len(answers) - 1)) if answers else 0
        self.page("written.html.j2", title=say("Réponses écrites", "Written answers"),
                  modules=self._modules(), module=module, answers=answers, index=index,
                  answer=answers[index] if answers else None, problem=problem,
                  typed=typed or {}, saved=saved,
                  waiting=sum(a.score is None for a in answers))

    def get(self) -> None:
        try:
            module = self._module()
        except CourseError as problem:
            self.set_status(400)
            self.show(None, None, str(problem))
            return
        number = self.get_argument("n", "")
        self.show(module, int(number) - 1 if number.isdigit() else None,
                  saved=say("Note enregistrée.", "Mark saved.") if self.get_argument(
                      "enregistre", "") else "")

    def post(self) -> None:
        from grading.manual import mark_written, parse_score

        learner, item = self.get_body_argument("learner", ""), self.get_body_argument("item", "")
        number = self.get_body_argument("index", "0")
        index = int(number) if number.isdigit() else 0
        typed = {"score": self.get_body_argument("score", ""),
                 "comment": self.get_body_argument("comment", "")}
        try:
            module = self.workshop.module(self.get_body_argument("module", ""))
        except CourseError as problem:
            self.set_status(400)
            self.show(None, None, str(problem))
            return
        answers = self._answers(module)
        target = next((a for a in answers if (a.learner, a.item) == (learner, item)), None)
        try:
            if target is None:
                raise CourseError(say("Cette réponse n'existe plus : rien n'a été enregistré.",
                                      "This answer no longer exists: nothing was saved."))
            score = parse_score(typed["score"], target.max_score)
            mark_written(self.workshop, module, learner, item, score, typed["comment"])
        except CourseError as problem:
            self.set_status(400)
            self.show(module, index, str(problem), typed)
            return
        following = index + 1 if index + 1 < len(answers) else index
        self.redirect(self.url(f"reponses?module={module.id}&n={following + 1}&enregistre=1"))
