"""Feedback each learner can read: their answer, right or wrong, and why.

nbgrader's own feedback is the autograded notebook turned into HTML, hidden tests and all
(nbgrader issues #917, #1363). This page is built from data instead: the learner's answer file,
the gradebook's scores and the trainer's explanations. No code of any cell is ever on it, and it
needs nothing from the internet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from course import atomic
from course.answers import AnswerFileError, answer_path, read_answers
from course.content import Module
from course.hub.homes import refresh_homes
from course.i18n import text
from course.workshop import Workshop

from .nbgrader_setup import gradebook, nbgrader_api
from .release import fail

_env = Environment(loader=PackageLoader("grading", "templates"),
                   autoescape=select_autoescape(["html", "j2"]))
EXCHANGE_STAMPS = ("timestamp.txt", "submission_secret.txt")
ICONS = {"right": "✔", "wrong": "✘", "missing": "✘", "pending": "✎", "marked": "✎"}


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
         audience: str | None = None) -> dict:
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
            text("feedback_pending", lang, audience), "comment": comment}


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
        rows = []
        for item_id, note in notes.items():
            grade_id = f"{'written' if note['type'] == 'written' else 'test'}-{item_id}"
            value = answers.get(item_id, {}).get("value")
            rows.append(_row(item_id, note, value, grades.get(grade_id),
                             comments.get(grade_id, ""), lang, workshop.audience))
        score_line = text("feedback_score", lang, score=_fmt(notebook.score),
                          max=_fmt(notebook.max_score))
    title = text("feedback_title", lang, workshop.audience, title=module.title(lang))
    page = _env.get_template("feedback.html.j2").render(
        lang=lang, title=title, learner=learner, score_line=score_line, rows=rows,
        words={k: text(k, lang, workshop.audience)
               for k in ("your_answer", "why", "trainer_comment")})
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
    ``exports/retours-<module>/<pseudonym>.html`` for those who handed in on a USB stick.
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
    if len(without_exchange) < len(learners):
        api = nbgrader_api(workshop)
        api.coursedir.student_id_exclude = ",".join(without_exchange)
        result = api.release_feedback(module.id)
        if not result.get("success"):
            raise fail("release_feedback", module, result)
    return learners, folder
