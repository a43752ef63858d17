"""The one rule for every path a learner controls (DESIGN.md decision 9).

A learner owns their notebooks, answer files and folders. Whatever runs with more rights than
the learner (root on a hub, the grader, release and feedback delivery) meets those paths only
through this module:

- **reading**: every folder below a trusted root is opened with ``O_NOFOLLOW | O_DIRECTORY``
  relative to the one before (``dir_fd``), so no link on the way is followed; a file is opened
  with ``O_NOFOLLOW | O_NONBLOCK`` (a FIFO cannot block), checked with ``fstat`` on the open
  descriptor: a regular file, under a size cap, and not a hard link to someone else's file
  (several names and an owner other than the folder's: a learner's name for a root file or
  another learner's);
- **copying a tree**: the same walk, regular files only; links, special files and oversize
  files are skipped and reported, never followed;
- **writing into a learner's home**: as root, in a child process that has become the home's
  owner (``setgid``/``setuid``), so a link can never lead anywhere the learner could not write
  anyway; otherwise, after checking the entry is not a link. Either way through a temporary
  file and a rename in the same folder: the learner sees the old file or the new one, whole.

Every refusal is a ``LearnerPathError`` naming the path, in the workshop's language.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import CourseError
from .i18n import say

MAX_BYTES = 50 * 1024 * 1024  # one learner file; a module's work is well under 1 MB
MAX_DEPTH, MAX_ENTRIES = 16, 5000  # a module's folder has a data/ folder and a few files
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


class LearnerPathError(CourseError):
    """A learner's path that is refused: a link, a special file, too big, or missing."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(say(f"{path} : {reason}", f"{path}: {reason}"))
        self.path, self.reason = Path(path), reason


def _reason_link() -> str:
    return say("c'est un lien, il n'est pas suivi", "it is a link, which is not followed")


def _reason_special() -> str:
    return say("ce n'est pas un fichier ordinaire (tube, périphérique ou socket)",
               "it is not a regular file (a pipe, device or socket)")


def _reason_hard_link() -> str:
    return say("lien physique vers le fichier de quelqu'un d'autre, il n'est pas lu",
               "a hard link to someone else's file, which is not read")


def _reason_size(limit: int) -> str:
    return say(f"fichier trop gros (limite {limit // 2**20} Mo)",
               f"file too large (limit {limit // 2**20} MB)")


def _parts(relative: str | PurePosixPath) -> list[str]:
    parts = [p for p in PurePosixPath(relative).parts if p not in ("", ".")]
    if any(p == ".." or "/" in p for p in parts) or PurePosixPath(relative).is_absolute():
        raise ValueError(f"not a relative path inside the folder: {relative}")
    return parts


def _refusal(error: OSError, path: Path) -> LearnerPathError | None:
    """The plain refusal for what ``O_NOFOLLOW`` / ``O_DIRECTORY`` answered, if it is one."""
    if error.errno in (errno.ELOOP, errno.EMLINK):
        return LearnerPathError(path, _reason_link())
    if error.errno == errno.ENOTDIR:
        return LearnerPathError(path, say("ce n'est pas un dossier (ou c'est un lien)",
                                          "it is not a folder (or it is a link)"))
    if error.errno == errno.ENXIO:  # a FIFO or socket opened without a reader
        return LearnerPathError(path, _reason_special())
    return None


def open_folder(root: Path | int, relative: str | PurePosixPath = "", create: bool = False,
                mode: int = 0o755, shown_as: Path | None = None) -> int:
    """A descriptor of ``root/relative``, reached without following any link below ``root``
    (``root`` itself, a path or an open descriptor, is the caller's and trusted). With
    ``create``, missing folders are made."""
    if isinstance(root, int):
        fd, where = os.dup(root), Path(shown_as or ".")
    else:
        fd, where = os.open(root, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)), root
    try:
        for part in _parts(relative):
            where = where / part
            try:
                if create:
                    try:
                        os.mkdir(part, mode, dir_fd=fd)
                    except FileExistsError:
                        pass
                child = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except OSError as exc:
                raise (_refusal(exc, where) or exc) from exc
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


@contextmanager
def folder(root: Path | int, relative: str | PurePosixPath = "", create: bool = False,
           shown_as: Path | None = None) -> Iterator[int]:
    """``open_folder`` as a block that closes the descriptor."""
    fd = open_folder(root, relative, create, shown_as=shown_as)
    try:
        yield fd
    finally:
        os.close(fd)


def _open_regular(dir_fd: int, name: str, where: Path, limit: int) -> int:
    """A descriptor of the regular file ``name`` in ``dir_fd``, or a ``LearnerPathError``."""
    try:
        fd = os.open(name, _FILE_FLAGS, dir_fd=dir_fd)
    except OSError as exc:
        raise (_refusal(exc, where) or exc) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise LearnerPathError(where, _reason_special() if not stat.S_ISDIR(info.st_mode)
                                   else say("c'est un dossier", "it is a folder"))
        if info.st_nlink > 1 and info.st_uid != os.fstat(dir_fd).st_uid:
            raise LearnerPathError(where, _reason_hard_link())
        if info.st_size > limit:
            raise LearnerPathError(where, _reason_size(limit))
        os.set_blocking(fd, True)
        return fd
    except BaseException:
        os.close(fd)
        raise


def _read_fd(fd: int, where: Path, limit: int) -> bytes:
    chunks, total = [], 0
    while chunk := os.read(fd, 1024 * 1024):
        total += len(chunk)
        if total > limit:  # it grew while we read
            raise LearnerPathError(where, _reason_size(limit))
        chunks.append(chunk)
    return b"".join(chunks)


def read_bytes(root: Path, relative: str | PurePosixPath, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the learner's regular file ``root/relative``, no link followed."""
    *folders, name = _parts(relative)
    where = Path(root, *folders, name)
    with folder(root, PurePosixPath(*folders) if folders else "") as dir_fd:
        fd = _open_regular(dir_fd, name, where, limit)
        try:
            return _read_fd(fd, where, limit)
        finally:
            os.close(fd)


def read_text(root: Path, relative: str | PurePosixPath, limit: int = MAX_BYTES) -> str:
    return read_bytes(root, relative, limit).decode("utf-8")


@dataclass
class Copied:
    """What ``copy_tree`` copied (relative paths) and what it left out, with why."""

    files: list[str] = field(default_factory=list)
    skipped: list[LearnerPathError] = field(default_factory=list)


def copy_tree(root: Path, relative: str | PurePosixPath, target: Path | None,
              limit: int = MAX_BYTES, total_limit: int = 4 * MAX_BYTES) -> Copied:
    """Copy the learner's folder ``root/relative`` into ``target`` (made fresh by the caller):
    regular files and folders only, no link followed, each file under ``limit``. Without a
    ``target``, only say what a copy would take and leave out."""
    copied = Copied()
    source = Path(root, *_parts(relative))
    budget = [total_limit]

    def walk(dir_fd: int, here: PurePosixPath) -> None:
        entries = sorted(os.listdir(dir_fd))
        if len(here.parts) > MAX_DEPTH or len(entries) > MAX_ENTRIES:
            copied.skipped.append(LearnerPathError(source / here, say(
                "dossier trop profond ou trop rempli, il n'est pas copié",
                "folder too deep or too full, it is not copied")))
            return
        for entry in entries:
            where, inside = source / here / entry, here / entry
            try:
                info = os.stat(entry, dir_fd=dir_fd, follow_symlinks=False)
            except OSError as exc:  # removed since the listing
                copied.skipped.append(LearnerPathError(where, exc.strerror or str(exc)))
                continue
            if stat.S_ISDIR(info.st_mode):
                try:
                    child = os.open(entry, _DIR_FLAGS, dir_fd=dir_fd)
                except OSError as exc:  # swapped for a link since the listing
                    copied.skipped.append(_refusal(exc, where) or LearnerPathError(where, str(exc)))
                    continue
                try:
                    if target is not None:
                        (target / inside).mkdir(parents=True, exist_ok=True)
                    walk(child, inside)
                finally:
                    os.close(child)
                continue
            if stat.S_ISLNK(info.st_mode):
                copied.skipped.append(LearnerPathError(where, _reason_link()))
                continue
            try:
                fd = _open_regular(dir_fd, entry, where, min(limit, budget[0]))
            except LearnerPathError as refused:
                copied.skipped.append(refused)
                continue
            try:
                data = _read_fd(fd, where, min(limit, budget[0]))
            except LearnerPathError as refused:
                copied.skipped.append(refused)
                continue
            finally:
                os.close(fd)
            budget[0] -= len(data)
            if target is not None:
                (target / inside).parent.mkdir(parents=True, exist_ok=True)
                (target / inside).write_bytes(data)
            copied.files.append(str(inside))

    if target is not None:
        target.mkdir(parents=True, exist_ok=True)
    with folder(root, relative) as top:
        walk(top, PurePosixPath())
    return copied


@dataclass
class Written:
    """What ``write_files`` wrote (relative paths) and what it refused, with why."""

    files: list[str] = field(default_factory=list)
    refused: list[LearnerPathError] = field(default_factory=list)


def _write_all(home: Path, home_fd: int, files: dict[str, bytes],
               keep_existing: bool) -> tuple[list, list]:
    """Write ``files`` under the open folder ``home_fd`` with the rights of this process:
    (written, refused as (relative, reason)). A link or special file in the way is refused,
    never followed."""
    written, refused = [], []
    for relative, data in files.items():
        *folders, name = _parts(relative)
        try:
            with folder(home_fd, PurePosixPath(*folders) if folders else "", create=True,
                        shown_as=home) as fd:
                try:
                    info = os.stat(name, dir_fd=fd, follow_symlinks=False)
                except FileNotFoundError:
                    info = None
                if info is not None and keep_existing:
                    continue  # the learner's own file (or whatever they put there) stays
                if info is not None and not stat.S_ISREG(info.st_mode):
                    refused.append((relative, _reason_link() if stat.S_ISLNK(info.st_mode)
                                    else _reason_special()))
                    continue
                temporary = f".{name}.{secrets.token_hex(4)}.part"
                out = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
                              0o644, dir_fd=fd)
                try:
                    with os.fdopen(out, "wb") as handle:
                        handle.write(data)
                        handle.flush()
                        os.fsync(handle.fileno())
                    os.replace(temporary, name, src_dir_fd=fd, dst_dir_fd=fd)
                except BaseException:
                    try:
                        os.unlink(temporary, dir_fd=fd)
                    except FileNotFoundError:
                        pass
                    raise
                written.append(relative)
        except LearnerPathError as exc:
            refused.append((relative, exc.reason))
        except OSError as exc:
            refused.append((relative, f"{exc.strerror or exc}"))
    return written, refused


def _as_owner(home: Path, home_fd: int, files: dict[str, bytes],
              keep_existing: bool) -> tuple[list, list]:
    """``_write_all`` in a child process that runs as the owner of ``home`` (opened by root:
    the folders above it may be closed to the learner)."""
    info = os.fstat(home_fd)
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # nothing but system calls here: no threads, no locks from the parent
        code = 1
        try:
            os.close(reader)
            os.setgroups([])
            os.setgid(info.st_gid)
            os.setuid(info.st_uid)
            answer = json.dumps(_write_all(home, home_fd, files, keep_existing)).encode("utf-8")
            with os.fdopen(writer, "wb") as out:
                out.write(answer)
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    with os.fdopen(reader, "rb") as answer:
        data = answer.read()
    _, status = os.waitpid(child, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not data:
        raise OSError(errno.EIO, say("l'écriture en tant qu'apprenant a échoué",
                                     "writing as the learner failed"), str(home))
    return tuple(json.loads(data))  # type: ignore[return-value]


def write_files(home: Path, files: dict[str, bytes], keep_existing: bool = False) -> Written:
    """Write ``files`` (relative path -> bytes) into the learner's ``home``, each one whole.

    As root the writing is done as the home's owner; otherwise an entry that is a link or a
    special file is refused rather than followed. ``keep_existing`` leaves any entry already
    there alone (the learner's own notebook is never replaced)."""
    try:
        home_fd = os.open(home, _DIR_FLAGS)
    except OSError as exc:
        raise (_refusal(exc, home) or exc) from exc
    try:
        if hasattr(os, "geteuid") and os.geteuid() == 0 and os.fstat(home_fd).st_uid != 0:
            written, refused = _as_owner(home, home_fd, files, keep_existing)
        else:
            written, refused = _write_all(home, home_fd, files, keep_existing)
    finally:
        os.close(home_fd)
    return Written(written, [LearnerPathError(home / rel, why) for rel, why in refused])


def report(result: Written) -> Written:
    """Say on the command line, one line each, what was refused (everything else was done)."""
    for refused in result.refused:
        print(say(f"Non écrit : {refused}", f"Not written: {refused}"), file=sys.stderr)
    return result


def write_bytes(home: Path, relative: str, data: bytes, keep_existing: bool = False) -> bool:
    """One file of ``write_files``; raises ``LearnerPathError`` when it is refused."""
    result = write_files(home, {relative: data}, keep_existing)
    if result.refused:
        raise result.refused[0]
    return bool(result.files)


def give_to(path: Path, uid: int, gid: int | None = None) -> None:
    """Make ``path`` and everything in it belong to ``uid``, changing links themselves and
    never descending through one (``os.fwalk`` checks each folder it enters). A file with
    several names is left as it is: it may be a hard link to a file of root's or of another
    learner, which must not become theirs."""
    gid = uid if gid is None else gid
    os.chown(path, uid, gid, follow_symlinks=False)
    for _, folders, names, dir_fd in os.fwalk(path, follow_symlinks=False):
        for name in folders + names:
            info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
            shared = stat.S_ISREG(info.st_mode) and info.st_nlink > 1
            if info.st_uid != uid and not shared:
                os.chown(name, uid, gid, dir_fd=dir_fd, follow_symlinks=False)
