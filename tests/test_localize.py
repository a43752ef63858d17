"""French as printed and in its audience's register: ``course.localize``, and the check that
refuses what slips past it (typography, a youth text in "vous")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course.check import interface_problems, module_problems
from course.content import Module
from course.items import ItemError, load_bank
from course.localize import (
    NBSP,
    NNBSP,
    WORD_TABLES,
    pick,
    typeset,
    typography_problems,
    vous_words,
)

FRENCH = [
    ("Bonne réponse !", f"Bonne réponse{NNBSP}!"),
    ("Vraiment?", f"Vraiment{NNBSP}?"),
    ("Le 3018 : gratuit ; anonyme.", f"Le 3018{NBSP}: gratuit{NNBSP}; anonyme."),
    ("« Passer ce message »", f"«{NNBSP}Passer ce message{NNBSP}»"),
    ("jusqu'à 45 000 € et 1 500 €", f"jusqu'à 45{NNBSP}000{NBSP}€ et 1{NNBSP}500{NBSP}€"),
    ("une hausse de 20 %, de 9 h à 23 h", f"une hausse de 20{NBSP}%, de 9{NBSP}h à 23{NBSP}h"),
    ("la loi n° 2024-247", f"la loi n°{NBSP}2024-247"),
]


@pytest.mark.parametrize(("plain", "printed"), FRENCH)
def test_typeset_puts_french_non_breaking_spaces(plain, printed):
    assert typeset(plain, "fr") == printed
    assert typeset(printed, "fr") == printed  # idempotent
    assert typography_problems(printed) == []
    assert typography_problems(plain) != []


def test_typeset_leaves_code_addresses_tags_and_english_alone():
    text = "Voir `a : b`, https://exemple.fr/?q=1 et <br> : [lien](https://x.fr/a?b=c)"
    printed = typeset(text, "fr")
    assert "`a : b`" in printed and "https://exemple.fr/?q=1" in printed
    assert "(https://x.fr/a?b=c)" in printed and f"<br>{NBSP}:" in printed
    assert typeset("Really? Yes: 45 000", "en") == "Really? Yes: 45 000"


def test_pick_takes_the_audience_variant_and_typesets():
    text = {"fr": "Cochez une case.", "fr-youth": "Coche une case !", "en": "Tick a box."}
    assert pick(text, "fr", "youth") == f"Coche une case{NNBSP}!"
    assert pick(text, "fr", "senior") == pick(text, "fr") == "Cochez une case."
    assert pick(text, "en", "youth") == "Tick a box."
    assert pick("Facebook", "fr", "youth") == "Facebook"


@pytest.mark.parametrize(("text", "found"), [
    ("Où placez-vous ce message ?", ["vous"]),
    ("Cochez tous ceux qui conviennent.", ["Cochez"]),
    ("Lisez le titre. Puis jugez-le.", ["Lisez", "jugez"]),
    ("Lis le titre, puis cliquez ici.", ["cliquez"]),
    ("Votre réponse", ["Votre"]),
    ("Tu vas chez toi, assez vite.", []),
    ("Le SMS dit : « Votre colis est bloqué. Payez ici. »", []),
    ("Où places-tu ce message ?", []),
])
def test_the_vous_detector_finds_vous_and_imperatives_but_not_quotations(text, found):
    assert vous_words(text) == found


def _write(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_check_refuses_a_youth_item_in_vous_and_accepts_its_fr_youth_variant(mini: Path):
    bank = mini / "modules" / "01-essai" / "items.yml"
    _write(bank, 'prompt: {fr: "Que faire ?", en: "What to do?"}',
           'prompt: {fr: "Que faites-vous ?", en: "What do you do?"}')
    problems = [str(p) for p in module_problems(Module("01-essai", mini))]
    youth = [p for p in problems if "fr/youth" in p and "« vous »" in p]
    assert youth and "item 'p1' prompt" in youth[0]
    assert not [p for p in problems if "fr/senior" in p and "« vous »" in p]
    _write(bank, 'prompt: {fr: "Que faites-vous ?",',
           'prompt: {fr: "Que faites-vous ?", fr-youth: "Que fais-tu ?",')
    assert not [p for p in module_problems(Module("01-essai", mini)) if "vous" in p.message]


def test_check_refuses_a_youth_cell_in_vous_but_not_a_quoted_post(mini: Path):
    lesson = mini / "modules" / "01-essai" / "lecon.md"
    _write(lesson, "Bonjour. Voici un petit essai.", "Bonjour. Lisez ce petit essai.")
    messages = [str(p) for p in module_problems(Module("01-essai", mini))]
    assert any("lesson fr/youth, cell" in m and "« Lisez »" in m for m in messages)
    # The fictional post « Partagez vite ! » is a quotation: it may say what its author said.
    assert not any("post text" in m and "says" in m for m in messages)


def test_check_refuses_french_that_missed_typography(mini: Path, monkeypatch):
    """A build that forgot to typeset (here: ``typeset`` switched off) is caught."""
    import course.build
    import course.items

    bank = mini / "modules" / "01-essai" / "items.yml"
    _write(bank, 'label: {fr: "Attendre", en: "Wait"}', 'label: {fr: "Attendre?", en: "Wait?"}')
    assert not [p for p in module_problems(Module("01-essai", mini)) if "typography" in p.message]
    monkeypatch.setattr(course.build, "typeset", lambda text, lang: text)
    monkeypatch.setattr(course.items, "pick", lambda value, lang, audience=None:
                        value.get(lang) if isinstance(value, dict) else value)
    messages = [str(p) for p in module_problems(Module("01-essai", mini))]
    assert "01-essai: lesson fr/youth, item 'p1' option 'pause': typography: pas d'espace " \
           "avant « ? »" in messages
    assert any("typography: espace ordinaire avant « ? »" in m and "prompt" in m for m in messages)


def test_an_unknown_text_variant_is_refused(mini: Path):
    bank = mini / "modules" / "01-essai" / "items.yml"
    _write(bank, 'prompt: {fr: "Que faire ?", en: "What to do?"}',
           'prompt: {fr: "Que faire ?", en: "What to do?", fr-jeunes: "Tu fais quoi ?"}')
    with pytest.raises(ItemError, match="unknown text 'fr-jeunes'"):
        load_bank(bank, graded=False)


def test_the_interface_speaks_tu_to_youth_and_is_typeset():
    assert interface_problems() == []
    assert {"message_sorter.LABELS", "action_simulator.WORDS", "charts.ALT"} <= set(WORD_TABLES)


def test_a_youth_interface_word_in_vous_is_refused(monkeypatch):
    from course.activities import message_sorter

    table = dict(message_sorter.LABELS)
    table["skip"] = {"fr": "Passez ce message", "en": "Skip this one"}
    monkeypatch.setitem(WORD_TABLES, "message_sorter.LABELS", type(message_sorter.LABELS)(table))
    problems = [str(p) for p in interface_problems()]
    assert problems == ["interface: fr/youth, message_sorter.LABELS 'skip': says « Passez » to "
                        "young learners: youth text says « tu » (give a fr-youth variant, see "
                        "docs/AUTHORING.md)"]


def test_every_word_table_has_both_languages_and_the_same_placeholders():
    for name, table in WORD_TABLES.items():
        for key, entry in table.items():
            assert {"fr", "en"} <= set(entry) <= {"fr", "en", "fr-youth", "fr-senior"}, (name, key)
            fields = {variant: set(re.findall(r"{\w+}", text)) for variant, text in entry.items()}
            assert len({frozenset(f) for f in fields.values()}) == 1, (name, key, fields)
