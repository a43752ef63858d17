"""The dashboard's tornado application, and ``course dashboard`` running it on this computer.

Bound to 127.0.0.1 only, with a fresh random token each run (``access``); forms carry
tornado's XSRF token, so another page open in the browser cannot press the buttons. The CSS and
script are the app's own files: nothing comes from the internet.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import sys
from pathlib import Path

from tornado import web

from .. import processes
from ..i18n import say
from ..start import announce_when_ready, free_port
from ..workshop import Workshop, open_workshop
from .access import TOKEN_ARG, TokenAccess
from .handlers.base import Page
from .handlers.learners import EraseAction, ExportAction, ExportFile, LearnersPage
from .handlers.report import ReportFile, ReportPage
from .handlers.workshop import HandInsFragment, StepAction, StepStatus, WorkshopPage
from .handlers.written import WrittenPage
from .jobs import RUNNING, Jobs

STATIC = Path(__file__).resolve().parent / "static"
ROUTES: list[tuple[str, type[Page]]] = [
    ("", WorkshopPage), ("rendus", HandInsFragment), ("etape", StepAction),
    ("etape/etat", StepStatus), ("reponses", WrittenPage), ("rapport", ReportPage),
    ("rapport/page", ReportFile), ("apprenants", LearnersPage),
    ("apprenants/exporter", ExportAction), ("apprenants/telecharger", ExportFile),
    ("apprenants/effacer", EraseAction)]


def make_app(workshop: Workshop, access: type, base: str = "/", **settings) -> web.Application:
    """The app under ``base``, every page guarded by ``access`` (a mixin with
    ``check_access``)."""
    handlers = [(f"{base}{path}", type(page.__name__, (access, page), {}))
                for path, page in ROUTES]
    handlers.append((f"{base}static/(.*)", web.StaticFileHandler, {"path": str(STATIC)}))
    return web.Application(handlers, workshop=workshop, base=base, jobs=Jobs(),
                           xsrf_cookies=True, static_path=str(STATIC),
                           static_url_prefix=f"{base}static/", **settings)


TOKEN_ENV = "COURSE_DASHBOARD_TOKEN"  # the environment, not argv: ps shows argv to everyone
async def serve(workshop: Workshop, port: int, token: str) -> bool:
    """Serve until SIGINT, SIGTERM or SIGHUP; returns whether a step was still running."""
    app = make_app(workshop, TokenAccess, token=token, port=port,
                   cookie_secret=secrets.token_bytes(32))
    server = app.listen(port, address="127.0.0.1")
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(signum, stopped.set)
    await stopped.wait()
    server.stop()
    await server.close_all_connections()
    return app.settings["jobs"].status()["state"] == RUNNING


def run_dashboard(workshop: Workshop, port: int = 8765, open_browser: bool = True) -> int:
    """Serve the dashboard until Ctrl+C, SIGTERM or a closed terminal (under the project's
    warden, ``course.processes``: whatever a step started is stopped with it)."""
    token = secrets.token_urlsafe(24)
    port = free_port(port)
    address = f"http://127.0.0.1:{port}/?{TOKEN_ARG}={token}"
    ready = say(f"Tableau de bord de l'atelier : {address}\n(Ctrl+C pour arrêter ; gardez "
                "cette adresse pour vous.)", f"Workshop dashboard: {address}\n(Ctrl+C to stop; "
                "keep this address to yourself.)")
    probe = f"http://127.0.0.1:{port}/static/dashboard.css"
    opener = announce_when_ready(ready, address, probe, open_browser)
    status = processes.run([sys.executable, "-I", "-m", "course.dashboard.app",
                            str(workshop.path), str(port)], on_start=opener,
                           env=dict(os.environ, **{TOKEN_ENV: token}))
    print(say("Tableau de bord arrêté.", "Dashboard stopped."), flush=True)
    return status


def main(argv: list[str]) -> None:
    """The server itself, started by ``run_dashboard`` under the warden. Stopped in the middle
    of a step, it ends at once: its grading workers die with it (``PR_SET_PDEATHSIG``) and the
    warden stops what they had started (the learners' kernels)."""
    if asyncio.run(serve(open_workshop(argv[0]), int(argv[1]), os.environ.pop(TOKEN_ENV))):
        print(say("Étape interrompue : relancez-la au prochain démarrage.",
                  "Step interrupted: run it again next time."), file=sys.stderr, flush=True)
        os._exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
