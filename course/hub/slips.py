"""The sheet of logins a counsellor prints and cuts into slips, one per account."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..dashboard.hub_service import SERVICE
from ..i18n import say, text
from ..workshop import Workshop
from .accounts import COUNSELLOR, ensure_accounts
from .server import TEMPLATES


def write_slips(workshop: Workshop, address: str) -> Path:
    """``exports/connexions.html``: learners first, the counsellor's own slip last."""
    accounts = ensure_accounts(workshop)
    ordered = [accounts[n] for n in sorted(accounts) if n != COUNSELLOR] + [accounts[COUNSELLOR]]
    lang = workshop.lang
    page = Environment(loader=FileSystemLoader(TEMPLATES),
                       autoescape=select_autoescape(["html"])).get_template("slips.html").render(
        lang=lang, address=address, accounts=ordered, counsellor=COUNSELLOR,
        dashboard=f"{address.rstrip('/')}/services/{SERVICE}/",
        title=say("Connexions à l'atelier", "Workshop logins"),
        cut=say("Découpez une bande par personne. Gardez la dernière (animation) pour vous.",
                "Cut one slip per person. Keep the last one (animation) for yourself."),
        words={key: text(f"hub_{key}", lang) + ("\u00a0:" if lang == "fr" else ":")
               for key in ("address", "name", "code")}
        | {"dashboard": say("Tableau de bord\u00a0:", "Dashboard:")})
    workshop.exports.mkdir(parents=True, exist_ok=True)
    target = workshop.exports / "connexions.html"
    target.write_text(page, encoding="utf-8")
    target.chmod(0o600)
    return target
