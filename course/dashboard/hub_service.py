"""The dashboard as a JupyterHub service: the same app, behind the hub's login, for the
counsellor's account only.

``course hub`` declares it (``service_config``): the hub starts ``python -m
course.dashboard.hub_service WORKSHOP``, routes ``/services/tableau-de-bord/`` to it and lets
only the counsellor's account through its OAuth (a role holding the service's access scope);
the app checks the name again itself, so a learner who logged in to the hub gets a 403 either
way. No token is printed: the hub's login is the key.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import sys
from urllib.parse import urlsplit

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from tornado import web

from ..hub.accounts import COUNSELLOR
from ..workshop import open_workshop
from .app import make_app

SERVICE = "tableau-de-bord"


def service_config(workshop_path: str, port: int) -> tuple[dict, dict]:
    """(the hub's service entry, the role that lets the counsellor alone open it)."""
    service = {"name": SERVICE, "url": f"http://127.0.0.1:{port}", "oauth_no_confirm": True,
               "display": True, "command": [sys.executable, "-I", "-m",
                                            "course.dashboard.hub_service", workshop_path]}
    role = {"name": f"{SERVICE}-animation", "users": [COUNSELLOR],
            "scopes": [f"access:services!service={SERVICE}"]}
    return service, role


class CounsellorOnly(HubOAuthenticated):
    """Mixed into every page on a hub: logged in through the hub, and the counsellor."""

    def check_access(self: web.RequestHandler) -> bool:
        user = self.current_user
        if user is None:
            if self.request.method not in ("GET", "HEAD"):
                raise web.HTTPError(403)
            self.redirect(self.get_login_url())  # raises 403 for a user the hub refused
            return False
        if user.get("kind", "user") != "user" or user.get("name") != COUNSELLOR:
            raise web.HTTPError(403)
        return True


async def _serve(workshop_path: str) -> None:
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{SERVICE}/")
    address = urlsplit(os.environ["JUPYTERHUB_SERVICE_URL"])
    app = make_app(open_workshop(workshop_path), CounsellorOnly, base=prefix,
                   cookie_secret=secrets.token_bytes(32))
    app.add_handlers(".*", [(f"{prefix}oauth_callback", HubOAuthCallbackHandler)])
    server = app.listen(address.port, address=address.hostname or "127.0.0.1")
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(signum, stopped.set)
    await stopped.wait()
    server.stop()


if __name__ == "__main__":
    asyncio.run(_serve(sys.argv[1]))
