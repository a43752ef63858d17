"""``course learner export|erase ID``: a learner's right to their data (GDPR art. 15, 17, 20).

Learners are minors and elderly people; a workshop must be able to hand one of them everything
it holds about them, and to forget them completely. Everything lives in the workshop folder:
the gradebook's rows, and files whose path or content names the pseudonym (submitted,
autograded, feedback, exchange, local workspaces, logs, CSV rows, reports naming them, which
``course report`` writes again without them), or on the gradebook's database server. The
gradebook is vacuumed after an erase, since SQLite and PostgreSQL keep deleted rows until then.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pandas as pd

from course.errors import CourseError
from course.i18n import say
from course.workshop import Workshop

from .export import FRENCH_SUFFIX, write_csv
from .nbgrader_setup import compact, gradebook


def _names_learner(part: str, learner: str) -> bool:
    """Whether one path component is the learner's (a folder, a ``ID.ext`` file or an
    nbgrader exchange entry ``ID+module+time+random``)."""
    return part == learner or part.split("+")[0] == learner or Path(part).stem == learner


def learner_files(workshop: Workshop, learner: str) -> list[Path]:
    """Every file of the workshop held for ``learner`` (a folder of theirs counts whole)."""
    found = []
    for path in sorted(workshop.path.rglob("*")):
        relative = path.relative_to(workshop.path)
        if path.is_file() and any(_names_learner(p, learner) for p in relative.parts):
            found.append(path)
    found += exchange_feedback(workshop, learner)
    return found


def exchange_feedback(workshop: Workshop, learner: str) -> list[Path]:
    """Feedback pages released to the exchange: named by a hash of the learner's secret."""
    from nbgrader.utils import notebook_hash

    pages = []
    for secret in workshop.feedback.glob(f"{learner}/*/submission_secret.txt"):
        for page in secret.parent.glob("*.html"):
            digest = notebook_hash(secret=secret.read_text(), notebook_id=page.stem)
            pages += list(workshop.exchange.rglob(f"{digest}.html"))
    return pages


def gradebook_record(workshop: Workshop, learner: str) -> dict:
    """The learner's rows in the gradebook: each module's scores, marks and comments."""
    with gradebook(workshop) as book:
        try:
            student = book.find_student(learner)
        except Exception:  # nbgrader's MissingEntry
            return {}
        record = {"id": student.id, "submissions": []}
        for submission in student.submissions:
            record["submissions"].append({
                "module": submission.assignment.name,
                "timestamp": str(submission.timestamp),
                "score": submission.score, "max_score": submission.max_score,
                "grades": [{"cell": g.name, "auto_score": g.auto_score,
                            "manual_score": g.manual_score, "max_score": g.max_score}
                           for nb in submission.notebooks for g in nb.grades],
                "comments": [{"cell": c.name, "comment": c.manual_comment}
                             for nb in submission.notebooks for c in nb.comments
                             if c.manual_comment]})
    return record


def _known(workshop: Workshop, learner: str) -> None:
    if not (learner in workshop.learners or gradebook_record(workshop, learner)
            or learner_files(workshop, learner)):
        raise CourseError(say(f"Aucune donnée pour « {learner} » dans cet atelier.",
                              f"No data for '{learner}' in this workshop."))


def export_learner(workshop: Workshop, learner: str, target: Path | None = None) -> Path:
    """Write a zip of everything held about ``learner``; returns its path."""
    _known(workshop, learner)
    target = Path(target or workshop.exports / f"donnees-{learner}.zip")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("gradebook.json", json.dumps(gradebook_record(workshop, learner),
                                                      ensure_ascii=False, indent=1))
        for path in learner_files(workshop, learner):
            if path != target:
                archive.write(path, str(path.relative_to(workshop.path)))
        for csv in sorted(workshop.exports.glob("*.csv")) if workshop.exports.is_dir() else []:
            rows = _csv_rows(csv, learner)
            if rows is not None and not rows.empty:
                archive.writestr(f"exports/{csv.name}", rows.to_csv(index=False))
    return target


def _read_export(csv: Path) -> pd.DataFrame:
    """One of our CSV exports, as text, in either dialect (see ``grading.export``)."""
    if csv.stem.endswith(FRENCH_SUFFIX):
        return pd.read_csv(csv, sep=";", dtype=str, encoding="utf-8-sig",
                           keep_default_na=False)
    return pd.read_csv(csv, dtype=str, keep_default_na=False)


def _csv_rows(csv: Path, learner: str) -> pd.DataFrame | None:
    """The learner's rows of one of our CSV exports (None if it has no pseudonym column)."""
    table = _read_export(csv)
    return table[table["pseudonym"] == learner] if "pseudonym" in table.columns else None


def erase_learner(workshop: Workshop, learner: str) -> list[Path]:
    """Forget ``learner``: gradebook rows, files, CSV rows, roster line. Returns the removed
    files."""
    _known(workshop, learner)
    files = learner_files(workshop, learner)
    with gradebook(workshop) as book:
        try:
            book.remove_student(learner)
        except Exception:  # nbgrader's MissingEntry: never graded
            pass
    for path in files:
        path.unlink(missing_ok=True)
    for folder in sorted({p for f in files for p in f.relative_to(workshop.path).parents},
                         key=lambda p: len(p.parts), reverse=True):
        full = workshop.path / folder
        if full != workshop.path and full.is_dir() and not any(full.iterdir()):
            full.rmdir()
    for csv in sorted(workshop.exports.glob("*.csv")) if workshop.exports.is_dir() else []:
        _drop_csv_rows(csv, learner)
    files += _drop_reports(workshop, learner)
    if learner in workshop.learners:
        workshop.learners = [name for name in workshop.learners if name != learner]
        workshop.save()
    compact(workshop)
    return files


def _drop_reports(workshop: Workshop, learner: str) -> list[Path]:
    """Delete other exports that name the learner (``course report`` makes them again)."""
    named = [p for p in workshop.exports.rglob("*") if p.is_file() and p.suffix != ".csv"
             and learner.encode("utf-8") in p.read_bytes()] if workshop.exports.is_dir() else []
    for path in named:
        path.unlink()
    return named


def _drop_csv_rows(csv: Path, learner: str) -> None:
    """Rewrite a CSV export without the learner's lines, keeping its dialect."""
    table = _read_export(csv)
    if "pseudonym" in table.columns and (table["pseudonym"] == learner).any():
        write_csv(table[table["pseudonym"] != learner], csv,
                  french_spreadsheet=csv.stem.endswith(FRENCH_SUFFIX))
