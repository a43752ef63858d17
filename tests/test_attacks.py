"""Attacks a learner can make with their own rights, each one contained (issue 14).

A learner owns their hand-in folder and, on a hub, their home. Here they fill them with links
and special files: an answer file that is a FIFO, an answer file that links (symbolic or hard)
to another learner's, links to ``/etc/shadow``, the gradebook and the answer keys, and, in
their home, feedback pages and settings files that are links to a file of root's choosing.
One real ``course grade`` and one real ``course release-feedback`` run over all of it.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from course import learner as notebook_api
from course.answers import SUFFIX
from course.items import read_localized
from course.untrusted import give_to
from course.workshop import open_workshop
from grading.demo import planned_answers
from grading.solutions import solution_run
from tests.helpers import course

pytestmark = pytest.mark.slow
MODULE = "01"
PRIVATE_TEXT = "Texte privé de témoin : mon école est à Vierzon."
ROOT_FILE = "# a file root's Python runs at start-up\n"
LEARNER_UIDS = 64500  # far from real accounts and the grading sandbox's ids
LEARNERS = ("temoin", "copieur", "copieur-dur", "tube", "fouineur")
GRADE_SECONDS = 600  # a FIFO that blocks grading fails the test instead of hanging it
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="a hub home belongs to another user")


def course_process(*args: object) -> subprocess.CompletedProcess:
    """``course ARGS`` in a process of its own, stopped if it blocks."""
    return subprocess.run([sys.executable, "-c", "import sys; from course.cli import main; "
                           "sys.exit(main(sys.argv[1:]))", *map(str, args)],
                          capture_output=True, text=True, timeout=GRADE_SECONDS,
                          env=dict(os.environ, COURSE_LANG="fr"))


def hand_in(workshop, module, learner: str, plan: dict | None) -> Path:
    """The release handed in as ``learner``, with ``plan``'s answers saved by the widgets."""
    folder = workshop.submitted / learner / module.id
    shutil.copytree(workshop.release / module.id, folder)
    (folder / "timestamp.txt").write_text(datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
    if plan:
        notebook_api.setup(module.id, workshop.notebook("exercise"), workshop.lang,
                           workshop.audience, folder=folder)
        for item_id, value in plan.items():
            notebook_api.answer(item_id, value)
    return folder


@pytest.fixture(scope="module")
def attacked():
    top = Path(tempfile.mkdtemp(prefix="course-attacks-"))  # under /tmp: a hub's homes can be
    try:
        yield _attack(top)
    finally:
        shutil.rmtree(top, ignore_errors=True)


def _attack(top: Path) -> SimpleNamespace:
    os.chmod(top, 0o711)  # learners' users can cross it, as on a hub
    (top / "liste.csv").write_text("pseudonyme\n" + "\n".join(LEARNERS) + "\n")
    folder = top / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "youth", "--modules", MODULE,
                  "--roster", top / "liste.csv") == 0
    assert course("release", MODULE, "-w", folder) == 0
    workshop = open_workshop(folder)
    module = workshop.module(MODULE)
    name = workshop.notebook("exercise")
    answers = f"{name}{SUFFIX}"
    _, key = solution_run(workshop, module)
    items = read_localized(workshop.release / module.id / f"{name}.items.json")
    right = {item_id: PRIVATE_TEXT if items[item_id]["type"] == "written" else value
             for item_id, value in planned_answers(items, key, "right", random.Random(0),
                                                   "fr").items()}

    learners = dict(zip(LEARNERS, (right, None, None, None, right), strict=True))
    folders = {learner: hand_in(workshop, module, learner, plan)
               for learner, plan in learners.items()}
    if os.geteuid() == 0:  # as on a hub: each hand-in folder is its learner's
        for uid, learner in enumerate(learners, LEARNER_UIDS):
            give_to(workshop.submitted / learner, uid)
    honest = folders["temoin"] / answers
    for cheater in ("copieur", "copieur-dur"):
        (folders[cheater] / answers).unlink(missing_ok=True)
    (folders["copieur"] / answers).symlink_to(honest)
    os.link(honest, folders["copieur-dur"] / answers)
    (folders["tube"] / answers).unlink(missing_ok=True)
    os.mkfifo(folders["tube"] / answers)
    snoop = folders["fouineur"]
    (snoop / "shadow").symlink_to("/etc/shadow")
    (snoop / "gradebook.db").symlink_to(workshop.path / "gradebook.db")
    (snoop / "cles").symlink_to(workshop.source / module.id)

    graded = course_process("grade", MODULE, "-w", folder, "--workers", 2)
    csv = pd.read_csv(workshop.exports / f"{module.id}.csv").set_index("pseudonym")
    return SimpleNamespace(workshop=workshop, module=module, name=name, graded=graded, csv=csv,
                           top=top, answers=answers)


def feedback_page(attacked, learner: str) -> str:
    return (attacked.workshop.feedback / learner / attacked.module.id
            / f"{attacked.name}.html").read_text("utf-8")


def test_a_fifo_answer_file_does_not_block_grading_and_gets_a_line(attacked):
    line = next(ln for ln in attacked.graded.stdout.splitlines() if ln.startswith("tube "))
    assert attacked.answers in line and "pas un fichier ordinaire" in line
    assert attacked.csv.loc["tube", "score"] == 0
    assert attacked.csv.loc["temoin", "score"] > 0, attacked.graded.stdout  # others graded


def test_an_answer_file_linked_to_another_learners_gives_nothing(attacked):
    for cheater in ("copieur", "copieur-dur"):
        assert attacked.csv.loc[cheater, "score"] == 0, cheater
        page = feedback_page(attacked, cheater)
        assert "Vierzon" not in page and "Vierzon" not in attacked.graded.stdout
        line = next(ln for ln in attacked.graded.stdout.splitlines() if ln.startswith(cheater))
        assert attacked.answers in line  # the trainer is told which file was left out
    assert "Vierzon" in feedback_page(attacked, "temoin")  # the honest learner's own page


def test_links_in_a_submission_are_not_copied_for_grading(attacked):
    workshop, module = attacked.workshop, attacked.module
    for where in (workshop.graded_copies, workshop.autograded):
        copy = where / "fouineur" / module.id
        assert (copy / f"{attacked.name}.ipynb").is_file()
        for planted in ("shadow", "gradebook.db", "cles"):
            assert not os.path.lexists(copy / planted), (where, planted)
    line = next(ln for ln in attacked.graded.stdout.splitlines() if ln.startswith("fouineur"))
    assert "shadow" in line and "gradebook.db" in line
    assert attacked.csv.loc["fouineur", "score"] == attacked.csv.loc["temoin", "score"]


@as_root
def test_release_feedback_follows_no_link_in_a_learners_home(attacked):
    from course.hub.accounts import ensure_accounts
    from course.hub.homes import home_of, prepare_home

    workshop, module = attacked.workshop, attacked.module
    account = ensure_accounts(workshop)["temoin"]
    home = prepare_home(workshop, account)
    site = attacked.top / "site-packages"  # stands for root's own site-packages
    site.mkdir()
    targets = {relative: site / f"{i}.pth" for i, relative in enumerate((
        f"retours/{module.id}.html", ".course/config/jupyter_server_config.json",
        ".course/config/labconfig/page_config.json",
        ".course/lab-settings/@jupyterlab/translation-extension/plugin.jupyterlab-settings"))}
    for relative, target in targets.items():
        target.write_text(ROOT_FILE)
        (home / relative).parent.mkdir(parents=True, exist_ok=True)
        (home / relative).unlink(missing_ok=True)
        os.symlink(target, home / relative)
    assert home_of(workshop, "temoin") == home
    delivered = course_process("release-feedback", MODULE, "-w", workshop.path)
    assert delivered.returncode == 0, delivered.stderr
    for relative, target in targets.items():
        assert target.read_text() == ROOT_FILE, relative
        assert (home / relative).is_symlink()
    assert f"retours/{module.id}.html" in delivered.stderr  # said, not silently skipped
