"""``course learner export|erase`` touch one learner and nothing else.

Workshop file names (``gradebook``, ``source``...) used to pass for learners and each erase
deleted part of the workshop; erasing the two-letter pseudonym ``le`` deleted every export whose
bytes held "le". Here three learners, ``alexandre``, ``leila`` and ``le``, hand in module 01
(``course demo``'s submissions, under their names), are graded and reported on; then every
workshop name is refused with nothing changed, and ``le`` is erased while the others keep every
page, row and export of theirs.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from course.hub.accounts import ensure_accounts, load_accounts
from course.hub.homes import home_of
from course.hub.slips import write_slips
from course.workshop import open_workshop
from grading.nbgrader_setup import gradebook
from tests.helpers import course, tree_digest

pytestmark = pytest.mark.slow
MODULE = "01"
LEARNERS = ["alexandre", "leila", "le"]
NOT_LEARNERS = ["gradebook", "source", "workshop", "exercice", "feedback", "01-premiers-pas",
                "donnees-alexandre", "..", "submitted/le"]


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> SimpleNamespace:
    base = tmp_path_factory.mktemp("learner-data")
    roster = base / "liste.csv"
    roster.write_text("pseudonyme\n" + "\n".join(LEARNERS) + "\n", "utf-8")
    folder = base / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "youth", "--modules", MODULE,
                  "--roster", roster) == 0
    assert course("demo", MODULE, "-w", folder, "--learners", len(LEARNERS),
                  "--dans-l-atelier") == 0
    workshop = open_workshop(folder)
    demos = sorted(workshop.submitted.iterdir())
    for demo, learner in zip(demos, LEARNERS, strict=True):
        demo.rename(workshop.submitted / learner)  # handed in under the roster's names
    with gradebook(workshop) as book:
        for demo in demos:
            book.remove_student(demo.name)
    assert course("grade", MODULE, "-w", folder, "--workers", 2) == 0
    assert course("report", "-w", folder) == 0
    assert course("release-feedback", MODULE, "-w", folder) == 0
    assert course("learner", "export", "alexandre", "-w", folder) == 0
    ensure_accounts(workshop)  # the hub's accounts and the sheet of login slips
    write_slips(workshop, "http://127.0.0.1:8000")
    for learner in LEARNERS:
        home = home_of(workshop, learner)
        home.mkdir(parents=True)
        (home / "notes.txt").write_text(f"notes de {learner}", "utf-8")
    return SimpleNamespace(workshop=workshop, module=workshop.module(MODULE))


def report_learners(page: Path) -> set[str]:
    """Pseudonyms the report names in its tables and its "who may need help" list."""
    text = page.read_text("utf-8")
    return set(re.findall(r"<tr><td>([a-z0-9_-]+)</td>", text)) | set(
        re.findall(r"<li>([a-z0-9_-]+)</li>", text))


@pytest.mark.parametrize("name", NOT_LEARNERS)
def test_a_name_that_is_not_a_learner_is_refused_and_nothing_is_touched(room, capsys, name):
    before = tree_digest(room.workshop.path)
    for verb in ("erase", "export"):
        assert course("learner", verb, name, "-w", room.workshop.path) == 2
        said = capsys.readouterr()
        assert "n'est pas un apprenant" in said.err + said.out
        assert tree_digest(room.workshop.path) == before, verb


def test_export_of_source_never_zips_the_keys(room):
    assert course("learner", "export", "source", "-w", room.workshop.path) == 2
    assert not list(room.workshop.exports.glob("donnees-source*"))


def test_export_holds_only_the_learners_own_files(room):
    with zipfile.ZipFile(room.workshop.exports / "donnees-alexandre.zip") as archive:
        names = archive.namelist()
    assert names[0] == "gradebook.json"
    own = ("submitted/alexandre/", ".grading/graded/alexandre/", "autograded/alexandre/",
           "feedback/alexandre/", "exports/")
    assert names[1:] and all(n.startswith(own) for n in names[1:]), names
    assert not [n for n in names if n.startswith(("source/", "release/", "trainer/"))]


def test_a_link_in_a_learners_folder_is_not_followed_by_export(room, tmp_path):
    secret = room.workshop.path / "nbgrader_config.py"
    link = room.workshop.submitted / "leila" / room.module.id / "notes.txt"
    link.symlink_to(secret)
    target = tmp_path / "leila.zip"
    try:
        from grading.learner_data import export_learner
        export_learner(room.workshop, "leila", target)
    finally:
        link.unlink()
    with zipfile.ZipFile(target) as archive:
        assert f"submitted/leila/{room.module.id}/notes.txt" not in archive.namelist()
        assert all(secret.read_bytes() not in archive.read(n) for n in archive.namelist())


def test_erasing_a_two_letter_pseudonym_keeps_the_others_pages_rows_and_exports(room):
    workshop = room.workshop
    exports = workshop.exports
    assert report_learners(exports / "rapport.html") >= set(LEARNERS)
    others = {p: p.read_bytes() for p in workshop.path.rglob("*")
              if p.is_file() and "/le/" not in str(p) and exports not in p.parents}
    graded_roots = (workshop.submitted, workshop.graded_copies, workshop.autograded,
                    workshop.feedback)
    assert (workshop.graded_copies / "le" / room.module.id).is_dir()
    assert course("learner", "erase", "le", "-w", workshop.path) == 0

    for learner in ("alexandre", "leila"):
        for root in graded_roots:
            assert (root / learner / room.module.id).is_dir()
    assert not any((root / "le").exists() for root in graded_roots)
    assert not home_of(workshop, "le").exists() and home_of(workshop, "leila").is_dir()
    pages = exports / f"retours-{room.module.id}"
    assert sorted(p.name for p in pages.iterdir()) == ["alexandre.html", "leila.html"]
    assert sorted(load_accounts(workshop)) == ["alexandre", "animation", "leila"]
    slips = (exports / "connexions.html").read_text("utf-8")
    assert re.findall(r'aria-label="([^"]+)"', slips) == ["alexandre", "leila", "animation"]
    assert (exports / "connexions.html").stat().st_mode & 0o077 == 0
    assert (exports / "donnees-alexandre.zip").is_file()
    assert sorted(pd.read_csv(exports / f"{room.module.id}.csv")["pseudonym"]) == [
        "alexandre", "leila"]
    french = pd.read_csv(exports / f"{room.module.id}-tableur-fr.csv", sep=";",
                         encoding="utf-8-sig")
    assert sorted(french["pseudonyme"]) == ["alexandre", "leila"]
    assert (exports / "rapport.html").is_file() and (exports / "rapport-items.csv").is_file()
    assert "le" not in report_learners(exports / "rapport.html")
    assert len(pd.read_csv(exports / "rapport-anonyme.csv")["learner"].unique()) == 2
    changed = [p for p, data in others.items()
               if p.name not in {"gradebook.db", "workshop.yml", "accounts.json"}
               and (not p.exists() or p.read_bytes() != data)]
    assert not changed  # the others' submissions, grades, feedback pages
    with gradebook(workshop) as book:
        assert sorted(s.id for s in book.students) == ["alexandre", "leila"]
    assert open_workshop(workshop.path).learners == ["alexandre", "leila"]
    assert course("learner", "erase", "le", "-w", workshop.path) == 2


def test_erase_removes_a_learners_links_not_what_they_point_to(room):
    keep = room.workshop.path / "nbgrader_config.py"
    before = keep.read_bytes()
    (room.workshop.submitted / "leila" / "lien").symlink_to(keep)
    (room.workshop.submitted / "leila" / "dossier").symlink_to(room.workshop.source)
    (room.workshop.workspaces).mkdir(exist_ok=True)
    (room.workshop.workspaces / "leila").symlink_to(room.workshop.source)  # the folder itself
    sources = tree_digest(room.workshop.source)
    assert course("learner", "erase", "leila", "-w", room.workshop.path) == 0
    assert keep.read_bytes() == before
    assert tree_digest(room.workshop.source) == sources
    assert not (room.workshop.submitted / "leila").exists()
    assert not (room.workshop.workspaces / "leila").is_symlink()
    shutil.rmtree(room.workshop.path)
