"""The dashboard's tornado application, and ``course dashboard`` running it on this computer.

Bound to 127.0.0.1 only, with a fresh random token each run (``access``); forms carry
tornado's XSRF token, so another page open in the browser cannot press the buttons. The CSS and
script are the app's own files: nothing comes from the internet.
"""

from __future__ import annotations

import asyncio
import secrets
import signal
import socket
import webbrowser
from pathlib import Path

from tornado import web

from ..i18n import say
from ..workshop import Workshop
from .access import TOKEN_ARG, TokenAccess
from .handlers.base import Page
from .handlers.learners import EraseAction, ExportAction, ExportFile, LearnersPage
from .handlers.report import ReportFile, ReportPage
from .handlers.workshop import HandInsFragment, StepAction, StepStatus, WorkshopPage
from .handlers.written import WrittenPage
from .jobs import Jobs

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


def _port_from(wanted: int) -> int:
    """``wanted`` if it is free on loopback, else the next free one."""
    for port in range(wanted, wanted + 50):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise OSError(say("Aucun port libre.", "No free port."))


async def _serve(workshop: Workshop, port: int, open_browser: bool) -> None:
    token = secrets.token_urlsafe(24)
    app = make_app(workshop, TokenAccess, token=token, port=port,
                   cookie_secret=secrets.token_bytes(32))
    server = app.listen(port, address="127.0.0.1", xheaders=False)
    address = f"http://127.0.0.1:{port}/?{TOKEN_ARG}={token}"
    print(say(f"Tableau de bord de l'atelier : {address}\n(Ctrl+C pour arrêter ; l'adresse "
              "ne sert qu'une fois par navigateur, gardez-la pour vous.)",
              f"Workshop dashboard: {address}\n(Ctrl+C to stop; keep the address to "
              "yourself.)"), flush=True)
    if open_browser:
        webbrowser.open(address)
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(signum, stopped.set)
    await stopped.wait()
    server.stop()
    await server.close_all_connections()


def run_dashboard(workshop: Workshop, port: int = 8765, open_browser: bool = True) -> int:
    """Serve the dashboard until Ctrl+C, SIGTERM or a closed terminal; returns 0."""
    asyncio.run(_serve(workshop, _port_from(port), open_browser))
    print(say("Tableau de bord arrêté.", "Dashboard stopped."), flush=True)
    return 0
