"""What every page of the dashboard shares: access, the workshop, templates and plain errors."""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from tornado import web

from ...i18n import say
from ...workshop import Workshop

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_env = Environment(loader=FileSystemLoader(TEMPLATES),
                   autoescape=select_autoescape(["html", "j2"]))


def pages() -> list[tuple[str, str]]:
    """(path, title) of the navigation, in the workshop's language."""
    return [("", say("Atelier", "Workshop")),
            ("reponses", say("Réponses écrites", "Written answers")),
            ("rapport", say("Rapport", "Report")),
            ("apprenants", say("Apprenants", "Learners"))]


ERRORS = {
    403: ("Accès refusé. Ouvrez l'adresse complète que « course dashboard » a affichée (avec "
          "son code), ou connectez-vous avec le compte de l'animation.",
          "Access denied. Open the full address 'course dashboard' printed (with its code), "
          "or log in with the counsellor's account."),
    404: ("Cette page n'existe pas.", "This page does not exist."),
}


class Page(web.RequestHandler):
    """A page of the dashboard. Access is checked by ``check_access`` (from a mixin: token
    and cookie on this computer, the hub's login on a hub) before anything else."""

    def check_access(self) -> bool:  # replaced by a mixin
        raise web.HTTPError(403)

    def prepare(self) -> None:
        if not self.check_access():
            self.finish()

    @property
    def workshop(self) -> Workshop:
        return self.settings["workshop"]

    def url(self, path: str = "") -> str:
        return self.settings["base"] + path

    def page(self, template: str, **values: Any) -> None:
        """Render ``template`` (autoescaped: what a learner wrote is only ever text)."""
        here = self.request.path.removeprefix(self.settings["base"]).split("/", 1)[0]
        self.set_header("Cache-Control", "no-store")
        self.finish(_env.get_template(template).render(
            lang=self.workshop.lang, say=say, base=self.settings["base"], pages=pages(),
            here=here, xsrf=Markup(self.xsrf_form_html()), **values))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        words = ERRORS.get(status_code)
        message = say(*words) if words else say(
            f"Erreur {status_code} ({HTTPStatus(status_code).phrase}).",
            f"Error {status_code} ({HTTPStatus(status_code).phrase}).")
        self.finish(_env.get_template("error.html.j2").render(
            lang=self.workshop.lang, say=say, base=self.settings["base"], pages=pages(),
            here=None, message=message, xsrf=""))
