"""Feedback each learner can read: their answer, right or wrong, and why.

nbgrader's own feedback is the autograded notebook turned into HTML, hidden tests and all
(nbgrader issues #917, #1363). This page is built from data instead: the learner's answer file,
the learner's own code answers, the gradebook's scores, the message each rating item asked to
judge (items.yml) and the trainer's explanations. No code of the course (tests, solutions) is
ever on it, everything the learner wrote is shown as escaped text, and it needs nothing from
the internet. On a single laptop each page also lands in the learner's own workspace
(``learners/<pseudonym>/retours/<module>.html``), where the course's home page links to it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import nbformat
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from course import atomic, untrusted
from course.answers import AnswerFileError, answer_path, read_answers
from course.build import build_items
from course.content import Module
from course.hub.homes import deliver_feedback, refresh_homes
from course.i18n import text
from course.widgets import post_card
from course.workshop import Workshop

from .nbgrader_setup import gradebook, nbgrader_api
from .release import fail

_env = Environment(loader=PackageLoader("grading", "templates"),
                   autoescape=select_autoescape(["html", "j2"]))
EXCHANGE_STAMPS = ("timestamp.txt", "submission_secret.txt")
ICONS = {"right": "✔", "wrong": "✘", "missing": "✘", "pending": "✎", "marked": "✎"}
MAX_CODE_CHARS = 4000  # a learner's code answer, shown whole up to this length


def format_answer(note: dict[str, Any], value: Any, lang: str) -> str:
    """A recorded answer in words (option labels rather than ids)."""
    if value is None:
        return "—"
    labels = {o["id"]: o["label"] for o in note.get("options", [])}
    if note["type"] == "single":
        return labels.get(value, str(value))
    if note["type"] == "multiple" and isinstance(value, list):
        return " ; ".join(labels.get(v, str(v)) for v in value)
    if note["type"] == "rating" and isinstance(value, dict):
        share = text("yes" if value.get("share") else "no", lang)
        return text("rating_answer", lang, rating=value.get("rating"), share=share)
    return str(value)


def _fmt(number: float | None) -> str:
    return "—" if number is None else f"{number:g}"


def _row(item_id: str, note: dict, value: Any, grade: Any, comment: str, lang: str,
         audience: str | None = None, post: dict | None = None) -> dict:
    if grade is None:
        state, result = "missing", text("result_missing", lang)
    elif note["type"] == "written":
        if grade.needs_manual_grade:
            state, result = "pending", text("result_pending", lang)
        else:
            state = "marked"
            result = text("result_marked", lang, score=_fmt(grade.score), max=_fmt(grade.max_score))
    elif value is None:
        state, result = "missing", text("result_missing", lang)
    elif grade.score >= grade.max_score:
        state, result = "right", text("result_right", lang)
    else:
        state, result = "wrong", text("result_wrong", lang)
    return {"state": state, "icon": ICONS[state], "result": result,
            "prompt": note.get("prompt", ""),
            "answer": format_answer(note, value, lang),
            "explanation": note.get("explanation") if state != "pending" else
            text("feedback_pending", lang, audience), "comment": comment,
            # The course's own message (items.yml), drawn as in the notebook; escaped there.
            "post": Markup(post_card(post, lang)) if post else None}


def judged_messages(module: Module, lang: str, audience: str) -> dict[str, dict]:
    """The message (post) each graded item showed the learner, read from the module's items."""
    return {item["id"]: item["post"] for item in build_items(module, "exercise", lang, audience)
            if "post" in item}


def _plain(markdown: str) -> str:
    """A question written in Markdown, as words: no emphasis or code marks."""
    return re.sub(r"\*\*|`|^#+\s*", "", markdown, flags=re.MULTILINE).strip()


def code_questions(source: Path) -> dict[str, str]:
    """Code answers of the instructor's notebook (``answer-ID`` cells that record no widget
    item, in notebook order), each with the question written just above it."""
    questions, above = {}, ""
    for cell in nbformat.read(source, as_version=4).cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if cell.cell_type == "markdown":
            above = _plain(cell.source)
        elif grade_id.startswith("answer-") and "answer(" not in cell.source:
            questions[grade_id.removeprefix("answer-")] = above
    return questions


def learner_code(notebook: Path) -> dict[str, str]:
    """The learner's code in each ``answer-ID`` cell of their graded copy (none if unreadable:
    the page then says "no answer")."""
    try:
        cells = nbformat.read(notebook, as_version=4).cells
    except (OSError, ValueError, KeyError, AttributeError):
        return {}
    return {cell.metadata.get("nbgrader", {}).get("grade_id", "").removeprefix("answer-"):
            str(cell.source)[:MAX_CODE_CHARS] for cell in cells if cell.cell_type == "code"}


def _code_row(prompt: str, code: str, grade: Any, lang: str, audience: str) -> dict:
    """A code answer: the learner's code (escaped, as typed) and the tests' verdict."""
    if grade is None or not code.strip():
        state, result = "missing", text("result_missing", lang)
    elif grade.score >= grade.max_score:
        state, result = "right", text("result_right", lang)
    else:
        state, result = "wrong", text("result_wrong", lang)
    return {"state": state, "icon": ICONS[state], "result": result, "prompt": prompt,
            "answer": code if code.strip() else "—", "code": True,
            "answer_label": text("your_code", lang, audience), "explanation": None,
            "comment": "", "post": None}


def write_feedback(workshop: Workshop, module: Module, learner: str) -> Path:
    """Write ``feedback/<learner>/<module>/<exercise>.html`` and return its path."""
    lang, name = workshop.lang, workshop.notebook("exercise")
    notes = json.loads((workshop.trainer / module.id / "feedback.json").read_text("utf-8"))
    try:
        answers = read_answers(answer_path(workshop.graded_copies / learner / module.id, name))
    except AnswerFileError:
        answers = {}
    with gradebook(workshop) as book:
        notebook = book.find_submission_notebook(name, module.id, learner)
        grades = {g.name: g for g in notebook.grades}
        comments = {c.name: (c.manual_comment or "") for c in notebook.comments}
        posts = judged_messages(module, lang, workshop.audience)
        rows = []
        for item_id, note in notes.items():
            grade_id = f"{'written' if note['type'] == 'written' else 'test'}-{item_id}"
            value = answers.get(item_id, {}).get("value")
            rows.append(_row(item_id, note, value, grades.get(grade_id),
                             comments.get(grade_id, ""), lang, workshop.audience,
                             posts.get(item_id)))
        code = learner_code(workshop.graded_copies / learner / module.id / f"{name}.ipynb")
        for item_id, prompt in code_questions(workshop.source / module.id
                                              / f"{name}.ipynb").items():
            if item_id in notes:
                continue  # a widget item whose cell records no answer() call
            rows.append(_code_row(prompt, code.get(item_id, ""), grades.get(f"test-{item_id}"),
                                  lang, workshop.audience))
        score_line = text("feedback_score", lang, score=_fmt(notebook.score),
                          max=_fmt(notebook.max_score))
    title = text("feedback_title", lang, workshop.audience, title=module.title(lang))
    page = _env.get_template("feedback.html.j2").render(
        lang=lang, title=title, learner=learner, score_line=score_line, rows=rows,
        words={k: text(k, lang, workshop.audience)
               for k in ("your_answer", "why", "trainer_comment", "judged_message")})
    target = atomic.write_text(workshop.feedback / learner / module.id / f"{name}.html", page)
    for stamp in EXCHANGE_STAMPS:  # what nbgrader's release_feedback needs to find its owner
        handed_in = workshop.graded_copies / learner / module.id / stamp
        if handed_in.is_file():
            atomic.copy(handed_in, target.parent / stamp)
    return target


def release_feedback(workshop: Workshop, module: Module) -> tuple[list[str], Path]:
    """Hand every graded learner's page back: (learners, folder of all pages).

    Pages are written again first, since marks and comments may have been added by hand since
    ``course grade``. Learners who handed in through nbgrader's exchange get theirs with
    ``nbgrader fetch_feedback`` (or the Assignments tab); every page is also gathered in
    ``exports/retours-<module>/<pseudonym>.html`` for those who handed in on a USB stick,
    and put in the workspace of each learner who works on this computer (``course start``).
    """
    name = workshop.notebook("exercise")
    with gradebook(workshop) as book:
        learners = sorted(s.student.id for s in book.find_assignment(module.id).submissions
                          if (workshop.autograded / s.student.id / module.id
                              / f"{name}.ipynb").is_file())
    folder = workshop.exports / f"retours-{module.id}"
    folder.mkdir(parents=True, exist_ok=True)
    without_exchange = []
    for learner in learners:
        page = write_feedback(workshop, module, learner)
        atomic.copy(page, folder / f"{learner}.html")
        if not all((page.parent / stamp).is_file() for stamp in EXCHANGE_STAMPS):
            without_exchange.append(learner)
    refresh_homes(workshop)  # on a hub, straight into each learner's retours/
    for learner in learners:  # on this computer, into the learner's own workspace
        if (workshop.workspaces / learner).is_dir():
            untrusted.report(deliver_feedback(workshop, learner, workshop.workspaces / learner))
    if len(without_exchange) < len(learners):
        api = nbgrader_api(workshop)
        api.coursedir.student_id_exclude = ",".join(without_exchange)
        result = api.release_feedback(module.id)
        if not result.get("success"):
            raise fail("release_feedback", module, result)
    return learners, folder
