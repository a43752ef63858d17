"""The trainer's verbs after grading, on ``course demo`` learners graded once in parallel:
CSV exports for tools and for French spreadsheets, feedback handed back, a learner's data
exported and erased without trace, and a grader killed with ``kill -9`` then run again."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from course.workshop import open_workshop
from grading.export import for_counsellor, write_csv
from grading.nbgrader_setup import gradebook
from tests.helpers import course
from tests.postgres import BACKENDS, check_backend, db_args

pytestmark = pytest.mark.slow
MODULE = "01"


@pytest.fixture(scope="module", params=BACKENDS)
def graded(tmp_path_factory, request) -> SimpleNamespace:
    folder = tmp_path_factory.mktemp("trainer") / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "youth", "--modules", MODULE,
                  *db_args(request, "trainer")) == 0
    assert course("demo", MODULE, "-w", folder, "--learners", 4) == 0
    assert course("grade", MODULE, "-w", folder, "--workers", 2) == 0
    check_backend(request, folder)
    workshop = open_workshop(folder)
    module = workshop.module(MODULE)
    plain = workshop.exports / f"{module.id}.csv"
    return SimpleNamespace(workshop=workshop, module=module, plain=plain,
                           french=workshop.exports / f"{module.id}-tableur-fr.csv",
                           first=pd.read_csv(plain).set_index("pseudonym"))


def test_french_spreadsheet_csv_has_bom_semicolons_and_decimal_commas(graded):
    raw = graded.french.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    header = raw[3:].decode("utf-8").splitlines()[0]
    assert header == "pseudonyme;module;statut;points;points_max;remarques"
    french = pd.read_csv(graded.french, sep=";", decimal=",", encoding="utf-8-sig")
    plain = pd.read_csv(graded.plain)
    assert set(french["statut"]) <= {"corrigé", "à corriger", "manquant", "non corrigé"}
    statuses = {"graded": "corrigé", "manual": "à corriger", "missing": "manquant",
                "failed": "non corrigé"}
    pd.testing.assert_frame_equal(french, plain.assign(status=plain["status"].map(statuses))
                                  .set_axis(french.columns, axis=1))
    assert ";12,0;" in raw.decode("utf-8-sig")


def test_the_spreadsheet_speaks_the_workshops_language():
    table = pd.DataFrame({"pseudonym": ["p", "q", "r"], "module": ["01"] * 3,
                          "status": ["missing", "manual", "graded"], "score": [None, 1.0, 2.0],
                          "max_score": [None, 2.0, 2.0], "notes": ["", "", ""]})
    french = for_counsellor(table, "fr")
    assert list(french.columns) == ["pseudonyme", "module", "statut", "points", "points_max",
                                    "remarques"]
    assert list(french["statut"]) == ["manquant", "à corriger", "corrigé"]
    pd.testing.assert_frame_equal(for_counsellor(table, "en"), table)


def test_csv_quotes_separators_quotes_line_breaks_and_formulas(tmp_path):
    tricky = ["a;b", 'il a dit "non"', "ligne 1\nligne 2", "=HYPERLINK(\"x\")", "été 🙂"]
    table = pd.DataFrame({"pseudonym": ["p"] * len(tricky), "notes": tricky,
                          "score": [1.5] * len(tricky)})
    french = write_csv(table, tmp_path / "fr.csv", french_spreadsheet=True)
    rows = list(csv.reader(io.StringIO(french.read_text("utf-8-sig"), newline=""),
                           delimiter=";"))
    assert [r[1] for r in rows[1:]] == tricky[:3] + ["'" + tricky[3], tricky[4]]
    assert {r[2] for r in rows[1:]} == {"1,5"}
    plain = write_csv(table, tmp_path / "plain.csv")
    assert pd.read_csv(plain).notes.tolist() == tricky


def test_release_feedback_hands_back_one_clean_page_per_learner(graded):
    assert course("release-feedback", MODULE, "-w", graded.workshop.path) == 0
    folder = graded.workshop.exports / f"retours-{graded.module.id}"
    pages = sorted(p.stem for p in folder.glob("*.html"))
    assert pages == sorted(graded.first.index)
    for page in folder.glob("*.html"):
        text = page.read_text("utf-8")
        assert "Votre réponse" in text or "Ta réponse" in text or "réponse" in text
        for forbidden in ("BEGIN HIDDEN", "check(", "<script", "http://", "https://"):
            assert forbidden not in text


def test_report_numbers_match_a_hand_count_of_the_demo_profiles(graded):
    # demo profiles in order: right, wrong, partial (every other item right), no answers
    assert course("report", MODULE, "-w", graded.workshop.path) == 0
    items = pd.read_csv(graded.workshop.exports / "rapport-items.csv")
    assert len(items) == 8 and set(items.module) == {graded.module.id}
    # first item: right and partial got it, 2 of 4; second: only "right" did, 1 of 4
    difficulty = items.set_index("item").difficulty
    assert (difficulty["ex-first-step"], difficulty["ex-which-feeling"]) == (0.5, 0.25)
    page = (graded.workshop.exports / "rapport.html").read_text("utf-8")
    # "pause" is ex-first-step's only skill: 2 of 4 learners got its one point
    assert "<tr><td>faire une pause avant de partager</td><td class=\"n\">50%</td></tr>" in page
    assert page.count("data:image/png;base64,") == 1 and "<script" not in page
    # 2 reliable and 2 unreliable posts rated: all right -> H = 2.5/3, F = 0.5/3, d' = 1.93;
    # all wrong -> -1.93; partial (reliable ones right, unreliable wrong) -> H = F, d' = 0;
    # the learner who saved nothing is left out
    for learner, rates in (("demo-renard-01", "0.83</td><td class=\"n\">0.17</td><td "
                            "class=\"n\">1.93"),
                           ("demo-loutre-02", "0.17</td><td class=\"n\">0.83</td><td "
                            "class=\"n\">-1.93"),
                           ("demo-hibou-03", "0.83</td><td class=\"n\">0.83</td><td "
                            "class=\"n\">0.00")):
        assert f"<tr><td>{learner}</td><td class=\"n\">{rates}</td>" in page
    discernment = page.split("<h3>Vrai ou faux : discernement</h3>", 1)[1].split("</table>")[0]
    assert "<tr><td>demo-castor-04</td>" not in discernment
    assert "http://" not in page and "https://" not in page
    helped = sorted(graded.first.index[(graded.first.score / 8) < 0.5])
    for learner in helped:
        assert f"<li>{learner}</li>" in page


def test_anonymised_exports_pool_without_any_pseudonym(graded, tmp_path):
    exports = []
    for n in range(2):  # two workshops, or the same one exported twice: tokens never repeat
        assert course("report", MODULE, "-w", graded.workshop.path) == 0
        exports.append(shutil.copy(graded.workshop.exports / "rapport-anonyme.csv",
                                   tmp_path / f"atelier-{n}.csv"))
    tables = [pd.read_csv(path, dtype=str) for path in exports]
    assert not set(tables[0].learner) & set(tables[1].learner)
    for learner in graded.first.index:
        assert all(learner not in Path(p).read_text("utf-8") for p in exports)
    assert course("report", "--pool", *exports, "--out", tmp_path / "commun") == 0
    page = (tmp_path / "commun" / "rapport-commun.html").read_text("utf-8")
    assert "8 apprenant(s)" in page and "<li>" not in page
    # discernment of the pool: the three learners who rated, twice; only the group's mean
    # (right, wrong and partial: hit rates 0.83, 0.17, 0.83; false alarms 0.17, 0.83, 0.83)
    row = re.search(r"<tr><td>groupe \(moyenne de 6\)</td><td class=\"n\">([-\d.]+)</td>"
                    r"<td class=\"n\">([-\d.]+)</td><td class=\"n\">([-\d.]+)</td>", page)
    assert row and [float(v) for v in row.groups()] == pytest.approx([0.61, 0.61, 0.0], abs=0.006)
    assert page.count("<tr><td>groupe") == 1


def all_bytes(folder: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in folder.rglob("*") if p.is_file()]


def test_learner_export_holds_their_work_grades_and_feedback(graded):
    learner = graded.first.index[0]
    assert course("learner", "export", learner, "-w", graded.workshop.path) == 0
    archive = graded.workshop.exports / f"donnees-{learner}.zip"
    with zipfile.ZipFile(archive) as handle:
        names = handle.namelist()
        record = handle.read("gradebook.json").decode("utf-8")
        rows = handle.read(f"exports/{graded.module.id}.csv").decode("utf-8")
    name = graded.workshop.notebook("exercise")
    assert f"submitted/{learner}/{graded.module.id}/{name}.ipynb" in names
    assert f"autograded/{learner}/{graded.module.id}/{name}.ipynb" in names
    assert f"feedback/{learner}/{graded.module.id}/{name}.html" in names
    assert f'"id": "{learner}"' in record and '"score"' in record
    assert rows.count("\n") == 2 and learner in rows
    others = [n for n in names if any(o in n for o in graded.first.index if o != learner)]
    assert not others
    archive.unlink()


def test_learner_erase_leaves_no_trace_and_keeps_the_others(graded):
    learner, *others = graded.first.index
    assert course("learner", "erase", learner, "-w", graded.workshop.path) == 0
    needle = learner.encode("utf-8")
    for path, content in all_bytes(graded.workshop.path):
        assert learner not in str(path) and needle not in content, path
    with gradebook(graded.workshop) as book:
        assert sorted(s.id for s in book.students) == sorted(others)
        assert all(book.find_submission(graded.module.id, o).score is not None for o in others)
    assert course("learner", "erase", learner, "-w", graded.workshop.path) == 2


def left_in_session(session: int, wait: float = 10) -> list[str]:
    """Live processes of a session, once they had ``wait`` seconds to die."""
    deadline = time.time() + wait
    while True:
        table = subprocess.run(["ps", "-eo", "sid=,stat=,pid="], capture_output=True,
                               text=True).stdout.split("\n")
        alive = [line for line in table if line.split()[:1] == [str(session)]
                 and not line.split()[1].startswith("Z")]
        if not alive or time.time() > deadline:
            return alive
        time.sleep(0.2)


def test_a_grader_killed_mid_run_is_run_again_to_completion(graded):
    folder = graded.workshop.path
    started = time.time()
    grader = subprocess.Popen(
        [sys.executable, "-c", f"from course.cli import main; main(['grade', '{MODULE}', "
         f"'-w', {str(folder)!r}, '--workers', '2'])"], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    done = []
    while not done and time.time() - started < 120:
        time.sleep(0.2)
        done = [p for p in (folder / "autograded").rglob("*.ipynb")
                if p.stat().st_mtime > started]
    os.kill(grader.pid, signal.SIGKILL)
    grader.wait()
    assert done, "the grader never got to grade anyone"
    assert not left_in_session(grader.pid)  # its workers died with it
    assert course("grade", MODULE, "-w", folder) == 0
    again = pd.read_csv(graded.plain).set_index("pseudonym")
    expected = graded.first.drop(index=graded.first.index[0])
    pd.testing.assert_frame_equal(again.drop(columns="notes"), expected.drop(columns="notes"))


def test_feedback_reaches_a_learner_who_handed_in_through_the_exchange(graded, tmp_path):
    folder, module = graded.workshop.path, graded.module
    assert course("release", MODULE, "-w", folder) == 0
    home = tmp_path / "maison"
    home.mkdir()
    exchange = [f"--Exchange.root={graded.workshop.exchange}",
                "--CourseDirectory.course_id=atelier"]
    for step in (["fetch_assignment", module.id], ["submit", module.id, "--student=eleve"]):
        subprocess.run([sys.executable, "-m", "nbgrader", *step, *exchange], cwd=home,
                       check=True, capture_output=True)
    assert course("collect", MODULE, "-w", folder) == 0
    assert course("grade", MODULE, "-w", folder) == 0
    assert course("release-feedback", MODULE, "-w", folder) == 0
    subprocess.run([sys.executable, "-m", "nbgrader", "fetch_feedback", module.id,
                    "--student=eleve", *exchange], cwd=home, check=True, capture_output=True)
    pages = list((home / module.id / "feedback").rglob("*.html"))
    assert len(pages) == 1 and "BEGIN HIDDEN" not in pages[0].read_text("utf-8")
    assert "eleve" in pages[0].read_text("utf-8")
