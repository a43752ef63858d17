"""Building notebooks from one source: variants, nbgrader metadata, no keys in learner files."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from course.build import build_module, build_notebook
from course.content import Module
from tests.helpers import course


def texts(notebook) -> str:
    return "\n".join(c.source for c in notebook.cells)


@pytest.mark.parametrize("lang, audience, present, absent", [
    ("fr", "senior", ["Bonjour", "Cliquez"], ["Hello", "Click"]),
    ("en", "senior", ["Hello", "Click"], ["Bonjour", "Cliquez"]),
    ("fr", "youth", ["Bonjour"], ["Cliquez", "Hello"]),
])
def test_cells_are_kept_by_language_and_audience(mini: Path, lang, audience, present, absent):
    notebook = build_notebook(Module("01-essai", mini), "lesson", lang, audience)
    for word in present:
        assert word in texts(notebook)
    for word in absent:
        assert word not in texts(notebook)


def test_exercise_cells_get_nbgrader_metadata(mini: Path):
    notebook = build_notebook(Module("01-essai", mini), "exercise", "fr", "youth")
    meta = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"] for c in notebook.cells
            if "nbgrader" in c.metadata}
    assert meta["answer-q1"] | {} == {"grade": False, "grade_id": "answer-q1", "locked": False,
                                      "schema_version": 3, "solution": True}
    assert meta["test-q1"]["locked"] and meta["test-q1"]["points"] == 1
    assert meta["written-w1"]["grade"] and meta["written-w1"]["solution"]
    assert meta["written-w1"]["points"] == 2
    assert meta["course-setup"]["locked"] and not meta["course-setup"]["grade"]
    assert all("course" not in c.metadata for c in notebook.cells)
    nbformat.validate(notebook)


def test_senior_build_hides_code_and_youth_shows_it(mini: Path):
    module = Module("01-essai", mini)
    senior = build_notebook(module, "lesson", "fr", "senior")
    youth = build_notebook(module, "lesson", "fr", "youth")
    assert all(c.metadata["jupyter"]["source_hidden"] for c in senior.cells
               if c.cell_type == "code")
    assert [c for c in youth.cells if c.cell_type == "code"][1].metadata.get("jupyter") is None


def test_build_is_reproducible(mini: Path, tmp_path: Path):
    module = Module("01-essai", mini)
    first = build_module(module, "fr", "senior", tmp_path / "a")
    second = build_module(module, "fr", "senior", tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_exercise_items_file_holds_no_explanation(mini: Path, tmp_path: Path):
    build_module(Module("01-essai", mini), "fr", "youth", tmp_path)
    items = json.loads((tmp_path / "01-essai" / "exercice.items.json").read_text())["items"]
    assert {i["id"] for i in items} == {"q1", "q2", "w1"}
    assert all("explanation" not in i and "correct" not in i for i in items)
    lesson = json.loads((tmp_path / "01-essai" / "lecon.items.json").read_text())["items"]
    assert lesson[0]["correct"] == "pause"


def test_build_command_writes_english_names(mini: Path, tmp_path: Path, capsys):
    assert course("build", "--lang", "en", "--audience", "youth", "--out", tmp_path / "out",
                  "--content", mini) == 0
    assert sorted(p.name for p in (tmp_path / "out" / "01-essai").iterdir()) == [
        "exercise.ipynb", "exercise.items.json", "lesson.ipynb", "lesson.items.json"]
