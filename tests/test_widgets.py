"""The question widget's logic, driven as the front end drives it: set ``value``, press submit."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.answers import AnswerStore, read_answers
from course.widgets import Question, is_right, normalize, post_card

OPTIONS = [{"id": "pause", "label": "Attendre", "feedback": "Bien vu."},
           {"id": "share", "label": "Partager", "feedback": "Trop vite."}]


def practice(**extra) -> Question:
    item = {"id": "p1", "type": "single", "prompt": "Que faire ?", "options": OPTIONS,
            "graded": False} | extra
    return Question(item, "fr", None)


def test_practice_gives_instant_feedback_with_explanation():
    widget = practice(correct="pause", explanation="On attend avant de partager.")
    widget.value = "share"
    widget.submit()
    assert widget.status["tone"] == "wrong"
    assert widget.status["details"] == ["Trop vite.", "On attend avant de partager."]
    widget.value = "pause"
    widget.submit()
    assert widget.status["tone"] == "right" and widget.status["text"] == "Bonne réponse\u202f!"


def test_practice_without_key_tells_what_the_choice_means():
    widget = practice()
    widget.value = "share"
    widget.submit()
    assert widget.status == {"tone": "info", "text": "C'est noté.", "details": ["Trop vite."]}


def test_nothing_chosen_asks_for_a_choice():
    widget = practice(correct="pause")
    widget.submit()
    assert widget.status["tone"] == "warn"


def test_graded_answer_is_saved_not_judged(tmp_path: Path):
    store = AnswerStore(tmp_path / "e.answers.json")
    item = {"id": "q1", "type": "single", "prompt": "?", "options": OPTIONS, "graded": True}
    widget = Question(item, "en", store)
    assert widget.button_label == "Save my answer"
    widget.value = "share"
    widget.submit()
    assert widget.status["text"] == "Answer saved." and widget.status["tone"] == "saved"
    assert read_answers(store.path)["q1"]["value"] == "share"
    assert "details" in widget.status and widget.status["details"] == []


def test_front_end_submit_message_is_the_button(tmp_path: Path):
    store = AnswerStore(tmp_path / "e.answers.json")
    item = {"id": "w1", "type": "written", "prompt": "?", "graded": True}
    widget = Question(item, "fr", store)
    widget.value = "  Je vérifie.  "
    widget._on_front_end_message(widget, {"event": "submit"}, [])
    assert read_answers(store.path)["w1"]["value"] == "Je vérifie."


@pytest.mark.parametrize("item, value, expected", [
    ({"type": "single", "options": OPTIONS}, "pause", "pause"),
    ({"type": "single", "options": OPTIONS}, "other", None),
    ({"type": "single", "options": OPTIONS}, ["pause"], None),
    ({"type": "multiple", "options": OPTIONS}, ["share", "pause"], ["pause", "share"]),
    ({"type": "multiple", "options": OPTIONS}, [], None),
    ({"type": "rating"}, {"rating": 2, "share": False}, {"rating": 2, "share": False}),
    ({"type": "rating"}, {"rating": 7, "share": False}, None),
    ({"type": "rating"}, {"rating": True, "share": False}, None),
    ({"type": "rating"}, {"rating": 3}, None),
    ({"type": "written"}, "   ", None),
])
def test_normalize_accepts_only_well_formed_answers(item, value, expected):
    assert normalize(item, value) == expected


def test_rating_is_judged_by_side_of_the_scale():
    assert is_right({"type": "rating"}, {"rating": 3, "share": True}, "unreliable")
    assert not is_right({"type": "rating"}, {"rating": 4, "share": False}, "unreliable")
    assert is_right({"type": "multiple"}, ["a", "b"], ["b", "a"])


def test_post_card_escapes_and_labels_fiction():
    card = post_card({"author": "<b>X</b>", "text": "<script>alert(1)</script>",
                      "platform": "SMS"}, "fr")
    assert "<script>" not in card and "&lt;script&gt;" in card
    assert "Exemple inventé pour le cours" in card


def test_a_press_carries_its_own_value(tmp_path: Path):
    """Quick learners: the button's message holds the value, even if updates lag behind."""
    store = AnswerStore(tmp_path / "exercice.answers.json")
    item = {"id": "g1", "type": "single", "prompt": "?", "options": OPTIONS, "graded": True}
    widget = Question(item, "fr", store)
    widget.value = "share"  # an older update, still in flight
    widget._on_front_end_message(widget, {"event": "submit", "value": "pause"}, [])
    assert read_answers(store.path)["g1"]["value"] == "pause"
