"""The dashboard's pieces without a browser: who handed in what (the exchange, ``submitted/``,
the roster), and a step's failure said as the command line says it, one step at a time."""

from __future__ import annotations

import errno
import threading

import pytest

from course.dashboard import state
from course.dashboard.jobs import DONE, FAILED, Busy, Jobs
from course.errors import CourseError

MODULE = "01-premiers-pas"


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    from grading.create import create_workshop

    folder = tmp_path_factory.mktemp("etat") / "atelier"
    roster = folder.parent / "liste.csv"
    roster.write_text("pseudo\nrenard\nloutre\nhibou\n")
    return create_workshop(folder, "fr", "youth", ["01"], roster)


def test_each_learner_shows_where_their_work_is(workshop):
    inbound = workshop.exchange / state.COURSE_ID / "inbound"
    (inbound / f"loutre+{MODULE}+2026-12-02 10:00:00.000000 UTC+abc").mkdir(parents=True)
    (inbound / f"Pas-Un-Pseudo+{MODULE}+2026-12-02 10:00:00.000000 UTC+abc").mkdir()
    (workshop.submitted / "renard" / MODULE).mkdir(parents=True)
    (workshop.submitted / "..autre" / MODULE).mkdir(parents=True)
    modules, learners, cells = state.hand_ins(workshop)
    assert modules == [MODULE] and learners == ["hibou", "loutre", "renard"]
    assert {name: cells[(name, MODULE)].word for name in learners} == {
        "hibou": "rien rendu", "loutre": "déposé, à récupérer", "renard": "rendu"}


def run(jobs: Jobs, work) -> dict:
    job = jobs.start("Corriger", work)
    while job.state not in (DONE, FAILED):
        threading.Event().wait(0.02)
    return jobs.status()


def test_a_failed_step_says_why_in_plain_words_and_a_second_one_waits():
    jobs = Jobs()
    said = run(jobs, lambda progress: (_ for _ in ()).throw(CourseError("Rien à corriger.")))
    assert said["state"] == FAILED and said["message"] == "Rien à corriger."
    full = OSError(errno.ENOSPC, "No space left on device", "/atelier/exports/01.csv")
    said = run(jobs, lambda progress: (_ for _ in ()).throw(full))
    assert said["message"].startswith("Disque plein : /atelier/exports/01.csv")
    said = run(jobs, lambda progress: {}["absent"])
    assert said["state"] == FAILED and "KeyError" in said["message"]
    assert "Traceback" not in said["message"]

    release = threading.Event()
    jobs.start("Corriger", lambda progress: (progress(1, 3), release.wait(10), "fini")[-1])
    with pytest.raises(Busy, match="« Corriger » est en cours"):
        jobs.start("Distribuer", lambda progress: "non")
    while jobs.status()["total"] == 0:  # the bar: one of three learners done
        threading.Event().wait(0.02)
    assert jobs.status()["state"] == "running"
    assert (jobs.status()["done"], jobs.status()["total"]) == (1, 3)
    release.set()
    while jobs.status()["state"] == "running":
        threading.Event().wait(0.02)
    assert jobs.status()["message"] == "fini"
