"""No slur from the project's mask list appears unmasked in anything a learner or trainer reads.

The mask list (``modules/07-haine-en-ligne/data/mask_list.txt``) holds hashes, so the repository
itself holds no slur. Every built notebook and its item and data files, in all four variants,
and every guide and hand-out are read word by word.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

import nbformat
import pytest

from course.activities.message_sorter import load_mask_list, slur_hash, unmasked_slurs
from course.i18n import AUDIENCES, LANGUAGES
from tests.helpers import REPO, course

MASKS = load_mask_list(REPO / "modules" / "07-haine-en-ligne" / "data" / "mask_list.txt")
TEXT_FILES = {".ipynb", ".json", ".yml", ".yaml", ".csv", ".md", ".txt"}


def findings(folder: Path, masks: frozenset[str]) -> dict[str, list[str]]:
    """Each text file below ``folder`` that holds a listed word, with the words found."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in TEXT_FILES:
            words = unmasked_slurs(path.read_text(encoding="utf-8", errors="replace"), masks)
            if words:
                found[str(path.relative_to(folder))] = words
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Every module built in all four variants, side by side."""
    root = tmp_path_factory.mktemp("built")
    for lang, audience in product(LANGUAGES, AUDIENCES):
        assert course("build", "--lang", lang, "--audience", audience,
                      "--out", root / f"{lang}-{audience}") == 0
    return root


def test_the_mask_list_is_hashes_only():
    assert len(MASKS) >= 50
    assert all(len(line) == 64 and set(line) <= set("0123456789abcdef") for line in MASKS)


def test_no_built_notebook_item_file_or_data_holds_an_unmasked_slur(built: Path):
    assert findings(built, MASKS) == {}


def test_no_guide_or_handout_holds_an_unmasked_slur():
    sheets = [p for p in (REPO / "modules").glob("*/*.md") if p.name.startswith(("guide.",
                                                                                   "handout."))]
    assert len(sheets) >= 8
    found = {p.name: unmasked_slurs(p.read_text(encoding="utf-8"), MASKS) for p in sheets}
    assert {name: words for name, words in found.items() if words} == {}


def test_the_scan_does_find_a_listed_word_planted_in_a_built_notebook(built: Path, tmp_path):
    """The scan is not blind: a harmless stand-in word, listed, is found in a notebook cell."""
    notebook = next(built.rglob("*.ipynb"))
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("Un Zorglub ici."))
    nbformat.write(nb, tmp_path / "planted.ipynb")
    assert findings(tmp_path, MASKS | {slur_hash("zorglub")}) == {"planted.ipynb": ["Zorglub"]}
