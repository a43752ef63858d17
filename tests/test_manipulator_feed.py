"""The "be the manipulator" feed: the simulation, the debrief and the widget's button presses."""

from __future__ import annotations

import re

import pytest

from course.activities.manipulator_feed import (
    HONEST,
    LABELS,
    MANIPULATIONS,
    START_FOLLOWERS,
    STEPS,
    TECHNIQUES,
    ManipulatorFeed,
    debrief,
    simulate,
)

BAD_NEWS_SIX = ("impersonation", "emotion", "polarisation", "conspiracy", "discrediting",
                "trolling")


def test_the_six_bad_news_techniques_and_an_honest_post_are_offered():
    assert MANIPULATIONS == BAD_NEWS_SIX
    assert [t.id for t in TECHNIQUES] == [*BAD_NEWS_SIX, HONEST]


@pytest.mark.parametrize("technique", TECHNIQUES, ids=lambda t: t.id)
def test_every_text_exists_in_both_languages(technique):
    for field in (technique.name, technique.post, technique.reaction, technique.sign):
        assert {"fr", "en"} <= set(field) <= {"fr", "en", "fr-youth"}
        assert all(v.strip() for v in field.values())


def test_labels_have_the_same_placeholders_in_both_languages():
    for key, value in LABELS.items():
        assert set(re.findall(r"{\w+}", value["fr"])) == set(re.findall(r"{\w+}", value["en"])), key


def test_manipulation_spreads_further_than_an_honest_post_but_costs_credibility():
    honest = simulate([HONEST] * STEPS)[-1]
    for technique in ("emotion", "polarisation", "trolling"):
        manipulated = simulate([technique, "impersonation", "conspiracy", "emotion"])[-1]
        assert manipulated.followers > 2 * honest.followers
    loud = simulate(["trolling", "conspiracy", "emotion", "polarisation"])[-1]
    assert honest.credibility > loud.credibility


def test_repeating_a_technique_brings_half_as_much_each_time():
    steps = simulate(["emotion", "emotion", "emotion"])
    followers = [START_FOLLOWERS] + [s.followers for s in steps]
    rates = [s.new_followers / before for s, before in zip(steps, followers, strict=False)]
    assert rates[0] == pytest.approx(0.6, abs=0.01)
    assert rates[1] == pytest.approx(0.3, abs=0.01)
    assert rates[2] == pytest.approx(0.15, abs=0.01)


def test_simulation_is_deterministic_and_credibility_stays_between_0_and_100():
    choices = ["trolling"] * STEPS
    assert simulate(choices) == simulate(choices)
    assert all(0 <= s.credibility <= 100 for s in simulate(choices))
    assert all(0 <= s.credibility <= 100 for s in simulate([HONEST] * STEPS))


def test_unknown_technique_and_too_many_posts_are_refused():
    with pytest.raises(ValueError, match="unknown"):
        simulate(["emotion", "lying"])
    with pytest.raises(ValueError, match="at most"):
        simulate(["emotion"] * (STEPS + 1))
    assert simulate([]) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_debrief_turns_every_technique_into_a_sign_and_marks_the_used_ones(lang):
    signs = debrief(["emotion", "conspiracy"], lang)
    assert [s["id"] for s in signs] == [t.id for t in TECHNIQUES]
    assert {s["id"] for s in signs if s["used"]} == {"emotion", "conspiracy"}
    assert [s["id"] for s in signs if s["honest"]] == [HONEST]
    assert all(s["sign"] and s["name"] for s in signs)


def press(widget: ManipulatorFeed, **content) -> None:
    """What the front end sends when a button is pressed."""
    widget._on_front_end_message(widget, content, [])


def test_widget_plays_a_whole_game_then_restarts():
    widget = ManipulatorFeed("fr")
    assert [o["id"] for o in widget.options] == [t.id for t in TECHNIQUES]
    press(widget, event="publish", technique="")
    assert widget.status == LABELS["choose_first"]["fr"] and widget.feed == []
    for technique in ["impersonation", "emotion", "emotion", "trolling"]:
        press(widget, event="publish", technique=technique)
    assert len(widget.feed) == STEPS
    assert widget.feed[-1]["followers"] == simulate(widget.choices)[-1].followers
    assert "Fin de la partie" in widget.status
    used = {s["id"] for s in widget.debrief if s["used"]}
    assert used == {"impersonation", "emotion", "trolling"}
    press(widget, event="publish", technique="emotion")  # the game is over: nothing changes
    assert len(widget.choices) == STEPS
    press(widget, event="restart")
    assert (widget.choices, widget.feed, widget.debrief, widget.status) == ([], [], [], "")


def test_widget_speaks_english_and_ignores_stray_messages():
    widget = ManipulatorFeed("en")
    press(widget, event="publish", technique="honest")
    assert widget.status.startswith(TECHNIQUES[-1].reaction["en"])
    assert "Credibility: 65 out of 100" in widget.status
    widget._on_front_end_message(widget, "noise", [])
    press(widget, event="unknown")
    assert widget.choices == [HONEST]
