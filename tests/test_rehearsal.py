"""``course demo`` is a rehearsal, kept apart from real results: in a workshop with real
learners it goes into a copy beside it; asked to run in the workshop itself, its made-up
learners still get no certificate and stay out of the report. It prints no ipykernel warning."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from course.printing.certificates import certificates
from course.workshop import open_workshop
from tests.helpers import MINI, course, tree_digest

ROSTER = ["ana", "bruno"]


def new_workshop(base: Path) -> Path:
    roster = base / "liste.csv"
    roster.write_text("pseudonyme\n" + "\n".join(ROSTER) + "\n", "utf-8")
    folder = base / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "senior", "--roster", roster,
                  "--content", MINI) == 0
    return folder


def test_a_demo_in_a_workshop_with_real_learners_goes_into_a_rehearsal_copy(tmp_path, capfd):
    folder = new_workshop(tmp_path)
    capfd.readouterr()
    before = tree_digest(folder)
    assert course("demo", "01", "-w", folder, "--learners", 2) == 0
    said = capfd.readouterr()
    assert tree_digest(folder) == before  # the real workshop is untouched
    copy = open_workshop(tmp_path / "atelier-repetition")
    assert (copy.lang, copy.audience, copy.modules) == ("fr", "senior", ["01-essai"])
    assert copy.learners == [] and len(list(copy.submitted.iterdir())) == 2
    assert "la répétition se fait à part" in said.out and "-w " in said.out
    # the solution run's kernel talks over a socket file: ipykernel has nothing to warn about
    assert "running over TCP" not in said.err + said.out


@pytest.mark.slow
def test_demo_learners_in_the_workshop_reach_no_certificate_nor_the_report(tmp_path):
    folder = new_workshop(tmp_path)
    assert course("demo", "01", "-w", folder, "--learners", 2, "--dans-l-atelier") == 0
    workshop = open_workshop(folder)
    demos = sorted(p.name for p in workshop.submitted.iterdir())
    assert all(d.startswith("demo-") for d in demos) and len(demos) == 2
    shutil.copytree(workshop.submitted / demos[0], workshop.submitted / "ana")  # a real hand-in
    assert course("grade", "01", "-w", folder, "--workers", 2) == 0
    assert [c.pseudonym for c in certificates(workshop, [workshop.module("01")])] == ["ana"]
    assert course("report", "-w", folder) == 0
    page = (workshop.exports / "rapport.html").read_text("utf-8")
    assert "demo-" not in page
    assert "<tr><td>ana</td>" in page and "<tr><td>bruno</td>" in page
    anonymous = pd.read_csv(workshop.exports / "rapport-anonyme.csv")
    assert anonymous["learner"].nunique() == 1


def test_a_roster_may_not_use_the_demo_prefix(tmp_path, capsys):
    roster = tmp_path / "liste.csv"
    roster.write_text("pseudonyme\nana\ndemo-renard-01\n", "utf-8")
    assert course("new", tmp_path / "atelier", "--lang", "fr", "--audience", "senior",
                  "--roster", roster, "--content", MINI) == 2
    assert "réservé aux apprenants simulés" in capsys.readouterr().err
    assert not (tmp_path / "atelier").exists()
