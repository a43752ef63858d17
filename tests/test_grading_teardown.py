"""Grading leaves nothing running and nothing in the machine's ``/tmp``.

Learner code that registers an ``atexit`` handler gets to run again when its kernel shuts
down: there it forks a sleeper (one that stays in the kernel's process group, one that leaves
it with ``setsid``) and it writes files into ``/tmp``. Once the submission is graded, none of
those processes may still run (before, they lived on until a later ``course grade`` claimed the
same sandbox user) and none of those files may be in the real ``/tmp``.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from course.workshop import open_workshop
from grading import sandbox
from grading.sandbox import LIMITS, ROOT, USERNS, Isolation, Limits, Sandbox, SandboxedExecute
from tests.helpers import course

pytestmark = pytest.mark.slow
MODULE = "01"

LINGER = """
import atexit, os, sys
MARK, PROOF = {mark!r}, {proof!r}
for folder in ("/tmp", "/var/tmp", "/dev/shm"):
    with open(os.path.join(folder, MARK), "w") as planted:
        planted.write("written by learner code")

def linger():
    sleeper = [sys.executable, "-c", "import time; time.sleep(600)", MARK]
    stayed = os.fork()
    if stayed == 0:
        os.execv(sys.executable, sleeper)
    left = os.fork()
    if left == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv(sys.executable, sleeper)
        os._exit(0)
    if PROOF:
        with open(PROOF, "w") as proof:
            proof.write(str(stayed))

atexit.register(linger)
"""


def marked(mark: str) -> list[int]:
    """Processes whose command line carries ``mark``."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if mark.encode() in Path(entry.path, "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def planted_in_the_real_tmp(mark: str) -> list[str]:
    return [f for f in ("/tmp", "/var/tmp", "/dev/shm") if os.path.exists(os.path.join(f, mark))]


def forget(mark: str) -> None:
    """Clean up after a failed check, so one failure does not leave the machine dirty."""
    for pid in marked(mark):
        os.kill(pid, 9)
    for folder in planted_in_the_real_tmp(mark):
        os.unlink(os.path.join(folder, mark))


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> SimpleNamespace:
    """``course grade`` of two demo learners, one of whom leaves sleepers and /tmp files."""
    folder = tmp_path_factory.mktemp("teardown") / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "youth", "--modules",
                  MODULE) == 0
    assert course("release", MODULE, "-w", folder) == 0
    assert course("demo", MODULE, "-w", folder, "--learners", 2, "--profiles",
                  "right,right") == 0
    workshop = open_workshop(folder)
    module = workshop.module(MODULE)
    learners = sorted(p.name for p in workshop.submitted.iterdir())
    mark = f"course-survivor-{uuid.uuid4().hex}"
    notebook = (workshop.submitted / learners[0] / module.id
                / f"{workshop.notebook('exercise')}.ipynb")
    data = json.loads(notebook.read_text("utf-8"))
    cell = next(c for c in data["cells"]
                if c["metadata"].get("nbgrader", {}).get("grade_id", "").startswith("answer-"))
    cell["source"] = "".join(cell["source"]) + "\n" + LINGER.format(mark=mark, proof="")
    notebook.write_text(json.dumps(data), "utf-8")
    status = course("grade", MODULE, "-w", folder)
    left, planted = marked(mark), planted_in_the_real_tmp(mark)
    forget(mark)
    csv = (workshop.exports / f"{module.id}.csv").read_text("utf-8").splitlines()
    yield SimpleNamespace(status=status, left=left, planted=planted, learners=learners,
                          rows={row.split(",")[0]: row.split(",") for row in csv[1:]})


@pytest.mark.skipif(sandbox.isolation().mode not in (ROOT, USERNS),
                    reason="needs namespaces (root or user namespaces)")
def test_no_process_of_a_submission_outlives_its_grading(graded):
    assert graded.left == []


@pytest.mark.skipif(sandbox.isolation().mode not in (ROOT, USERNS),
                    reason="needs a mount namespace (root or user namespaces)")
def test_files_learner_code_writes_to_tmp_stay_out_of_the_real_tmp(graded):
    assert graded.planted == []


def test_the_learner_is_graded_all_the_same(graded):
    assert graded.status == 0
    scores = {learner: graded.rows[learner][2:4] for learner in graded.learners}
    assert scores[graded.learners[0]] == scores[graded.learners[1]]


@pytest.mark.parametrize("mode", [LIMITS, USERNS])
def test_without_a_user_of_its_own_the_kernel_takes_its_processes_with_it(
        mode, tmp_path, monkeypatch):
    """No sandbox user to sweep: the process group (no namespaces) or the PID namespace
    (user namespaces) goes with the kernel. Without namespaces the kernel sees this test's
    folders, so there the handler proves it ran by writing where the test reads."""
    if mode == USERNS and sandbox.isolation().mode not in (ROOT, USERNS):
        pytest.skip("user namespaces are refused here")
    monkeypatch.setattr(sandbox, "isolation", lambda: Isolation(mode))
    monkeypatch.setattr(sandbox, "own_user_possible", lambda: False)
    mark, proof = f"course-survivor-{uuid.uuid4().hex}", tmp_path / "forked"
    shown = str(proof) if mode == LIMITS else ""  # a private /tmp hides the test's folder
    notebook = new_notebook(cells=[new_code_cell(LINGER.format(mark=mark, proof=shown))])
    sandbox.use(Sandbox(Limits()))
    try:
        SandboxedExecute(timeout=60).preprocess(notebook, {"metadata": {"path": str(tmp_path)}})
        left, planted = marked(mark), planted_in_the_real_tmp(mark)
    finally:
        sandbox.use(None)
        forget(mark)
    if mode == LIMITS:  # the handler ran and forked; the one that left the process group
        assert proof.read_text().isdigit()  # cannot be told from the machine's own processes
        assert int(proof.read_text()) not in left
    else:
        assert left == [] and planted == []


@pytest.mark.skipif(sandbox.isolation().mode not in (ROOT, USERNS),
                    reason="needs a mount namespace (root or user namespaces)")
def test_a_course_installed_in_tmp_stays_visible_to_its_kernel(tmp_path):
    """A clone in /tmp (git clone . /tmp/x && make test) has its Python environment there: the
    kernel's private /tmp must put it back, and only it, beside the kernel's own home."""
    import shutil
    import subprocess
    import sys
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="course-clone-", dir="/tmp"))
    try:
        venv, home, other = top / "venv", top / "home", top / "someone-else.txt"
        venv.mkdir()
        (venv / "python").write_text("ok\n")
        home.mkdir()
        other.write_text("not yours")
        spec = {"limits": {}, "cwd": str(home), "staging": str(home),
                "private": {"folders": ["/tmp"], "keep": [str(home), str(venv)],
                            "bytes": 1 << 20}}
        script = f"cat {venv}/python; test -e {other} && echo seen || echo hidden; ls {top}"
        done = subprocess.run(["unshare", *sandbox.UNSHARE[sandbox.isolation().mode], "--",
                               sys.executable, "-I", "-S", sandbox.JAIL, json.dumps(spec), "--",
                               "/bin/sh", "-c", script], capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == ["ok", "hidden", "home", "venv"]
        assert other.read_text() == "not yours"  # the real /tmp is untouched
    finally:
        shutil.rmtree(top, ignore_errors=True)
