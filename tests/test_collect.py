"""``course collect --zip``: zips from a USB stick as learners really make them.

Windows names them ``carol.ZIP``; a learner zips their whole workspace (``00-avant/`` and
``01-premiers-pas/``) rather than one module; some zips cannot be used. Each zip is either
collected, from the module's own folder, or gets one line saying why not.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import stat
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from course.answers import read_answers
from course.workshop import open_workshop
from tests.helpers import course

MODULE = "01"
ROSTER = ("carol", "dede", "emile", "fanny", "gaspard", "hugo", "ines", "jules")


def answers_for(module: str) -> str:
    """An answer file that says which module folder it came from."""
    return json.dumps({"format": 1, "items": {"origin": {"value": module}}})


@pytest.fixture(scope="module")
def usb(tmp_path_factory) -> SimpleNamespace:
    tmp = tmp_path_factory.mktemp("collect")
    (tmp / "liste.csv").write_text("pseudonyme\n" + "\n".join(ROSTER) + "\n")
    folder = tmp / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "youth", "--modules", MODULE,
                  "--roster", tmp / "liste.csv") == 0
    assert course("release", MODULE, "-w", folder) == 0
    workshop = open_workshop(folder)
    module = workshop.module(MODULE)
    release = workshop.release / module.id
    notebook = (release / "exercice.ipynb").read_bytes()
    stick = tmp / "usb"
    stick.mkdir()

    def zipped(name: str, members: dict[str, bytes | str]) -> None:
        with zipfile.ZipFile(stick / name, "w") as archive:
            for path, data in members.items():
                archive.writestr(path, data)

    zipped("carol.ZIP", {f"{module.id}/exercice.ipynb": notebook,
                         f"{module.id}/exercice.answers.json": answers_for(module.id)})
    # a whole workspace, the other module first in the zip
    zipped("dede.zip", {"atelier/00-avant/exercice.ipynb": b"{}",
                        "atelier/00-avant/exercice.answers.json": answers_for("00-avant"),
                        f"atelier/{module.id}/exercice.ipynb": notebook,
                        f"atelier/{module.id}/exercice.answers.json": answers_for(module.id)})
    zipped("emile.zip", {"a/exercice.ipynb": notebook, "b/exercice.ipynb": notebook})
    zipped("fanny.zip", {"notes.txt": "rien à voir"})
    (stick / "gaspard.Zip").write_bytes(b"not a zip at all")
    zipped("inconnu.zip", {f"{module.id}/exercice.ipynb": notebook})
    link = zipfile.ZipInfo(f"{module.id}/exercice.answers.json")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(stick / "hugo.zip", "w") as archive:
        archive.writestr(f"{module.id}/exercice.ipynb", notebook)
        archive.writestr(link, "/etc/shadow")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = course("collect", MODULE, "-w", folder, "--zip", stick)
    return SimpleNamespace(workshop=workshop, module=module, status=status,
                           output=out.getvalue())


def submitted(usb, learner: str) -> Path:
    return usb.workshop.submitted / learner / usb.module.id


def test_an_upper_case_zip_from_windows_is_collected(usb):
    assert (submitted(usb, "carol") / "exercice.ipynb").is_file()


def test_the_modules_own_folder_is_taken_from_a_whole_workspace(usb):
    saved = read_answers(submitted(usb, "dede") / "exercice.answers.json")
    assert saved["origin"]["value"] == usb.module.id


@pytest.mark.parametrize("archive, words", [
    ("emile.zip", "aucun ne s'appelle"), ("fanny.zip", "pas de exercice.ipynb"),
    ("gaspard.Zip", "zip illisible"), ("inconnu.zip", "pas dans la liste")])
def test_every_zip_not_collected_gets_one_line(usb, archive, words):
    lines = [ln for ln in usb.output.splitlines() if archive in ln]
    assert len(lines) == 1 and words in lines[0], usb.output
    assert not submitted(usb, Path(archive).stem.lower()).exists()
    assert usb.status == 1


def test_a_link_stored_in_a_zip_is_not_collected(usb):
    folder = submitted(usb, "hugo")
    assert (folder / "exercice.ipynb").is_file()
    assert not (folder / "exercice.answers.json").exists()


def test_a_hand_in_with_a_link_in_the_exchange_is_not_collected(usb):
    workshop, module = usb.workshop, usb.module
    inbound = workshop.exchange / "atelier" / "inbound"
    stamp = "2026-12-02 10:00:00.000000 UTC"
    for learner in ("ines", "jules"):
        hand_in = inbound / f"{learner}+{module.id}+{stamp}+0123abcd"
        hand_in.mkdir(parents=True)
        shutil.copy(workshop.release / module.id / "exercice.ipynb", hand_in)
        (hand_in / "timestamp.txt").write_text(stamp)
    os.symlink("/etc/shadow", inbound / f"jules+{module.id}+{stamp}+0123abcd" / "shadow")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = course("collect", MODULE, "-w", workshop.path)
    assert status == 1
    assert (submitted(usb, "ines") / "exercice.ipynb").is_file()
    assert not submitted(usb, "jules").exists()
    assert [ln for ln in out.getvalue().splitlines() if "jules" in ln and "shadow" in ln]
