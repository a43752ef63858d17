"""A written item's model answer is given in every language and each build keeps its own:
no English notebook records (or shows the trainer) a French model answer, nor the reverse."""

from __future__ import annotations

import ast
import re

import pytest

from course.build import build_items, build_notebook, one_language_answers
from course.content import list_modules
from tests.helpers import REPO

MODULES = [m for m in list_modules(REPO) if m.has("exercise")]
BUILDS = [(m, lang, audience) for m in MODULES for lang in ("fr", "en")
          for audience in ("youth", "senior")]
MARKERS = {
    "fr": {"le", "la", "les", "des", "est", "et", "un", "une", "je", "ne", "pas", "du", "que",
           "qui", "pour", "dans", "ce", "il", "sur", "au", "avec", "mais"},
    "en": {"the", "is", "and", "a", "of", "to", "it", "this", "i", "not", "that", "in", "on",
           "for", "with", "be", "but", "are"},
}


def language_of(text: str) -> str:
    """French or English, by their most common small words."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    counts = {lang: sum(w in markers for w in words) for lang, markers in MARKERS.items()}
    return max(counts, key=counts.get)


def model_answers(notebook, written: set[str]) -> list[tuple[str, object]]:
    """(item, value) of every ``answer(ID, VALUE)`` of a written item, read with ``ast``."""
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "answer":
                item = ast.literal_eval(node.args[0])
                if item in written:
                    found.append((item, ast.literal_eval(node.args[1])))
    return found


@pytest.mark.parametrize(("module", "lang", "audience"), BUILDS,
                         ids=[f"{m.number}-{lang}-{a}" for m, lang, a in BUILDS])
def test_each_build_keeps_only_its_own_model_answer(module, lang, audience):
    written = {i["id"] for i in build_items(module, "exercise", lang, audience)
               if i["type"] == "written"}
    answers = model_answers(build_notebook(module, "exercise", lang, audience), written)
    assert {item for item, _ in answers} == written
    for item, value in answers:
        assert isinstance(value, str), f"{item}: the build left {type(value).__name__}"
        assert language_of(value) == lang, f"{module.id} {item} in {lang}: {value[:80]}"


def test_the_language_guess_tells_the_two_apart():
    assert language_of("Ce commentaire est haineux : je ne le partage pas.") == "fr"
    assert language_of("This comment is hateful: I do not share it.") == "en"


def test_one_language_answers_keeps_the_rest_of_the_cell():
    source = ('### BEGIN SOLUTION\nanswer("w1", {"fr": "Je vérifie « la source ».",\n'
              '             "en": "I check the source."})\n### END SOLUTION\nask("w1")')
    assert one_language_answers(source, "en") == (
        '### BEGIN SOLUTION\nanswer("w1", "I check the source.")\n### END SOLUTION\nask("w1")')
    assert 'answer("w1", "Je vérifie « la source ».")' in one_language_answers(source, "fr")
    plain = 'answer("q1", "pause")\nanswer("q2", {"rating": 2, "share": False})'
    assert one_language_answers(plain, "en") == plain
