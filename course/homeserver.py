"""The home page inside the learner's Jupyter server (a jupyter_server extension).

Served at ``/course`` by the same server as JupyterLab or Voilà (``course start``, a hub's
learner server, a city's pod), so it needs no port, token or login of its own. It also takes
the place of Voilà's English file list ("Select items to open with Voilà."): ``/voila`` and
``/voila/tree`` lead home. The learner's feedback pages (``retours/<module>.html`` in their
folder, written by the course with every learner text escaped) are served with a policy that
lets no script run and nothing load from elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

from .handin import HANDIN_ENV
from .home import FEEDBACK_FOLDER, MODULE_NAME, ModuleState, after, read_modules, render

VIEW_ENV = "COURSE_VIEW"  # "voila" or "lab"; by default Voilà for seniors, JupyterLab else
FEEDBACK_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
MAX_FEEDBACK_BYTES = 5 * 1024 * 1024


class CourseHandler(JupyterHandler):
    """What the course's pages share: the learner's folder and their view of notebooks."""

    def root(self) -> Path:
        return Path(self.settings["server_root_dir"]).expanduser()

    def states(self) -> list[ModuleState]:
        handin = os.environ.get(HANDIN_ENV)
        return read_modules(self.root(), Path(handin) if handin else None)

    def link(self, state: ModuleState, kind: str) -> str:
        if kind == "feedback":
            return url_path_join(self.base_url, "course", FEEDBACK_FOLDER, f"{state.id}.html")
        view = os.environ.get(VIEW_ENV) or ("voila" if state.audience == "senior" else "lab")
        prefix = "voila/render" if view == "voila" else "lab/tree"
        return url_path_join(self.base_url, prefix, state.page(kind))


class HomeHandler(CourseHandler):
    @web.authenticated
    def get(self) -> None:
        states = self.states()
        lang = states[0].lang if states else os.environ.get("COURSE_LANG", "fr")
        audience = states[0].audience if states else None
        self.finish(render(states, lang, audience, self.link))


class NextHandler(CourseHandler):
    """"Next module" at the end of an exercise: the next module's lesson, or home."""

    @web.authenticated
    def get(self, module: str) -> None:
        states = self.states()
        following = after(states, module)
        if following is None:
            self.redirect(url_path_join(self.base_url, "course"))
            return
        kind = "lesson" if "lesson" in following.notebooks else "exercise"
        self.redirect(self.link(following, kind))


class FeedbackHandler(CourseHandler):
    @web.authenticated
    def get(self, module: str) -> None:
        if not MODULE_NAME.match(module):
            raise web.HTTPError(404)
        path = self.root() / FEEDBACK_FOLDER / f"{module}.html"
        if path.is_symlink() or not path.is_file() or \
                path.stat().st_size > MAX_FEEDBACK_BYTES:
            raise web.HTTPError(404)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Security-Policy", FEEDBACK_POLICY)
        self.finish(path.read_bytes())


class GoHome(JupyterHandler):
    """Voilà's file list is not for learners: their home page is."""

    @web.authenticated
    def get(self, *args: str) -> None:
        self.redirect(url_path_join(self.base_url, "course"))


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "course.homeserver"}]


def _load_jupyter_server_extension(serverapp) -> None:
    base = serverapp.web_app.settings["base_url"]
    serverapp.web_app.add_handlers(".*$", [
        (url_path_join(base, "course"), HomeHandler),
        (url_path_join(base, "course", "next", r"([0-9]{2}-[a-z0-9-]+)"), NextHandler),
        (url_path_join(base, "course", FEEDBACK_FOLDER, r"([^/]+)\.html"), FeedbackHandler),
        (url_path_join(base, "voila") + "/?", GoHome),
        (url_path_join(base, "voila", "tree") + "(.*)", GoHome),
    ])
