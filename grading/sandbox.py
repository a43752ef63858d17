"""Run a learner's notebook in a sandbox while nbgrader grades it.

nbgrader runs learners' code with the trainer's rights (its FAQ says it does "not directly"
protect against it). This module plugs into nbgrader's own configuration instead of replacing
autograde: ``SandboxedExecute`` is nbgrader's execute preprocessor with a wall-clock limit for
the whole notebook and a cap on what a cell may print, and it starts kernels through
``SandboxKernelManager``, which launches each kernel:

- in its own temporary folder (a copy of the learner's files), never in ``autograded/``;
- with limits on CPU time, memory, file size, open files and processes (``jail.py``);
- with a clean environment: no token or secret of the trainer's session reaches it, and the
  folder of the notebook is not on ``sys.path`` (a planted ``pandas.py`` is never imported);
- without network: as root in a new network namespace and as a user of its own (one per
  grading worker, so one learner's fork bomb cannot starve another's kernel), with closed home
  folders (the trainer's) covered but for Python and the course; otherwise in a user
  namespace when the system allows it;
- with ``/tmp``, ``/var/tmp`` and ``/dev/shm`` of its own (fresh, small, in memory) whenever it
  has a mount namespace: nothing it writes there is left on the machine or seen by others;
- and nothing it started outlives it: when the kernel ends, its process group is killed, and
  so is every process of its sandbox user (as root) or of its PID namespace (user namespaces),
  which catches what forked away from the group (an ``atexit`` handler's sleeper).

The sandbox is Linux-only. Elsewhere, or when namespaces are not allowed, the notebook runs with
what remains and ``isolation().warning`` says plainly what is missing. Kernels talk over Unix
sockets (ZMQ ``ipc``) because a fresh network namespace has no usable loopback.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer, TraitError, Unicode
from traitlets.config import Configurable

from course.errors import CourseError
from course.i18n import say

JAIL = str(Path(__file__).with_name("jail.py"))
FIRST_UID, UIDS = 62000, 1000  # each grading worker runs learners' code as one of these
HOME_PREFIX = "course-kernel-"
CUT_NOTE = "[output cut: this cell printed too much]"
ROOT, USERNS, LIMITS, NONE = "root", "user-namespace", "limits-only", "none"
# unshare's options in each mode: as root the kernel's own user bounds what it leaves behind;
# in a user namespace its own PID namespace does (all of it dies with the kernel).
UNSHARE = {ROOT: ["--net", "--mount"],
           USERNS: ["--net", "--map-root-user", "--mount", "--pid", "--fork", "--kill-child",
                    "--mount-proc"]}
PRIVATE = ("/tmp", "/var/tmp", "/dev/shm")  # writable by anyone: each kernel gets its own


@dataclass(frozen=True)
class Limits:
    """What one learner's kernel may use. Times in seconds, sizes in bytes."""

    cpu_seconds: int = 120
    memory_bytes: int = 2 * 1024**3
    file_bytes: int = 64 * 1024**2
    open_files: int = 256
    processes: int = 128

    def rlimits(self, own_user: bool) -> dict[str, tuple[int, int]]:
        limits = {"RLIMIT_CPU": (self.cpu_seconds, self.cpu_seconds + 5),
                  "RLIMIT_AS": (self.memory_bytes, self.memory_bytes),
                  "RLIMIT_FSIZE": (self.file_bytes, self.file_bytes),
                  "RLIMIT_NOFILE": (self.open_files, self.open_files),
                  "RLIMIT_CORE": (0, 0)}
        if own_user:  # the process count is per user: only meaningful for a user of its own
            limits["RLIMIT_NPROC"] = (self.processes, self.processes)
        return limits


MIB = 1024**2


class SandboxLimits(Configurable):
    """The limits as a trainer sets them in the workshop's ``nbgrader_config.py``, e.g.
    ``c.SandboxLimits.memory_mb = 1024`` on a small machine."""

    cpu_seconds = Integer(Limits.cpu_seconds, min=1, help="CPU seconds per notebook.").tag(
        config=True)
    memory_mb = Integer(Limits.memory_bytes // MIB, min=64, help="Memory, MiB.").tag(config=True)
    file_mb = Integer(Limits.file_bytes // MIB, min=1, help="Largest file written, MiB.").tag(
        config=True)
    open_files = Integer(Limits.open_files, min=16, help="Files open at once.").tag(config=True)
    processes = Integer(Limits.processes, min=8, help="Processes of the kernel's user.").tag(
        config=True)

    def limits(self) -> Limits:
        return Limits(self.cpu_seconds, self.memory_mb * MIB, self.file_mb * MIB,
                      self.open_files, self.processes)


def configured_limits(config, where: Path) -> Limits:
    """The sandbox limits of a loaded nbgrader configuration, or a plain error naming the file."""
    try:
        return SandboxLimits(config=config).limits()
    except TraitError as exc:
        raise CourseError(say(f"{where} : limite de correction invalide : {exc}",
                              f"{where}: invalid grading limit: {exc}")) from exc


@dataclass(frozen=True)
class Isolation:
    mode: str
    warning: str = ""


def _works(command: list[str]) -> bool:
    try:
        return subprocess.run(command, capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@cache
def isolation() -> Isolation:
    """The strongest sandbox this machine allows, with a plain warning for what is missing."""
    if not sys.platform.startswith("linux"):
        return Isolation(NONE, say(
            "Attention : hors Linux, le code des apprenants est exécuté sans bac à sable "
            "(ni limites, ni coupure du réseau). Corrigez sur Linux si possible.",
            "Warning: outside Linux, learners' code runs without a sandbox (no limits, no "
            "network cut). Grade on Linux if you can."))
    unshare = shutil.which("unshare")
    if unshare and os.geteuid() == 0 and _works([unshare, *UNSHARE[ROOT], "true"]):
        return Isolation(ROOT)
    if unshare and _works([unshare, *UNSHARE[USERNS], "true"]):
        return Isolation(USERNS, say(
            "Note : sans droits root, le nombre de processus des apprenants n'est pas limité.",
            "Note: without root, the number of processes of learners' code is not limited."))
    return Isolation(LIMITS, say(
        "Attention : ce système refuse les espaces de noms ; le code des apprenants garde "
        "l'accès au réseau (les limites de temps, de mémoire et de fichiers s'appliquent).",
        "Warning: this system refuses namespaces; learners' code keeps network access (time, "
        "memory and file limits still apply)."))


_claimed: list = []


def own_user_possible() -> bool:
    """Whether kernels can run as a user of their own, which alone bounds their processes:
    as root, when Python is reachable by that user (a namespace can uncover it if not)."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return False
    return isolation().mode == ROOT or not Sandbox.hidden_homes()


def claim_uid() -> int:
    """A user id that no other grading process on this machine uses while this one lives.

    Several ``course grade`` runs may overlap (two trainers, a test suite): each worker holds
    a lock on its id, released by the system when the process ends, even by ``kill -9``.
    """
    import fcntl  # POSIX only, like the sandbox itself

    folder = Path(tempfile.gettempdir()) / "course-sandbox-users"
    folder.mkdir(mode=0o700, exist_ok=True)
    for uid in range(FIRST_UID, FIRST_UID + UIDS):
        handle = open(folder / f"{uid}.lock", "w")  # noqa: SIM115 (held for the process' life)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        _claimed.append(handle)
        return uid
    raise RuntimeError("no free sandbox user id")


@dataclass
class Sandbox:
    """The sandbox one grading worker uses for the kernels it starts."""

    limits: Limits
    uid: int | None = field(default=None, init=False)
    kernel: object = field(default=None, init=False, repr=False)  # the one running now

    def __post_init__(self) -> None:
        if own_user_possible():
            self.uid = claim_uid()

    def environment(self, home: Path) -> dict[str, str]:
        """All the kernel gets: nothing from the trainer's environment."""
        return {
            "PATH": os.pathsep.join([os.path.dirname(sys.executable), "/usr/local/bin",
                                     "/usr/bin", "/bin"]),
            "HOME": str(home), "TMPDIR": str(home / "tmp"), "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8", "PYTHONSAFEPATH": "1", "PYTHONNOUSERSITE": "1",
            "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": str(home / "tmp"), "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "JPY_PARENT_PID": str(os.getpid()),
        }

    def prepare(self, work: Path) -> tuple[Path, Path]:
        """A fresh home for one kernel with a copy of the learner's files: (home, cwd)."""
        home = Path(tempfile.mkdtemp(prefix=HOME_PREFIX))
        os.chmod(home, 0o700)
        cwd = home / "work"
        shutil.copytree(work, cwd, symlinks=True)
        (home / "tmp").mkdir()
        if self.uid is not None:
            for path in [home, *home.rglob("*")]:
                os.lchown(path, self.uid, self.uid)
        return home, cwd

    @staticmethod
    def needed() -> list[str]:
        """What the kernel must see wherever it lies: Python, the environment, the course."""
        import course

        found = {sys.base_prefix, sys.prefix, str(Path(course.__file__).parent)}
        return sorted(map(os.path.realpath, found))

    @classmethod
    def hidden_homes(cls) -> dict[str, list[str]]:
        """Closed folders (such as /root) on the way to Python or the course, with the one
        entry of each the kernel needs: those are all it may see there."""
        hidden: dict[str, set[str]] = {}
        for path in map(Path, cls.needed()):
            for parent in reversed(path.parents):
                if parent != path and not parent.stat().st_mode & stat.S_IXOTH:
                    hidden.setdefault(str(parent), set()).add(
                        path.relative_to(parent).parts[0])
                    break
        return {k: sorted(v) for k, v in hidden.items()}

    def wrap(self, command: list[str], home: Path, cwd: Path) -> list[str]:
        """The kernel command, run through ``jail.py`` (and ``unshare`` when allowed)."""
        mode = isolation().mode
        if mode == NONE:
            return command
        spec = {"limits": self.limits.rlimits(self.uid is not None), "cwd": str(cwd),
                "env": self.environment(home), "uid": self.uid, "gid": self.uid,
                "staging": str(home)}
        if mode == ROOT:
            spec["reveal"] = self.hidden_homes()
        prefix = []
        if mode in UNSHARE:
            spec["private"] = {"folders": list(PRIVATE), "keep": [str(home), *self.needed()],
                               "bytes": self.limits.file_bytes}
            prefix = ["unshare", *UNSHARE[mode], "--"]
        return prefix + [sys.executable, "-I", "-S", JAIL, json.dumps(spec), "--", *command]

    def kill_strays(self, kernel: int) -> None:
        """Kill every process of the sandbox user but the kernel: nothing a cell started
        (a fork bomb's copies of the kernel) outlives the cell or slows other learners."""
        if self.uid is None:
            return
        for _ in range(3):
            found = [pid for pid in _pids_of(self.uid) if pid != kernel]
            if not found:
                return
            for pid in found:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def end(self, group: int | None) -> None:
        """What a kernel started goes when it ends: its process group (all it forked that
        stayed there), then every process of the sandbox user, whatever group it moved to."""
        if group and hasattr(os, "killpg"):
            try:
                os.killpg(group, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass  # the group is empty already
        self.clear()

    def clear(self) -> None:
        """Kill whatever the sandbox user left running (a fork bomb's children) and wait until
        it is gone: the next kernel needs the whole process allowance of that user. Then
        remove the homes that user left (this process holds the user id's lock)."""
        if self.uid is None:
            return
        deadline = time.monotonic() + 10
        while _pids_of(self.uid) and time.monotonic() < deadline:
            pid = os.fork()
            if pid == 0:  # as that user, kill(-1) reaches exactly that user's processes
                try:
                    os.setgid(self.uid)
                    os.setuid(self.uid)
                    os.kill(-1, signal.SIGKILL)
                except OSError:
                    pass
                os._exit(0)
            os.waitpid(pid, 0)
            time.sleep(0.05)
        for home in Path(tempfile.gettempdir()).glob(HOME_PREFIX + "*"):
            try:  # a home left by a killed grader that held this user id before
                if home.stat().st_uid == self.uid:
                    shutil.rmtree(home, ignore_errors=True)
            except OSError:
                continue


def _pids_of(uid: int) -> list[int]:
    """Processes whose real user is ``uid`` (Linux ``/proc``)."""
    pids = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status", encoding="ascii", errors="replace") as status:
                owner = next(line for line in status if line.startswith("Uid:"))
        except (OSError, StopIteration):
            continue
        if int(owner.split()[1]) == uid:
            pids.append(int(entry.name))
    return pids


_current: list[Sandbox] = []


def use(sandbox: Sandbox | None) -> None:
    """Make kernels started in this process use ``sandbox`` (None: back to plain kernels)."""
    _current[:] = [sandbox] if sandbox else []


class SandboxKernelManager(AsyncKernelManager):
    """nbclient's kernel manager, launching the kernel inside this process's ``Sandbox``."""

    transport = Unicode("ipc").tag(config=True)
    home = None
    box: Sandbox | None = None

    async def _async_pre_start_kernel(self, **kw):
        if not _current or isolation().mode == NONE:
            return await super()._async_pre_start_kernel(**kw)
        box = self.box = _current[0]
        box.clear()  # what a grader killed earlier left
        box.kernel = self
        self.home, cwd = box.prepare(Path(kw.get("cwd") or "."))
        self.connection_file = str(self.home / "kernel.json")
        self.ip = str(self.home / "ipc")
        kw.update(cwd=str(cwd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        command, kw = await super()._async_pre_start_kernel(**kw)
        if box.uid is not None:
            os.chown(self.connection_file, box.uid, box.uid)
        return box.wrap(command, self.home, cwd), kw

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        group = getattr(self.provisioner, "pgid", None)
        await super()._async_cleanup_resources(restart=restart)
        if restart or not self.box:
            return
        # Only the box's latest kernel may sweep: a late clean-up of an older one must never
        # kill the next learner's kernel, which runs as the same user.
        if self.box.kernel is self:
            self.box.end(group)
            self.box.kernel = None
        if self.home:
            shutil.rmtree(self.home, ignore_errors=True)
            self.home = None


class SandboxedExecute(Execute):
    """nbgrader's ``Execute`` with a per-notebook deadline and a cap on printed output."""

    notebook_timeout = Integer(300, help="Wall-clock seconds for a whole notebook.").tag(
        config=True)
    output_chars = Integer(1_000_000, help="Characters a cell may print.").tag(config=True)
    # A flood can still be arriving after the interrupt: keep what came, do not fail.
    raise_on_iopub_timeout = Bool(False).tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(*args, **kwargs)
        self.timeout_func = self._cell_timeout
        self._deadline = 0.0
        self._printed: dict[int, int] = {}

    def preprocess(self, nb, resources=None, km=None):
        self._deadline = time.monotonic() + self.notebook_timeout
        self._printed = {}
        return super().preprocess(nb, resources, km)

    def on_cell_executed(self, **kwargs):
        super().on_cell_executed(**kwargs)
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if _current and process is not None:
            _current[0].kill_strays(process.pid)

    def _cell_timeout(self, cell) -> int:
        """The cell's own limit, cut short when the notebook's time is nearly spent."""
        left = int(self._deadline - time.monotonic())
        return max(1, min(self.timeout, left)) if self.timeout else max(1, left)

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        size = len(content.get("text", "")) + sum(len(str(v)) for v in
                                                   content.get("data", {}).values())
        before = self._printed.get(cell_index, 0)
        self._printed[cell_index] = before + size
        if before + size <= self.output_chars:
            return super().output(outs, msg, display_id, cell_index)
        if before <= self.output_chars:
            from nbformat.v4 import new_output

            outs.append(new_output("stream", name="stdout", text=CUT_NOTE + "\n"))
        return None
