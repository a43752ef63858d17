"""A warm start for learners' servers: import the Jupyter server stack once, fork per learner.

Starting a single-user server is mostly importing Python (jupyter_server, JupyterLab, Voilà):
about 3.5 s of CPU each, so thirty learners arriving together need minutes of a small
machine's two cores. This process, started by the hub as root, pays the imports once; for
each learner it forks a child that closes itself into the grading jail (its own mount
namespace, limits, the learner's user id: ``grading/jail.py``) and runs the server. The
children share the imported modules' memory with this process until they change it.

Requests come over a Unix socket only root can open: one JSON object (``spec`` for the jail,
``env`` and ``argv`` for the server); the answer is the child's process id.

    python -m course.hub.zygote SOCKET
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import socket
import sys
import traceback

CLONE_NEWNS = 0x00020000
MS_REC, MS_PRIVATE = 16384, 1 << 18
PR_SET_PDEATHSIG = 1


def _reap(*_: object) -> None:
    """Collect finished servers, so that a stopped one is seen as stopped, not as a zombie."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _become_server(request: dict) -> None:
    """In the forked child: own session, own mount namespace, the jail, then the server."""
    from grading import jail

    os.setsid()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNS) != 0 or libc.mount(b"none", b"/", None,
                                                    MS_REC | MS_PRIVATE, None) != 0:
        raise OSError(ctypes.get_errno(), "cannot make a mount namespace of its own")
    jail.apply(request["spec"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = request["argv"]
    from jupyterhub.singleuser.extension import main

    main()


def serve(path: str) -> None:
    """Import once, then fork a server for every request until the hub goes away."""
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)  # ends with the hub
    import jupyterhub.singleuser.extension  # noqa: F401 (the imports this process is for)
    import jupyterlab  # noqa: F401
    import voila.server_extension  # noqa: F401

    signal.signal(signal.SIGCHLD, _reap)
    listener = socket.socket(socket.AF_UNIX)
    if os.path.exists(path):
        os.unlink(path)
    listener.bind(path)
    os.chmod(path, 0o600)
    listener.listen(16)
    print("ready", flush=True)
    os.dup2(2, 1)  # from now on everything goes to the hub's log, not to a pipe nobody reads
    while True:
        try:
            connection, _ = listener.accept()
        except InterruptedError:
            continue
        with connection:
            request = json.loads(connection.makefile("rb").readline())
            pid = os.fork()
            if pid == 0:
                listener.close()
                connection.close()
                code = 0
                try:
                    _become_server(request)
                except SystemExit as exit_:
                    code = exit_.code if isinstance(exit_.code, int) else 1
                except BaseException:  # noqa: BLE001 (told in the hub's log, then gone)
                    traceback.print_exc()
                    code = 1
                os._exit(code)
            connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")


if __name__ == "__main__":
    serve(sys.argv[1])
