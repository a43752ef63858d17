"""``course hub``: a real JupyterHub on loopback (the Node proxy from npm), three learners and
the counsellor. Learners log in with their printed codes, work in their own servers' kernels
and hand in; the counsellor grades with ``course grade`` and hands feedback back, which reaches
each learner's home; no learner can read another's work, the keys, the gradebook or the hub's
secrets."""

from __future__ import annotations

import ast
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests

from course.hub import limits
from course.hub.homes import home_of
from course.workshop import open_workshop
from grading import sandbox
from tests.browser import free_port, offline_page
from tests.helpers import course
from tests.hub_client import (
    HAND_IN,
    KernelDied,
    classroom,
    learner_at,
    login,
    run_cells,
    running_hub,
    solution_answers,
)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    sandbox.isolation().mode != sandbox.ROOT, reason="a hub gives each learner a user: root")]
MODULE = "01-premiers-pas"
LEARNERS = ("renard", "loutre", "hibou")


@pytest.fixture(scope="module")
def room():
    top = Path(tempfile.mkdtemp(prefix="course-hub-"))
    try:
        yield from _room(top)
    finally:
        shutil.rmtree(top, ignore_errors=True)


def _room(top: Path):
    folder, codes = classroom(top, list(LEARNERS), "youth", "01")
    with running_hub(folder, free_port()) as (base, hub):
        learners = {name: learner_at(base, name, codes[name]) for name in LEARNERS}
        for learner in learners.values():
            learner.start_server()
        yield SimpleNamespace(base=base, hub=hub, folder=folder, codes=codes,
                              learners=learners, workshop=open_workshop(folder))


@pytest.fixture(scope="module")
def counsellor(room):
    """The counsellor logged in, their server (formgrader) started."""
    animation = learner_at(room.base, "animation", room.codes["animation"])
    animation.start_server()
    return animation


def server_uids(folder: Path, name: str) -> set[int]:
    """The user ids (real, effective, saved, file system) of ``name``'s single-user server,
    found by the process id the hub keeps in its state."""
    import json
    import sqlite3

    db = sqlite3.connect(folder / "hub" / "state" / "jupyterhub.sqlite")
    try:
        (state,) = db.execute("SELECT spawners.state FROM spawners JOIN users ON "
                              "users.id = spawners.user_id WHERE users.name = ?",
                              (name,)).fetchone()
    finally:
        db.close()
    status = Path(f"/proc/{json.loads(state)['pid']}/status").read_text()
    (line,) = [row for row in status.splitlines() if row.startswith("Uid:")]
    return {int(uid) for uid in line.split()[1:]}


def test_the_login_page_speaks_french_and_refuses_a_wrong_code(room):
    page = requests.get(f"{room.base}/hub/login", timeout=30).text
    assert '<label for="username_input">Pseudonyme</label>' in page
    assert '<label for="password_input">Code</label>' in page and 'lang="fr"' in page
    with pytest.raises(PermissionError):
        login(room.base, "renard", room.codes["loutre"])
    with pytest.raises(PermissionError):
        login(room.base, "inconnu", room.codes["renard"])
    sheet = (room.folder / "exports" / "connexions.html").read_text()
    assert all(room.codes[name] in sheet for name in (*LEARNERS, "animation"))


def test_each_learner_works_in_their_own_copy_as_their_own_user(room):
    uids = set()
    for name, learner in room.learners.items():
        assert {e["name"] for e in learner.contents("")["content"]} == {MODULE}
        kernel = learner.kernel(f"{MODULE}/lecon.ipynb")
        status, out, _ = kernel.run("import os; print(os.getuid(), os.getcwd())")
        kernel.close()
        uid, cwd = out[0].split()
        assert status == "ok" and cwd == str(home_of(room.workshop, name) / MODULE)
        uids.add(int(uid))
    assert len(uids) == 3 and min(uids) >= 64000
    if limits.available():  # each learner's server and kernels share a capped group
        assert all(limits.memory_used(name) > 0 for name in LEARNERS)


@pytest.mark.skipif(not limits.available(), reason="no control groups on this system")
def test_a_learner_past_the_memory_cap_loses_only_their_kernel(room):
    hibou = room.learners["hibou"]
    kernel = hibou.kernel(f"{MODULE}/lecon.ipynb")
    try:
        assert kernel.run("small = bytearray(100 * 2**20); print('ok')")[1] == ["ok\n"]
        with pytest.raises(KernelDied):  # 1.2 GiB, past the 768 MiB of the learner's group
            kernel.run("big = bytearray(1200 * 2**20); big[::4096] = b'x' * len(big[::4096])")
    finally:
        kernel.close()
    assert hibou.http.get(f"{hibou.server}/api/status", timeout=30).ok  # the server lives
    other = room.learners["renard"].kernel(f"{MODULE}/lecon.ipynb")
    assert other.run("print('still here')")[1] == ["still here\n"]
    other.close()


def give_the_written_answer_its_points(room, counsellor, name: str) -> None:
    """The counsellor marks ``name``'s written answer in formgrader, as its page does (its
    server is not root: the mark reaches the gradebook all the same)."""
    from grading.nbgrader_setup import gradebook

    api = f"{counsellor.server}/formgrader/api"
    handed = counsellor.http.get(f"{api}/submitted_notebooks/{MODULE}/exercice", timeout=60)
    (submission,) = [s["id"] for s in handed.json() if s["student"] == name]
    grades = counsellor.http.get(f"{api}/grades", params={"submission_id": submission},
                                 timeout=60).json()
    written = [g for g in grades if g["needs_manual_grade"]]
    assert written, grades
    for grade in written:
        reply = counsellor.http.put(f"{api}/grade/{grade['id']}", timeout=60,
                                    json={"manual_score": grade["max_score"]})
        assert reply.ok, reply.text
    with gradebook(room.workshop) as book:
        assert all(book.find_grade_by_id(g["id"]).score == g["max_score"] for g in written)


def test_learners_answer_hand_in_and_get_their_feedback(room, counsellor):
    renard, loutre = room.learners["renard"], room.learners["loutre"]
    notebook = f"{MODULE}/exercice.ipynb"
    run_cells(renard, notebook, [*solution_answers(room.workshop, MODULE), HAND_IN])
    run_cells(loutre, notebook, [HAND_IN])  # answers nothing, hands in all the same
    # hibou never hands in
    assert course("grade", "01", "-w", room.folder, "--workers", 2) == 0
    scores = {row.split(",")[0]: row.split(",")[2:4] for row in
              (room.folder / "exports" / f"{MODULE}.csv").read_text().splitlines()[1:]}
    # every autograded point right; the written answer waits for the counsellor
    assert scores["renard"] == ["manual", "8.0"]
    assert scores["loutre"] == ["graded", "0.0"] and scores["hibou"][0] == "missing"
    give_the_written_answer_its_points(room, counsellor, "renard")
    assert course("release-feedback", "01", "-w", room.folder) == 0
    page = renard.contents(f"retours/{MODULE}.html")
    assert page["type"] == "file" and "BEGIN HIDDEN" not in page["content"]


PROBES = {
    "another learner's home": "hub/homes/loutre",
    "another learner's hand-in": "submitted/loutre",
    "the answer keys": f"source/{MODULE}/exercice.ipynb",
    "the gradebook": "gradebook.db",
    "the login codes": "hub/accounts.json",
    "the hub's cookie secret": "hub/state/jupyterhub_cookie_secret",
    "the trainer's notes": f"trainer/{MODULE}/feedback.json",
    "everyone's feedback": "exports",
    "nbgrader's exchange": "exchange",
}


@pytest.mark.parametrize("what", PROBES)
def test_a_learner_cannot_read(room, what):
    kernel = room.learners["renard"].kernel(f"{MODULE}/lecon.ipynb")
    target = room.folder / PROBES[what]
    status, out, _ = kernel.run(
        f"import os\np = {str(target)!r}\n"
        "os.listdir(p) if os.path.isdir(p) else open(p, 'rb').read(1)")
    kernel.close()
    assert status == "error" and out[-1].startswith("PermissionError"), (what, out)


WRITE_PROBE = ("import os\nfrom pathlib import Path\ntop = Path({top!r})\nseen = {{}}\n"
               "for name in {names!r}:\n"
               "    try:\n        open(top / name, 'a').close()\n        seen[name] = 'written'\n"
               "    except OSError as exc:\n        seen[name] = type(exc).__name__\n"
               "print(sorted(seen.items()))")
# Files a root command trusts or reads, and folders of the course: nobody but root adds one.
ROOT_ONLY = ["nbgrader_config.json", "gradebook-url", "nbgrader_config.py", "workshop.yml",
             f"source/{MODULE}/exercice.ipynb", f"source/{MODULE}/nouveau.py",
             "trainer/nouveau.json", "exports/nouveau.html"]


def written_by(account, top: Path, names: list[str]) -> dict[str, str]:
    """What each ``open(name, 'a')`` under ``top`` gave in a kernel of ``account``'s server."""
    kernel = account.kernel(f"{MODULE}/lecon.ipynb" if account.name != "animation"
                            else "essai.ipynb")
    status, out, _ = kernel.run(WRITE_PROBE.format(top=str(top), names=names))
    kernel.close()
    assert status == "ok", out
    return dict(ast.literal_eval(out[-1]))


def test_a_learner_cannot_write_in_the_workshop(room):
    names = [*ROOT_ONLY, "grades/gradebook.db", "grades/gradebook.db-journal"]
    assert written_by(room.learners["renard"], room.folder, names) == dict.fromkeys(
        names, "PermissionError")


def test_the_counsellors_server_runs_as_the_counsellor_not_root(room, counsellor):
    from course.hub.accounts import load_accounts

    assert server_uids(room.folder, "animation") == {load_accounts(room.workshop)["animation"].uid}


def test_the_counsellor_writes_the_grades_only(room, counsellor):
    assert written_by(counsellor, room.folder, ROOT_ONLY) == dict.fromkeys(
        ROOT_ONLY, "PermissionError")
    kernel = counsellor.kernel("essai.ipynb")
    try:  # the course to read, the gradebook to write, the hub's secrets and learners closed
        status, out, _ = kernel.run(
            f"import os, sqlite3\ntop = {str(room.folder)!r}\n"
            "assert 'c.CourseDirectory' in open(top + '/nbgrader_config.py').read()\n"
            "db = sqlite3.connect(top + '/gradebook.db')\n"
            "db.execute('CREATE TABLE essai (x)'); db.execute('DROP TABLE essai'); db.commit()\n"
            "print(len(os.listdir(top + '/source')), len(os.listdir(top + '/autograded')))")
        assert status == "ok", out
        for closed in ("hub/accounts.json", "hub/state/jupyterhub_cookie_secret",
                       "hub/homes/renard", "submitted/renard"):
            status, out, _ = kernel.run(
                f"p = {str(room.folder / closed)!r}\n"
                "os.listdir(p) if os.path.isdir(p) else open(p, 'rb').read(1)")
            assert status == "error" and out[-1].startswith("PermissionError"), (closed, out)
        status, out, _ = kernel.run(  # root's gradebook cannot be swapped for another file
            f"os.replace({str(room.folder / 'grades/gradebook.db')!r}, "
            f"{str(room.folder / 'grades/autre.db')!r})")
        assert status == "error" and out[-1].startswith("PermissionError"), out
    finally:
        kernel.close()


def test_a_learner_cannot_reach_the_hub_or_others_through_the_api(room):
    renard = room.learners["renard"]
    assert renard.http.get(f"{room.base}/user/loutre/api/contents/", timeout=30,
                           allow_redirects=False).status_code in (302, 403)
    assert renard.http.get(f"{room.base}/hub/api/users", timeout=30).status_code == 403
    kernel = renard.kernel(f"{MODULE}/lecon.ipynb")
    status, out, _ = kernel.run(f"open('/proc/{room.hub.pid}/environ', 'rb').read(1)")
    kernel.close()
    assert status == "error" and "PermissionError" in out[-1]


def test_the_counsellor_gets_the_formgrader_in_its_own_tab(room, counsellor):
    reply = counsellor.http.get(f"{counsellor.server}/formgrader", timeout=60)
    assert reply.status_code == 200 and "formgrader" in reply.text.lower()
    listed = counsellor.http.get(f"{counsellor.server}/formgrader/api/assignments", timeout=60)
    assert MODULE in {a["name"] for a in listed.json()}
    # idle servers are stopped after 30 minutes by the hub's culler service
    services = counsellor.http.get(f"{room.base}/hub/api/services", timeout=30).json()
    assert "--timeout=1800" in services["idle-culler"]["command"]


def test_a_senior_lands_on_the_code_free_voila_page():
    top = Path(tempfile.mkdtemp(prefix="course-hub-senior-"))
    try:
        folder, codes = classroom(top, ["martine"], "senior", "00")
        with running_hub(folder, free_port()) as (base, _):
            martine = learner_at(base, "martine", codes["martine"])
            martine.start_server()
            landing = martine.http.get(f"{martine.server}/", timeout=60, allow_redirects=False)
            assert landing.headers["Location"].startswith("/user/martine/course")
            home = martine.http.get(f"{base}{landing.headers['Location']}", timeout=60).text
            assert "Mon parcours" in home and "Avant de commencer" in home
            onward = "/user/martine/voila/render/00-avant/lecon.ipynb"
            assert f"class='course-continue' href='{onward}'" in home  # under the hub's prefix
            reply = martine.http.get(f"{base}{onward}", timeout=120)
            page = reply.content.decode("utf-8")
            assert reply.status_code == 200 and "Contraste élevé" in page
            assert "Avant de commencer" in page and "ask(" not in page  # no code shown
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_a_learner_logs_in_with_the_keyboard_in_a_real_browser(room):
    from playwright.sync_api import expect

    with offline_page("hub-login") as browser:
        page = browser.page
        page.goto(f"{room.base}/hub/login")
        assert browser.axe() == []
        browser.shot("login")
        page.keyboard.type("hibou")  # the pseudonym field has the focus
        page.keyboard.press("Tab")
        page.keyboard.type(room.codes["hibou"])
        page.keyboard.press("Enter")
        continue_ = page.get_by_role("link", name="Continuer")  # the learner's home page
        continue_.focus()
        page.keyboard.press("Enter")
        expect(page.locator(".lm-MenuBar-itemLabel", has_text="Fichier")).to_be_visible()
        expect(page.locator(".lm-TabBar-tabLabel", has_text="lecon.ipynb")).to_be_visible()
        browser.shot("lesson")


def test_only_the_counsellor_gets_the_gradebook_address(tmp_path, monkeypatch):
    from course.hub.accounts import ensure_accounts
    from course.hub.spawner import WorkshopSpawner

    folder, _ = classroom(tmp_path, ["renard"], "youth", "01")
    ensure_accounts(open_workshop(folder))
    monkeypatch.setenv("COURSE_DB_URL", "postgresql://formateur:secret@db/atelier")
    counsellor = WorkshopSpawner(user=SimpleNamespace(name="animation"), workshop=str(folder))
    learner = WorkshopSpawner(user=SimpleNamespace(name="renard"), workshop=str(folder))
    (home_of(open_workshop(folder), "renard")).mkdir(parents=True)
    assert counsellor.user_env({})["COURSE_DB_URL"].endswith("@db/atelier")
    assert "COURSE_DB_URL" not in learner.user_env({})


@pytest.fixture
def crossable_tmp():
    """A temporary folder learners could reach (pytest's own is closed to them)."""
    top = Path(tempfile.mkdtemp(prefix="course-hub-share-"))
    try:
        yield top
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_the_workshop_shares_only_the_grades_and_refuses_a_swapped_gradebook(crossable_tmp):
    import os
    import stat

    from course.errors import CourseError
    from course.hub.accounts import ensure_accounts
    from course.hub.homes import lock_down

    tmp_path = crossable_tmp
    folder, _ = classroom(tmp_path, ["renard"], "youth", "01")
    workshop = open_workshop(folder)
    group = ensure_accounts(workshop)["animation"].uid
    lock_down(workshop)
    top, grades = os.stat(folder), os.stat(folder / "grades")
    assert top.st_gid == group and not top.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    assert stat.S_IMODE(grades.st_mode) == 0o3770 and grades.st_uid == 0
    assert os.readlink(folder / "gradebook.db") == "grades/gradebook.db"
    config = os.stat(folder / "nbgrader_config.py")
    assert stat.S_IMODE(config.st_mode) == 0o640 and config.st_gid == group
    assert stat.S_IMODE(os.stat(folder / "exchange").st_mode) == 0o700
    # a gradebook put back as a link (to a file of root's) is refused, its target untouched
    victim = tmp_path / "root-only.txt"
    victim.write_text("secret")
    victim.chmod(0o600)
    os.replace(folder / "grades" / "gradebook.db", tmp_path / "kept.db")
    (folder / "grades" / "gradebook.db").symlink_to(victim)
    with pytest.raises(CourseError, match="carnet de notes"):
        lock_down(workshop)
    assert stat.S_IMODE(victim.stat().st_mode) == 0o600 and victim.stat().st_gid == 0
