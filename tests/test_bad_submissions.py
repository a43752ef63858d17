"""A corpus of broken and hostile submissions, graded in one ``course grade`` run.

Every case starts from a learner who saved every right answer and then breaks or attacks
something; two honest learners are graded beside them. Each case asserts its status, what the
sandbox kept from happening, that the honest learners' scores did not move, and that nothing
under ``submitted/`` changed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from course import learner as notebook_api
from course.items import read_localized
from course.workshop import open_workshop
from grading.demo import planned_answers
from grading.sandbox import isolation, own_user_possible
from grading.solutions import solution_run
from tests.helpers import course, tree_digest, written_points

pytestmark = pytest.mark.slow
MODULE = "01"
SECRET = "jeton-tres-secret-4242"
CELL_SECONDS = 4


def edit_notebook(change: Callable[[dict], None]) -> Callable[[Path, str], None]:
    """A case that edits the notebook's JSON as a learner's editor could."""
    def apply(folder: Path, name: str) -> None:
        path = folder / f"{name}.ipynb"
        data = json.loads(path.read_text("utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return apply


def answer_code(code: str) -> Callable[[Path, str], None]:
    """A case where the learner types ``code`` into the first answer cell."""
    def change(data: dict) -> None:
        cell = next(c for c in data["cells"]
                    if c["metadata"].get("nbgrader", {}).get("grade_id", "").startswith("answer-"))
        cell["source"] = "".join(cell["source"]) + "\n" + code
    return edit_notebook(change)


def write_file(name: str, content: str | bytes) -> Callable[[Path, str], None]:
    def apply(folder: Path, notebook: str) -> None:
        target = folder / name.format(nb=notebook)
        data = content.encode("utf-8") if isinstance(content, str) else content
        target.write_bytes(data)
    return apply


def drop_cells(prefix: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        data["cells"] = [c for c in data["cells"] if not c["metadata"].get(
            "nbgrader", {}).get("grade_id", "").startswith(prefix)]
    return change


def blank_tests(data: dict) -> None:
    for cell in data["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id", "").startswith("test-"):
            cell["source"] = "pass  # toujours juste"


def duplicate_ids(data: dict) -> None:
    for cell in data["cells"]:
        cell["id"] = "meme-id"


def other_kernel(data: dict) -> None:
    data["metadata"]["kernelspec"] = {"name": "ruby", "display_name": "Ruby", "language": "ruby"}


def huge_output(folder: Path, name: str) -> None:
    path = folder / f"{name}.ipynb"
    data = json.loads(path.read_text("utf-8"))
    data["cells"][0]["outputs"] = [{"output_type": "stream", "name": "stdout",
                                    "text": "x" * (200 * 1024**2)}]
    path.write_text(json.dumps(data), "utf-8")


EVERYTHING_EQUAL = """
class Partout:
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
def check(item_id, key):
    print(item_id, Partout() == key)
import course.widgets
course.widgets.is_right = lambda *args: True
"""
FORK_BOMB = "import os\nwhile True:\n    os.fork()"
MEMORY_BOMB = "blocs = []\nwhile True:\n    blocs.append(bytearray(256 * 1024**2))"
BIG_WRITE = ("with open('gros.bin', 'wb') as f:\n    for _ in range(1024):\n"
             "        f.write(b'0' * 1024**2)")
PLANTED = "raise SystemExit('fichier planté importé')\n"

#: case -> (what the learner does, expected status, score: "right" | "zero" | None)
CASES: dict[str, tuple[Callable[[Path, str], None] | None, str, str | None]] = {
    "temoin-1": (None, "manual", "right"),
    "temoin-2": (None, "manual", "right"),
    "pas-du-json": (write_file("{nb}.ipynb", "ceci n'est pas du JSON"), "failed", None),
    "fichier-vide": (write_file("{nb}.ipynb", ""), "failed", None),
    "cellules-supprimees": (edit_notebook(drop_cells("answer-")), "manual", "right"),
    "tests-modifies": (edit_notebook(blank_tests), "manual", "right"),
    "tests-supprimes": (edit_notebook(drop_cells("test-")), "manual", "right"),
    "ids-en-double": (edit_notebook(duplicate_ids), "manual", "right"),
    "autre-noyau": (edit_notebook(other_kernel), "manual", "right"),
    "boucle-infinie": (answer_code("while True:\n    pass"), "manual", "right"),
    "longue-pause": (answer_code("import time\ntime.sleep(3600)"), "manual", "right"),
    "bombe-memoire": (answer_code(MEMORY_BOMB), "manual", "right"),
    "bombe-fork": (answer_code(FORK_BOMB), "manual", "right"),
    "deluge-sortie": (answer_code("while True:\n    print('x' * 10000)"), "manual", "right"),
    "ecrit-1-go": (answer_code(BIG_WRITE), "manual", "right"),
    "reseau": (answer_code("import socket\nsocket.create_connection(('127.0.0.1', PORT), 2)"),
               "manual", "right"),
    "variables-env": (answer_code("import os\nprint(dict(os.environ))"), "manual", "right"),
    "egal-a-tout": (answer_code(EVERYTHING_EQUAL), "manual", "zero"),  # all answers wrong
    "pandas-plante": (write_file("pandas.py", PLANTED), "manual", "right"),
    "sitecustomize-plante": (write_file("sitecustomize.py", PLANTED), "manual", "right"),
    "course-plante": (write_file("course.py", PLANTED), "manual", "right"),
    "reponses-corrompues": (write_file("{nb}.answers.json", '{"items": {"ex-'), "graded",
                            "zero"),
    "reponses-mal-typees": (write_file("{nb}.answers.json", json.dumps(
        {"format": 1, "items": {"ex-first-step": {"value": 42},
                                "ex-warning-signs": {"value": "pas une liste"}}})),
                            "graded", "zero"),
    "accents-emoji": (answer_code("# Ça marche très bien 🎉🙂 — déjà vu « là »\nprint('été 🌞')"),
                      "manual", "right"),
    "cahier-200-mo": (huge_output, "failed", None),
}


if not own_user_possible():  # no process limit here: a real fork bomb would hurt the machine
    del CASES["bombe-fork"]


class Listener:
    """A TCP server on the trainer's loopback: a sandboxed kernel must never reach it."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.server.settimeout(0.5)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.server.accept()[0].close()
                self.connections += 1
            except TimeoutError:
                continue

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.server.close()


def hand_in(workshop, module, learner: str, plan: dict, case, port: int) -> None:
    """The right answers saved through the widgets' code, then the case's damage."""
    name = workshop.notebook("exercise")
    folder = workshop.submitted / learner / module.id
    shutil.copytree(workshop.release / module.id, folder)
    (folder / "timestamp.txt").write_text(datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
    notebook_api.setup(module.id, name, workshop.lang, workshop.audience, folder=folder)
    for item_id, value in plan.items():
        notebook_api.answer(item_id, "Ça va 🙂, j'ai vérifié la source." if isinstance(
            value, str) and item_id == "ex-written" else value)
    if case:
        case(folder, name)
        notebook = folder / f"{name}.ipynb"
        if notebook.stat().st_size < 10**6:
            notebook.write_text(notebook.read_text("utf-8").replace("PORT", str(port)), "utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> SimpleNamespace:
    tmp = tmp_path_factory.mktemp("bad")
    folder = tmp / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "youth", "--modules", MODULE) == 0
    workshop = open_workshop(folder)
    module = workshop.module(MODULE)
    with (folder / "nbgrader_config.py").open("a") as config:
        config.write(f"c.Execute.timeout = {CELL_SECONDS}\n")
    assert course("release", MODULE, "-w", folder) == 0
    _, key = solution_run(workshop, module)
    items = read_localized(workshop.release / module.id / f"{workshop.notebook('exercise')}"
                                                          ".items.json")
    plans = {profile: planned_answers(items, key, profile, random.Random(0), "fr")
             for profile in ("right", "wrong")}
    listener = Listener()
    for learner, (case, _, _) in CASES.items():
        profile = "wrong" if learner == "egal-a-tout" else "right"
        hand_in(workshop, module, learner, plans[profile], case, listener.port)
    from grading.nbgrader_setup import add_learners

    add_learners(workshop, list(CASES))
    before = tree_digest(workshop.submitted)
    os.environ["COURSE_TEST_SECRET"] = SECRET
    try:
        status = course("grade", MODULE, "-w", folder)
    finally:
        del os.environ["COURSE_TEST_SECRET"]
        listener.close()
    csv = pd.read_csv(workshop.exports / f"{module.id}.csv").set_index("pseudonym")
    return SimpleNamespace(workshop=workshop, module=module, status=status, csv=csv,
                           before=before, listener=listener,
                           right=csv.loc["temoin-1"].max_score - written_points(workshop, module))


def autograded_text(graded, learner: str) -> str:
    path = (graded.workshop.autograded / learner / graded.module.id
            / f"{graded.workshop.notebook('exercise')}.ipynb")
    return path.read_text("utf-8")


@pytest.mark.parametrize("learner", list(CASES))
def test_each_case_gets_its_status_and_score(graded, learner):
    _, status, score = CASES[learner]
    row = graded.csv.loc[learner]
    assert row.status == status, (learner, row.notes)
    if score == "right":
        assert row.score == graded.right, (learner, row.notes)
    elif score == "zero":
        assert row.score == 0, (learner, row.notes)


def test_nothing_under_submitted_changed_and_honest_learners_keep_full_marks(graded):
    assert tree_digest(graded.workshop.submitted) == graded.before
    for learner in ("temoin-1", "temoin-2"):
        assert graded.csv.loc[learner].score == graded.right
    assert graded.status == 1  # some could not be graded: the trainer is told


@pytest.mark.parametrize("learner, words", [
    ("pas-du-json", "illisible"), ("fichier-vide", "illisible"), ("cahier-200-mo", "trop gros"),
    ("boucle-infinie", "temps"), ("longue-pause", "temps"), ("deluge-sortie", "trop affiché"),
    ("bombe-memoire", "mémoire"), ("egal-a-tout", "ne correspondent pas"),
    ("reponses-corrompues", "illisible"),
])
def test_the_trainer_is_told_why(graded, learner, words):
    assert words in graded.csv.loc[learner].notes


def test_learner_code_has_no_network_no_secrets_and_no_planted_module(graded):
    assert graded.listener.connections == 0
    assert "Network is unreachable" in autograded_text(graded, "reseau") or \
        isolation().mode not in ("root", "user-namespace")
    shown = autograded_text(graded, "variables-env")
    assert "PYTHONSAFEPATH" in shown and SECRET not in shown
    for learner in ("pandas-plante", "sitecustomize-plante", "course-plante"):
        assert "fichier planté importé" not in autograded_text(graded, learner)


def test_a_big_write_stops_at_the_size_limit_in_the_sandbox_only(graded):
    assert "File too large" in autograded_text(graded, "ecrit-1-go")
    assert not list(graded.workshop.path.rglob("gros.bin"))  # written in its own folder
    assert "🎉" in autograded_text(graded, "accents-emoji")
