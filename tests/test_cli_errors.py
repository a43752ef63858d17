"""Bad input to each command: a plain message, a non-zero exit, and nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import course, tree_digest


@pytest.fixture(scope="module")
def workshop(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ws") / "atelier"
    from tests.helpers import MINI

    assert course("new", folder, "--lang", "fr", "--audience", "senior", "--content", MINI) == 0
    return folder


@pytest.fixture(autouse=True)
def french(monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "fr")


def refused(capsys, args: list, folder: Path, *words: str) -> None:
    before = tree_digest(folder)
    assert course(*args) == 2
    message = capsys.readouterr().err
    for word in words:
        assert word in message, message
    assert "Traceback" not in message
    assert tree_digest(folder) == before


def test_unknown_module(workshop: Path, capsys):
    for verb in ("release", "collect", "grade", "demo"):
        extra = ["--learners", "2"] if verb == "demo" else []
        refused(capsys, [verb, "07", "-w", workshop, *extra], workshop,
                "Module inconnu", "07", "01-essai")


def test_not_a_workshop(tmp_path: Path, capsys):
    refused(capsys, ["grade", "01", "-w", tmp_path], tmp_path, "n'est pas un atelier",
            "course new")


def test_existing_folder_is_not_overwritten(workshop: Path, capsys):
    from tests.helpers import MINI

    refused(capsys, ["new", workshop, "--lang", "fr", "--audience", "youth", "--content", MINI],
            workshop, "existe déjà", "rien n'a été modifié")


def test_bad_roster_line_creates_nothing(tmp_path: Path, capsys):
    from tests.helpers import MINI

    roster = tmp_path / "liste.csv"
    roster.write_text("pseudonyme\nrenard\nJean Martin\n")
    refused(capsys, ["new", tmp_path / "atelier", "--lang", "fr", "--audience", "youth",
                     "--roster", roster, "--content", MINI], tmp_path, "ligne 3", "jean-martin")
    assert not (tmp_path / "atelier").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["liste.csv"]  # no half-made folder


def test_missing_zip_folder(workshop: Path, tmp_path: Path, capsys):
    refused(capsys, ["collect", "01", "-w", workshop, "--zip", tmp_path / "nope"], workshop,
            "n'existe pas")


def test_demo_needs_at_least_one_learner(workshop: Path, capsys):
    refused(capsys, ["demo", "01", "-w", workshop, "--learners", "0"], workshop, "au moins 1")


def test_demo_names_an_unknown_profile(workshop: Path, capsys):
    refused(capsys, ["demo", "01", "-w", workshop, "--learners", "2", "--profiles",
                     "right,genius"], workshop, "« genius » inconnu")


def test_bad_zip_is_skipped_and_named(workshop: Path, tmp_path: Path, capsys):
    (tmp_path / "renard.zip").write_text("pas un zip")
    (tmp_path / "Mauvais Nom.zip").write_text("x")
    assert course("collect", "01", "-w", workshop, "--zip", tmp_path) == 1
    out = capsys.readouterr().out
    assert "renard.zip" in out and "zip illisible" in out and "Mauvais Nom.zip" in out
    assert not (workshop / "submitted").exists()


def test_a_wrong_grading_limit_is_named_before_anything_runs(workshop: Path, capsys):
    config = workshop / "nbgrader_config.py"
    kept = config.read_text()
    config.write_text(kept + "c.SandboxLimits.memory_mb = 1\n")
    try:
        refused(capsys, ["grade", "01", "-w", workshop], workshop, "nbgrader_config.py",
                "memory_mb")
    finally:
        config.write_text(kept)


def test_a_hub_refuses_a_workshop_learners_could_not_reach(workshop: Path, capsys):
    # pytest's own temporary folders are closed to other users (0700)
    refused(capsys, ["hub", "-w", workshop], workshop, "fermé", "/srv")


def test_a_hub_refuses_a_learner_named_like_the_counsellor(tmp_path: Path, capsys):
    from tests.helpers import MINI

    roster = tmp_path / "liste.csv"
    roster.write_text("pseudonyme\nrenard\nanimation\n")
    folder = tmp_path / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "senior", "--content", MINI,
                  "--roster", roster) == 0
    capsys.readouterr()
    refused(capsys, ["hub", "-w", folder], folder, "« animation » est réservé")


def argparse_refused(capsys, args: list, folder: Path) -> str:
    """An argument argparse itself refuses: exit 2, nothing written, the message returned."""
    before = tree_digest(folder)
    with pytest.raises(SystemExit) as stopped:
        course(*args)
    assert stopped.value.code == 2
    assert tree_digest(folder) == before
    return capsys.readouterr().err


def test_argparse_speaks_french(tmp_path: Path, capsys):
    err = argparse_refused(capsys, ["new", tmp_path / "atelier", "--lang", "allemand",
                                    "--audience", "seniors"], tmp_path)
    assert "option --lang : choix inconnu : « allemand » (choisissez parmi : fr, en)" in err
    assert "utilisation : course new" in err and "Pour l'aide : course new --help" in err
    assert "invalid choice" not in err and "usage:" not in err and "error:" not in err
    err = argparse_refused(capsys, ["plan", "--sessions", "deux", "--minutes", 90], tmp_path)
    assert "option --sessions : valeur incorrecte : « deux » (un nombre entier est attendu)" \
        in err and "invalid int" not in err
    err = argparse_refused(capsys, ["plan", "--minutes", 90], tmp_path)
    assert "il manque : --sessions" in err and "required" not in err
    err = argparse_refused(capsys, ["rapport"], tmp_path)
    assert "COMMANDE : choix inconnu : « rapport »" in err


def test_option_values_may_be_typed_in_french(tmp_path: Path):
    from course.workshop import open_workshop
    from tests.helpers import MINI

    folder = tmp_path / "atelier"
    assert course("new", folder, "--lang", "français", "--audience", "Seniors",
                  "--content", MINI) == 0
    workshop = open_workshop(folder)
    assert (workshop.lang, workshop.audience) == ("fr", "senior")
