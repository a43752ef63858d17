"""The list of learners of a workshop: pseudonyms only.

Counsellors make it in a spreadsheet, so it may come with ``;`` or ``,``, with a header line or
without, in UTF-8 or in the Windows encoding French Excel uses. Every bad line is reported with
its number, and nothing is created until the whole file is right.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from .errors import CourseError
from .i18n import say

PSEUDONYM = re.compile(r"^[a-z0-9][a-z0-9_-]{1,31}$")
HEADERS = {"pseudonyme", "pseudonym", "pseudo", "id"}
DEMO_PREFIX = "demo-"
"""How ``course demo`` names its made-up learners: a real roster may not use it, so that
rehearsal learners can always be told apart and kept out of certificates and reports."""


def is_demo(pseudonym: str) -> bool:
    """A learner made up by ``course demo``."""
    return pseudonym.startswith(DEMO_PREFIX)


def suggest(raw: str) -> str:
    """A valid pseudonym close to ``raw`` ("Renard Bleu" -> "renard-bleu")."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9_-]+", "-", plain).strip("-_")[:32]


def pseudonym_problem(value: str) -> str | None:
    """Why ``value`` cannot be a learner's pseudonym, or ``None`` if it can."""
    if "@" in value:
        return say("c'est une adresse e-mail ; utilisez un pseudonyme",
                   "that is an e-mail address; use a pseudonym")
    if not PSEUDONYM.match(value):
        hint = suggest(value)
        proposal = say(f" (par exemple « {hint} »)", f" (for example '{hint}')") if hint else ""
        return say(
            "un pseudonyme s'écrit en minuscules sans accent, avec chiffres, - ou _, "
            f"de 2 à 32 signes{proposal}",
            f"a pseudonym is 2 to 32 lower-case letters without accents, digits, - or _{proposal}",
        )
    return None


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CourseError(say(f"Impossible de lire la liste {path} : {exc.strerror}.",
                              f"Cannot read the roster {path}: {exc.strerror}.")) from exc
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CourseError(say(f"{path} : encodage inconnu ; enregistrez-le en CSV UTF-8.",
                          f"{path}: unknown encoding; save it as CSV UTF-8."))


def read_roster(path: Path) -> list[str]:
    """The pseudonyms of a roster file, in order; ``CourseError`` lists every bad line."""
    text = _read_text(path)
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(text.splitlines(), delimiter=delimiter))
    problems, seen, learners = [], {}, []
    for number, row in enumerate(rows, start=1):
        value = row[0].strip() if row else ""
        if not value or value.startswith("#"):
            continue
        if number == 1 and value.lower() in HEADERS:
            continue
        problem = pseudonym_problem(value) or (say(
            f"« {DEMO_PREFIX} » est réservé aux apprenants simulés de course demo",
            f"'{DEMO_PREFIX}' is kept for course demo's simulated learners")
            if is_demo(value) else None)
        if problem:
            problems.append(say(f"ligne {number} : « {value} » : {problem}",
                                f"line {number}: '{value}': {problem}"))
        elif value in seen:
            problems.append(say(f"ligne {number} : « {value} » est déjà à la ligne {seen[value]}",
                                f"line {number}: '{value}' is already on line {seen[value]}"))
        else:
            seen[value] = number
            learners.append(value)
    if problems:
        raise CourseError(say(f"La liste {path.name} a des lignes à corriger :",
                              f"The roster {path.name} has lines to fix:")
                          + "\n  - " + "\n  - ".join(problems))
    if not learners:
        raise CourseError(say(f"La liste {path.name} ne contient aucun pseudonyme.",
                              f"The roster {path.name} holds no pseudonym."))
    return learners
