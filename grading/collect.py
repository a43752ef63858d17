"""``course collect``: bring learners' work into ``submitted/``.

From nbgrader's exchange (learners who handed in on this machine or on a hub), or from a folder
of zip files brought on a USB stick, one ``<pseudonym>.zip`` per learner. A bad zip is reported
and skipped; the others are collected.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from course import untrusted
from course.answers import SUFFIX
from course.content import Module
from course.errors import CourseError
from course.i18n import say
from course.roster import pseudonym_problem
from course.workshop import Workshop

from .nbgrader_setup import COURSE_ID, add_learners, nbgrader_api
from .release import fail

MAX_MEMBER_BYTES = 50 * 1024 * 1024


def submitted_learners(workshop: Workshop, module: Module) -> list[str]:
    """Learners who have a folder for ``module`` under ``submitted/``."""
    if not workshop.submitted.is_dir():
        return []
    return sorted(p.name for p in workshop.submitted.iterdir() if (p / module.id).is_dir())


def exchange_hand_ins(workshop: Workshop, module: Module) -> dict[str, list[str]]:
    """Each learner with a hand-in of ``module`` in nbgrader's exchange -> one line per link or
    special file in it (nbgrader's collect would follow links and block on a FIFO)."""
    inbound = workshop.exchange / COURSE_ID / "inbound"
    found: dict[str, list[str]] = {}
    for entry in sorted(os.listdir(inbound)) if inbound.is_dir() else []:
        learner, _, rest = entry.partition("+")
        if not rest.startswith(f"{module.id}+") or pseudonym_problem(learner):
            continue
        try:
            problems = untrusted.copy_tree(inbound, entry, None).skipped
        except (untrusted.LearnerPathError, OSError) as exc:
            problems = [exc]
        found.setdefault(learner, []).extend(str(p) for p in problems)
    return found


def collect_exchange(workshop: Workshop, module: Module) -> tuple[list[str], list[str]]:
    """nbgrader's own collect from the exchange, learner by learner, leaving out those whose
    hand-in holds a link or a special file; returns (who has a submission afterwards, one line
    per file refused)."""
    hand_ins = exchange_hand_ins(workshop, module)
    api = nbgrader_api(workshop)
    for learner in (name for name, refused in hand_ins.items() if not refused):
        api.coursedir.student_id = learner
        result = api.collect(module.id, update=True)
        if not result.get("success"):
            raise fail("collect", module, result)
    return submitted_learners(workshop, module), [
        f"{learner}: {line}" for learner, lines in hand_ins.items() for line in lines]


def copy_for_grading(workshop: Workshop, module: Module,
                     learner: str) -> tuple[Path | None, list[untrusted.LearnerPathError]]:
    """Copy ``submitted/<learner>/<module>/`` into the course's own grading area, through
    ``course.untrusted`` (no link followed, regular files only, a size cap): nbgrader and the
    feedback only ever read this copy. Returns (the copy, or None without a submission; why
    each file was left out). A submission folder that is itself a link raises
    ``LearnerPathError``."""
    relative = f"{learner}/{module.id}"
    try:
        info = os.lstat(workshop.submitted / relative)
    except FileNotFoundError:
        return None, []
    if not (stat.S_ISDIR(info.st_mode) or stat.S_ISLNK(info.st_mode)):
        return None, []
    target = workshop.graded_copies / relative
    shutil.rmtree(target, ignore_errors=True)
    return target, untrusted.copy_tree(workshop.submitted, relative, target).skipped


def _wanted_files(workshop: Workshop) -> set[str]:
    names = {workshop.notebook("exercise"), workshop.notebook("lesson")}
    return {f"{n}.ipynb" for n in names} | {f"{workshop.notebook('exercise')}{SUFFIX}"}


def _member_path(member: zipfile.ZipInfo) -> PurePosixPath:
    return PurePosixPath(member.filename.replace("\\", "/"))  # zips made on Windows


def _module_members(handle: zipfile.ZipFile, wanted: set[str], exercise: str,
                    module: Module) -> list[zipfile.ZipInfo]:
    """The course files of the module's folder in the zip.

    A zip may hold one module's files (flat or in a folder) or a learner's whole workspace
    (``00-avant/``, ``01-premiers-pas/``...): the folder named like the module wins; else the
    only folder holding an exercise notebook. Links stored in the zip are left out."""
    folders: dict[tuple[str, ...], list[zipfile.ZipInfo]] = {}
    for member in handle.infolist():
        path = _member_path(member)
        if member.is_dir() or path.name not in wanted or stat.S_ISLNK(member.external_attr >> 16):
            continue
        folders.setdefault(path.parent.parts, []).append(member)
    named = [f for f in folders if f and f[-1] == module.id]
    with_exercise = [f for f, members in folders.items()
                     if any(_member_path(m).name == exercise
                            for m in members)]
    chosen = named if named else with_exercise
    if len(chosen) > 1:
        raise ValueError(say(
            f"plusieurs dossiers avec un {exercise} et aucun ne s'appelle {module.id}",
            f"several folders hold an {exercise} and none is called {module.id}"))
    return folders[chosen[0]] if chosen else []


def _unpack(archive: Path, wanted: set[str], exercise: str, module: Module,
            into: Path) -> list[str]:
    """Extract the course files of the module's folder in one zip, by base name only (no path
    from the zip is used to write)."""
    found = []
    with zipfile.ZipFile(archive) as handle:
        for member in _module_members(handle, wanted, exercise, module):
            name = _member_path(member).name
            if member.file_size > MAX_MEMBER_BYTES:
                raise ValueError(say(f"{name} est trop gros", f"{name} is too large"))
            (into / name).write_bytes(handle.read(member))
            found.append(name)
    return found


def _zips(folder: Path) -> list[Path]:
    """Every zip of the folder, ``.zip`` in any case (``carol.ZIP`` from Windows)."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".zip" and p.is_file())


def collect_zips(workshop: Workshop, module: Module, folder: Path) -> tuple[list[str], list[str]]:
    """Collect every ``<pseudonym>.zip`` of ``folder``; returns (collected, problems): one line
    for every zip that was not collected."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CourseError(say(f"Le dossier {folder} n'existe pas.",
                              f"The folder {folder} does not exist."))
    archives = _zips(folder)
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
        if not problem and learner in collected:
            problem = say(f"un autre zip de {learner} a déjà été pris",
                          f"another zip of {learner} was already taken")
        if problem:
            problems.append(f"{archive.name}: {problem}")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            try:
                found = _unpack(archive, wanted, exercise, module, Path(tmp))
            except (zipfile.BadZipFile, ValueError, OSError) as exc:
                problems.append(f"{archive.name}: {say('zip illisible', 'unreadable zip')} ({exc})")
                continue
            if exercise not in found:
                problems.append(f"{archive.name}: " + say(f"pas de {exercise} dedans",
                                                          f"no {exercise} inside"))
                continue
            stamp = datetime.fromtimestamp(archive.stat().st_mtime, UTC)
            files = {name: (Path(tmp) / name).read_bytes() for name in found}
            files["timestamp.txt"] = stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z").encode()
        try:
            _replace_submission(workshop, learner, module, files)
        except (untrusted.LearnerPathError, OSError) as exc:
            problems.append(f"{archive.name}: {exc}")
            continue
        collected.append(learner)
    add_learners(workshop, collected)
    return collected, problems


def _replace_submission(workshop: Workshop, learner: str, module: Module,
                        files: dict[str, bytes]) -> None:
    """``submitted/<learner>/<module>/`` made of ``files`` alone. On a hub the learner owns
    ``submitted/<learner>``: the writing goes through ``course.untrusted``."""
    handin = workshop.submitted / learner
    handin.mkdir(parents=True, exist_ok=True)
    with untrusted.folder(handin) as fd:  # rmtree by descriptor: no link followed
        if module.id in os.listdir(fd):
            if stat.S_ISDIR(os.stat(module.id, dir_fd=fd, follow_symlinks=False).st_mode):
                shutil.rmtree(module.id, dir_fd=fd)
            else:
                os.unlink(module.id, dir_fd=fd)
    result = untrusted.write_files(handin, {f"{module.id}/{name}": data
                                            for name, data in files.items()})
    if result.refused:
        raise result.refused[0]
