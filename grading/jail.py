"""Start one command inside the limits of a learner's sandbox, then become that command.

Run as ``python -I -S jail.py SPEC -- COMMAND...`` (usually already inside ``unshare --net``).
It sets the resource limits, hides closed home folders but for what the kernel needs, gives
the command fresh ``/tmp``-like folders of its own (in its mount namespace), drops
to the sandbox's own user when started as root, moves to the sandbox's own folder and
replaces itself with COMMAND under a clean environment (the spec's, or else the one it was
given: a hub's learner server needs its hub token, which must not appear on a command line).
It imports nothing but the standard library, so nothing of the grader is loaded before the
limits apply.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import sys

PR_SET_NO_NEW_PRIVS = 38
MS_NOSUID, MS_NODEV, MS_BIND, MS_MOVE, MS_REC = 2, 4, 4096, 8192, 16384


def _mount(libc, source: str, target: str, kind: str | None, flags: int, data: str = "") -> None:
    if libc.mount(source.encode(), target.encode(), kind.encode() if kind else None, flags,
                  data.encode() or None) != 0:
        raise OSError(ctypes.get_errno(), f"mount {source} on {target}")


def reveal(libc, hidden: str, keep: list[str], staging: str) -> None:
    """In this mount namespace only, cover the closed folder ``hidden`` (a home such as /root)
    with an empty one and put back just the folders of ``keep`` (Python, the course)."""
    held = []
    for n, name in enumerate(keep):
        spot = os.path.join(staging, f"keep-{n}")
        os.mkdir(spot)
        _mount(libc, os.path.join(hidden, name), spot, None, MS_BIND | MS_REC)
        held.append((spot, name))
    _mount(libc, "tmpfs", hidden, "tmpfs", 0, "mode=755,size=1m")
    for spot, name in held:
        os.mkdir(os.path.join(hidden, name))
        _mount(libc, spot, os.path.join(hidden, name), None, MS_MOVE)


def private(libc, folders: list[str], keep: list[str], staging: str, size: int) -> None:
    """In this mount namespace only, cover each shared writable folder (``/tmp``...) with an
    empty one in memory, ``size`` bytes at most: what the command writes there is its own and
    goes with it. What of ``keep`` lies in one of them is put back at the same path: the
    kernel's home (the grader reaches the kernel through files there), and Python and the
    course when they were installed there (a clone in /tmp)."""
    options = f"mode=1777,size={size},nr_inodes=4096"
    for n, folder in enumerate(folders):
        if os.path.islink(folder) or not os.path.isdir(folder):
            continue
        inside = [os.path.relpath(path, folder) for path in keep
                  if not os.path.relpath(path, folder).startswith(os.pardir)]
        inside = [path for path in inside  # a folder inside another kept one comes with it
                  if not any(path.startswith(other + os.sep) for other in inside)]
        if not inside:
            _mount(libc, "tmpfs", folder, "tmpfs", MS_NOSUID | MS_NODEV, options)
            continue
        fresh = os.path.join(staging, f".private-{n}")  # built aside, then moved over it
        os.mkdir(fresh, 0o700)
        _mount(libc, "tmpfs", fresh, "tmpfs", MS_NOSUID | MS_NODEV, options)
        for path in inside:
            os.makedirs(os.path.join(fresh, path), 0o755)
            _mount(libc, os.path.join(folder, path), os.path.join(fresh, path), None, MS_BIND)
        _mount(libc, fresh, folder, None, MS_MOVE)


def apply(spec: dict) -> None:
    """Limits first (as root they cannot be raised again after the user changes)."""
    for name, (soft, hard) in spec["limits"].items():
        resource.setrlimit(getattr(resource, name), (soft, hard))
    libc = ctypes.CDLL(None, use_errno=True)
    for hidden, keep in spec.get("reveal", {}).items():
        reveal(libc, hidden, keep, spec["staging"])
    if "private" in spec:
        private(libc, spec["private"]["folders"], spec["private"]["keep"], spec["staging"],
                spec["private"]["bytes"])
    os.chdir(spec["cwd"])
    if spec.get("uid") is not None:
        os.setgroups([])
        os.setgid(spec["gid"])
        os.setuid(spec["uid"])
    libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)  # no setuid program gives rights back


def main(argv: list[str]) -> None:
    spec, command = json.loads(argv[1]), argv[3:]
    apply(spec)
    os.execve(command[0], command, spec.get("env", os.environ))


if __name__ == "__main__":
    main(sys.argv)
