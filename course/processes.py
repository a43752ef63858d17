"""Run a server so that stopping it stops everything it started.

``course start`` and ``course hub`` run their server (JupyterLab, Voilà, JupyterHub) through
``run``. Ctrl+C (SIGINT), ``kill`` (SIGTERM) and a closed terminal (SIGHUP) all end it the same
way: the server is asked to stop (SIGTERM: it shuts down its kernels, proxy and learners'
servers itself), and ``GRACE`` seconds later whatever it started that is still there is killed.
A second stop signal cuts the grace short.

On Linux the server runs under a small warden process (``python -m course.processes``), the
"subreaper" of the server's tree: it still finds what the server started after their parents
are gone (a kernel whose server was killed, a learner's server whose starter died), and it
stops the tree too when the command itself is killed (``kill -9``). The browser is opened by
the command, outside the warden: stopping the course never closes the learner's browser.
Elsewhere the server runs in a process group of its own, which is what gets killed.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

from .i18n import say

GRACE = 10.0  # seconds a server has to stop its kernels and children itself
LINUX = sys.platform.startswith("linux")
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                     if hasattr(signal, name))
PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36


def _table() -> list[tuple[int, int, bool]]:
    """(pid, parent, zombie) of every process (Linux ``/proc``)."""
    rows = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        rows.append((int(entry.name), int(fields[1]), fields[0] == b"Z"))
    return rows


def descendants(root: int) -> list[int]:
    """Every living process below ``root``, parents before their children (zombies are dead
    already: they only wait to be collected)."""
    children: dict[int, list[int]] = {}
    for pid, parent, zombie in _table():
        if not zombie:
            children.setdefault(parent, []).append(pid)
    found, queue = [], list(children.get(root, []))
    while queue:
        pid = queue.pop(0)
        found.append(pid)
        queue += children.get(pid, [])
    return found


def _signal_all(pids: Sequence[int], signum: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, signum)
        except (ProcessLookupError, PermissionError):
            continue


def _collect(but: int | None = None) -> None:
    """Collect finished children (orphans handed to the subreaper), never ``but``: the
    server's status belongs to its ``Popen``."""
    for pid, parent, zombie in _table():
        if parent == os.getpid() and zombie and pid != but:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                continue


def _sweep(grace: float) -> None:
    """SIGTERM to every process still below this one, SIGKILL to those there ``grace`` s on."""
    deadline = time.monotonic() + grace
    _signal_all(descendants(os.getpid()), signal.SIGTERM)
    while descendants(os.getpid()) and time.monotonic() < deadline:
        _collect()
        time.sleep(0.1)
    while left := descendants(os.getpid()):
        _signal_all(left, signal.SIGKILL)
        time.sleep(0.05)
        _collect()
    _collect()


def guard(command: Sequence[str], grace: float = GRACE, parent: int | None = None,
          **popen) -> int:
    """Run ``command`` until it ends or a stop signal comes, then stop all it started;
    returns its exit status (0 when it was stopped).

    On Linux this is the warden: the server's parent and the subreaper of its tree, which
    stops on its own if ``parent`` (the command) dies.
    """
    if LINUX:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    stops: list[int] = []
    previous = {signum: signal.signal(signum, lambda n, _frame: stops.append(n))
                for signum in STOP_SIGNALS}
    if parent is not None and os.getppid() != parent:  # died before we could hear it
        stops.append(signal.SIGTERM)
    # A session of its own: a signal sent to this process's group (a whole terminal job, a
    # service manager) reaches the server once, from here (JupyterHub hangs on a second).
    server = subprocess.Popen(command, start_new_session=os.name == "posix", **popen)
    try:
        beats = 0
        while server.poll() is None and not stops:
            time.sleep(0.1)
            beats += 1
            if LINUX and beats % 50 == 0:
                _collect(but=server.pid)
        if server.poll() is None:
            server.terminate()
            deadline = time.monotonic() + grace
            while server.poll() is None and time.monotonic() < deadline and len(stops) < 2:
                time.sleep(0.1)
    finally:
        if server.poll() is None and not LINUX and os.name == "posix":
            os.killpg(server.pid, signal.SIGKILL)  # its process group: all we can reach here
        if server.poll() is None:
            server.kill()
        status = server.wait()
        if LINUX:
            _sweep(0 if len(stops) > 1 else min(grace, 5))
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0 if stops else status


def run(command: Sequence[str], on_start: Callable[[subprocess.Popen], None] | None = None,
        grace: float = GRACE, **popen) -> int:
    """Run a server until it ends or this process gets a stop signal; returns its status.

    ``on_start`` gets the running process (to open a browser once the server answers).
    """
    if not LINUX:
        return guard(command, grace, **popen)
    # -I: a course.py in the folder it is started from is never imported instead
    warden = subprocess.Popen([sys.executable, "-I", "-m", "course.processes", str(grace),
                               str(os.getpid()), "--", *command], start_new_session=True,
                              **popen)
    notice = say("\nArrêt en cours, quelques secondes…\n",
                 "\nStopping, a few seconds...\n").encode()

    def forward(signum: int, _frame) -> None:  # the warden's session misses the terminal's
        os.write(2, notice)
        try:
            warden.send_signal(signal.SIGTERM)
        except ProcessLookupError:
            pass

    previous = {signum: signal.signal(signum, forward) for signum in STOP_SIGNALS}
    try:
        if on_start:
            on_start(warden)
        return warden.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def main(argv: list[str]) -> int:
    """``python -m course.processes GRACE PARENT -- COMMAND...``: the warden."""
    return guard(argv[3:], float(argv[0]), int(argv[1]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
