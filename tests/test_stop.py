"""Stop means stop: ``course start`` (JupyterLab and Voilà), ``course hub`` and the tests' own
fixtures leave no process behind, however they are stopped.

Before, SIGTERM on ``course start`` left its server and kernels running, JupyterHub kept
running after the tests' SIGTERM, and one ``make test`` left a JupyterLab, four Voilà servers
with about thirty kernels and two hubs. Each test here records every process below what it
started, stops it the way a counsellor or a test run would, and finds none of them alive.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import requests

from course.processes import GRACE, descendants
from grading import sandbox
from tests.browser import free_port, printed_address
from tests.helpers import REPO, course
from tests.hub_client import classroom, learner_at, running_hub, wait_for
from tests.leftovers import alive, command_line, kernels, kill, snapshot

pytestmark = pytest.mark.slow
VENV = str(Path(sys.executable).parent.parent)


@pytest.fixture(scope="module")
def workshop(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stop") / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "youth", "--modules", "00") == 0
    assert course("release", "00", "-w", folder) == 0
    return folder


def name(value: object) -> str:
    return value.name if isinstance(value, signal.Signals) else str(value).strip("-")


@pytest.mark.parametrize("view, signum", [
    ("--lab", signal.SIGTERM), ("--voila", signal.SIGTERM), ("--lab", signal.SIGHUP),
    ("--voila", signal.SIGINT), ("--lab", signal.SIGKILL)], ids=name)
def test_course_start_prints_an_address_that_opens_and_stops_all_it_started(
        workshop, tmp_path, view, signum):
    port, log = free_port(), tmp_path / "start.log"
    with log.open("w") as out:
        start = subprocess.Popen([sys.executable, "-m", "course.cli", "start", str(workshop),
                                  view, "--no-browser", "--port", str(port)], stdout=out,
                                 stderr=subprocess.STDOUT, start_new_session=True)
    tree: dict[int, str] = {}
    try:
        address = printed_address(log, start)
        assert "token=..." not in log.read_text()  # the one address shown is one that opens
        # the address is printed once it answers: it opens the course's home page at once
        # (its real token inside, no login page), whose « Continuer » leads to module 00
        page = requests.get(address, timeout=30)
        assert page.status_code == 200 and "/login" not in page.url, page.url
        assert "/course" in page.url and "course-continue" in page.text
        assert "00-avant/lecon.ipynb" in page.text
        base, token = "/".join(address.split("/", 3)[:3]), address.split("token=")[1]
        auth = {"Authorization": f"token {token}"}
        if view == "--lab":  # a kernel, as opening the notebook starts one
            requests.post(f"{base}/api/kernels", timeout=30, headers=auth,
                          json={"name": "python3"}).raise_for_status()
        else:  # « Continuer » renders the lesson in Voilà, which starts its kernel
            lesson = re.search(r"class='course-continue' href='([^']+)'", page.text).group(1)
            requests.get(base + html.unescape(lesson), timeout=90, headers=auth).raise_for_status()
        wait_for(lambda: kernels(start.pid), 60, "a kernel")
        tree = snapshot(start.pid)
        start.send_signal(signum)
        start.wait(GRACE + 30)
        if signum == signal.SIGKILL:  # the warden notices and stops the tree on its own
            wait_for(lambda: not alive(tree), GRACE + 15, "the tree of a killed course start")
        assert alive(tree) == {}
        assert signum == signal.SIGKILL or start.returncode == 0
    finally:
        kill(tree | snapshot(start.pid, itself=True))


@pytest.mark.skipif(sandbox.isolation().mode != sandbox.ROOT,
                    reason="a hub gives each learner a user: root")
def test_sigterm_stops_the_hub_its_proxy_and_every_learner_server():
    top = Path(tempfile.mkdtemp(prefix="course-hub-stop-"))  # learners cross /tmp, not pytest's
    folder, codes = classroom(top, ["martine"], "senior", "00")
    tree: dict[int, str] = {}
    try:
        with running_hub(folder, free_port()) as (base, hub):
            martine = learner_at(base, "martine", codes["martine"])
            martine.start_server()
            landing = martine.http.get(f"{martine.server}/", timeout=60, allow_redirects=False)
            home = martine.http.get(f"{base}{landing.headers['Location']}", timeout=120)
            # the home page's « Continuer » renders the lesson in Voilà, which starts its kernel
            lesson = re.search(r"class='course-continue' href='([^']+)'", home.text).group(1)
            martine.http.get(f"{base}{html.unescape(lesson)}", timeout=120)
            wait_for(lambda: kernels(hub.pid), 60, "the learner's kernel")
            tree = snapshot(hub.pid)
            names = " ".join(alive(tree).values())
            assert "jupyterhub" in names and "configurable-http-proxy" in names
            assert "course.hub.zygote" in names
            hub.send_signal(signal.SIGTERM)
            hub.wait(GRACE + 30)
            assert alive(tree) == {} and hub.returncode == 0
    finally:
        kill(tree)
        shutil.rmtree(top, ignore_errors=True)


# The fixtures the way `make test` runs them: a pytest of its own over a few browser, Voilà,
# hub and PostgreSQL tests, watched by a subreaper that sees every process they leave behind.
SELECTION = [
    "tests/test_voila.py::test_lesson_gives_feedback_and_is_accessible[fr]",
    "tests/test_hub.py::test_a_senior_lands_on_the_code_free_voila_page",
    "tests/test_postgres.py::test_wrong_password",
]
WATCH = """
import ctypes, json, os, subprocess, sys, time
from course.processes import _collect, descendants
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # orphans of the run come here
run = subprocess.Popen(sys.argv[1:])
print(run.pid, flush=True)
while run.poll() is None:
    _collect(but=run.pid)
    time.sleep(0.2)
left = {pid: open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\\0", b" ").decode()
        for pid in descendants(os.getpid())}
for pid in left:
    os.kill(pid, 9)
print(json.dumps({"status": run.returncode, "left": left}), flush=True)
"""


def venv_processes() -> set[str]:
    """``pgrep -af VENV``: what runs from this checkout's environment."""
    found = subprocess.run(["pgrep", "-af", VENV], capture_output=True, text=True).stdout
    return set(found.splitlines())


def watched_pytest(tests: list[str], signum: int | None = None, once: str = "") -> dict:
    """Run ``tests`` in a pytest of their own; ``signum`` is sent to it as soon as a process
    whose command line holds ``once`` runs below it (the test is then well under way)."""
    before = venv_processes()
    watch = subprocess.Popen([sys.executable, "-c", WATCH, sys.executable, "-m", "pytest",
                              "-q", "-p", "no:cacheprovider", *tests], cwd=REPO,
                             stdout=subprocess.PIPE, text=True, start_new_session=True)
    inner = int(watch.stdout.readline())
    if signum is not None:
        wait_for(lambda: watch.poll() is not None or any(
            once in command_line(pid) for pid in descendants(inner)), 240, once)
        os.kill(inner, signum)
    report = json.loads(watch.stdout.read().splitlines()[-1])
    watch.wait()
    report["new"] = sorted(venv_processes() - before)
    return report


@pytest.mark.skipif(sandbox.isolation().mode != sandbox.ROOT,
                    reason="the hub test among them needs root")
def test_the_fixtures_leave_nothing_running():
    report = watched_pytest(SELECTION)
    assert report["status"] == 0
    assert report["left"] == {} and report["new"] == []


@pytest.mark.parametrize("signum, test, once", [
    (signal.SIGTERM, SELECTION[0], "course.kernel"),  # Voila's first kernel (the learner's)
    (signal.SIGINT, SELECTION[1], "configurable-http-proxy")],  # the hub is up
    ids=["SIGTERM-voila", "SIGINT-hub"])
def test_a_stopped_test_run_leaves_nothing_running(signum, test, once):
    if "test_hub" in test and sandbox.isolation().mode != sandbox.ROOT:
        pytest.skip("the hub test needs root")
    report = watched_pytest([test], signum, once)
    assert report["status"] != 0  # it was interrupted, not passed
    assert report["left"] == {} and report["new"] == []


def test_a_closed_terminal_stops_a_test_run_as_sigterm_does():
    """SIGHUP takes the very path SIGTERM does (tested end to end above): a Ctrl+C."""
    from tests import conftest

    assert signal.getsignal(signal.SIGHUP) is signal.getsignal(signal.SIGTERM)
    assert signal.getsignal(signal.SIGTERM) is conftest._interrupted

