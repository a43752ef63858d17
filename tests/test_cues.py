"""The form of a post must not give its key away (``course.cues``): each surface cue measured by
hand against the keys, a set where capitals predict the key refused with its figures, a
balanced one passed, and the course's own rating items held to the rule."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from course import i18n
from course.check import course_form_problems, form_problems
from course.content import list_modules
from course.cues import (
    ChoiceQuestion,
    RatedPost,
    cue_problems,
    cue_scores,
    cues,
    longest_option_problems,
)
from tests.helpers import REPO, course
from tests.test_survey_check import BALANCED, write_survey


@pytest.fixture(autouse=True)
def english_machine(monkeypatch):
    """Messages in English, as on an English machine, whatever an earlier test set."""
    monkeypatch.setattr(i18n, "_cli_language", [])
    monkeypatch.setenv("COURSE_LANG", "en")


def post(key: str, fr: str, en: str | None = None, n: int = 0) -> RatedPost:
    return RatedPost("m", f"p{n}", key, {"fr": fr, "en": en or fr})


@pytest.mark.parametrize("text, lang, found", [
    ("URGENT !!! Faites tourner 😱", "fr", {"capitals": 1, "exclamation": 1, "emoji": 1,
                                          "alarm": 1}),
    ("Le musée ouvre samedi. Signalez-le sur PHAROS ou par SMS.", "fr",
     {"capitals": 0, "exclamation": 0, "emoji": 0, "alarm": 0}),   # acronyms do not shout
    ("Bellerive TV, à 20 h.", "fr", {"capitals": 0, "exclamation": 0, "emoji": 0, "alarm": 0}),
    ("Attention, travaux ‼", "fr", {"capitals": 0, "exclamation": 1, "emoji": 1, "alarm": 1}),
    ("Share it now", "en", {"capitals": 0, "exclamation": 0, "emoji": 0, "alarm": 1}),
    ("A breakfast for all", "en", {"capitals": 0, "exclamation": 0, "emoji": 0, "alarm": 0}),
    ("IT'S OFFICIAL", "en", {"capitals": 1, "exclamation": 0, "emoji": 0, "alarm": 0}),
])
def test_each_cue_is_found_in_the_text(text, lang, found):
    measured = cues(text, lang)
    assert {cue: measured[cue] for cue in found} == found
    assert measured["length"] == len(text)


def test_scores_match_a_count_by_hand():
    # 4 unreliable posts, 3 in capitals; 4 reliable, 1 in capitals.
    # "capitals => unreliable": catches 3/4 unreliable, clears 3/4 reliable: (3/4 + 3/4) / 2.
    posts = [post("unreliable", "FAUX", n=0), post("unreliable", "FAUX", n=1),
             post("unreliable", "FAUX", n=2), post("unreliable", "vrai", n=3),
             post("reliable", "VRAI", n=4), post("reliable", "vrai", n=5),
             post("reliable", "vrai", n=6), post("reliable", "vrai", n=7)]
    capitals = next(s for s in cue_scores(posts) if (s.cue, s.lang) == ("capitals", "fr"))
    assert capitals.score == Fraction(3, 4) and capitals.toward == "unreliable"
    assert capitals.predicts
    # Length: all eight are 4 characters long, so every pair is a tie: chance.
    length = next(s for s in cue_scores(posts) if (s.cue, s.lang) == ("length", "fr"))
    assert length.score == Fraction(1, 2) and not length.predicts


def test_length_is_scored_on_pairs():
    # unreliable lengths 1, 3; reliable 2, 4: of the 4 pairs, "the shorter is the false one"
    # orders (1,2), (1,4), (3,4) right and (3,2) wrong: 3/4.
    posts = [post("unreliable", "a", n=0), post("unreliable", "abc", n=1),
             post("reliable", "ab", n=2), post("reliable", "abcd", n=3)]
    length = next(s for s in cue_scores(posts) if (s.cue, s.lang) == ("length", "en"))
    assert length.score == Fraction(3, 4) and length.toward == "unreliable"


def test_a_cue_pointing_to_reliable_posts_also_gives_the_key_away():
    posts = [post("reliable", "Oui !", n=n) for n in range(4)] + \
        [post("unreliable", "Non.", n=n + 4) for n in range(4)]
    messages = cue_problems(posts)
    assert any("exclamation marks (fr, en): 4/4 reliable (0 of 4 unreliable, 4 of 4 reliable); "
               "“exclamation marks ⇒ reliable” gets 100% of the keys right" in m
               for m in messages)


def test_a_small_set_is_judged_on_its_styles_only():
    # Four posts: too few to score cues alone (they count in the course pool), but a set where
    # only the false posts shout is refused however small.
    loud = [post("unreliable", "FAUX !", n=0), post("unreliable", "FAUX !", n=1),
            post("reliable", "Vrai.", n=2), post("reliable", "Vrai.", n=3)]
    assert [m.split(":")[0] for m in cue_problems(loud)] == [
        "no reliable post in an alarmed style (capitals, “!”, emoji or alarm words)",
        "no unreliable post in a calm style"]
    mixed = [post("unreliable", "FAUX !", n=0), post("unreliable", "Faux.", n=1),
             post("reliable", "VRAI !", n=2), post("reliable", "Vrai.", n=3)]
    assert cue_problems(mixed) == []


def test_capitals_that_predict_the_key_are_refused_with_the_figures(mini: Path, capsys,
                                                                   monkeypatch):
    # Twelve headlines, six of each key, all the same length: five false ones and one true one
    # in capitals. Both styles are present, yet "capitals => false" gets 5/6 + 5/6 / 2 right.
    write_survey(mini, "00-avant", BALANCED, shouted={1, 3, 5, 7, 9, 0})
    messages = [p.message for p in form_problems(list_modules(mini)[0])]
    assert messages == ["capitals (fr, en): 5/6 unreliable (5 of 6 unreliable, 1 of 6 reliable); "
                        "“capitals ⇒ unreliable” gets 83% of the keys right (refused from 67%) "
                        "→ the form gives the answer away"]
    monkeypatch.setenv("COURSE_LANG", "fr")
    assert course("check", "--content", mini, "--quick", "--modules", "00") == 1
    out = capsys.readouterr().out
    assert "majuscules (fr, en)\u00a0: 5/6 peu fiables (5 des 6 peu fiables, 1 des 6 fiables)" \
           "\u00a0; «\u00a0majuscules ⇒ peu fiable\u00a0» trouve 83\u00a0% des clés (refus " \
           "dès 67\u00a0%) → la forme donne la réponse" in out


def test_a_balanced_set_passes(mini: Path):
    # capitals on three false and three true headlines: the rule gets half the keys right.
    write_survey(mini, "00-avant", BALANCED, shouted={0, 1, 2, 3, 4, 5})
    assert form_problems(list_modules(mini)[0]) == []
    assert course_form_problems(list_modules(mini)) == []


def test_the_course_pool_judges_small_modules_together(mini: Path):
    # The test course's 01-essai holds one false headline; a survey beside it holds eleven
    # more, all with capitals on the false side: the pool of the two is refused.
    write_survey(mini, "00-avant", BALANCED[:10], shouted={1, 3, 5, 7, 9})
    problems = course_form_problems(list_modules(mini))
    assert problems and all(str(p).startswith("course: 11 rated posts of 2 modules: ")
                            for p in problems)
    assert any("capitals (fr, en): 5/5 unreliable (5 of 6 unreliable, 0 of 5 reliable)"
               in p.message for p in problems)


def question(n: int, key_longest: bool) -> ChoiceQuestion:
    labels = {"a": "Faire une pause, puis vérifier", "b": "Partager", "c": "Répondre"} \
        if key_longest else {"a": "Vérifier", "b": "Partager tout de suite", "c": "Répondre"}
    return ChoiceQuestion("01-essai", f"q{n}", "a", {"fr": labels, "en": labels})


def test_the_key_as_the_longest_option_is_refused():
    # Eight questions of three options: chance gives the longest option 8/3 right. When it is
    # the key in five, the learner who picks the longest wins more often than not.
    five = [question(n, key_longest=n < 5) for n in range(8)]
    assert longest_option_problems(five) == [
        f"longest option ({lang}): it is the right answer of 5 single-choice items out of 8 "
        "(chance would give 3) → the form gives the answer away. Write distractors as careful "
        "as the key, in 01/q0, 01/q1, 01/q2, 01/q3, 01/q4" for lang in ("fr", "en")]
    four = [question(n, key_longest=n < 4) for n in range(8)]
    assert longest_option_problems(four) == []


def test_no_surface_cue_gives_the_key_away_in_the_course():
    modules = list_modules(REPO)
    problems = course_form_problems(modules) + [p for m in modules for p in form_problems(m)]
    assert problems == [], "\n".join(map(str, problems))
