"""The printed guide as a counsellor reads it: no machinery, no other audience.

The Markdown guides are written for authors too: they name questions by their item ids
(`` `first-move` ``), files by their names (`` `handout.fr.md` ``) and give both audiences'
instructions side by side ("Jeunes : … Seniors : …"). On paper, for one audience, a question goes
by its words, a file by what it is, and only that audience's instructions are left.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..content import Module
from ..i18n import LANGUAGES
from ..items import load_bank, localize

LABELS = {"fr": {"youth": "Jeunes", "senior": "Seniors"},
          "en": {"youth": "Youth", "senior": "Seniors"}}
MARKS = {"fr": {"youth": "(jeunes)", "senior": "(seniors)"},
         "en": {"youth": "(youth)", "senior": "(seniors)"}}
FILES = {"handout": {"fr": "la fiche à emporter", "en": "the hand-out"},
         "guide": {"fr": "ce guide", "en": "this guide"},
         "lecon": {"fr": "la leçon", "en": "the lesson"},
         "lesson": {"fr": "la leçon", "en": "the lesson"},
         "exercice": {"fr": "l'exercice", "en": "the exercise"},
         "exercise": {"fr": "l'exercice", "en": "the exercise"}}
_FILE = re.compile(r"`(?P<stem>[\w-]+)(?:\.(?:fr|en))?\.(?:md|ipynb)`")
_CODE = re.compile(r"`(?P<id>[a-z0-9][a-z0-9-]{0,40})`")
SHORT = 60


def _short(text: str) -> str:
    flat = re.sub(r"[*_`#>]+", "", " ".join(str(text).split()))
    return flat if len(flat) <= SHORT else flat[:SHORT].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def question_names(module: Module, lang: str, audience: str) -> dict[str, str]:
    """Every item id of the module's lesson and exercise -> its first words."""
    names = {}
    for path, graded in ((module.lesson_dir / "items.yml", False),
                         (module.exercise_dir / "items.yml", True)):
        if not Path(path).is_file():
            continue
        for item in load_bank(path, graded=graded):
            shown = localize(item, lang, graded=True, audience=audience)
            text = shown.get("prompt") or shown.get("post", {}).get("text")
            if text:
                names[item["id"]] = _short(text)
    return names


def other_audience_notes_removed(text: str, lang: str, audience: str) -> str:
    """Drop "Jeunes : …" notes (up to the next audience's label or the end of a table cell)
    from a senior guide, and table rows marked for the other audience only."""
    other = next(a for a in LABELS[lang] if a != audience)
    own_label, other_label = LABELS[lang][audience], LABELS[lang][other]
    space = r"(?:\*\*)?[\s\u00a0\u202f]*:"
    note = re.compile(rf"(?:\*\*)?{other_label}{space}.*?(?=(?:\*\*)?{own_label}{space}|\||$)",
                      re.M)
    lines = []
    for line in text.splitlines(keepends=True):
        cells = line.split("|")
        if line.lstrip().startswith("|") and len(cells) > 2:
            first = cells[1]
            if MARKS[lang][other] in first and MARKS[lang][audience] not in first:
                continue  # a row about the other audience's question
        lines.append(note.sub("", line))
    return "".join(lines)


def plain_guide(text: str, module: Module, lang: str, audience: str) -> str:
    """The guide's Markdown with the other audience's notes out, questions by their words and
    files by what they are."""
    assert lang in LANGUAGES
    text = other_audience_notes_removed(text, lang, audience)
    names = question_names(module, lang, audience)
    text = re.sub(rf"\s*\({_FILE.pattern}\)", "", text)  # "la fiche (`handout.fr.md`)"
    text = _FILE.sub(lambda m: FILES[m["stem"]][lang] if m["stem"] in FILES else m[0], text)
    return _CODE.sub(lambda m: f"« {names[m['id']]} »" if lang == "fr" and m["id"] in names
                     else f"“{names[m['id']]}”" if m["id"] in names else m[0], text)
