"""The counsellor's share of a workshop on the hub: read the course, write only the grades.

The counsellor's server (nbgrader's formgrader) runs as the counsellor's own user id
(``accounts``), never as root: a page of it that learner output managed to script, or a
kernel the counsellor starts, then acts with the counsellor's rights, not root's. Its group
(the counsellor's id as a group id; no system account is needed) may read the workshop's
course folders (``source/``, ``release/``, ``autograded/``, ``trainer/``, ``exports/``...),
which are setgid so that what root writes there later stays in the group. The one folder it
may write is ``grades/``, where the SQLite gradebook lives: SQLite writes its journal beside
the database, so that folder must be writable. ``gradebook.db`` keeps its usual place as a
link root made (SQLite follows it and keeps its journal beside the real file). The workshop
folder itself, and so every file a root command trusts there (``nbgrader_config.py``,
``gradebook-url``, ``workshop.yml``), is writable by root alone: nobody else can add a file
that root would later read. ``grades/`` has the sticky bit, so the counsellor cannot replace
or rename root's gradebook there, only write in it, and SQLite opens its journals without
following links. Learners' homes and hand-ins, the hub's state, nbgrader's exchange and the
grader's own copies (``.grading/``) are not shared.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import CourseError
from ..i18n import say
from ..workshop import Workshop

GRADES = "grades"
GRADEBOOK = "gradebook.db"
TOP = 0o751  # root writes; the counsellor's group lists; learners only cross it
SHARED_FOLDER, SHARED_FILE = 0o2750, 0o640
GRADES_FOLDER, GRADES_FILE = 0o3770, 0o660
NOT_SHARED = ("hub", "submitted", "exchange", ".grading", GRADES, GRADEBOOK)


def home(workshop: Workshop) -> Path:
    """The counsellor's own home on the hub (Jupyter's runtime files), theirs alone."""
    return workshop.path / "hub" / "counsellor-home"


def share(workshop: Workshop, group: int) -> None:
    """Give the counsellor's ``group`` read access to the course and write access to
    ``grades/`` only (see the module's docstring). Links are never followed nor changed."""
    os.chown(workshop.path, -1, group)
    os.chmod(workshop.path, TOP)
    for entry in sorted(workshop.path.iterdir()):
        if entry.name not in NOT_SHARED and not entry.is_symlink():
            _share_tree(entry, group)
    _share_gradebook(workshop, group)


def _share_tree(top: Path, group: int) -> None:
    def one(name: str | Path, dir_fd: int | None = None) -> None:
        info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode):
            mode = SHARED_FOLDER
        elif stat.S_ISREG(info.st_mode) and info.st_nlink == 1:
            mode = SHARED_FILE
        else:
            return  # a link, a special file, a file with another name elsewhere: left alone
        os.chown(name, -1, group, dir_fd=dir_fd, follow_symlinks=False)
        os.chmod(name, mode, dir_fd=dir_fd)

    one(top)
    if not top.is_dir():
        return
    for _, folders, names, dir_fd in os.fwalk(top, follow_symlinks=False):
        for name in folders + names:
            one(name, dir_fd)


def _share_gradebook(workshop: Workshop, group: int) -> None:
    """Move a SQLite gradebook (with a journal SQLite left) into ``grades/``, once, and leave
    a link at its usual place. Nothing to do for a gradebook on a database server."""
    book = workshop.path / GRADEBOOK
    if not book.exists() and not book.is_symlink():
        return
    folder = workshop.path / GRADES
    folder.mkdir(exist_ok=True)
    os.chown(folder, 0, group, follow_symlinks=False)
    os.chmod(folder, GRADES_FOLDER)
    if not book.is_symlink():
        for suffix in ("", "-journal", "-wal", "-shm"):
            found = workshop.path / f"{GRADEBOOK}{suffix}"
            if found.exists():
                os.replace(found, folder / found.name)
        book.symlink_to(f"{GRADES}/{GRADEBOOK}")
    moved = folder / GRADEBOOK
    info = os.stat(moved, follow_symlinks=False)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != 0 or info.st_nlink != 1:
        raise CourseError(say(
            f"Le carnet de notes {moved} n'est pas celui que l'atelier a placé là (lien, ou "
            "fichier d'un autre utilisateur) : rien n'a été changé. Remettez-le depuis une "
            "sauvegarde.",
            f"The gradebook {moved} is not the one the workshop put there (a link, or another "
            "user's file): nothing was changed. Put it back from a backup."))
    os.chown(moved, 0, group, follow_symlinks=False)
    os.chmod(moved, GRADES_FILE)
