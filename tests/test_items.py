from pathlib import Path

import pytest
import yaml

from course.items import ItemError, load_bank, localize

SINGLE = {"id": "q1", "type": "single", "prompt": {"fr": "Q ?", "en": "Q?"},
          "options": [{"id": "a", "label": {"fr": "A", "en": "A"}},
                      {"id": "b", "label": {"fr": "B", "en": "B"}}],
          "explanation": {"fr": "Parce que.", "en": "Because."}}


def bank(tmp_path: Path, *items: dict) -> Path:
    path = tmp_path / "items.yml"
    path.write_text(yaml.safe_dump({"items": list(items)}, allow_unicode=True))
    return path


def test_a_graded_item_may_not_hold_its_key(tmp_path: Path):
    with pytest.raises(ItemError, match="must not hold its key"):
        load_bank(bank(tmp_path, SINGLE | {"correct": "a"}), graded=True)


def test_practice_item_with_key_loads(tmp_path: Path):
    assert load_bank(bank(tmp_path, SINGLE | {"correct": "a"}), graded=False)[0]["correct"] == "a"


@pytest.mark.parametrize("change, message", [
    ({"prompt": {"fr": "Seulement en français"}}, "prompt: needs a non-empty text"),
    ({"type": "quiz"}, "type must be one of"),
    ({"id": "Q 1"}, "id must be lower-case"),
    ({"options": [{"id": "a", "label": {"fr": "A", "en": "A"}}]}, "at least two options"),
    ({"post": {"author": {"fr": "X", "en": "X"}, "text": {"fr": "T", "en": "T"}}},
     "fictional: true"),
    ({"correct": "zz"}, "names an option that does not exist"),
])
def test_bad_items_are_named(tmp_path: Path, change: dict, message: str):
    with pytest.raises(ItemError, match=message) as error:
        load_bank(bank(tmp_path, SINGLE | change), graded=False)
    assert "items.yml" in str(error.value)


def test_repeated_ids_are_refused(tmp_path: Path):
    with pytest.raises(ItemError, match="used twice: q1"):
        load_bank(bank(tmp_path, SINGLE, SINGLE), graded=False)


def test_graded_items_reach_learners_without_explanation(tmp_path: Path):
    item = load_bank(bank(tmp_path, SINGLE), graded=True)[0]
    local = localize(item, "fr", graded=True)
    assert local["prompt"] == "Q\u202f?" and "explanation" not in local and "correct" not in local
    practice = localize(item | {"correct": "a"}, "en", graded=False)
    assert practice["explanation"] == "Because." and practice["correct"] == "a"
