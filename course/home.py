"""The learner's home page: the modules in order, where each stands, one way forward.

Everything on it comes from the learner's own folder (the modules ``course start`` or the hub
copied there, the answers their widgets saved, the feedback pages handed back into
``retours/``) and from their hand-in folder (``COURSE_HANDIN``): a module is *to do*,
*started* (an answer saved in its exercise) or *handed in* (the "I have finished" button ran).
The one big "Continue" button leads to the first module not yet handed in: its exercise if it
is started, else its lesson. Learner-given names (titles come from notebooks in their folder)
are shown only as escaped text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from .answers import AnswerFileError, answer_path, read_answers
from .built import notebook_course
from .i18n import LANGUAGES, text

MODULE_NAME = re.compile(r"^[0-9]{2}-[a-z0-9-]+$")
FEEDBACK_FOLDER = "retours"
TODO, STARTED, HANDED_IN = "todo", "started", "handed_in"


@dataclass
class ModuleState:
    """One module of the learner's folder, as the home page shows it."""

    id: str
    title: str
    lang: str
    audience: str
    notebooks: dict[str, str]  # kind ("lesson", "exercise") -> notebook name, no ".ipynb"
    status: str = TODO
    feedback: bool = False

    def page(self, kind: str) -> str | None:
        name = self.notebooks.get(kind)
        return f"{self.id}/{name}.ipynb" if name else None


def read_module(folder: Path, handin: Path | None) -> ModuleState | None:
    """The state of the module in ``folder`` (None: not a module of the course)."""
    notebooks, course = {}, None
    for path in sorted(folder.glob("*.ipynb")):
        meta = notebook_course(path)
        if meta and meta["module"] == folder.name and meta["kind"] in ("lesson", "exercise"):
            notebooks[meta["kind"]], course = path.stem, course or meta
    if course is None:
        return None
    state = ModuleState(folder.name, course.get("title") or folder.name, course["lang"],
                        course["audience"], notebooks)
    exercise = notebooks.get("exercise")
    if exercise:
        try:
            saved = bool(read_answers(answer_path(folder, exercise)))
        except AnswerFileError:
            saved = True  # something was saved, even if the file is now damaged
        if handin is not None and (handin / folder.name / "timestamp.txt").is_file():
            state.status = HANDED_IN
        elif saved:
            state.status = STARTED
    feedback = folder.parent / FEEDBACK_FOLDER / f"{folder.name}.html"
    state.feedback = feedback.is_file() and not feedback.is_symlink()
    return state


def read_modules(root: Path, handin: Path | None) -> list[ModuleState]:
    """Every module in the learner's folder ``root``, in the course's order (their numbers)."""
    states = []
    for folder in sorted(root.iterdir()):
        if MODULE_NAME.match(folder.name) and folder.is_dir() and not folder.is_symlink():
            state = read_module(folder, handin)
            if state is not None:
                states.append(state)
    return states


def next_step(states: list[ModuleState]) -> tuple[ModuleState, str] | None:
    """Where "Continue" leads: (module, kind), or None when everything is handed in."""
    for state in states:
        if "exercise" not in state.notebooks:
            continue
        if state.status == HANDED_IN:
            continue
        kind = "exercise" if state.status == STARTED or "lesson" not in state.notebooks \
            else "lesson"
        return state, kind
    return None


def after(states: list[ModuleState], module: str) -> ModuleState | None:
    """The module that comes after ``module`` in the learner's folder."""
    ids = [state.id for state in states]
    if module not in ids or ids.index(module) + 1 >= len(ids):
        return None
    return states[ids.index(module) + 1]


STYLE = """
:root { color-scheme: light; }
body { margin: 0; font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff;
       font-size: var(--course-size); line-height: 1.5; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.8em; margin: 0 0 1rem; }
h2 { font-size: 1.4em; margin: 0 0 1rem; }
h3 { font-size: 1.2em; margin: 0; }
a { color: #0b4f8a; }
a:focus-visible, .course-continue:focus-visible { outline: 3px solid #b34700;
       outline-offset: 3px; }
.course-continue { display: inline-flex; align-items: center; min-height: 56px;
       padding: .5rem 2rem; font-size: 1.3em; font-weight: bold; color: #fff;
       background: #0b4f8a; border-radius: .5rem; text-decoration: none; }
.course-where { margin: .5rem 0 2rem; }
ol { list-style: none; padding: 0; margin: 0; }
li.course-module { border: 2px solid #666; border-radius: .5rem; padding: 1rem;
       margin: 0 0 1rem; }
.course-status { display: inline-block; margin: .25rem 0 .5rem; font-weight: bold; }
.course-links { display: flex; flex-wrap: wrap; gap: .75rem; }
.course-links a { display: inline-flex; align-items: center; min-height: 44px;
       min-width: 44px; padding: 0 1rem; border: 2px solid #0b4f8a; border-radius: .5rem;
       text-decoration: none; font-weight: bold; }
"""
MARKS = {TODO: "○", STARTED: "◐", HANDED_IN: "●"}


def render(states: list[ModuleState], lang: str, audience: str | None, link) -> str:
    """The whole page, in ``lang``; ``link(state, kind)`` is the address of a notebook in the
    learner's view (Voilà or JupyterLab), ``link(state, "feedback")`` of its feedback page."""
    lang = lang if lang in LANGUAGES else "fr"

    def say(key: str, **values: object) -> str:
        return html.escape(text(key, lang, audience, **values))

    step = next_step(states)
    if step is None:
        forward = f"<p class='course-where'>{say('home_all_done')}</p>"
    else:
        state, kind = step
        where = f"{state.title} · {text(kind, lang)}"
        forward = (f"<p><a class='course-continue' href='{html.escape(link(state, kind))}'>"
                   f"{say('home_continue')}</a></p>"
                   f"<p class='course-where'>{say('home_next', where=where)}</p>")
    items = []
    for number, state in enumerate(states, start=1):
        links = [f"<a href='{html.escape(link(state, kind))}'>{html.escape(text(kind, lang))}"
                 "</a>" for kind in ("lesson", "exercise") if kind in state.notebooks]
        if state.feedback:
            links.append(f"<a href='{html.escape(link(state, 'feedback'))}'>"
                         f"{say('home_feedback')}</a>")
        status = say(f"home_{state.status}")
        items.append(
            f"<li class='course-module' data-module='{html.escape(state.id)}'>"
            f"<h3>{number}. {html.escape(state.title)}</h3>"
            f"<span class='course-status'><span aria-hidden='true'>{MARKS[state.status]}"
            f"</span> {status}</span>"
            f"<div class='course-links'>{''.join(links)}</div></li>")
    size = "1.375rem" if audience == "senior" else "1.125rem"
    title = say("home_title")
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{title}</title><style>{STYLE}</style></head>"
            f"<body style='--course-size: {size}'><main><h1>{title}</h1>{forward}"
            f"<h2 class='course-list-title'>{say('home_modules')}</h2>"
            f"<ol>{''.join(items)}</ol></main></body></html>")
