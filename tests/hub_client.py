"""A learner at a hub, as the browser would be: logs in with the printed code, gets a token,
starts their server and runs notebook cells in a kernel over the Jupyter protocol.

Used by the hub tests and by ``benchmarks/classroom.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests
import websocket

from tests.leftovers import ends_with_the_test_run, stop


def wait_for(check, timeout: float, what: str, every: float = 0.5):
    """``check()``'s first truthy value, or an error naming ``what`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = check()
        except requests.RequestException:
            found = None
        if found:
            return found
        time.sleep(every)
    raise TimeoutError(f"{what}: not after {timeout:.0f} s")


def classroom(top: Path, names: list[str], audience: str, module: str) -> tuple[Path, dict]:
    """A workshop in ``top`` (made crossable for learners' users) with ``names`` on its roster
    and ``module`` released, as a counsellor prepares it; returns (folder, login codes)."""
    from tests.helpers import course

    os.chmod(top, 0o711)
    (top / "liste.csv").write_text("pseudonyme\n" + "\n".join(names) + "\n")
    folder = top / "atelier"
    for command in (["new", folder, "--lang", "fr", "--audience", audience, "--modules", module,
                     "--roster", top / "liste.csv"], ["release", module, "-w", folder],
                    ["hub", "-w", folder, "--logins"]):
        if course(*command) != 0:
            raise RuntimeError(f"course {command[0]} failed")
    accounts = json.loads((folder / "hub" / "accounts.json").read_text())
    return folder, {name: account["code"] for name, account in accounts.items()}


def learner_at(base: str, name: str, code: str) -> Learner:
    """A learner logged in through the form, holding a token they made themselves."""
    return Learner(base, name, token_for(login(base, name, code), base, name))


@contextmanager
def running_hub(workshop: Path, port: int) -> Iterator[tuple[str, subprocess.Popen]]:
    """``course hub`` on loopback until the block ends; yields (address, hub process).

    Its log goes to ``hub.log`` beside the workshop, to read when something fails.
    """
    log = open(workshop.parent / "hub.log", "w")  # noqa: SIM115 (closed below)
    hub = subprocess.Popen([sys.executable, "-m", "course.cli", "hub", "-w", str(workshop),
                            "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                           start_new_session=True, preexec_fn=ends_with_the_test_run())
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: hub.poll() is None and requests.get(f"{base}/hub/api/",
                                                             timeout=5).ok
                 or (hub.poll() is not None and _stopped(workshop)), 90, "the hub")
        yield base, hub
    finally:
        stop(hub)  # the hub, its proxy, the learners' servers and their kernels
        log.close()


def _stopped(workshop: Path) -> bool:
    raise RuntimeError("the hub stopped: " + (workshop.parent / "hub.log").read_text()[-3000:])


def login(base: str, name: str, code: str) -> requests.Session:
    """Log in through the hub's own form; returns the session (hub cookies)."""
    session = requests.Session()
    session.get(f"{base}/hub/login", timeout=30).raise_for_status()
    reply = session.post(f"{base}/hub/login?next=", timeout=60, allow_redirects=False,
                         data={"username": name, "password": code,
                               "_xsrf": session.cookies.get("_xsrf", path="/hub/")})
    if reply.status_code != 302:
        raise PermissionError(f"login refused for {name}: HTTP {reply.status_code}")
    return session


def token_for(session: requests.Session, base: str, name: str) -> str:
    """An API token of the logged-in learner, made by the learner (not by an admin)."""
    reply = session.post(f"{base}/hub/api/users/{name}/tokens", timeout=30,
                         headers={"X-XSRFToken": session.cookies.get("_xsrf", path="/hub/")},
                         json={"note": "course test", "expires_in": 3600})
    reply.raise_for_status()
    return reply.json()["token"]


@dataclass
class Learner:
    """One account with its token, talking to the hub and to its own server."""

    base: str
    name: str
    token: str
    http: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.http.headers["Authorization"] = f"token {self.token}"

    @property
    def server(self) -> str:
        return f"{self.base}/user/{self.name}"

    def start_server(self, timeout: float = 120) -> float:
        """Ask the hub for the server and wait until it answers; returns the seconds taken."""
        begun = time.monotonic()
        reply = self.http.post(f"{self.base}/hub/api/users/{self.name}/server", timeout=60)
        if reply.status_code not in (201, 202, 400):  # 400: already running
            reply.raise_for_status()
        wait_for(lambda: self.http.get(f"{self.server}/api/status", timeout=10).ok, timeout,
                 f"server of {self.name}")
        return time.monotonic() - begun

    def contents(self, path: str) -> dict:
        reply = self.http.get(f"{self.server}/api/contents/{path}", timeout=30)
        reply.raise_for_status()
        return reply.json()

    def kernel(self, notebook: str) -> Kernel:
        """A kernel for ``notebook`` (a session, as opening it in JupyterLab makes)."""
        reply = self.http.post(f"{self.server}/api/sessions", timeout=60, json={
            "path": notebook, "type": "notebook", "name": notebook.rsplit("/", 1)[-1],
            "kernel": {"name": "python3"}})
        reply.raise_for_status()
        kernel_id = reply.json()["kernel"]["id"]
        address = self.server.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels"
        return Kernel(websocket.create_connection(
            address, header=[f"Authorization: token {self.token}"], timeout=120))


class KernelDied(RuntimeError):
    pass


@dataclass
class Kernel:
    socket: websocket.WebSocket
    session: str = field(default_factory=lambda: uuid.uuid4().hex)

    def run(self, code: str, timeout: float = 120) -> tuple[str, list[str], float]:
        """Run ``code``; returns its status ("ok"/"error"), its text outputs and its seconds."""
        msg_id = uuid.uuid4().hex
        begun = time.monotonic()
        self.socket.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": self.session,
                       "username": "", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
        outputs, status, idle = [], None, False
        deadline = time.monotonic() + timeout
        while not (status and idle):
            if time.monotonic() > deadline:
                raise TimeoutError(f"cell did not finish in {timeout} s: {code[:60]!r}")
            message = json.loads(self.socket.recv())
            state = message["content"].get("execution_state") \
                if message.get("msg_type") == "status" else None
            if state in ("restarting", "dead"):  # killed under it, e.g. past its memory cap
                raise KernelDied(f"the kernel was {state} while running {code[:60]!r}")
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                outputs.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                outputs.append(content["data"].get("text/plain", ""))
            elif kind == "error":
                outputs.append(f"{content['ename']}: {content['evalue']}")
            elif kind == "execute_reply":
                status = content["status"]
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        return status, outputs, time.monotonic() - begun

    def close(self) -> None:
        self.socket.close()


HAND_IN = ("import os\nfrom pathlib import Path\nfrom course.handin import hand_in\n"
           "from course.learner import current\nhand_in(current().store.path.parent.resolve(), "
           "Path(os.environ['COURSE_HANDIN']), current().module)")


def solution_answers(workshop, module_id: str) -> list[str]:
    """The instructor's answers of a module's exercise, as a learner who gets all right types
    them (the widgets' own recording calls)."""
    import nbformat

    from grading.demo import solution_code

    notebook = nbformat.read(workshop.source / module_id / f"{workshop.notebook('exercise')}"
                                                            ".ipynb", as_version=4)
    return [solution_code(c.source) for c in notebook.cells
            if c.metadata.get("nbgrader", {}).get("solution") and "answer(" in c.source]


def run_cells(learner: Learner, notebook: str, extra: list[str] = ()) -> list[float]:
    """Open ``notebook`` in a kernel, run its code cells then ``extra``; each cell's seconds.
    A cell that fails raises, naming the learner and the cell."""
    cells = [c["source"] for c in learner.contents(notebook)["content"]["cells"]
             if c["cell_type"] == "code"]
    kernel = learner.kernel(notebook)
    try:
        seconds = []
        for code in [*cells, *extra]:
            status, out, took = kernel.run(code)
            if status != "ok":
                raise RuntimeError(f"{learner.name}, {notebook}: {code[:60]!r} -> {out}")
            seconds.append(took)
        return seconds
    finally:
        kernel.close()
