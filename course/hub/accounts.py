"""Who may log in to a workshop's hub: learners by pseudonym, and the counsellor.

Each account has a short login code a counsellor can hand out on paper (two everyday words and
two digits, easy to type at 80) and a user id of its own. Both are kept in
``hub/accounts.json``, readable by root only, so that slips can be printed again; a learner's
id never changes once given, so their files stay theirs when the roster grows.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from ..workshop import Workshop

COUNSELLOR = "animation"
FIRST_UID = 64000  # far from the grading sandbox's ids (62000-62999) and from real accounts
WORDS = ("abeille", "arbre", "balcon", "bateau", "bougie", "cactus", "camion", "carotte",
         "castor", "cerise", "chapeau", "citron", "colline", "crayon", "dauphin", "etoile",
         "fenetre", "fleur", "fontaine", "fourmi", "fraise", "girafe", "guitare", "hibou",
         "jardin", "kiwi", "lapin", "lavande", "lune", "marron", "melon", "mouette", "nuage",
         "olive", "orange", "panda", "papillon", "pelican", "piano", "pomme", "prairie",
         "radis", "renard", "riviere", "sapin", "soleil", "tomate", "tortue", "tulipe",
         "violon")


@dataclass(frozen=True)
class Account:
    name: str
    code: str
    uid: int


def accounts_file(workshop: Workshop) -> Path:
    return workshop.path / "hub" / "accounts.json"


def new_code() -> str:
    """``pomme-lune-37``: about twenty bits, enough behind the hub's slow-down on failures."""
    return f"{secrets.choice(WORDS)}-{secrets.choice(WORDS)}-{secrets.randbelow(90) + 10}"


def load_accounts(workshop: Workshop) -> dict[str, Account]:
    path = accounts_file(workshop)
    if not path.is_file():
        return {}
    return {name: Account(**data) for name, data in json.loads(path.read_text("utf-8")).items()}


def ensure_accounts(workshop: Workshop) -> dict[str, Account]:
    """The counsellor and every learner of the roster, new ones given a code and an id."""
    accounts = load_accounts(workshop)
    next_uid = max([a.uid for a in accounts.values()] + [FIRST_UID])
    for name in [COUNSELLOR, *workshop.learners]:
        if name not in accounts:
            next_uid += 1
            accounts[name] = Account(name, new_code(), next_uid)
    save_accounts(workshop, accounts)
    return accounts


def save_accounts(workshop: Workshop, accounts: dict[str, Account]) -> None:
    """Write ``hub/accounts.json`` whole, readable by root only (it holds the login codes)."""
    path = accounts_file(workshop)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w",
              encoding="utf-8") as handle:
        json.dump({name: asdict(a) for name, a in accounts.items()}, handle, indent=1)
    temporary.replace(path)
