"""Start each account's single-user server: learners in a jail, the counsellor as the hub.

A learner's server runs as that learner's own user id (``accounts``), in a mount namespace
where closed home folders show only Python and the course (``grading/jail.py``, shared with
the grading sandbox), in its home, with JupyterLab (youth) or Voilà (seniors) opened at the
first module, and inside a control group capping its memory and CPU (``limits``). The
counsellor's server runs as the hub's own user in the workshop folder and opens nbgrader's
formgrader, in its own tab (JupyterHub forbids it in a frame).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Float, Integer, Unicode

from ..handin import HANDIN_ENV
from ..start import SHARE
from ..workshop import Workshop, open_workshop
from . import limits
from .accounts import COUNSELLOR, Account, ensure_accounts
from .homes import home_of, hub_folder, prepare_home

JAIL = str(Path(__file__).resolve().parent.parent.parent / "grading" / "jail.py")
MIB = 1024**2


def first_page(workshop: Workshop, home: Path) -> str:
    """The lesson of the first released module, as a path under the learner's home."""
    first = next(m for m in workshop.modules if (home / m).is_dir())
    return f"{first}/{workshop.notebook('lesson')}.ipynb"


class WorkshopSpawner(LocalProcessSpawner):
    """One workshop's servers (see the module's docstring)."""

    workshop = Unicode(help="The workshop folder.").tag(config=True)
    memory_mb = Integer(768, help="Memory of one learner's server and kernels, MiB.").tag(
        config=True)
    cpus = Float(1.0, help="CPU cores one learner may use at once.").tag(config=True)
    processes = Integer(256, help="Processes one learner may run.").tag(config=True)

    def _account(self) -> tuple[Workshop, Account]:
        workshop = open_workshop(Path(self.workshop))
        return workshop, ensure_accounts(workshop)[self.user.name]

    def user_env(self, env: dict) -> dict:
        """No system account behind a learner: their home is the one the course made."""
        workshop, account = self._account()
        if account.name == COUNSELLOR:
            env.update(USER=account.name, HOME=str(workshop.path))
            return env
        home = home_of(workshop, account.name)  # made by start() just before
        course = home / ".course"
        env.update(
            USER=account.name, HOME=str(home), COURSE_LANG=workshop.lang,
            PATH=os.pathsep.join([os.path.dirname(sys.executable), "/usr/bin", "/bin"]),
            JUPYTERLAB_SETTINGS_DIR=str(course / "lab-settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(course / "lab-workspaces"),
            JUPYTER_CONFIG_DIR=str(course / "config"), JUPYTER_PATH=str(SHARE),
            PYTHONNOUSERSITE="1", **{HANDIN_ENV: str(workshop.submitted / account.name)})
        return env

    def make_preexec_fn(self, name: str):
        """Learners change user inside the jail; the counsellor starts in the workshop."""
        folder = self.workshop

        def in_workshop() -> None:
            os.chdir(folder)

        return in_workshop if name == COUNSELLOR else None

    def _jail(self, workshop: Workshop, account: Account, home: Path) -> list[str]:
        from grading.sandbox import Sandbox

        staging = hub_folder(workshop) / "staging" / account.name
        staging.mkdir(parents=True, exist_ok=True, mode=0o700)
        for leftover in staging.iterdir():
            leftover.rmdir()
        rlimits = {"RLIMIT_NPROC": (self.processes, self.processes),
                   "RLIMIT_CORE": (0, 0), "RLIMIT_NOFILE": (4096, 4096)}
        if not limits.available():  # no control group: at least each process is bounded
            rlimits["RLIMIT_AS"] = (self.memory_mb * MIB, self.memory_mb * MIB)
        spec = {"limits": rlimits, "reveal": Sandbox.hidden_homes(), "staging": str(staging),
                "cwd": str(home), "uid": account.uid, "gid": account.uid}
        return ["unshare", "--mount", "--", sys.executable, "-I", "-S", JAIL, json.dumps(spec),
                "--", sys.executable, "-m", "jupyterhub.singleuser"]

    async def start(self):
        workshop, account = self._account()
        if account.name == COUNSELLOR:
            self.cmd = [sys.executable, "-m", "jupyterhub.singleuser",
                        "--ServerApp.allow_root=True"]
            self.notebook_dir, self.default_url = str(workshop.path), "/formgrader"
        else:
            home = prepare_home(workshop, account)
            self.cmd = self._jail(workshop, account, home)
            self.notebook_dir = str(home)
            page = first_page(workshop, home)
            self.default_url = (f"/voila/render/{page}" if workshop.audience == "senior"
                                else f"/lab/tree/{page}")
        address = await super().start()
        if account.name != COUNSELLOR and limits.available():
            limits.confine(account.name, self.pid, self.memory_mb * MIB, self.cpus)
        return address

    async def stop(self, now: bool = False) -> None:
        await super().stop(now=now)
        limits.release(self.user.name)
