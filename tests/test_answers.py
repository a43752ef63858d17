import json
from pathlib import Path

import pytest

from course.answers import AnswerFileError, AnswerStore, answer_path, read_answers


def test_record_counts_attempts_and_keeps_first_time(tmp_path: Path):
    store = AnswerStore(answer_path(tmp_path, "exercice"))
    store.record("q1", "a")
    entry = store.record("q1", "b")
    saved = read_answers(store.path)
    assert saved["q1"]["value"] == "b"
    assert saved["q1"]["attempts"] == 2
    assert entry["first_answered_at"] <= entry["answered_at"]
    assert [p.name for p in tmp_path.iterdir()] == ["exercice.answers.json"]  # no temp left


def test_missing_file_reads_as_no_answers(tmp_path: Path):
    assert read_answers(tmp_path / "none.answers.json") == {}


@pytest.mark.parametrize("content, reason", [
    ("{not json", "not valid JSON"),
    ('{"items": []}', "not an answer file"),
    ('["a"]', "not an answer file"),
])
def test_unusable_file_is_reported(tmp_path: Path, content: str, reason: str):
    path = tmp_path / "x.answers.json"
    path.write_text(content)
    with pytest.raises(AnswerFileError, match=reason):
        read_answers(path)


def test_recording_over_a_corrupt_file_keeps_it_aside(tmp_path: Path):
    path = answer_path(tmp_path, "exercice")
    path.write_text("{broken")
    AnswerStore(path).record("q1", "a")
    assert (tmp_path / "exercice.answers.json.unreadable-1").read_text() == "{broken"
    assert json.loads(path.read_text())["items"]["q1"]["value"] == "a"
