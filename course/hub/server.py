"""``course hub``: write the JupyterHub configuration of a workshop and run the hub.

Loopback only unless ``--ip`` says otherwise (then learners on the centre's network reach it
at ``http://IP:PORT``). The hub's state (its database, cookie secret, proxy) stays in the
workshop's ``hub/state``, closed to learners. Idle servers are stopped after 30 minutes.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

from .. import processes
from ..dashboard.hub_service import SERVICE, service_config
from ..errors import CourseError
from ..i18n import say, text
from ..workshop import Workshop, open_workshop
from .accounts import COUNSELLOR, ensure_accounts
from .homes import check_reachable, hub_folder, lock_down

PROXY = Path(__file__).resolve().parent.parent.parent / "hub" / "node_modules" / ".bin" / \
    "configurable-http-proxy"
TEMPLATES = Path(__file__).resolve().parent.parent / "share" / "hub" / "templates"
IDLE_SECONDS = 30 * 60
CONFIG = '''\
# Written by `course hub`: the JupyterHub of this workshop.
from course.hub.server import configure

configure(c, {workshop!r}, {ip!r}, {port!r})  # noqa: F821
'''


def proxy_command() -> str:
    """configurable-http-proxy, from ``make hub`` (``hub/node_modules``) or the PATH."""
    found = str(PROXY) if PROXY.is_file() else shutil.which("configurable-http-proxy")
    if not found:
        raise CourseError(say(
            "Le proxy de JupyterHub manque. Installez-le avec « make hub » (il faut Node.js).",
            "JupyterHub's proxy is missing. Install it with 'make hub' (Node.js is needed)."))
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configure(c, workshop_path: str, ip: str, port: int) -> None:
    """Fill JupyterHub's configuration object ``c`` for the workshop."""
    workshop = open_workshop(Path(workshop_path))
    accounts = ensure_accounts(workshop)
    state = hub_folder(workshop) / "state"
    c.JupyterHub.ip, c.JupyterHub.port = ip, port
    # The hub's and the proxy's own ports, free ones: several workshops may run side by side.
    c.JupyterHub.hub_ip, c.JupyterHub.hub_port = "127.0.0.1", free_port()
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{free_port()}"
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.ConfigurableHTTPProxy.command = [proxy_command()]
    c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
    c.JupyterHub.authenticator_class = "course.hub.auth.WorkshopAuthenticator"
    c.WorkshopAuthenticator.workshop = str(workshop.path)
    c.Authenticator.allowed_users = set(accounts)
    c.Authenticator.admin_users = {COUNSELLOR}
    c.JupyterHub.spawner_class = "course.hub.spawner.WorkshopSpawner"
    c.WorkshopSpawner.workshop = str(workshop.path)
    c.Spawner.mem_limit = "768M"  # a learner's server and kernels together (control group)
    c.Spawner.cpu_limit = 1.0
    c.Spawner.start_timeout = 120
    c.Spawner.http_timeout = 90
    c.JupyterHub.template_paths = [str(TEMPLATES)]
    c.JupyterHub.template_vars = {"course": {
        "lang": workshop.lang,
        **{key.removeprefix("hub_"): text(key, workshop.lang, workshop.audience)
           for key in ("hub_title", "hub_intro", "hub_name", "hub_code", "hub_submit")}}}
    dashboard, opens_it = service_config(str(workshop.path), free_port())
    c.JupyterHub.load_roles = [{
        "name": "idle-culler", "services": ["idle-culler"],
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
        opens_it]
    c.JupyterHub.services = [{
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                    f"--timeout={IDLE_SECONDS}"]}, dashboard]
    c.JupyterHub.cleanup_servers = True


def write_hub_config(workshop: Workshop, ip: str, port: int) -> Path:
    """``hub/jupyterhub_config.py``, closed to learners like everything of the hub's state."""
    if os.name != "posix" or os.geteuid() != 0:
        raise CourseError(say(
            "course hub se lance en root (sudo) sur Linux : chaque apprenant y a son propre "
            "utilisateur, ce que seul root peut faire.",
            "course hub runs as root (sudo) on Linux: each learner gets a user of their own, "
            "which only root can do."))
    if COUNSELLOR in workshop.learners:
        raise CourseError(say(f"« {COUNSELLOR} » est réservé au compte de l'animateur : "
                              "changez ce pseudonyme dans la liste.",
                              f"'{COUNSELLOR}' is the counsellor's account: change that "
                              "pseudonym in the roster."))
    proxy_command()
    check_reachable(workshop)  # refused before the accounts are written
    ensure_accounts(workshop)  # the counsellor's id is the group lock_down shares with
    lock_down(workshop)
    state = hub_folder(workshop) / "state"
    state.mkdir(mode=0o700, exist_ok=True)
    config = state / "jupyterhub_config.py"
    config.write_text(CONFIG.format(workshop=str(workshop.path), ip=ip, port=port), "utf-8")
    return config


def hub_command(config: Path) -> list[str]:
    return [sys.executable, "-m", "jupyterhub", "-f", str(config)]


def run_hub(workshop: Workshop, ip: str = "127.0.0.1", port: int = 8000) -> int:
    """Run the hub until it is stopped (Ctrl+C, SIGTERM, a closed terminal); returns its exit
    status. Stopping it stops the proxy, the learners' servers and their kernels too."""
    config = write_hub_config(workshop, ip, port)
    print(say(f"L'atelier est ouvert sur http://{ip}:{port}/ (Ctrl+C pour arrêter). "
              "Les codes de connexion : course hub --logins.",
              f"The workshop is open at http://{ip}:{port}/ (Ctrl+C to stop). "
              "Login codes: course hub --logins."), flush=True)
    print(say(f"Tableau de bord (compte « {COUNSELLOR} ») : http://{ip}:{port}/services/"
              f"{SERVICE}/", f"Dashboard ('{COUNSELLOR}' account): http://{ip}:{port}/"
              f"services/{SERVICE}/"), flush=True)
    return processes.run(hub_command(config), cwd=config.parent)
