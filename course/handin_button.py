"""The "I have finished / J'ai terminé" button at the end of an exercise."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import traitlets

from .handin import HANDIN_ENV, hand_in
from .i18n import text
from .widgets import STATIC, CourseWidget


class HandInButton(CourseWidget):
    """One button and a live status line; the kernel does the copy when it is pressed."""

    _esm = STATIC / "handin.js"
    _css = STATIC / "question.css"

    label = traitlets.Unicode().tag(sync=True)
    status = traitlets.Dict().tag(sync=True)
    # The way on once handed in: addresses relative to the server's base URL (the page adds
    # it, so the same notebook works on a laptop and under a hub's /user/<name>/).
    links = traitlets.List().tag(sync=True)

    def __init__(self, folder: Path, module: str, lang: str, audience: str | None = None,
                 **kwargs: Any):
        self.folder, self.module, self.lang, self.audience = folder, module, lang, audience
        super().__init__(label=text("hand_in", lang, audience), **kwargs)
        target = os.environ.get(HANDIN_ENV)
        if target and (Path(target) / module / "timestamp.txt").is_file():
            self.links = self.way_on()  # handed in before: the way on is already open

    def way_on(self) -> list[dict[str, str]]:
        """"Next module" and "Back to the home page" (``course.homeserver``)."""
        return [{"href": f"course/next/{self.module}",
                 "label": text("next_module", self.lang, self.audience)},
                {"href": "course", "label": text("back_home", self.lang, self.audience)}]

    def handle(self, event: dict[str, Any]) -> None:
        if event.get("event") == "hand-in":
            self.press()

    def press(self) -> None:
        """Hand the work in and say how it went, in words a learner understands."""
        target = os.environ.get(HANDIN_ENV)
        if not target:
            self.status = {"tone": "warn",
                           "text": text("hand_in_unavailable", self.lang, self.audience)}
            return
        try:
            when = hand_in(self.folder, Path(target), self.module)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.status = {"tone": "warn",
                           "text": text("hand_in_failed", self.lang, self.audience,
                                        reason=reason)}
            return
        local = when.astimezone().strftime("%H:%M")
        self.links = self.way_on()
        self.status = {"tone": "saved",
                       "text": text("handed_in", self.lang, self.audience, time=local)}
