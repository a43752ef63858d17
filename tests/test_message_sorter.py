"""The message sorter of module 07: its data, its judgement and a learner's way through it."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.activities.message_sorter import (
    GROUNDS,
    OFFENCES,
    MessageError,
    MessageSorter,
    Sorting,
    judge_detail,
    judge_level,
    load_mask_list,
    load_messages,
    mask,
    slur_hash,
    unmasked_slurs,
)
from tests.helpers import REPO

DATA = REPO / "modules" / "07-haine-en-ligne" / "data"
MESSAGES = load_messages(DATA / "sorter_messages.yml")
MASKS = load_mask_list(DATA / "mask_list.txt")
BY_ID = {m.id: m for m in MESSAGES}


def test_the_shipped_messages_cover_all_three_levels_and_every_offence():
    levels = {m.level for m in MESSAGES}
    assert levels == {"criticism", "offensive", "hate"}
    hate = [m for m in MESSAGES if m.level == "hate"]
    assert {m.offence for m in hate} == set(OFFENCES)
    assert len({m.ground for m in hate}) >= 5
    assert any(not m.public for m in hate), "one non-public message shows the contravention"


def test_seniors_see_fewer_messages_than_youth_and_none_twice():
    senior, youth = load_messages(DATA / "sorter_messages.yml", "senior"), \
        load_messages(DATA / "sorter_messages.yml", "youth")
    assert 0 < len(senior) < len(youth) == len(MESSAGES)


def test_no_shipped_message_contains_a_slur_from_the_mask_list():
    for message in MESSAGES:
        for lang in ("fr", "en"):
            assert unmasked_slurs(message.text[lang], MASKS) == [], message.id


@pytest.mark.parametrize("field, value, error", [
    ("fictional", False, "fictional"),
    ("level", "rude", "level"),
    ("ground", "", "ground"),
    ("text", {"fr": "seulement en français"}, "English"),
])
def test_a_broken_message_file_is_refused_with_the_reason(tmp_path: Path, field, value, error):
    raw = {"id": "m1", "fictional": True, "platform": "X", "level": "hate", "ground": "sexe",
           "offence": "injure", "author": {"fr": "A", "en": "A"}, "text": {"fr": "T", "en": "T"},
           "explanation": {"fr": "E", "en": "E"}}
    raw[field] = value
    import yaml

    path = tmp_path / "m.yml"
    path.write_text(yaml.safe_dump({"messages": [raw]}), encoding="utf-8")
    with pytest.raises(MessageError, match=error):
        load_messages(path)


def test_a_ground_on_criticism_is_refused(tmp_path: Path):
    path = tmp_path / "m.yml"
    path.write_text("messages:\n  - {id: a, fictional: true, level: criticism, ground: sexe,\n"
                    "     author: {fr: a, en: a}, text: {fr: t, en: t},\n"
                    "     explanation: {fr: e, en: e}}\n", encoding="utf-8")
    with pytest.raises(MessageError, match="only hate speech"):
        load_messages(path)


def test_mask_hides_listed_words_whatever_their_case_or_accents():
    masks = frozenset({slur_hash("zorglub")})  # a harmless stand-in for a listed word
    assert mask("Quel ZÖRGLUB, ce type !", masks, "fr") == "Quel [mot masqué], ce type !"
    assert mask("a zorglub here", masks, "en") == "a [word masked] here"
    assert unmasked_slurs("zorglubs et Zorglub", masks) == ["Zorglub"]
    assert mask("rien à masquer", masks, "fr") == "rien à masquer"


def test_judging_a_level_explains_right_and_wrong_answers():
    message = BY_ID["match-rude"]
    right = judge_level(message, "offensive", "fr")
    wrong = judge_level(message, "hate", "en")
    assert right.right and not wrong.right
    assert message.explanation["fr"] in right.sentences
    assert "Offensive, but not hate speech" in wrong.sentences[1]


def test_judging_ground_and_offence_says_which_part_was_wrong():
    message = BY_ID["benefits-lie"]
    verdict = judge_detail(message, "religion", "injure", "fr")
    assert not verdict.right
    assert "Bien vu" in verdict.sentences[1] and "Diffamation" in verdict.sentences[2]
    assert judge_detail(message, "religion", "diffamation", "en").right
    with pytest.raises(ValueError):
        judge_detail(BY_ID["bike-lane"], "sexe", "injure", "fr")


def test_a_learner_goes_through_levels_details_and_skips():
    sorting = Sorting([BY_ID["bike-lane"], BY_ID["private-insult"], BY_ID["chase-neighbours"]])
    assert sorting.choose_level("criticism", "fr").right
    assert sorting.stage == "seen"
    sorting.next()
    assert not sorting.choose_level("offensive", "fr").right
    assert sorting.stage == "detail", "hate speech asks for ground and offence even after a miss"
    verdict = sorting.choose_detail("orientation", "injure", "en")
    assert verdict.right and "Non-public (private) message." in verdict.sentences
    sorting.next()
    sorting.skip()
    assert sorting.stage == "finished" and sorting.skipped == ["chase-neighbours"]
    assert sorting.summary("fr") == ("Terminé. Vous avez classé 2 message(s), dont 1 au bon "
                                     "niveau. Passé(s) : 1.")


def test_a_learner_may_skip_during_the_detail_stage_without_it_counting_as_skipped():
    sorting = Sorting([BY_ID["chase-neighbours"]])
    sorting.choose_level("hate", "fr")
    sorting.skip()
    assert sorting.stage == "finished" and sorting.skipped == []


def test_answers_out_of_turn_are_refused():
    sorting = Sorting([BY_ID["bike-lane"]])
    with pytest.raises(ValueError):
        sorting.next()
    with pytest.raises(ValueError):
        sorting.choose_detail("sexe", "injure", "fr")
    with pytest.raises(ValueError):
        sorting.choose_level("", "fr")


def test_the_widget_follows_the_buttons_and_never_crashes_on_odd_events():
    widget = MessageSorter([BY_ID["councillor-kitchen"], BY_ID["singer-rude"]], MASKS, "fr")
    assert widget.stage == "level" and widget.card["progress"] == "Message 1 sur 2"
    assert [o["id"] for o in widget.choices["ground"]] == list(GROUNDS)
    widget.handle({"event": "level", "choice": ""})
    assert widget.feedback == ["Choisissez d'abord une réponse dans chaque groupe."]
    widget.handle({"event": "level", "choice": "hate"})
    assert widget.stage == "detail" and widget.feedback[0] == "Bonne réponse."
    widget.handle({"event": "next"})  # out of turn: nothing moves
    assert widget.stage == "detail"
    widget.handle({"event": "detail", "ground": "sexe", "offence": "injure"})
    assert widget.stage == "seen" and "Critère : Sexe. Bien vu." in widget.feedback
    widget.handle({"event": "next"})
    widget.handle({"event": "skip"})
    assert widget.stage == "finished" and widget.card == {}
    assert "Passé(s) : 1" in widget.feedback[0]
    widget.handle({"event": "restart"})
    assert widget.stage == "level" and widget.sorting.answered == 0
    widget.handle({"event": None, "junk": [1, 2]})
    assert widget.stage == "level"
