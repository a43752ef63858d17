"""Handing work in: a whole copy in nbgrader's layout, swapped in at once, never half."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from course.handin import HANDIN_ENV, MAX_BYTES, hand_in
from course.handin_button import HandInButton


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "learners" / "renard" / "01-essai"
    folder.mkdir(parents=True)
    (folder / "exercice.ipynb").write_text("{}")
    (folder / "exercice.answers.json").write_text(json.dumps({"q1": {"value": "pause"}}))
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "exercice-checkpoint.ipynb").write_text("{}")
    return folder


def test_hand_in_copies_the_work_with_a_timestamp(work: Path, tmp_path: Path):
    target = tmp_path / "submitted" / "renard"
    when = hand_in(work, target, "01-essai")
    handed = sorted(p.name for p in (target / "01-essai").iterdir())
    assert handed == ["exercice.answers.json", "exercice.ipynb", "timestamp.txt"]
    assert (target / "01-essai" / "timestamp.txt").read_text().startswith(str(when.date()))
    assert sorted(p.name for p in target.iterdir()) == ["01-essai"]  # nothing left over


def test_a_second_hand_in_replaces_the_first(work: Path, tmp_path: Path):
    target = tmp_path / "submitted" / "renard"
    hand_in(work, target, "01-essai")
    (work / "exercice.answers.json").write_text(json.dumps({"q1": {"value": "share"}}))
    hand_in(work, target, "01-essai")
    saved = json.loads((target / "01-essai" / "exercice.answers.json").read_text())
    assert saved["q1"]["value"] == "share"


def test_a_refused_hand_in_keeps_the_earlier_one(work: Path, tmp_path: Path):
    target = tmp_path / "submitted" / "renard"
    hand_in(work, target, "01-essai")
    before = (target / "01-essai" / "exercice.answers.json").read_bytes()
    with (work / "huge.bin").open("wb") as big:
        big.truncate(MAX_BYTES + 1)
    with pytest.raises(OSError, match="MB"):
        hand_in(work, target, "01-essai")
    assert (target / "01-essai" / "exercice.answers.json").read_bytes() == before


def test_button_says_plainly_when_handing_in_is_not_set_up(work: Path, monkeypatch):
    monkeypatch.delenv(HANDIN_ENV, raising=False)
    button = HandInButton(work, "01-essai", "fr")
    button._on_front_end_message(button, {"event": "hand-in"}, [])
    assert button.status["tone"] == "warn"
    assert "personne qui anime" in button.status["text"]


def test_button_hands_in_and_confirms(work: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv(HANDIN_ENV, str(tmp_path / "submitted" / "renard"))
    button = HandInButton(work, "01-essai", "en")
    button.press()
    assert button.status["tone"] == "saved"
    assert button.status["text"].startswith("Work handed in at")
    assert (tmp_path / "submitted" / "renard" / "01-essai" / "exercice.ipynb").is_file()
