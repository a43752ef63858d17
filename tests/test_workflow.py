"""The whole nbgrader cycle on real files, as a workshop would live it.

A workshop is created from a roster, module 01 is released, learners fetch it, answer through
the widgets' own recording code and hand it in (through nbgrader's exchange, or as zips on a USB
stick); one hands in a broken notebook, one never saved an answer, one has a corrupt answer file.
Then ``course grade`` runs once and every test below reads what it left.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pandas as pd
import pytest

from course import learner as notebook_api
from course.answers import answer_path, read_answers
from course.items import read_localized
from course.workshop import open_workshop
from grading.demo import planned_answers
from grading.nbgrader_setup import gradebook
from grading.solutions import solution_run
from tests.helpers import course, tree_digest, written_points
from tests.postgres import BACKENDS, check_backend, db_args

MODULE = "01"
LEARNERS = ["juste", "faux", "sans-reponses", "reponses-cassees", "cahier-casse", "par-zip"]
pytestmark = pytest.mark.slow


def nbgrader(*args: str, cwd: Path, exchange: Path) -> None:
    """A learner's own nbgrader command (fetch, submit) against the workshop's exchange."""
    subprocess.run([sys.executable, "-m", "nbgrader", *args, f"--Exchange.root={exchange}",
                    "--CourseDirectory.course_id=atelier"], cwd=cwd, check=True,
                   capture_output=True)


def answer_all(folder: Path, workshop, module, plan: dict) -> None:
    """Answer every item as a learner clicking the widgets would."""
    notebook_api.setup(module.id, workshop.notebook("exercise"), workshop.lang,
                       workshop.audience, folder=folder)
    for item_id, value in plan.items():
        notebook_api.answer(item_id, value)


@pytest.fixture(scope="module", params=BACKENDS)
def cycle(tmp_path_factory, request) -> SimpleNamespace:
    tmp = tmp_path_factory.mktemp("cycle")
    roster = tmp / "liste.csv"
    roster.write_text("pseudonyme\n" + "\n".join(LEARNERS) + "\n")
    folder = tmp / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "youth", "--modules", MODULE,
                  "--roster", roster, *db_args(request, "cycle")) == 0
    assert course("release", MODULE, "-w", folder) == 0
    workshop = open_workshop(folder)
    module = workshop.module(MODULE)
    name = workshop.notebook("exercise")
    _, key = solution_run(workshop, module)
    items = read_localized(workshop.release / module.id / f"{name}.items.json")
    plans = {profile: planned_answers(items, key, profile, __import__("random").Random(1), "fr")
             for profile in ("right", "wrong")}

    homes = tmp / "homes"
    for learner, profile in (("juste", "right"), ("faux", "wrong")):
        home = homes / learner
        home.mkdir(parents=True)
        nbgrader("fetch_assignment", module.id, cwd=home, exchange=workshop.exchange)
        answer_all(home / module.id, workshop, module, plans[profile])
        nbgrader("submit", module.id, f"--student={learner}", cwd=home,
                 exchange=workshop.exchange)
    assert course("collect", MODULE, "-w", folder) == 0

    usb = tmp / "usb"
    usb.mkdir()
    for learner in ("sans-reponses", "reponses-cassees", "cahier-casse", "par-zip"):
        work = homes / learner / module.id
        shutil.copytree(workshop.release / module.id, work)
        if learner == "par-zip":
            answer_all(work, workshop, module, plans["right"])
        if learner == "reponses-cassees":
            (work / f"{name}.answers.json").write_text('{"items": {"q1": ')
        if learner == "cahier-casse":
            (work / f"{name}.ipynb").write_text("ceci n'est pas un cahier")
        with zipfile.ZipFile(usb / f"{learner}.zip", "w") as archive:
            for path in work.iterdir():
                archive.write(path, f"{module.id}/{path.name}")
    assert course("collect", MODULE, "-w", folder, "--zip", usb) == 0

    # An instructor who ran the solution in source/ left an answer file there.
    instructor = workshop.source / module.id / f"{name}.answers.json"
    shutil.copy(homes / "faux" / module.id / f"{name}.answers.json", instructor)
    submitted_before = tree_digest(workshop.submitted)
    status = course("grade", MODULE, "-w", folder)
    csv = pd.read_csv(workshop.exports / f"{module.id}.csv").set_index("pseudonym")
    check_backend(request, folder)
    return SimpleNamespace(workshop=workshop, module=module, name=name, key=key, items=items,
                           homes=homes, status=status, csv=csv, instructor=instructor,
                           submitted_before=submitted_before)


def test_all_right_gets_every_autograded_point(cycle):
    for learner in ("juste", "par-zip"):
        row = cycle.csv.loc[learner]
        assert row.score == row.max_score - written_points(cycle.workshop, cycle.module), learner
        assert row.status == "manual"  # the written answer waits for the trainer


def test_all_wrong_gets_zero(cycle):
    assert cycle.csv.loc["faux"].score == 0


@pytest.mark.parametrize("learner, note", [("sans-reponses", "absent"),
                                           ("reponses-cassees", "illisible")])
def test_missing_or_corrupt_answers_give_zero_with_a_message(cycle, learner, note):
    row = cycle.csv.loc[learner]
    assert row.score == 0 and row.status == "graded" and note in row.notes


def test_a_broken_notebook_is_reported_and_the_others_are_graded(cycle):
    assert cycle.csv.loc["cahier-casse"].status == "failed"
    assert "illisible" in cycle.csv.loc["cahier-casse"].notes
    assert cycle.status == 1  # the trainer is told something needs a look
    assert set(cycle.csv.index) == set(LEARNERS)


def test_written_answer_reaches_the_manual_grading_view(cycle):
    autograded = cycle.workshop.autograded / "juste" / cycle.module.id / f"{cycle.name}.ipynb"
    notebook = nbformat.read(autograded, 4)
    written = [c for c in notebook.cells
               if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("written-")]
    item = written[0].metadata.nbgrader.grade_id.removeprefix("written-")
    saved = read_answers(answer_path(cycle.workshop.submitted / "juste" / cycle.module.id,
                                     cycle.name))
    text = saved[item]["value"]
    shown = json.dumps([o for c in written for o in c.outputs], ensure_ascii=False)
    assert html.escape(text) in shown and "Réponse enregistrée" in shown
    with gradebook(cycle.workshop) as book:
        grades = book.find_submission_notebook(cycle.name, cycle.module.id, "juste").grades
        assert [g.needs_manual_grade for g in grades if g.name.startswith("written-")] == [True]


def test_feedback_shows_answers_and_never_code(cycle):
    page = (cycle.workshop.feedback / "juste" / cycle.module.id / f"{cycle.name}.html").read_text()
    assert page.count("✔ Juste") == len([i for i in cycle.items.values()
                                          if i["type"] != "written"])
    assert "À corriger par le formateur" in page
    for forbidden in ("BEGIN HIDDEN", "check(", "answer(", "<script", "http://", "https://"):
        assert forbidden not in page


def hidden_lines(cycle) -> list[str]:
    """The key-bearing lines of the instructor's notebook (hidden tests and solutions)."""
    notebook = nbformat.read(cycle.workshop.source / cycle.module.id / f"{cycle.name}.ipynb", 4)
    return [line.strip() for c in notebook.cells for line in c.source.splitlines()
            if line.strip().startswith(("check(", "answer("))]


def test_no_key_in_release_or_in_learners_folders(cycle):
    lines = hidden_lines(cycle)
    assert len(lines) >= 7
    places = [cycle.workshop.release, cycle.workshop.exchange, cycle.homes, cycle.workshop.feedback]
    files = [p for place in places for p in place.rglob("*") if p.is_file()]
    assert files
    for path in files:
        content = path.read_bytes().decode("utf-8", "replace")
        assert "BEGIN HIDDEN TESTS" not in content and "BEGIN SOLUTION" not in content, path
        for line in lines:
            assert line not in content, (path, line)
    assert not list(cycle.workshop.release.rglob("*.answers.json"))


def test_learner_answers_are_never_replaced_by_the_instructors(cycle):
    for learner in ("juste", "faux", "par-zip"):
        mine = cycle.workshop.submitted / learner / cycle.module.id / f"{cycle.name}.answers.json"
        graded = cycle.workshop.autograded / learner / cycle.module.id / mine.name
        assert graded.read_bytes() == mine.read_bytes()
    assert cycle.instructor.read_bytes() != (
        cycle.workshop.autograded / "juste" / cycle.module.id / cycle.instructor.name).read_bytes()


def test_grading_leaves_submissions_untouched_and_reruns_the_same(cycle):
    assert tree_digest(cycle.workshop.submitted) == cycle.submitted_before
    csv_path = cycle.workshop.exports / f"{cycle.module.id}.csv"
    first = csv_path.read_text()
    assert course("grade", MODULE, "-w", cycle.workshop.path) == 1
    assert csv_path.read_text() == first
