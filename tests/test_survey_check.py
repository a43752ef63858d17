"""``course check`` on before/after questionnaires: twelve rating items, as many true as false,
and the "after" form mirroring the "before" form theme by theme."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from course.check import keys_in_tests, module_problems
from course.content import Module, survey_pair

THEMES = ("health", "local", "money", "science", "civic", "online")
BALANCED = [(theme, key) for theme in THEMES for key in ("reliable", "unreliable")]
LOUD_THEMES = ("health", "money", "online")
HEADER = "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n" \
         "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n" \
         '+++ {"tags": ["fr"]}\n\n# Questionnaire\n\n+++ {"tags": ["en"]}\n\n# Questionnaire\n'


def code_cell(role: str, body: str) -> str:
    return f"\n```{{code-cell}} ipython3\n---\ncourse: {{{role}}}\n---\n{body}\n```\n"


def write_survey(root: Path, module_id: str, design: list[tuple[str, str]],
                 parallel_to: str | None = None, shouted: set[int] | None = None) -> Module:
    """A survey module in the test course: one rating item per (theme, key) of ``design``,
    those numbered in ``shouted`` in capitals (by default the health, money and online ones:
    three of each key, so that the form gives no key away)."""
    if shouted is None:
        shouted = {n for n, (theme, _) in enumerate(design) if theme in LOUD_THEMES}
    lesson, exercise = root / "modules" / module_id, root / "exercises" / module_id
    shutil.copytree(root / "modules" / "01-essai", lesson)
    exercise.mkdir(parents=True)
    meta = yaml.safe_load((lesson / "module.yml").read_text())
    meta.update(id=module_id, kind="survey")
    if parallel_to:
        meta["parallel_to"] = parallel_to
    (lesson / "module.yml").write_text(yaml.safe_dump(meta, allow_unicode=True))
    items, answers, tests = [], "", ""
    for n, (theme, key) in enumerate(design):
        item_id = f"h{n}"
        headline = {"fr": "Un titre.", "en": "A headline."}
        items.append({"id": item_id, "type": "rating", "skills": ["discernment", theme],
                      "prompt": {lang: text.upper() if n in shouted else text
                                 for lang, text in headline.items()},
                      "explanation": {"fr": "Voilà.", "en": "There."}})
        value = {"rating": 5, "share": True} if key == "reliable" else \
            {"rating": 1, "share": False}
        answers += code_cell(f"answer: {item_id}", "### BEGIN SOLUTION\n"
                             f"answer({item_id!r}, {value!r})\n### END SOLUTION\nask({item_id!r})")
        tests += code_cell(f"tests: {item_id}, points: 1", "### BEGIN HIDDEN TESTS\n"
                           f"check({item_id!r}, {key!r})\n### END HIDDEN TESTS")
    (exercise / "items.yml").write_text(yaml.safe_dump({"items": items}, allow_unicode=True))
    (exercise / "exercice.md").write_text(HEADER + answers + tests)
    return Module(module_id, root)


def survey_messages(module: Module) -> list[str]:
    """What the check says about the module, but the hand-outs the test course lacks."""
    return [p.message for p in module_problems(module) if p.message != "missing"]


def test_a_balanced_survey_needs_no_written_answer_nor_rubric(mini: Path):
    assert survey_messages(write_survey(mini, "00-avant", BALANCED)) == []


def test_more_false_than_true_items_is_refused(mini: Path):
    design = BALANCED[:-2] + [("online", "unreliable")] * 2
    messages = survey_messages(write_survey(mini, "00-avant", design))
    assert "5 reliable and 7 unreliable items; a survey has as many of each, so that doubting " \
           "everything does not score" in messages


def test_a_survey_holds_twelve_rating_items_only(mini: Path):
    module = write_survey(mini, "00-avant", BALANCED[:10])
    bank = module.exercise_dir / "items.yml"
    bank.write_text(bank.read_text().replace("type: rating", "type: written", 1))
    messages = survey_messages(module)
    assert "10 items; a survey has 12" in messages
    assert "item 'h0' is a written item; a survey has rating items only" in messages


def test_the_after_form_must_mirror_the_before_form(mini: Path):
    write_survey(mini, "00-avant", BALANCED)
    swapped = [("civic" if t == "health" else "health" if t == "civic" else t, k)
               for t, k in BALANCED]
    assert survey_messages(write_survey(mini, "11-apres", swapped, "00-avant")) == []
    shutil.rmtree(mini / "modules" / "11-apres")
    shutil.rmtree(mini / "exercises" / "11-apres")
    drifted = [("money" if (t, k) == ("health", "reliable") else t, k) for t, k in BALANCED]
    messages = survey_messages(write_survey(mini, "11-apres", drifted, "00-avant"))
    assert "theme health with key reliable, alarmed style: 0 item(s) here, 1 in 00-avant" \
        in messages
    assert "theme money with key reliable, alarmed style: 2 item(s) here, 1 in 00-avant" \
        in messages


def test_a_twin_written_in_another_style_is_named(mini: Path):
    # Same themes and keys, but the "after" health headlines are calm where the "before"
    # ones shout, and the civic ones shout instead (the form stays balanced).
    write_survey(mini, "00-avant", BALANCED)
    loud_after = {n for n, (theme, _) in enumerate(BALANCED)
                  if theme in ("civic", "money", "online")}
    messages = survey_messages(write_survey(mini, "11-apres", BALANCED, "00-avant", loud_after))
    assert sorted(messages) == sorted(
        f"theme {theme} with key {key}, {style} style: {here} item(s) here, {there} in 00-avant"
        for theme, style, here, there in (("civic", "alarmed", 1, 0), ("civic", "calm", 0, 1),
                                          ("health", "alarmed", 0, 1), ("health", "calm", 1, 0))
        for key in ("reliable", "unreliable"))


def test_parallel_to_an_unknown_module_is_named(mini: Path):
    messages = survey_messages(write_survey(mini, "11-apres", BALANCED, "00-nulle-part"))
    assert "parallel_to: no module 00-nulle-part" in messages


def test_keys_are_read_without_running_the_tests():
    sources = ['check("a", "reliable")', 'import os; check("b", ["x", "y"])',
               'check(name, "z")', "def broken(:"]
    assert keys_in_tests(sources) == {"a": "reliable", "b": ["x", "y"]}


def test_the_before_after_pair_is_found_by_parallel_to_whatever_the_numbers(mini: Path):
    """The report pairs the surveys by ``parallel_to``: renumbering the modules (09-apres became
    11-apres when two modules came in) must not lose the before/after comparison."""
    write_survey(mini, "00-avant", BALANCED)
    write_survey(mini, "42-apres", BALANCED, "00-avant")
    assert survey_pair({"00-avant", "42-apres", "01-essai"}, mini) == ("00-avant", "42-apres")
    assert survey_pair({"00-avant", "01-essai"}, mini) is None
    assert survey_pair({"42-apres"}, mini) is None
