"""Each learner's folders on the hub, and who may read what in the workshop.

The workshop folder is closed to learners (answer keys in ``source/``, the gradebook, the
hub's accounts, other learners' work) except two paths of their own: their home
``hub/homes/<pseudonym>`` (a copy of the released modules, their feedback) and their hand-in
folder ``submitted/<pseudonym>``, both owned by their user id and closed to everyone else.
Folders on the way are only crossable by learners: they cannot list them. The counsellor's
group reads the course and writes the grades (``trainer``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .. import untrusted
from ..errors import CourseError
from ..i18n import say
from ..start import lab_settings, prepare_workspace, server_config
from ..workshop import Workshop
from . import trainer
from .accounts import COUNSELLOR, Account, load_accounts

CROSSABLE = 0o711
PRIVATE = 0o700


def hub_folder(workshop: Workshop) -> Path:
    return workshop.path / "hub"


def home_of(workshop: Workshop, name: str) -> Path:
    return hub_folder(workshop) / "homes" / name


def closed_parent(path: Path) -> Path | None:
    """The first folder above ``path`` that other users cannot cross, if any."""
    for parent in reversed(path.resolve().parents):
        if not parent.stat().st_mode & stat.S_IXOTH:
            return parent
    return None


def check_reachable(workshop: Workshop) -> None:
    """Refuse, before anything is written, a workshop behind a folder learners cannot cross."""
    where = closed_parent(workshop.path)
    if where is not None:
        raise CourseError(say(
            f"Les apprenants ne peuvent pas atteindre l'atelier : le dossier {where} leur est "
            "fermé. Placez l'atelier ailleurs, par exemple dans /srv.",
            f"Learners cannot reach the workshop: the folder {where} is closed to them. "
            "Put the workshop elsewhere, for example under /srv."))


def lock_down(workshop: Workshop) -> None:
    """Close everything of the workshop to learners but the ways to their own folders."""
    check_reachable(workshop)
    for crossable in (workshop.path, hub_folder(workshop), hub_folder(workshop) / "homes",
                      workshop.submitted):
        crossable.mkdir(exist_ok=True)
        os.chmod(crossable, CROSSABLE)
    for entry in workshop.path.iterdir():
        if entry.name not in ("hub", "submitted") and not entry.is_symlink():
            os.chmod(entry, PRIVATE if entry.is_dir() else 0o600)
    counsellor = load_accounts(workshop).get(COUNSELLOR)
    if counsellor is not None:  # the course's folders to read, the grades to write
        trainer.share(workshop, counsellor.uid)
        own = trainer.home(workshop)
        own.mkdir(exist_ok=True)
        untrusted.give_to(own, counsellor.uid)
        os.chmod(own, PRIVATE)


def lock_down_on_hub(workshop: Workshop) -> None:
    """After root wrote in a hub's workshop (grading), the same rights again; no hub, nothing."""
    if (hub_folder(workshop) / "homes").is_dir():
        lock_down(workshop)


def _write_settings(home: Path, workshop: Workshop) -> untrusted.Written:
    """JupyterLab's user settings and Voilà's configuration, in the learner's own home (as
    the learner: a link they put there is never followed)."""
    import json

    lab = {f".course/lab-settings/{relative}": json.dumps(content, indent=2).encode("utf-8")
           for relative, content in lab_settings(workshop).items()}
    config = {f".course/config/{relative}":
              json.dumps(content, indent=2, ensure_ascii=False).encode("utf-8")
              for relative, content in server_config(workshop).items()}
    kept = untrusted.write_files(home, lab, keep_existing=True)  # the learner's own choices
    replaced = untrusted.write_files(home, config)
    return untrusted.Written(kept.files + replaced.files, kept.refused + replaced.refused)


def deliver_feedback(workshop: Workshop, name: str, home: Path) -> untrusted.Written:
    """Copy this learner's feedback pages (``course release-feedback``) into ``retours/``, as
    the learner: a page they replaced by a link is refused, the link never followed."""
    pages = {f"retours/{page.parent.name.removeprefix('retours-')}.html": page.read_bytes()
             for page in sorted(workshop.exports.glob(f"retours-*/{name}.html"))}
    return untrusted.write_files(home, pages)


def prepare_home(workshop: Workshop, account: Account) -> Path:
    """The learner's home, up to date with released modules and feedback, and their hand-in
    folder, both theirs alone. The home is theirs before anything is written in it, so every
    write is done with their rights (``course.untrusted``)."""
    home = home_of(workshop, account.name)
    handin = workshop.submitted / account.name
    for folder in (home, handin):
        folder.mkdir(parents=True, exist_ok=True)
        untrusted.give_to(folder, account.uid)  # files an older version wrote as root
        os.chmod(folder, PRIVATE)
    prepare_workspace(workshop, account.name, home)
    untrusted.report(_write_settings(home, workshop))
    untrusted.report(deliver_feedback(workshop, account.name, home))
    return home


def refresh_homes(workshop: Workshop) -> list[str]:
    """Bring every learner's hub home up to date (a module just released, feedback just
    handed back) while their servers run; returns who got it. Nothing without a hub."""
    homes = hub_folder(workshop) / "homes"
    if not homes.is_dir():
        return []
    lock_down(workshop)  # nbgrader's release opens its exchange to everyone (0777): close it
    accounts = load_accounts(workshop)
    refreshed = [name for name in sorted(os.listdir(homes))
                 if name in accounts and name != COUNSELLOR]
    for name in refreshed:
        prepare_home(workshop, accounts[name])
    return refreshed
