"""``course learner export|erase ID``: a learner's right to their data (GDPR art. 15, 17, 20).

Learners are minors and elderly people; a workshop must be able to hand one of them everything
it holds about them, and to forget them completely. Only a learner of the workshop (in the
roster or the gradebook) can be exported or erased: any other name is refused before anything
is read or touched, since a name such as ``gradebook`` or ``source`` is also a file of the
workshop. What is theirs is found by exact places and fields, never by a substring: their own
folders (submitted, the course's grading copy, autograded, feedback, local workspaces), their
log and exchange entries, their own data export, the gradebook's rows and the rows of CSV
exports whose ``pseudonym`` column is theirs. Exports that hold several learners are rewritten
without them (the CSV rows, and ``course report``'s pages made again from the gradebook), never
deleted. The gradebook is vacuumed after an erase, since SQLite and PostgreSQL keep deleted rows
until then.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from course import atomic
from course.errors import CourseError
from course.hub.accounts import load_accounts, save_accounts
from course.hub.homes import home_of
from course.i18n import say
from course.workshop import Workshop

from .export import FRENCH_SUFFIX, pseudonym_column, write_csv
from .nbgrader_setup import compact, gradebook

REPORT_STEM = "rapport"


def own_folders(workshop: Workshop, learner: str) -> list[Path]:
    """The folders that belong to ``learner`` whole (each is named by their pseudonym)."""
    roots = [workshop.submitted, workshop.graded_copies, workshop.autograded, workshop.feedback,
             workshop.workspaces,
             workshop.path / "jupyterlab-workspaces", home_of(workshop, learner).parent]
    inbound = sorted(workshop.exchange.glob("*/inbound/*")) if workshop.exchange.is_dir() else []
    return [root / learner for root in roots  # a link in their place is theirs, not followed
            if (root / learner).is_dir() or (root / learner).is_symlink()] + [
        entry for entry in inbound  # nbgrader's ``ID+module+time+random``
        if entry.is_dir() and entry.name.split("+")[0] == learner]


def own_files(workshop: Workshop, learner: str) -> list[Path]:
    """Single files that are the learner's: grading logs, their data export, feedback pages
    for a USB hand-in (``exports/retours-<module>/ID.html``) and released to the exchange."""
    logs, exports = workshop.path / "logs", workshop.exports
    found = sorted(logs.glob(f"*/{learner}.log")) if logs.is_dir() else []
    found += sorted(exports.glob(f"retours-*/{learner}.html")) if exports.is_dir() else []
    found += [p for p in [exports / export_name(learner)] if p.is_file()]
    return found + exchange_feedback(workshop, learner)


def export_name(learner: str) -> str:
    return f"donnees-{learner}.zip"


def _regular_files(folder: Path) -> Iterator[Path]:
    """Regular files under ``folder``, links never followed (a learner may have made them)."""
    if folder.is_symlink():
        return
    for top, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            path = Path(top) / name
            if stat.S_ISREG(path.lstat().st_mode):
                yield path


def learner_files(workshop: Workshop, learner: str) -> list[Path]:
    """Every file of the workshop held for ``learner`` (a folder of theirs counts whole)."""
    return [path for folder in own_folders(workshop, learner)
            for path in _regular_files(folder)] + own_files(workshop, learner)


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
    """Refuse, before anything is read or touched, a name that is not a learner's."""
    plain = learner not in {"", ".", ".."} and "/" not in learner and "\\" not in learner
    if not (plain and (learner in workshop.learners or gradebook_record(workshop, learner))):
        raise CourseError(say(
            f"« {learner} » n'est pas un apprenant de cet atelier (ni dans la liste, ni dans "
            "le carnet de notes) : rien n'a été touché. Vérifiez le pseudonyme.",
            f"'{learner}' is not a learner of this workshop (neither in the roster nor in the "
            "gradebook): nothing was touched. Check the pseudonym."))


def _read_own(path: Path) -> bytes:
    """A learner's file, read without following a link put in its place."""
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(handle, "rb") as opened:
        if not stat.S_ISREG(os.fstat(opened.fileno()).st_mode):
            return b""
        return opened.read()


def export_learner(workshop: Workshop, learner: str, target: Path | None = None) -> Path:
    """Write a zip of everything held about ``learner``; returns its path."""
    _known(workshop, learner)
    target = Path(target or workshop.exports / export_name(learner))
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("gradebook.json", json.dumps(gradebook_record(workshop, learner),
                                                      ensure_ascii=False, indent=1))
        for path in learner_files(workshop, learner):
            if path != target:
                archive.writestr(str(path.relative_to(workshop.path)), _read_own(path))
        for csv in _csv_exports(workshop):
            rows = _csv_rows(csv, learner)
            if rows is not None and not rows.empty:
                archive.writestr(f"exports/{csv.name}", rows.to_csv(index=False))
    return target


def _csv_exports(workshop: Workshop) -> list[Path]:
    return sorted(workshop.exports.glob("*.csv")) if workshop.exports.is_dir() else []


def _read_export(csv: Path) -> pd.DataFrame:
    """One of our CSV exports, as text, in either dialect (see ``grading.export``)."""
    if csv.stem.endswith(FRENCH_SUFFIX):
        return pd.read_csv(csv, sep=";", dtype=str, encoding="utf-8-sig",
                           keep_default_na=False)
    return pd.read_csv(csv, dtype=str, keep_default_na=False)


def _csv_rows(csv: Path, learner: str) -> pd.DataFrame | None:
    """The learner's rows of one of our CSV exports (None if it has no pseudonym column)."""
    table = _read_export(csv)
    column = pseudonym_column(table)
    return table[table[column] == learner] if column else None


def erase_learner(workshop: Workshop, learner: str) -> list[Path]:
    """Forget ``learner``: gradebook rows, files, CSV rows, report, roster line. Returns the
    removed files."""
    _known(workshop, learner)
    folders = own_folders(workshop, learner)
    files = learner_files(workshop, learner)
    with gradebook(workshop) as book:
        try:
            book.remove_student(learner)
        except Exception:  # nbgrader's MissingEntry: never graded
            pass
    for folder in folders:
        if folder.is_symlink():
            folder.unlink()
        else:
            shutil.rmtree(folder)  # removes links inside, never what they point to
    for path in own_files(workshop, learner):
        path.unlink(missing_ok=True)
    for csv in _csv_exports(workshop):
        _drop_csv_rows(csv, learner)
    _drop_account(workshop, learner)
    if learner in workshop.learners:
        workshop.learners = [name for name in workshop.learners if name != learner]
        workshop.save()
    _rewrite_report(workshop)  # after the roster: the report lists every roster learner
    compact(workshop)
    return files


def _rewrite_report(workshop: Workshop) -> None:
    """Make ``course report``'s pages again from the gradebook, for the modules they covered
    that someone is still graded in; with none left, the pages go."""
    from .report import write_report

    items = workshop.exports / f"{REPORT_STEM}-items.csv"
    if not items.is_file():
        return
    covered = pd.read_csv(items, dtype=str)["module"].unique()
    graded = [m for m in covered if workshop.autograded.is_dir()
              and any(workshop.autograded.glob(f"*/{m}"))]
    if graded:
        write_report(workshop, [workshop.module(m) for m in graded])
        return
    for name in (".html", "-items.csv", "-anonyme.csv"):
        (workshop.exports / f"{REPORT_STEM}{name}").unlink(missing_ok=True)


def _drop_account(workshop: Workshop, learner: str) -> None:
    """Remove the learner's hub account (a key of ``hub/accounts.json``) and their slip from
    the printable sheet of logins (the section labelled with their pseudonym)."""
    accounts = load_accounts(workshop)
    if accounts.pop(learner, None) is not None:
        save_accounts(workshop, accounts)
    slips = workshop.exports / "connexions.html"
    if slips.is_file():
        page = slips.read_text("utf-8")
        kept = re.sub(rf'<section class="slip" aria-label="{re.escape(learner)}">.*?</section>\n?',
                      "", page, flags=re.S)
        if kept != page:
            atomic.write_text(slips, kept).chmod(0o600)


def _drop_csv_rows(csv: Path, learner: str) -> None:
    """Rewrite a CSV export without the learner's lines, keeping its dialect."""
    table = _read_export(csv)
    column = pseudonym_column(table)
    if column and (table[column] == learner).any():
        write_csv(table[table[column] != learner], csv,
                  french_spreadsheet=csv.stem.endswith(FRENCH_SUFFIX))
