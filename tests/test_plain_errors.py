"""Plain errors for a full disk, a broken gradebook and a read-only workshop.

Each ``course`` command that meets one prints one plain line in the workshop's language (what
happened, what to do) and exits with 2, and nothing in the workshop is left half-written:
``tree_digest`` is the same before and after. The disk is really full (a small tmpfs mounted
over ``feedback/`` or ``exports/``) and the workshop really read-only (a read-only bind mount:
as root, file modes alone do not stop a write). Before, each was a raw traceback, an empty or
foreign gradebook was silently filled with nbgrader's tables, and a page or a table could be
left cut in the middle.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers import course, tree_digest

pytestmark = pytest.mark.slow
MODULE = "01"
LEARNER = "demo-renard-01"
IN_CI = bool(os.environ.get("CI"))


def can_mount() -> bool:
    if os.name != "posix" or os.geteuid() != 0:
        return False
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"course-mount-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs",
                                  str(probe)], capture_output=True).returncode == 0
        if mounted:
            subprocess.run(["umount", str(probe)], check=True)
        return mounted
    finally:
        probe.rmdir()


needs_mount = pytest.mark.skipif(
    not IN_CI and not can_mount(),
    reason="mounting a small or read-only file system needs root (and a system that allows it)")


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Path:
    """A French workshop with module 01 graded for two demo learners, module 02 not released."""
    folder = tmp_path_factory.mktemp("plain") / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "youth", "--modules",
                  "01,02") == 0
    assert course("release", MODULE, "-w", folder) == 0
    assert course("demo", MODULE, "-w", folder, "--learners", 2) == 0
    assert course("grade", MODULE, "-w", folder) == 0
    return folder


@pytest.fixture
def workshop(graded, tmp_path) -> Path:
    copy = tmp_path / "atelier"
    shutil.copytree(graded, copy, symlinks=True)
    return copy


def one_plain_line(capsys, *words: str) -> str:
    """The command's whole complaint: one line, no traceback, with ``words`` in it."""
    err = [line for line in capsys.readouterr().err.splitlines()
           if line.strip() and "%|" not in line]  # progress bars aside
    assert len(err) == 1 and err[0].startswith("✘"), err
    assert "Traceback" not in err[0] and all(word in err[0] for word in words), err
    return err[0]


@contextmanager
def mounted(*command: str, where: Path) -> Iterator[None]:
    subprocess.run(["mount", *command, str(where)], check=True, capture_output=True)
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


@contextmanager
def full_disk(folder: Path) -> Iterator[None]:
    """``folder`` on a tmpfs of its own holding what it held, then filled to the last byte."""
    kept = folder.with_name(folder.name + "-kept")
    shutil.copytree(folder, kept)
    with mounted("-t", "tmpfs", "-o", "size=2m", "tmpfs", where=folder):
        shutil.copytree(kept, folder, dirs_exist_ok=True)
        with (folder / "remplissage.bin").open("wb", buffering=0) as filler:
            try:
                while filler.write(b"\0" * 4096):
                    pass
            except OSError:
                pass  # full
        yield
    shutil.rmtree(kept)


@needs_mount
@pytest.mark.parametrize("full, verb", [
    ("feedback", ["grade", MODULE]), ("feedback", ["release-feedback", MODULE]),
    ("exports", ["grade", MODULE]), ("exports", ["report"])],
    ids=["feedback-grade", "feedback-release", "exports-grade", "exports-report"])
def test_a_full_disk_is_said_plainly_and_nothing_is_half_written(workshop, capsys, full,
                                                                 verb):
    with full_disk(workshop / full):
        before = tree_digest(workshop / full)
        capsys.readouterr()
        assert course(*verb, "-w", workshop) == 2
        one_plain_line(capsys, "Disque plein", "relancez")
        assert tree_digest(workshop / full) == before  # no cut page, no temporary file


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def text_file(path: Path) -> None:
    path.write_text("pseudonyme;note\nrenard;8\n", "utf-8")


def empty_file(path: Path) -> None:
    path.write_bytes(b"")


def another_programs_database(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        db.execute("INSERT INTO moz_places (url) VALUES ('https://example.org/')")


def damaged(path: Path) -> None:
    """A real gradebook with its pages overwritten after the header."""
    data = bytearray(path.read_bytes())
    data[4096:12288] = os.urandom(8192)
    path.write_bytes(bytes(data))


VERBS = [["release", "02"], ["collect", MODULE], ["grade", MODULE],
         ["release-feedback", MODULE], ["report"], ["learner", "export", LEARNER],
         ["learner", "erase", LEARNER], ["demo", MODULE, "--learners", 1], ["hub", "--logins"]]


@pytest.mark.parametrize("spoil", [random_bytes, text_file, empty_file,
                                   another_programs_database, damaged])
def test_a_broken_gradebook_stops_every_command_before_it_writes(workshop, capsys, spoil):
    spoil(workshop / "gradebook.db")
    before = tree_digest(workshop)
    for verb in VERBS:
        assert course(*verb, "-w", workshop) == 2, verb
        one_plain_line(capsys, "carnet de notes", "gradebook.db", "sauvegarde")
        assert tree_digest(workshop) == before, verb  # not even nbgrader's tables added


@needs_mount
def test_a_read_only_workshop_is_said_plainly_and_left_as_it_is(workshop, capsys):
    before = tree_digest(workshop)
    with mounted("--bind", str(workshop), where=workshop):
        subprocess.run(["mount", "-o", "remount,ro,bind", str(workshop)], check=True)
        for verb in [*VERBS, ["start", "--no-browser"]]:
            args = [*verb, "-w", workshop] if verb[0] != "start" else [*verb, workshop]
            assert course(*args) == 2, verb
            one_plain_line(capsys, "lecture seule", str(workshop))
    assert tree_digest(workshop) == before
