"""Written answers marked by hand: what is waiting, and the mark stored where nbgrader keeps it.

A written answer is typed in a widget and saved in the learner's answer file, so nbgrader's
formgrader shows an empty cell; ``course grade`` hands the cell's grade to the trainer
(``needs_manual_grade``). The counsellor's page reads the answer from the course's own copy of
the submission (``course.untrusted`` made it: no link, regular files, a size cap) and stores
the mark and comment through nbgrader's own gradebook API, exactly as formgrader does, so plain
nbgrader, the feedback pages and the CSV exports (written again here) all agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
import yaml

from course.answers import AnswerFileError, answer_path, read_answers
from course.content import Module
from course.errors import CourseError
from course.i18n import say
from course.workshop import Workshop

from .autograde import FAILED, GRADED, MANUAL, MISSING, Outcome
from .export import COLUMNS, write_export
from .nbgrader_setup import gradebook


@dataclass
class WrittenAnswer:
    """One learner's answer to one written question, with what is needed to mark it."""

    learner: str
    item: str
    prompt: str
    answer: str
    max_score: float
    score: float | None
    comment: str
    criteria: list[dict]

    @property
    def grade_id(self) -> str:
        return f"written-{self.item}"


def rubric(workshop: Workshop, module: Module) -> dict:
    """The module's rubric (``rubric.yml``, copied to the trainer's notes by ``course new``)."""
    path = workshop.trainer / module.id / "rubric.yml"
    return (yaml.safe_load(path.read_text("utf-8")) or {}) if path.is_file() else {}


def _criteria(entry: dict, lang: str) -> list[dict]:
    return [{"points": c.get("points"), "text": c.get(lang) or c.get("fr") or c.get("en", "")}
            for c in entry.get("criteria", [])]


def written_answers(workshop: Workshop, module: Module) -> list[WrittenAnswer]:
    """Every graded learner's written answers of ``module`` that hold a text, by learner."""
    from nbgrader.api import MissingEntry

    name = workshop.notebook("exercise")
    notes_file = workshop.trainer / module.id / "feedback.json"
    if not notes_file.is_file():
        return []
    notes = json.loads(notes_file.read_text("utf-8"))
    written = [item for item, note in notes.items() if note["type"] == "written"]
    marks = rubric(workshop, module)
    found = []
    with gradebook(workshop) as book:
        try:
            submissions = book.find_assignment(module.id).submissions
        except MissingEntry:
            return []
        for submission in sorted(submissions, key=lambda s: s.student.id):
            learner = submission.student.id
            try:
                answers = read_answers(answer_path(workshop.graded_copies / learner / module.id,
                                                   name))
                notebook = book.find_submission_notebook(name, module.id, learner)
            except (AnswerFileError, MissingEntry):
                continue
            grades = {g.name: g for g in notebook.grades}
            comments = {c.name: c.manual_comment or "" for c in notebook.comments}
            for item in written:
                text = answers.get(item, {}).get("value")
                grade = grades.get(f"written-{item}")
                if not isinstance(text, str) or not text.strip() or grade is None:
                    continue
                found.append(WrittenAnswer(
                    learner, item, notes[item].get("prompt", ""), text, grade.max_score,
                    grade.manual_score, comments.get(f"written-{item}", ""),
                    _criteria(marks.get(item, {}), workshop.lang)))
    return found


def parse_score(typed: str, max_score: float) -> float:
    """The score the counsellor typed (``2,5`` as well as ``2.5``), or a plain refusal."""
    try:
        score = float(typed.strip().replace(",", "."))
    except ValueError:
        score = -1.0
    if not 0 <= score <= max_score:
        raise CourseError(say(
            f"La note doit être un nombre entre 0 et {max_score:g} : rien n'a été enregistré.",
            f"The score must be a number from 0 to {max_score:g}: nothing was saved."))
    return score


def mark_written(workshop: Workshop, module: Module, learner: str, item: str, score: float,
                 comment: str) -> None:
    """Store the mark and comment of one written answer in nbgrader's gradebook (as
    formgrader's own API does), then write the module's CSV exports again."""
    name = workshop.notebook("exercise")
    grade_id = f"written-{item}"
    with gradebook(workshop) as book:
        grade = book.find_grade(grade_id, name, module.id, learner)
        if not 0 <= score <= grade.max_score:
            raise CourseError(say(f"La note doit être entre 0 et {grade.max_score:g}.",
                                  f"The score must be from 0 to {grade.max_score:g}."))
        grade.manual_score = score
        grade.needs_manual_grade = False
        book.find_comment(grade_id, name, module.id, learner).manual_comment = comment.strip()
        book.db.commit()
    refresh_export(workshop, module)


def refresh_export(workshop: Workshop, module: Module) -> None:
    """Write ``exports/<module>.csv`` (and its French twin) again with the gradebook's scores
    now, keeping each learner's notes from ``course grade``'s run."""
    plain = workshop.exports / f"{module.id}.csv"
    if not plain.is_file():
        return
    rows = pd.read_csv(plain, dtype=str, keep_default_na=False)
    pseudonym, status, notes = COLUMNS[0], COLUMNS[2], COLUMNS[5]
    outcomes = []
    with gradebook(workshop) as book:
        for row in rows.to_dict("records"):
            learner = row[pseudonym]
            kept = [n for n in row[notes].split(" | ") if n]
            if row[status] not in (GRADED, MANUAL):
                outcomes.append(Outcome(learner, row[status] if row[status] in (
                    MISSING, FAILED) else FAILED, notes=kept))
                continue
            submission = book.find_submission(module.id, learner)
            outcomes.append(Outcome(learner, MANUAL if submission.needs_manual_grade else GRADED,
                                    submission.score, submission.max_score, kept))
    write_export(workshop, module, outcomes)
