"""``course collect``: bring learners' work into ``submitted/``.

From nbgrader's exchange (learners who handed in on this machine or on a hub), or from a folder
of zip files brought on a USB stick, one ``<pseudonym>.zip`` per learner. A bad zip is reported
and skipped; the others are collected.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from course.answers import SUFFIX
from course.content import Module
from course.errors import CourseError
from course.i18n import say
from course.roster import pseudonym_problem
from course.workshop import Workshop

from .nbgrader_setup import add_learners, nbgrader_api
from .release import fail

MAX_MEMBER_BYTES = 50 * 1024 * 1024


def submitted_learners(workshop: Workshop, module: Module) -> list[str]:
    """Learners who have a folder for ``module`` under ``submitted/``."""
    if not workshop.submitted.is_dir():
        return []
    return sorted(p.name for p in workshop.submitted.iterdir() if (p / module.id).is_dir())


def collect_exchange(workshop: Workshop, module: Module) -> list[str]:
    """nbgrader's own collect from the exchange; returns who has a submission afterwards."""
    result = nbgrader_api(workshop).collect(module.id, update=True)
    if not result.get("success"):
        raise fail("collect", module, result)
    return submitted_learners(workshop, module)


def _wanted_files(workshop: Workshop) -> set[str]:
    names = {workshop.notebook("exercise"), workshop.notebook("lesson")}
    return {f"{n}.ipynb" for n in names} | {f"{workshop.notebook('exercise')}{SUFFIX}"}


def _unpack(archive: Path, wanted: set[str], into: Path) -> list[str]:
    """Extract the course files of one zip, by base name only (no path from the zip is used)."""
    found = []
    with zipfile.ZipFile(archive) as handle:
        for member in handle.infolist():
            name = PurePosixPath(member.filename.replace("\\", "/")).name
            if member.is_dir() or name not in wanted or name in found:
                continue
            if member.file_size > MAX_MEMBER_BYTES:
                raise ValueError(say(f"{name} est trop gros", f"{name} is too large"))
            (into / name).write_bytes(handle.read(member))
            found.append(name)
    return found


def collect_zips(workshop: Workshop, module: Module, folder: Path) -> tuple[list[str], list[str]]:
    """Collect every ``<pseudonym>.zip`` of ``folder``; returns (collected, problems)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CourseError(say(f"Le dossier {folder} n'existe pas.",
                              f"The folder {folder} does not exist."))
    archives = sorted(folder.glob("*.zip"))
    if not archives:
        raise CourseError(say(f"Aucun fichier .zip dans {folder}.", f"No .zip file in {folder}."))
    wanted, exercise = _wanted_files(workshop), f"{workshop.notebook('exercise')}.ipynb"
    collected, problems = [], []
    for archive in archives:
        learner = archive.stem.strip().lower()
        problem = pseudonym_problem(learner)
        if not problem and workshop.learners and learner not in workshop.learners:
            problem = say("ce pseudonyme n'est pas dans la liste de l'atelier",
                          "this pseudonym is not on the workshop's roster")
        if problem:
            problems.append(f"{archive.name}: {problem}")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            try:
                found = _unpack(archive, wanted, Path(tmp))
            except (zipfile.BadZipFile, ValueError, OSError) as exc:
                problems.append(f"{archive.name}: {say('zip illisible', 'unreadable zip')} ({exc})")
                continue
            if exercise not in found:
                problems.append(f"{archive.name}: " + say(f"pas de {exercise} dedans",
                                                          f"no {exercise} inside"))
                continue
            target = workshop.submitted / learner / module.id
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            for name in found:
                shutil.move(str(Path(tmp) / name), target / name)
            stamp = datetime.fromtimestamp(archive.stat().st_mtime, UTC)
            (target / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
        collected.append(learner)
    add_learners(workshop, collected)
    return collected, problems
