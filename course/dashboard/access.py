"""Who may open the local dashboard: whoever has the address ``course dashboard`` printed.

The printed address carries a random token once; the first visit trades it for a signed,
HTTP-only cookie and sends the browser on to the same page without it, so the token leaves the
address bar and the browser's history. Anything else gets a plain refusal. (On a hub,
``hub_service`` replaces this with the hub's own login.)
"""

from __future__ import annotations

import hmac

from tornado import web

TOKEN_ARG = "token"


def cookie_name(handler: web.RequestHandler) -> str:
    """One cookie per dashboard: two on one computer (two ports) never overwrite each other."""
    return f"course-dashboard-{handler.settings['port']}"


class TokenAccess:
    """Mixed into every page: the token once, the cookie afterwards."""

    def check_access(self: web.RequestHandler) -> bool:
        """True to go on; False when a redirect was sent. Raises 403 otherwise."""
        token = self.get_query_argument(TOKEN_ARG, None)
        if token is not None and hmac.compare_digest(token.encode(),
                                                     self.settings["token"].encode()):
            self.set_signed_cookie(cookie_name(self), "ok", expires_days=None, httponly=True,
                                   samesite="Strict")
            self.redirect(self.request.path)
            return False
        if self.get_signed_cookie(cookie_name(self)) != b"ok":
            raise web.HTTPError(403)
        return True
