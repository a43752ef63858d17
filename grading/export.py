"""The grades of a module as CSV files, one line per learner.

Two files, because no single CSV suits everyone: ``<module>.csv`` is plain UTF-8 with commas
and decimal points, for tools (pandas, R, a funder's database); ``<module>-tableur-fr.csv``
opens as columns in LibreOffice and Excel set to French: semicolons, decimal commas, UTF-8
with a byte-order mark (without it Excel reads accents as Windows-1252) and Windows line ends;
it is read by a counsellor, so its headers and statuses are in the workshop's language.
Both quote a field only when it needs it (a separator, a quote or a line break inside).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from course import atomic
from course.content import Module
from course.workshop import Workshop

from .autograde import Outcome

COLUMNS = ["pseudonym", "module", "status", "score", "max_score", "notes"]
FORMULA_STARTS = ("=", "+", "-", "@")
FRENCH_SUFFIX = "-tableur-fr"
SPREADSHEET_WORDS = {
    "fr": {"columns": {"pseudonym": "pseudonyme", "module": "module", "status": "statut",
                       "score": "points", "max_score": "points_max", "notes": "remarques"},
           "statuses": {"graded": "corrigé", "manual": "à corriger", "missing": "manquant",
                        "failed": "non corrigé"}},
    "en": {"columns": {}, "statuses": {}},
}
"""The spreadsheet's headers and statuses per workshop language (the tool CSV keeps the codes)."""
PSEUDONYM_COLUMNS = ("pseudonym", SPREADSHEET_WORDS["fr"]["columns"]["pseudonym"])


def grades_table(module: Module, outcomes: list[Outcome]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"pseudonym": o.learner, "module": module.id, "status": o.status,
          "score": o.score, "max_score": o.max_score, "notes": " | ".join(o.notes)}
         for o in outcomes], columns=COLUMNS)


def for_counsellor(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The grades table with headers and statuses in the workshop's language."""
    words = SPREADSHEET_WORDS[lang]
    shown = table.assign(status=table["status"].map(lambda s: words["statuses"].get(s, s)))
    return shown.rename(columns=words["columns"])


def pseudonym_column(table: pd.DataFrame) -> str | None:
    """The column holding pseudonyms in one of our CSV exports, whatever its language."""
    return next((c for c in PSEUDONYM_COLUMNS if c in table.columns), None)


def spreadsheet_safe(value: object) -> object:
    """A text a spreadsheet would run as a formula (``=...``) is kept as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(table: pd.DataFrame, target: Path, french_spreadsheet: bool = False) -> Path:
    """Write ``table`` as plain UTF-8 CSV, or for a spreadsheet set to French (whole or not
    at all: ``course.atomic``)."""
    if french_spreadsheet:
        with atomic.replacing(target, "w", encoding="utf-8-sig", newline="") as out:
            table.map(spreadsheet_safe).to_csv(out, index=False, sep=";", decimal=",",
                                               lineterminator="\r\n")
    else:
        with atomic.replacing(target, "w", encoding="utf-8", newline="") as out:
            table.to_csv(out, index=False)
    return target


def write_export(workshop: Workshop, module: Module, outcomes: list[Outcome]) -> Path:
    """Write ``exports/<module>.csv`` and ``exports/<module>-tableur-fr.csv``; returns the
    first."""
    table = grades_table(module, outcomes)
    write_csv(for_counsellor(table, workshop.lang),
              workshop.exports / f"{module.id}{FRENCH_SUFFIX}.csv", french_spreadsheet=True)
    return write_csv(table, workshop.exports / f"{module.id}.csv")
