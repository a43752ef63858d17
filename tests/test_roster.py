from pathlib import Path

import pytest

from course.errors import CourseError
from course.roster import read_roster


def roster(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "liste.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_header_semicolons_and_extra_columns(tmp_path: Path):
    path = roster(tmp_path, "pseudonyme;groupe\nrenard-bleu;A\n\nloutre;B\n")
    assert read_roster(path) == ["renard-bleu", "loutre"]


def test_excel_windows_encoding_is_read(tmp_path: Path):
    assert read_roster(roster(tmp_path, "pseudo;remarque\nhibou;élève\n", "cp1252")) == ["hibou"]


def test_every_bad_line_is_named_with_its_number(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "fr")
    path = roster(tmp_path, "pseudo\nrenard\nMarie Dupont\nmarie@example.org\nrenard\n")
    with pytest.raises(CourseError) as error:
        read_roster(path)
    message = str(error.value)
    assert "ligne 3" in message and "marie-dupont" in message
    assert "ligne 4" in message and "e-mail" in message
    assert "ligne 5" in message and "déjà à la ligne 2" in message


def test_empty_roster_is_refused(tmp_path: Path):
    with pytest.raises(CourseError):
        read_roster(roster(tmp_path, "pseudonym\n\n"))
