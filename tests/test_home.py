"""The learner's home page (``course.home``) read from a learner's real folder: built
notebooks, the answers their widgets saved, their hand-in folder and feedback pages."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from course.build import build_module, build_notebook
from course.content import find_module
from course.home import HANDED_IN, STARTED, TODO, after, next_step, read_modules, render
from course.i18n import text
from tests.helpers import REPO


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    home = tmp_path / "invite"
    for number in ("00", "01"):
        build_module(find_module(REPO, number), "fr", "senior", home)
    (home / "notes").mkdir()  # a learner's own folder: not a module
    return home


def link(state, kind: str) -> str:
    return f"/{kind}/{state.id}"


def test_modules_in_order_with_titles_and_where_each_stands(folder: Path, tmp_path: Path):
    handin = tmp_path / "submitted"
    states = read_modules(folder, handin)
    assert [s.id for s in states] == ["00-avant", "01-premiers-pas"]
    assert states[0].title == find_module(REPO, "00").title("fr")
    assert [s.status for s in states] == [TODO, TODO]
    assert next_step(states) == (states[0], "lesson")

    (folder / "00-avant" / "exercice.answers.json").write_text(json.dumps(
        {"format": 1, "items": {"av-local-falcon": {"value": "reliable"}}}))
    states = read_modules(folder, handin)
    assert states[0].status == STARTED and next_step(states) == (states[0], "exercise")

    (handin / "00-avant").mkdir(parents=True)
    (handin / "00-avant" / "timestamp.txt").write_text("2026-01-01 10:00:00.000000 UTC")
    states = read_modules(folder, handin)
    assert [s.status for s in states] == [HANDED_IN, TODO]
    assert next_step(states) == (states[1], "lesson")
    assert after(states, "00-avant") is states[1] and after(states, "01-premiers-pas") is None


def test_page_in_french_with_one_continue_button_and_feedback_link(folder: Path):
    (folder / "retours").mkdir()
    (folder / "retours" / "01-premiers-pas.html").write_text("<p>retour</p>")
    page = render(read_modules(folder, None), "fr", "senior", link)
    assert "<html lang='fr'>" in page and "<main>" in page
    assert page.count("course-continue") - page.count(".course-continue") == 1
    assert text("home_continue", "fr") in page and "href='/lesson/00-avant'" in page
    assert page.count(text("home_feedback", "fr")) == 1
    assert "href='/feedback/01-premiers-pas'" in page
    assert "exercice.ipynb" not in page and "Select items" not in page


def test_a_title_from_the_learners_folder_is_shown_as_text(folder: Path):
    for path in (folder / "00-avant").glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        notebook.metadata["course"]["title"] = "<script>alert(1)</script>"
        nbformat.write(notebook, path)
    page = render(read_modules(folder, None), "fr", "senior", link)
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_a_broken_notebook_is_not_a_module(folder: Path):
    (folder / "00-avant" / "lecon.ipynb").write_text("{not json")
    (folder / "00-avant" / "exercice.ipynb").write_text("{not json")
    assert [s.id for s in read_modules(folder, None)] == ["01-premiers-pas"]


def test_exercise_hand_in_sits_under_a_learner_heading():
    notebook = build_notebook(find_module(REPO, "00"), "exercise", "fr", "senior")
    sources = [cell.source for cell in notebook.cells]
    finish = sources.index("finish()")
    assert sources[finish - 1] == "## " + text("hand_in_heading", "fr", "senior")
    trainer = next(i for i, s in enumerate(sources) if "réservé au formateur" in s)
    assert trainer > finish


def test_lesson_ends_with_a_big_button_to_the_exercise():
    notebook = build_notebook(find_module(REPO, "00"), "lesson", "fr", "senior")
    last = notebook.cells[-1]
    assert last.cell_type == "markdown" and 'href="exercice.ipynb"' in last.source
    assert "min-height:44px" in last.source and text("go_to_exercise", "fr") in last.source
