"""The feedback page says what was judged and shows every graded answer, and on a single
laptop it reaches the learner's own workspace.

Module 05 (youth) has a message to judge (a post) and two pandas code answers: graded for
real by ``course grade`` on ``course demo`` learners, handed back by ``course
release-feedback``. One learner typed markup into a code answer: it shows as text.
"""

from __future__ import annotations

import html
from types import SimpleNamespace

import nbformat
import pytest

from course.build import build_items
from course.start import prepare_workspace
from course.workshop import open_workshop
from tests.helpers import course

pytestmark = pytest.mark.slow
MODULE = "05"
TRICK = "# <script>alert('x')</script> <b>gras</b>"


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> SimpleNamespace:
    folder = tmp_path_factory.mktemp("feedback") / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "youth", "--modules",
                  MODULE) == 0
    assert course("demo", MODULE, "-w", folder, "--learners", 2) == 0  # right, wrong
    workshop = open_workshop(folder)
    module = workshop.module(MODULE)
    # The n-th demo learner takes the n-th profile: right, then wrong.
    right, wrong = sorted(workshop.submitted.iterdir(), key=lambda p: p.name[-2:])
    name = workshop.notebook("exercise")
    notebook_path = wrong / module.id / f"{name}.ipynb"
    notebook = nbformat.read(notebook_path, as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "answer-code-median-rent":
            cell.source = f"{TRICK}\nmedian_rent = 0"
    nbformat.write(notebook, notebook_path)
    assert course("grade", MODULE, "-w", folder, "--workers", 1) == 0
    # The first learner works on this laptop: ``course start`` made their workspace.
    home = prepare_workspace(workshop, right.name)
    assert course("release-feedback", MODULE, "-w", folder) == 0
    pages = workshop.exports / f"retours-{module.id}"
    return SimpleNamespace(workshop=workshop, module=module, home=home,
                           right=(pages / f"{right.name}.html").read_text("utf-8"),
                           wrong=(pages / f"{wrong.name}.html").read_text("utf-8"))


def test_the_judged_message_is_beside_its_verdict(released):
    posts = [item for item in build_items(released.module, "exercise", "fr", "youth")
             if "post" in item]
    assert posts, "module 05 has a message to judge"
    shown = html.unescape(released.right)
    for item in posts:
        for line in item["post"]["text"].splitlines():
            if line.strip():
                assert line.strip() in shown
    assert "Le message à juger" in shown


def test_code_answers_are_shown_with_their_verdict(released):
    right = html.unescape(released.right)
    assert 'villages["per_1000"] = villages["library_loans"] / villages["population"]' in right
    assert 'median_rent = rents["monthly_rent"].median()' in right
    assert right.count("Ton code") == 2
    assert "BEGIN SOLUTION" not in right and "BEGIN HIDDEN" not in right
    assert "Question de code A." in right and "Question de code B." in right


def test_learner_code_shows_as_escaped_text(released):
    assert "<script" not in released.wrong and "<b>gras" not in released.wrong
    assert html.escape(TRICK, quote=True).replace("&#x27;", "&#39;") in released.wrong
    assert html.unescape(released.wrong).count("À revoir") >= 1


def test_release_feedback_lands_in_the_learners_workspace(released):
    page = released.home / "retours" / f"{released.module.id}.html"
    assert page.is_file()
    assert page.read_text("utf-8") == released.right
