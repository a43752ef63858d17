"""``course check``: passes on the course, and names what is wrong on a broken module."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course.check import module_problems, parity_problems
from course.content import Module
from course.readability import reading_ease
from tests.helpers import REPO, course


def test_missing_translation_names_the_cell(mini: Path, capsys):
    source = mini / "modules" / "01-essai" / "lecon.md"
    text = source.read_text()
    source.write_text(text.replace('+++ {"tags": ["en", "senior"]}\n\nClick an answer.\n', ""))
    problems = parity_problems(Module("01-essai", mini), "lesson")
    assert len(problems) == 1
    assert "cell" in problems[0].where and "Cliquez sur une réponse" in problems[0].where
    assert "no English twin" in problems[0].message
    assert course("check", "--content", mini, "--quick") == 1
    assert "Cliquez sur une réponse" in capsys.readouterr().out


def test_english_cell_without_french(mini: Path):
    source = mini / "modules" / "01-essai" / "lecon.md"
    text = source.read_text()
    source.write_text(text.replace('+++ {"tags": ["fr", "senior"]}\n\nCliquez sur une réponse.\n',
                                   ""))
    problems = parity_problems(Module("01-essai", mini), "lesson")
    assert [p.message for p in problems] == ["English cell without its French cell just before it"]


def test_unknown_item_and_missing_test_are_found(mini: Path):
    source = mini / "exercises" / "01-essai" / "exercice.md"
    source.write_text(source.read_text().replace('check("q2", "unreliable")', 'check("q9", "x")'))
    messages = [p.message for p in module_problems(Module("01-essai", mini))]
    assert "check() names unknown item 'q9'" in messages
    assert "graded item 'q2' has no test" in messages


def test_hard_text_fails_readability(mini: Path):
    source = mini / "modules" / "01-essai" / "lecon.md"
    hard = ("Nonobstant les considérations épistémologiques susmentionnées, "
            "l'institutionnalisation "
            "transnationale des désinformations algorithmiques contemporaines complexifie "
            "considérablement l'appréhension citoyenne.")
    source.write_text(source.read_text().replace("Bonjour. Voici un petit essai.", hard))
    messages = [str(p) for p in module_problems(Module("01-essai", mini))]
    assert any(re.search(r"lesson fr/(senior|youth): reading ease -?\d+ is below", m)
               for m in messages)


def test_a_reference_outside_the_facts_file_is_refused(mini: Path):
    facts = mini / "docs" / "FACTS.md"
    facts.parent.mkdir()
    facts.write_text("- SIFT, https://guides.lib.wayne.edu/sift/find\n")
    assert not [p for p in module_problems(Module("01-essai", mini)) if "FACTS" in p.message]
    facts.write_text("- nothing verified yet\n")
    problems = [p.message for p in module_problems(Module("01-essai", mini))]
    assert "reference not in docs/FACTS.md: https://guides.lib.wayne.edu/sift/find" in problems


@pytest.mark.parametrize("text, lang, low, high", [
    ("Le chat dort. Il fait beau.", "fr", 80, 140),
    ("The cat sleeps. It is sunny.", "en", 80, 140),
])
def test_reading_ease_is_in_a_sensible_range(text, lang, low, high):
    assert low < reading_ease(text, lang) < high


@pytest.mark.slow
def test_the_course_passes_its_own_check(capsys):
    assert course("check", "--content", REPO) == 0, capsys.readouterr().out


@pytest.mark.slow
def test_a_failing_solution_and_a_passing_blank_are_caught(mini: Path):
    from grading.module_check import solution_problems

    source = mini / "exercises" / "01-essai" / "exercice.md"
    text = source.read_text().replace('answer("q1", "pause")', 'answer("q1", "share")')
    # A test that passes with no answer at all makes the blank release pass it.
    source.write_text(text.replace('check("q2", "unreliable")', 'print("q2")'))
    messages = [p.message for p in solution_problems(Module("01-essai", mini))]
    assert len(messages) == 8  # two problems in each of the four variants
    assert sum("the solution fails a test" in m for m in messages) == 4
    assert sum("the blank release passes 1 of 2 tests" in m for m in messages) == 4
