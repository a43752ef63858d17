"""``course dashboard``: the counsellor's page, driven with the keyboard in Debian's Chromium.

A real ``course dashboard`` (its own process, the address with its token as printed) on a
French youth workshop. The counsellor releases module 01, three demo learners hand in (one
wrote a ``<script>`` as their written answer), the counsellor grades, marks two written answers
beside the rubric, releases feedback and opens the report. The marks are then read back with
nbgrader's own API and from the CSV export; the script showed as text and never ran; axe-core
finds nothing serious on the dashboard's pages; no request left the computer.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from course import learner as notebook_api
from course.workshop import open_workshop
from tests.browser import (
    free_port,
    needs_chromium,
    offline_page,
    printed_address,
    wait_for_http,
)
from tests.leftovers import alive, ends_with_the_test_run, kernels, snapshot, stop

pytestmark = pytest.mark.slow
MODULE = "01"
SCRIPT = "<script>window.pwned = 1; document.title = 'pwned'</script> Je vérifie la source."
COMMENTS = ("Bien vu : le sentiment et la pause.", "Pense à dire comment vérifier.")


@contextmanager
def running_dashboard(folder: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """``course dashboard`` on ``folder`` until the block ends: (printed address, process).
    Stopped as a counsellor's Ctrl+C would; nothing it started may be left running."""
    log = folder.parent / "dashboard.log"
    with log.open("a") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "course.cli", "dashboard", "-w", str(folder),
             "--no-browser", "--port", str(free_port())],
            cwd=folder.parent, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=ends_with_the_test_run())
    tree = {}
    try:
        address = printed_address(log, server)
        wait_for_http(address.split("?")[0] + "static/dashboard.css", server, log)
        yield address, server
        tree = snapshot(server.pid, itself=True)
    finally:
        stop(server)
    assert alive(tree) == {}, f"the dashboard left processes running: {alive(tree)}"


@pytest.fixture(scope="module")
def dashboard():
    from grading.create import create_workshop

    top = Path(tempfile.mkdtemp(prefix="course-dashboard-"))
    try:
        create_workshop(top / "atelier", "fr", "youth", [MODULE])
        with running_dashboard(top / "atelier") as (address, server):
            yield open_workshop(top / "atelier"), address, server
    finally:
        shutil.rmtree(top, ignore_errors=True)


def hand_in_three(workshop) -> list[str]:
    """Three demo learners hand module 01 in; the second one's written answer is a script."""
    from grading.demo import fill_demo

    module = workshop.module(MODULE)
    learners = sorted(fill_demo(workshop, module, 3))  # the page's order
    notes = json.loads((workshop.trainer / module.id / "feedback.json").read_text("utf-8"))
    (written,) = [item for item, note in notes.items() if note["type"] == "written"]
    notebook_api.setup(module.id, workshop.notebook("exercise"), workshop.lang,
                       workshop.audience, folder=workshop.submitted / learners[1] / module.id)
    notebook_api.answer(written, SCRIPT)
    return learners


def press(page, locator) -> None:
    """The keyboard's way: focus, then Enter."""
    locator.focus()
    page.keyboard.press("Enter")


def mark(page, score: str, comment: str) -> None:
    """Type a score and a comment, then save, with the keyboard only."""
    page.get_by_label("Note (de 0 à 4)").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(score)
    page.keyboard.press("Tab")  # to the comment
    page.keyboard.type(comment)
    page.keyboard.press("Tab")  # to the button
    page.keyboard.press("Enter")


def test_a_stranger_without_the_token_is_refused(dashboard):
    _, address, _ = dashboard
    bare = address.split("?", 1)[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(bare, timeout=30)
    assert refused.value.code == 403
    assert "Accès refusé" in refused.value.read().decode("utf-8")
    with pytest.raises(urllib.error.HTTPError) as wrong:
        urllib.request.urlopen(bare + "?token=devine", timeout=30)
    assert wrong.value.code == 403


@needs_chromium
def test_the_counsellor_runs_a_whole_module_with_the_keyboard(dashboard):
    from playwright.sync_api import expect

    from grading.nbgrader_setup import gradebook

    workshop, address, _ = dashboard
    module = workshop.module(MODULE)
    with offline_page("dashboard") as view:
        page = view.page
        page.goto(address)
        assert "token" not in page.url  # traded for a cookie, gone from the address bar
        expect(page.get_by_role("heading", name="Atelier", exact=True)).to_be_visible()
        assert view.axe() == []
        view.shot("workshop")
        message = page.locator("#travail-message")

        press(page, page.get_by_role("button", name="Distribuer"))
        expect(message).to_have_text(re.compile(f"Module {module.id} distribué"))
        table = page.locator("#rendus")
        expect(table).to_contain_text(f"Modules distribués : {module.id}")
        press(page, page.get_by_role("button", name="Distribuer"))  # twice: said plainly
        expect(message).to_have_text(re.compile(f"Le module {module.id} est déjà distribué"))
        expect(page.locator("#travail")).to_have_attribute("data-state", "failed")
        learners = hand_in_three(workshop)
        for learner in learners:  # the table refreshes by itself
            expect(table.get_by_role("row", name=re.compile(learner)).locator(
                "td.handed")).to_have_text("rendu")
        view.shot("handed-in")

        press(page, page.get_by_role("button", name="Corriger"))
        bar = page.get_by_role("progressbar", name=f"Corriger — {module.id}")
        expect(bar).to_be_visible()
        expect(bar).to_have_attribute("max", "3")  # one step per learner graded
        expect(page.get_by_role("button", name="Distribuer")).to_be_disabled()
        expect(message).to_have_text(re.compile(f"Module {module.id} corrigé"), timeout=300_000)
        expect(message).to_contain_text("Réponses écrites")
        assert view.axe() == []
        view.shot("graded")

        press(page, page.get_by_role("link", name="Réponses écrites"))
        expect(page.get_by_text("Réponse 1 sur 3")).to_be_visible()
        expect(page.get_by_role("heading", name="Grille de correction")).to_be_visible()
        expect(page.locator(".rubric")).to_contain_text("Nomme un sentiment")
        assert view.axe() == []
        view.shot("written-1")
        score = page.get_by_label("Note (de 0 à 4)")
        score.focus()
        page.keyboard.type("9")  # out of the rubric's range: refused, nothing saved
        page.keyboard.press("Enter")
        expect(page.get_by_role("alert")).to_contain_text("entre 0 et 4")
        with gradebook(workshop) as book:
            first = book.find_grade("written-ex-written", workshop.notebook("exercise"),
                                    module.id, learners[0])
            assert first.manual_score is None and first.needs_manual_grade
        mark(page, "3", COMMENTS[0])

        expect(page.get_by_text("Réponse 2 sur 3")).to_be_visible()
        shown = page.locator(".learner-text")
        expect(shown).to_have_text(SCRIPT)  # the learner's markup, as text
        assert page.evaluate("window.pwned") is None and page.title() != "pwned"
        view.shot("written-2-script")
        mark(page, "2,5", COMMENTS[1])
        expect(page.get_by_text("Réponse 3 sur 3")).to_be_visible()
        press(page, page.get_by_role("link", name="Précédente"))
        expect(page.get_by_label("Note (de 0 à 4)")).to_have_value("2.5")

        press(page, page.get_by_role("link", name="Atelier"))
        expect(page.get_by_role("heading", name="Atelier", exact=True)).to_be_visible()
        press(page, page.get_by_role("button", name="Rendre les retours"))
        expect(message).to_have_text(re.compile(r"3 retour\(s\) rendu\(s\)"), timeout=120_000)
        press(page, page.get_by_role("button", name="Faire le rapport"))
        expect(message).to_have_text(re.compile("Rapport prêt"), timeout=120_000)
        press(page, page.get_by_role("link", name="Rapport", exact=True))
        expect(page.get_by_role("heading", name="Rapport", exact=True)).to_be_visible()
        assert view.axe() == []
        press(page, page.get_by_role("link", name="Ouvrir le rapport"))
        expect(page.get_by_role("heading", name="Rapport de l'atelier")).to_be_visible()
        view.shot("report")

    name = workshop.notebook("exercise")
    with gradebook(workshop) as book:
        for learner, score, comment in zip(learners, (3.0, 2.5), COMMENTS, strict=False):
            grade = book.find_grade("written-ex-written", name, module.id, learner)
            assert grade.manual_score == score and not grade.needs_manual_grade
            assert book.find_comment("written-ex-written", name, module.id,
                                     learner).manual_comment == comment
        totals = {learner: book.find_submission(module.id, learner).score
                  for learner in learners}
    grades = pd.read_csv(workshop.exports / f"{module.id}.csv").set_index("pseudonym")
    for learner in learners[:2]:
        assert grades.loc[learner, "score"] == totals[learner]
    assert grades.loc[learners[2], "status"] == "manual"  # not marked yet
    french = pd.read_csv(workshop.exports / f"{module.id}-tableur-fr.csv", sep=";", decimal=",",
                         encoding="utf-8-sig").set_index("pseudonyme")
    for learner in learners[:2]:
        assert french.loc[learner, "points"] == totals[learner]
    assert french.loc[learners[2], "statut"] == "à corriger"
    page = (workshop.exports / f"retours-{module.id}" / f"{learners[0]}.html").read_text()
    assert COMMENTS[0] in page  # the feedback released carries the comment


@needs_chromium
def test_a_learners_data_is_exported_and_erased_only_once_confirmed(dashboard):
    from playwright.sync_api import expect

    from grading.learner_data import export_name
    from grading.nbgrader_setup import add_learners, gradebook

    workshop, address, _ = dashboard
    add_learners(workshop, ["moineau"])
    with offline_page("dashboard-learners") as view:
        page = view.page
        page.goto(address)
        press(page, page.get_by_role("link", name="Apprenants"))
        expect(page.get_by_role("row", name=re.compile("moineau"))).to_be_visible()
        assert view.axe() == []
        press(page, page.get_by_role("button", name="Exporter les données de moineau"))
        expect(page.get_by_role("status")).to_contain_text(export_name("moineau"))
        assert (workshop.exports / export_name("moineau")).is_file()
        link = page.get_by_role("link", name="Télécharger").get_attribute("href")
        download = page.request.get(urllib.parse.urljoin(page.url, link))
        assert download.headers["content-type"] == "application/zip"
        assert download.body() == (workshop.exports / export_name("moineau")).read_bytes()
        other = page.request.get(urllib.parse.urljoin(page.url, link.replace("moineau", "..")))
        assert other.status == 404  # only a pseudonym's own export, by its exact name
        view.shot("exported")

        press(page, page.get_by_role("link", name="Effacer les données de moineau"))
        expect(page.get_by_text("Cela ne peut pas être annulé")).to_be_visible()
        assert view.axe() == []
        page.get_by_label(re.compile("Pour confirmer")).focus()
        page.keyboard.type("moinea")  # a slip of the keyboard: nothing erased
        page.keyboard.press("Enter")
        expect(page.get_by_role("alert")).to_contain_text("rien n'a été effacé")
        with gradebook(workshop) as book:
            assert "moineau" in {s.id for s in book.students}
        page.get_by_label(re.compile("Pour confirmer")).focus()
        page.keyboard.type("moineau")
        page.keyboard.press("Enter")
        expect(page.get_by_role("status")).to_contain_text("« moineau » effacé")
        expect(page.get_by_role("row", name=re.compile("moineau"))).to_have_count(0)
        view.shot("erased")
    with gradebook(workshop) as book:
        assert "moineau" not in {s.id for s in book.students}


def test_stopping_the_dashboard_in_the_middle_of_grading_stops_every_kernel(tmp_path):
    import requests

    from grading.create import create_workshop
    from grading.demo import fill_demo

    workshop = create_workshop(tmp_path / "atelier", "fr", "youth", [MODULE])
    fill_demo(workshop, workshop.module(MODULE), 2)
    with running_dashboard(workshop.path) as (address, server):
        counsellor = requests.Session()
        page = counsellor.get(address, timeout=30)  # the token, traded for the cookie
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text)[1]
        started = counsellor.post(address.split("?")[0] + "etape", timeout=30, data={
            "_xsrf": xsrf, "step": "grade", "module": MODULE})
        assert started.ok
        deadline = time.monotonic() + 180
        while not kernels(server.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert kernels(server.pid), "grading never started a kernel"
        tree = snapshot(server.pid, itself=True)
        stop(server)  # as a Ctrl+C would, a learner's notebook still running
        assert alive(tree) == {}


def test_an_english_workshop_gets_it_in_english_and_a_bad_request_changes_nothing(tmp_path):
    import requests

    from grading.create import create_workshop

    workshop = create_workshop(tmp_path / "workshop", "en", "senior", [MODULE])
    with running_dashboard(workshop.path) as (address, _):
        counsellor = requests.Session()
        page = counsellor.get(address, timeout=30)
        assert page.ok and 'lang="en"' in page.text
        assert "Written answers" in page.text and "Réponses" not in page.text
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text)[1]
        step = address.split("?")[0] + "etape"
        unknown = counsellor.post(step, timeout=30, headers={"Accept": "application/json"},
                                  data={"_xsrf": xsrf, "step": "release", "module": "99"})
        assert unknown.status_code == 400 and unknown.json()["state"] == "refused"
        assert "99" in unknown.json()["message"] and "Traceback" not in unknown.text
        forged = counsellor.post(step, timeout=30, data={"step": "release", "module": MODULE})
        assert forged.status_code == 403  # no XSRF token: another page cannot press a button
        marked = counsellor.post(address.split("?")[0] + "reponses", timeout=30, data={
            "_xsrf": xsrf, "module": "99", "learner": "x", "item": "y", "index": "z",
            "score": "1"})
        assert marked.status_code == 400 and 'role="alert"' in marked.text
        assert "99" in marked.text and "Traceback" not in marked.text
        status = counsellor.get(step + "/etat", timeout=30).json()
        assert status == {"state": "idle"}
    assert not (workshop.exchange / "atelier" / "outbound").exists()  # nothing was released
