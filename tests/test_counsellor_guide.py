"""The counsellor's guide, French and English: same sections, and only commands that exist."""

from __future__ import annotations

import re

import pytest

from course.cli import parser
from tests.helpers import REPO

GUIDES = {"fr": REPO / "docs" / "GUIDE-ANIMATEUR.md", "en": REPO / "docs" / "COUNSELLOR-GUIDE.md"}
OPTIONAL = {"hub"}  # announced as "if your version has it" (issue 8)


def test_both_languages_have_the_same_sections():
    numbered = {lang: re.findall(r"(?m)^## (\d+)\.", path.read_text(encoding="utf-8"))
                for lang, path in GUIDES.items()}
    assert numbered["fr"] == numbered["en"] == [str(n) for n in range(1, 8)]


@pytest.mark.parametrize("lang", GUIDES)
def test_every_command_named_is_a_real_verb_with_real_options(lang):
    text = GUIDES[lang].read_text(encoding="utf-8")
    verbs = parser()._subparsers._group_actions[0].choices
    named = re.findall(r"(?m)(?:`|^\s*)course ([a-z]+)([^`\n#]*)", text)
    assert {verb for verb, _ in named} >= {"plan", "print", "certificates", "new", "grade"}
    for verb, rest in named:
        if verb in OPTIONAL:
            continue
        assert verb in verbs, verb
        known = {o for a in verbs[verb]._actions for o in a.option_strings}
        assert set(re.findall(r"(?<!\S)(--?[a-z][a-z-]*)", rest)) <= known, (verb, rest)


def test_french_guide_keeps_french_spacing():
    prose = re.sub(r"```.*?```|`[^`]*`|\([^)]*\)", "", GUIDES["fr"].read_text(encoding="utf-8"),
                   flags=re.S)
    assert re.findall(r"\S+ [:;?!»]|« ", prose) == []
