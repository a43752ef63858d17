"""The one exception a user is meant to read, and the system errors said as plainly.

Commands raise ``CourseError`` with a plain sentence that says what is wrong and how to fix it;
the command line prints it and exits with status 2, without a traceback. A full disk or a
read-only folder met on the way is told the same way (``plain``): what could not be written,
that nothing was left half-written (``course.atomic``), and what to do.
"""

from __future__ import annotations

import errno

FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
READ_ONLY = {errno.EROFS}
REFUSED = {errno.EACCES, errno.EPERM}


class CourseError(Exception):
    """A problem the user can fix; its message is shown as it is."""


def plain(error: OSError) -> CourseError | None:
    """A full disk, a read-only or closed folder, in the user's words (None: another error)."""
    from .i18n import say

    where = error.filename or "?"
    if error.errno in FULL:
        return CourseError(say(
            f"Disque plein : {where} n'a pas pu être écrit (rien n'est resté à moitié écrit). "
            "Libérez de la place sur ce disque, puis relancez la même commande.",
            f"Disk full: {where} could not be written (nothing was left half-written). Free "
            "some space on this disk, then run the same command again."))
    if error.errno in READ_ONLY:
        return read_only(where)
    if error.errno in REFUSED:
        return CourseError(say(
            f"Accès refusé à {where} : rien n'a été modifié. Vérifiez que vous avez le droit "
            "d'écrire dans le dossier de l'atelier, puis relancez la même commande.",
            f"Access denied to {where}: nothing was changed. Check that you may write in the "
            "workshop folder, then run the same command again."))
    return None


def read_only(where: object) -> CourseError:
    from .i18n import say

    return CourseError(say(
        f"{where} est en lecture seule : rien n'a été modifié. Copiez l'atelier sur un disque "
        "où l'on peut écrire (ou rendez-le modifiable), puis relancez la même commande.",
        f"{where} is read-only: nothing was changed. Copy the workshop to a disk you can "
        "write to (or make it writable), then run the same command again."))
