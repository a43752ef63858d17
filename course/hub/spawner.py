"""Start each account's single-user server: learners in a jail, the counsellor as the hub.

A learner's server is forked by the hub's warm process (``zygote``) and runs as that learner's
own user id (``accounts``), in a mount namespace where closed home folders show only Python and
the course (``grading/jail.py``, shared with the grading sandbox), in its home, with JupyterLab
(youth) or Voilà (seniors) opened at the course's home page, and inside a control group
capping its memory and CPU (``limits``: ``c.Spawner.mem_limit``, ``c.Spawner.cpu_limit``). The
counsellor's server is forked the same way, as the counsellor's own user id (never root), in
the workshop folder, which its group may read but not write, but for the grades
(``trainer``); it opens nbgrader's formgrader, in its own tab (JupyterHub forbids it in a
frame). Grading itself stays with ``course grade``, whose sandbox runs learners' code.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner
from jupyterhub.utils import random_port
from traitlets import Integer, Unicode

from ..handin import HANDIN_ENV
from ..start import HOME_PAGE, SHARE
from ..workshop import Workshop, open_workshop
from . import limits, trainer
from .accounts import COUNSELLOR, Account, load_accounts
from .homes import home_of, hub_folder, lock_down, prepare_home

GRADEBOOK_ENV = "COURSE_DB_URL"  # grading.nbgrader_setup.ENV_VAR, without importing nbgrader


class Zygote:
    """The hub's one warm process that forks learners' servers (``course.hub.zygote``)."""

    _running: dict[str, Zygote] = {}
    _lock = asyncio.Lock()

    def __init__(self, socket_path: Path, process) -> None:
        self.socket_path, self.process = socket_path, process

    @classmethod
    async def of(cls, workshop: Workshop) -> Zygote:
        """The workshop's zygote, started on first use (its imports take a few seconds)."""
        async with cls._lock:
            known = cls._running.get(str(workshop.path))
            if known and known.process.returncode is None:
                return known
            path = hub_folder(workshop) / "state" / "zygote.sock"
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "course.hub.zygote", str(path),
                stdout=asyncio.subprocess.PIPE)
            if (await process.stdout.readline()).strip() != b"ready":
                raise RuntimeError("the learners' server starter did not start")
            cls._running[str(workshop.path)] = cls(path, process)
            return cls._running[str(workshop.path)]

    async def fork(self, request: dict) -> int:
        reader, writer = await asyncio.open_unix_connection(str(self.socket_path))
        writer.write(json.dumps(request).encode() + b"\n")
        await writer.drain()
        answer = json.loads(await reader.readline())
        writer.close()
        return answer["pid"]


class WorkshopSpawner(LocalProcessSpawner):
    """One workshop's servers (see the module's docstring)."""

    workshop = Unicode(help="The workshop folder.").tag(config=True)
    processes = Integer(256, help="Processes one learner may run.").tag(config=True)

    def _account(self) -> tuple[Workshop, Account]:
        workshop = open_workshop(Path(self.workshop))  # accounts made when the hub started
        return workshop, load_accounts(workshop)[self.user.name]

    def user_env(self, env: dict) -> dict:
        """No system account behind a learner: their home is the one the course made."""
        workshop, account = self._account()
        path = os.pathsep.join([os.path.dirname(sys.executable), "/usr/bin", "/bin"])
        if account.name == COUNSELLOR:  # the gradebook's address, if kept out of files
            env.update(USER=account.name, HOME=str(trainer.home(workshop)), PATH=path,
                       COURSE_LANG=workshop.lang, PYTHONNOUSERSITE="1",
                       **{k: v for k, v in os.environ.items() if k == GRADEBOOK_ENV})
            return env
        home = home_of(workshop, account.name)  # made by start() just before
        course = home / ".course"
        env.update(
            USER=account.name, HOME=str(home), COURSE_LANG=workshop.lang,
            PATH=path,
            JUPYTERLAB_SETTINGS_DIR=str(course / "lab-settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(course / "lab-workspaces"),
            JUPYTER_CONFIG_DIR=str(course / "config"), JUPYTER_PATH=str(SHARE),
            PYTHONNOUSERSITE="1", **{HANDIN_ENV: str(workshop.submitted / account.name)})
        return env

    def make_preexec_fn(self, name: str):
        """Every server changes user inside the jail (started by the zygote)."""
        return None

    def _jail_spec(self, workshop: Workshop, account: Account, cwd: Path) -> dict:
        """A learner's server is bounded (processes; memory without a control group); the
        counsellor's only gets the same user change and closed home folders."""
        from grading.sandbox import Sandbox

        staging = hub_folder(workshop) / "staging" / account.name
        staging.mkdir(parents=True, exist_ok=True, mode=0o700)
        for leftover in staging.iterdir():
            leftover.rmdir()
        rlimits = {"RLIMIT_NPROC": (self.processes, self.processes),
                   "RLIMIT_CORE": (0, 0), "RLIMIT_NOFILE": (4096, 4096)}
        if not limits.available() and account.name != COUNSELLOR:  # at least per process
            rlimits["RLIMIT_AS"] = (self.mem_limit, self.mem_limit)
        return {"limits": rlimits, "reveal": Sandbox.hidden_homes(), "staging": str(staging),
                "cwd": str(cwd), "uid": account.uid, "gid": account.uid}

    async def start(self):
        workshop, account = self._account()
        if account.name == COUNSELLOR:
            lock_down(workshop)  # what root wrote since (grading, feedback) readable again
            self.notebook_dir = cwd = str(workshop.path)
            self.default_url = "/formgrader"
        else:
            home = prepare_home(workshop, account)
            self.notebook_dir = cwd = str(home)
            self.default_url = f"/{HOME_PAGE}"  # the modules in order, one "Continue" button
        self.port = self.port or random_port()
        zygote = await Zygote.of(workshop)
        self.pid = await zygote.fork({
            "spec": self._jail_spec(workshop, account, Path(cwd)), "env": self.get_env(),
            "argv": ["jupyterhub-singleuser", *self.get_args()]})
        self.proc = None  # a child of the zygote: polled and stopped by its id
        if limits.available() and account.name != COUNSELLOR:
            limits.confine(account.name, self.pid, self.mem_limit, self.cpu_limit)
        return (self.ip or "127.0.0.1", self.port)

    async def stop(self, now: bool = False) -> None:
        await super().stop(now=now)
        limits.release(self.user.name)
