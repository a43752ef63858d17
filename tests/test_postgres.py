"""A workshop's gradebook on a real PostgreSQL server (``course new --db``): where the URL is
kept, that plain ``nbgrader`` finds it, and bad input refused in plain words, password masked.

The whole grading cycle runs on PostgreSQL too, in tests/test_workflow.py and
tests/test_grading_trainer.py (their ``postgres`` variants)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from course.errors import CourseError
from grading.nbgrader_setup import DB_URL_FILE, ENV_VAR, mask
from tests import postgres as pg
from tests.helpers import MINI, course
from tests.postgres import PASSWORD, free_port

pytestmark = pytest.mark.slow


def new(folder: Path, *db: str, roster: Path | None = None) -> int:
    extra = ["--roster", roster] if roster else []
    return course("new", folder, "--lang", "fr", "--audience", "senior", "--content", MINI,
                  *extra, *db)


def plain_nbgrader(folder: Path, *args: str, env: dict | None = None) -> str:
    """A plain ``nbgrader`` command run in the workshop folder, as a trainer would."""
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=folder, text=True,
                          capture_output=True, env=env or os.environ.copy())
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def test_the_url_is_kept_owner_only_and_never_shown(postgres, tmp_path, capsys):
    roster = tmp_path / "liste.csv"
    roster.write_text("pseudonyme\nrenard\nhibou\n")
    folder = tmp_path / "atelier"
    url = postgres.create_database("kept")
    assert url.startswith("postgresql://")  # as a user types it: normalised for psycopg 3
    assert new(folder, "--db", url, roster=roster) == 0
    kept = folder / DB_URL_FILE
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert kept.read_text().strip() == url.replace("postgresql://", "postgresql+psycopg://")
    assert not (folder / "gradebook.db").exists()
    others = [p for p in folder.rglob("*") if p.is_file() and p != kept]
    assert all(PASSWORD.encode() not in p.read_bytes() for p in others)
    assert PASSWORD not in "".join(capsys.readouterr())
    listed = plain_nbgrader(folder, "db", "student", "list")
    assert "renard" in listed and "hibou" in listed and PASSWORD not in listed
    import psycopg

    with psycopg.connect(url) as db:
        rows = db.execute("SELECT id FROM student ORDER BY id").fetchall()
    assert rows == [("hibou",), ("renard",)]


def test_the_url_can_stay_in_the_environment(postgres, tmp_path, monkeypatch, capsys):
    url = postgres.socket_url("fromenv")
    postgres.create_database("fromenv")
    monkeypatch.setenv(ENV_VAR, url)
    folder = tmp_path / "atelier"
    assert new(folder, "--db", "env") == 0
    assert (folder / DB_URL_FILE).read_text().strip() == "$" + ENV_VAR
    assert not (folder / "gradebook.db").exists()
    plain_nbgrader(folder, "db", "student", "add", "loutre")
    assert course("learner", "erase", "loutre", "-w", folder) == 0
    monkeypatch.delenv(ENV_VAR)
    capsys.readouterr()
    assert course("learner", "erase", "loutre", "-w", folder) == 2
    message = capsys.readouterr().err
    assert ENV_VAR in message and "Traceback" not in message
    assert not (folder / "gradebook.db").exists()


def refused(capsys, folder: Path, db: str, *words: str) -> None:
    """``course new --db`` says what is wrong, exits 2, leaves nothing, never shows the
    password."""
    assert new(folder, "--db", db) == 2
    message = capsys.readouterr().err
    for word in words:
        assert word in message, message
    assert PASSWORD not in message and "Traceback" not in message
    assert not folder.exists() and not list(folder.parent.glob(f".{folder.name}.*"))


def test_wrong_password(postgres, tmp_path, capsys):
    url = postgres.create_database("wrongpw")
    refused(capsys, tmp_path / "a", url.replace(PASSWORD, "pas-le-bon"), "mot de passe",
            "***", "127.0.0.1")


def test_server_down(postgres, tmp_path, capsys):
    refused(capsys, tmp_path / "a", postgres.url("nothing", port=free_port()),
            "ne répond pas", "***")


def test_missing_database(postgres, tmp_path, capsys):
    refused(capsys, tmp_path / "a", postgres.url("absente"), "la base n'existe pas", "absente")


@pytest.mark.parametrize("db", [f"mysql://formateur:{PASSWORD}@localhost/atelier",
                                "n'importe quoi", "https://example.org/base"])
def test_not_a_postgresql_or_sqlite_url(db, tmp_path, capsys):
    refused(capsys, tmp_path / "a", db, "n'est pas une adresse de base de données")


def test_a_database_already_in_use_is_refused(postgres, tmp_path, capsys):
    url = postgres.create_database("used")
    assert new(tmp_path / "first", "--db", url) == 0
    capsys.readouterr()
    refused(capsys, tmp_path / "second", url, "contient déjà des tables")


def test_a_server_gone_later_is_named_plainly(postgres, tmp_path, capsys):
    folder = tmp_path / "atelier"
    assert new(folder, "--db", postgres.create_database("later")) == 0
    kept = folder / DB_URL_FILE
    kept.write_text(kept.read_text().replace(PASSWORD, "change"))
    capsys.readouterr()
    assert course("learner", "export", "x", "-w", folder) == 2
    message = capsys.readouterr().err
    assert "mot de passe" in message and "change" not in message and "***" in message


def test_a_failure_after_the_gradebook_was_made_drops_its_tables(postgres, tmp_path, capsys,
                                                                  monkeypatch):
    url = postgres.create_database("rollback")

    def broken(*_):
        raise CourseError("disque plein")

    monkeypatch.setattr("grading.create.add_learners", broken)  # fails once tables exist
    refused(capsys, tmp_path / "a", url, "disque plein")
    monkeypatch.undo()
    assert new(tmp_path / "a", "--db", url) == 0  # the database was left empty


@pytest.mark.parametrize("ci, outcome", [("1", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_without_postgresql_ci_fails_and_a_laptop_skips(monkeypatch, ci, outcome):
    monkeypatch.setattr(pg, "binaries", lambda: None)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="postgresql"):
        pg.start_or_refuse()


@pytest.mark.parametrize("url, secret", [
    ("postgresql://prof:p%40ss%2Fw0rd@serveur/atelier", "p%40ss%2Fw0rd"),
    ("postgresql://prof:p%40ss%2Fw0rd@serveur/atelier", "p@ss/w0rd"),
    ("postgresql//prof:secret-word@serveur/atelier", "secret-word"),  # mistyped: not parsed
])
def test_the_password_is_masked_however_it_is_written(url, secret):
    text = f"« {url} » ; mot de passe {unquote(secret)}"
    masked = mask(text, url)
    assert secret not in masked and unquote(secret) not in masked and "***" in masked
    assert "prof" in masked and "serveur" in masked
