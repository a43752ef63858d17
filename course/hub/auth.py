"""The hub's login: a pseudonym and the code printed on the learner's slip.

Codes are short so that anyone can type them; what makes guessing them useless is the wait
after repeated failures on one name (doubling up to a minute), not their length.
"""

from __future__ import annotations

import asyncio
import hmac
from pathlib import Path

from jupyterhub.auth import Authenticator
from traitlets import Unicode

from ..workshop import open_workshop
from .accounts import COUNSELLOR, load_accounts

FREE_TRIES = 5
LONGEST_WAIT = 60.0


class WorkshopAuthenticator(Authenticator):
    """Accounts of one workshop (``hub/accounts.json``); the counsellor is the hub's admin."""

    workshop = Unicode(help="The workshop folder whose accounts may log in.").tag(config=True)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._failures: dict[str, int] = {}

    async def authenticate(self, handler, data: dict) -> dict | None:
        name = str(data.get("username", "")).strip().lower()
        code = str(data.get("password", "")).strip().lower()
        failures = self._failures.get(name, 0)
        if failures >= FREE_TRIES:
            await asyncio.sleep(min(LONGEST_WAIT, 2.0 ** (failures - FREE_TRIES)))
        account = load_accounts(open_workshop(Path(self.workshop))).get(name)
        if account is None or not hmac.compare_digest(account.code.encode(), code.encode()):
            self._failures[name] = failures + 1
            return None
        self._failures.pop(name, None)
        return {"name": name, "admin": name == COUNSELLOR}
