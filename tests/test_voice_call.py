"""The cloned-voice call of module 09: the action simulator's way, told as steps of one call."""

from __future__ import annotations

from course.activities.action_simulator import ActionSimulator
from course.activities.voice_call import VoiceCall, load_scenarios
from tests.helpers import REPO

FILE = REPO / "modules" / "09-fabrique-ia" / "data" / "voice_call.yml"
STEPS = load_scenarios(FILE)


def test_the_call_has_its_three_steps_in_order_with_the_right_habits():
    assert [s.id for s in STEPS] == ["voice-message", "insisting", "afterwards"]
    essentials = {s.id: {a.id for a in s.actions if a.essential} for s in STEPS}
    assert essentials == {"voice-message": {"call-known-number"}, "insisting": {"hang-up"},
                          "afterwards": {"report-33700", "tell-family"}}
    harmful = {a.id for s in STEPS for a in s.actions if a.kind == "harmful"}
    assert {"trust-voice", "send-money", "whisper-word", "gift-cards"} <= harmful


def test_trusting_the_voice_is_told_why_and_the_missed_call_back_is_named():
    call = VoiceCall(STEPS, "fr", "senior")
    assert call.card["progress"] == "Étape 1 sur 3"
    call.handle({"event": "play", "chosen": ["trust-voice", "send-money"]})
    said = " ".join(call.feedback)
    assert "La voix ne prouve plus rien" in said
    missed = "Vous avez oublié une étape importante\u00a0: Appeler Léo sur son numéro habituel"
    assert missed in said
    assert call.simulation.safe == 0


def test_a_safe_way_through_the_call_ends_with_the_safe_word_reminder():
    call = VoiceCall(load_scenarios(FILE, "youth"), "en", "youth")
    assert call.labels["play"] == "See how the call goes on"
    for chosen in (["call-known-number", "call-parent"], ["hang-up"],
                   ["report-33700", "tell-family"]):
        call.handle({"event": "play", "chosen": chosen})
        call.handle({"event": "next"})
    assert call.stage == "finished"
    assert call.feedback == ["End of the call. Steps played: 3. With no missed step or misstep: "
                             "3. Skipped: 0. Remember: the voice proves nothing; the number "
                             "you know and the family safe word do."]


def test_youth_are_spoken_to_as_tu_and_play_at_their_grandmother_s():
    youth = VoiceCall(load_scenarios(FILE, "youth"), "fr", "youth")
    senior = VoiceCall(load_scenarios(FILE, "senior"), "fr", "senior")
    assert youth.card["situation"].startswith("Tu es chez ta grand-mère Josiane")
    assert senior.card["situation"].endswith("Vous êtes Josiane.")
    assert "Vous êtes" not in youth.card["situation"]
    assert youth.labels["legend"].startswith("Que fais-tu")
    assert senior.labels["legend"].startswith("Que faites-vous")


def test_the_simulator_of_module_08_keeps_its_own_words():
    simulator = ActionSimulator(STEPS[:1], "fr")
    assert simulator.card["progress"] == "Situation 1 sur 1"
    simulator.handle({"event": "skip"})
    assert simulator.feedback[0].startswith("Terminé. Situations jouées\u00a0: 0.")
