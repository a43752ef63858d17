"""The sandboxed kernel on its own: what learner code sees, as root and in the fallback that
runs without namespaces (a trainer without root rights on a system that refuses them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from grading import sandbox
from grading.sandbox import LIMITS, ROOT, Isolation, Limits, Sandbox, SandboxedExecute, use

pytestmark = pytest.mark.slow
PROBE = """
import json, os, resource, socket, sys, tempfile
try:
    socket.create_connection(("127.0.0.1", 9), 1)
    network = "open"
except OSError as error:
    network = error.strerror
print(json.dumps({"uid": os.getuid(), "cwd": os.getcwd(), "env": sorted(os.environ),
                  "cpu": resource.getrlimit(resource.RLIMIT_CPU)[0],
                  "memory": resource.getrlimit(resource.RLIMIT_AS)[0],
                  "files": resource.getrlimit(resource.RLIMIT_NOFILE)[0],
                  "size": resource.getrlimit(resource.RLIMIT_FSIZE)[0],
                  "processes": resource.getrlimit(resource.RLIMIT_NPROC)[0],
                  "path0": sys.path[0], "network": network,
                  "data": open("data.txt").read(), "tmp": tempfile.gettempdir()}))
"""


def probe(folder: Path, mode: str, monkeypatch) -> dict:
    """Run the probe in a sandboxed kernel, the machine's isolation forced to ``mode``."""
    monkeypatch.setattr(sandbox, "isolation", lambda: Isolation(mode))
    monkeypatch.setenv("COURSE_TEST_TOKEN", "ne-doit-pas-fuiter")
    (folder / "data.txt").write_text("données du cahier")
    notebook = new_notebook(cells=[new_code_cell(PROBE)])
    use(Sandbox(Limits(cpu_seconds=50, open_files=100)))
    try:
        SandboxedExecute(timeout=60).preprocess(notebook, {"metadata": {"path": str(folder)}})
    finally:
        use(None)
    return json.loads(notebook.cells[0].outputs[0]["text"])


def check_common(seen: dict, folder: Path) -> None:
    assert seen["cpu"] == 50 and seen["files"] == 100
    assert seen["memory"] == Limits().memory_bytes and seen["size"] == Limits().file_bytes
    assert seen["cwd"] != str(folder) and Path(seen["cwd"]).name == "work"
    assert seen["data"] == "données du cahier"  # a copy of the learner's files
    assert "COURSE_TEST_TOKEN" not in seen["env"] and "PYTHONSAFEPATH" in seen["env"]
    assert seen["tmp"].startswith(str(Path(seen["cwd"]).parent))
    assert seen["path0"] not in ("", seen["cwd"])


@pytest.mark.skipif(sandbox.isolation().mode != ROOT, reason="needs root and namespaces")
def test_as_root_own_user_no_network(tmp_path, monkeypatch):
    seen = probe(tmp_path, ROOT, monkeypatch)
    check_common(seen, tmp_path)
    assert seen["uid"] >= sandbox.FIRST_UID and seen["processes"] == Limits().processes
    assert seen["network"] == "Network is unreachable"
    assert not Path(seen["cwd"]).parent.exists()  # its home went with the kernel


def test_fallback_without_namespaces_keeps_limits_and_clean_environment(tmp_path,
                                                                        monkeypatch):
    seen = probe(tmp_path, LIMITS, monkeypatch)
    check_common(seen, tmp_path)
    # no network cut; a user of its own only as root with Python reachable by that user
    assert (seen["uid"] >= sandbox.FIRST_UID) == sandbox.own_user_possible()
