"""The "what do I do?" simulator of module 08: its scenarios, its judgement, a learner's way."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from course.activities.action_simulator import (
    ActionSimulator,
    ScenarioError,
    Simulation,
    evaluate,
    load_scenarios,
)
from tests.helpers import REPO

FILE = REPO / "modules" / "08-agir" / "data" / "scenarios.yml"
SCENARIOS = load_scenarios(FILE)
BY_ID = {s.id: s for s in SCENARIOS}


def test_the_five_situations_of_the_course_plan_are_there():
    assert set(BY_ID) == {"group-chat", "neighbours-post", "councillor", "club-comment", "scam"}
    assert len(load_scenarios(FILE, "senior")) == 4, "the class group chat is for youth only"


def test_each_situation_has_a_trap_and_sends_to_the_right_channel():
    channels = {s.id: {a.id for a in s.actions if a.essential} for s in SCENARIOS}
    assert "call-3018" in channels["group-chat"]
    assert "pharos" in channels["neighbours-post"]
    assert {"call-17", "complaint"} <= channels["councillor"]
    assert "pharos" not in channels["scam"]
    for scenario in SCENARIOS:
        assert any(a.kind != "helpful" for a in scenario.actions), scenario.id


def _write(tmp_path: Path, scenario: dict) -> Path:
    path = tmp_path / "s.yml"
    path.write_text(yaml.safe_dump({"scenarios": [scenario]}), encoding="utf-8")
    return path


def _action(id_: str, kind: str, essential: bool = False) -> dict:
    return {"id": id_, "kind": kind, "essential": essential, "label": {"fr": "l", "en": "l"},
            "consequence": {"fr": "c", "en": "c"}}


@pytest.mark.parametrize("change, error", [
    ({"fictional": False}, "fictional"),
    ({"actions": [_action("a", "helpful", True)]}, "trap"),
    ({"actions": [_action("a", "helpful"), _action("b", "harmful")]}, "essential"),
    ({"actions": [_action("a", "harmful", True), _action("b", "helpful", True)]}, "helpful"),
    ({"actions": [_action("a", "kind-of", True)]}, "kind"),
    ({"title": {"fr": "seulement"}}, "English"),
])
def test_a_broken_scenario_is_refused_with_the_reason(tmp_path: Path, change, error):
    scenario = {"id": "s", "fictional": True, "title": {"fr": "t", "en": "t"},
                "situation": {"fr": "s", "en": "s"},
                "actions": [_action("a", "helpful", True), _action("b", "harmful")]}
    scenario.update(change)
    with pytest.raises(ScenarioError, match=error):
        load_scenarios(_write(tmp_path, scenario))


def test_choices_are_told_in_words_with_the_missed_essential_steps():
    outcome = evaluate(BY_ID["councillor"], ["delete-first", "complaint"], "fr")
    assert not outcome.safe and outcome.harmful == 1 and outcome.helpful == 1
    assert outcome.missed == ("call-17", "screenshot")
    assert outcome.sentences[0].startswith("Utile : Porter plainte")
    assert outcome.sentences[1].startswith("À éviter : Effacer tout de suite")
    assert outcome.sentences[2].startswith("Vous avez oublié une étape importante : Si elle")


def test_all_essentials_and_no_misstep_is_safe():
    outcome = evaluate(BY_ID["scam"], ["no-click", "check-other-way"], "en")
    assert outcome.safe and outcome.sentences[-1] == "You thought of every important step."
    wrong_channel = evaluate(BY_ID["scam"], ["no-click", "check-other-way", "pharos"], "en")
    assert wrong_channel.safe and wrong_channel.sentences[2].startswith("Not much help:")


def test_nothing_ticked_or_an_unknown_action_is_refused():
    with pytest.raises(ValueError):
        evaluate(BY_ID["scam"], [], "fr")
    with pytest.raises(ValueError):
        evaluate(BY_ID["scam"], ["no-click", "teleport"], "fr")


def test_a_learner_plays_skips_and_finishes():
    simulation = Simulation([BY_ID["scam"], BY_ID["club-comment"]])
    assert simulation.choose(["no-click", "check-other-way"], "fr").safe
    with pytest.raises(ValueError):
        simulation.choose(["pay"], "fr")
    simulation.next()
    simulation.skip()
    assert simulation.stage == "finished" and simulation.skipped == ["club-comment"]
    assert simulation.summary("fr") == ("Terminé. Situations jouées : 1. Sans oubli ni faux "
                                        "pas : 1. Passées : 1.")


def test_the_widget_follows_the_buttons_and_never_crashes_on_odd_events():
    widget = ActionSimulator([BY_ID["neighbours-post"]], "en")
    assert widget.card["progress"] == "Situation 1 of 1"
    assert [a["id"] for a in widget.card["actions"]][:2] == ["screenshot", "notify-platform"]
    widget.handle({"event": "play", "chosen": "screenshot"})  # not a list: nothing ticked
    assert widget.feedback == ["Tick at least one action."] and widget.stage == "choose"
    widget.handle({"event": "play", "chosen": ["share-angry"]})
    assert widget.stage == "seen"
    assert widget.feedback[0].startswith("Best avoided: Share the post with “Shameful!” Even")
    assert sum(s.startswith("You missed") for s in widget.feedback) == 3
    widget.handle({"event": "play", "chosen": ["pharos"]})  # late click: nothing changes
    assert widget.stage == "seen"
    widget.handle({"event": "next"})
    assert widget.stage == "finished" and widget.card == {}
    assert widget.feedback[0].startswith("Done. Situations played: 1.")
    widget.handle({"event": "restart"})
    assert widget.stage == "choose" and widget.simulation.done == 0
