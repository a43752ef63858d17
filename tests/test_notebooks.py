"""Every built notebook of every module runs headless, in all four variants, without error."""

from __future__ import annotations

from itertools import product
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from course.content import list_modules, notebook_name
from course.i18n import AUDIENCES, LANGUAGES
from tests.helpers import REPO, course

WIDGET = "application/vnd.jupyter.widget-view+json"
VARIANTS = list(product(LANGUAGES, AUDIENCES))
MODULES = [m.id for m in list_modules(REPO)]


def run(notebook: Path) -> nbformat.NotebookNode:
    """Execute a notebook in its own folder, as JupyterLab or nbgrader would."""
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=60, allow_errors=True,
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    return nb


def problems(nb: nbformat.NotebookNode) -> list[str]:
    """Errors and stderr output, each with the start of the cell that produced it."""
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "error" or (output.output_type == "stream"
                                                 and output.name == "stderr"):
                found.append(f"{cell.source[:60]!r}: {output.get('ename') or output.text}")
    return found


def widgets_shown(nb: nbformat.NotebookNode) -> int:
    return sum(WIDGET in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """All modules built once per variant."""
    folders = {}
    for lang, audience in VARIANTS:
        out = tmp_path_factory.mktemp(f"{lang}-{audience}")
        assert course("build", "--lang", lang, "--audience", audience, "--out", out) == 0
        folders[lang, audience] = out
    return folders


@pytest.mark.slow
@pytest.mark.parametrize("module", MODULES)
@pytest.mark.parametrize("lang, audience", VARIANTS)
@pytest.mark.parametrize("kind", ["lesson", "exercise"])
def test_built_notebook_runs_without_error(built, module, lang, audience, kind):
    notebook = built[lang, audience] / module / f"{notebook_name(kind, lang)}.ipynb"
    nb = run(notebook)
    assert problems(nb) == []
    assert nb.cells[0].outputs == []  # the hidden set-up cell shows nothing
    asked = sum("ask(" in c.source for c in nb.cells if c.cell_type == "code")
    assert asked > 0 and widgets_shown(nb) >= asked
