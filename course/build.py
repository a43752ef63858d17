"""From one source per module to real notebooks for a language and an audience.

Cells tagged ``fr``/``en`` or ``youth``/``senior`` are kept only in their build; grading roles
written by authors as ``course: {answer|tests|written: ID}`` become nbgrader's own metadata, so
the grading logic is written once and shared by all four variants.
"""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path
from typing import Any

import jupytext
import nbformat

from .content import Module, notebook_name
from .i18n import AUDIENCES, LANGUAGES, text
from .items import in_audience, load_bank, localize, write_localized
from .localize import typeset

VARIANT_TAGS = set(LANGUAGES) | set(AUDIENCES)


def read_source(path: Path) -> nbformat.NotebookNode:
    """A module source as Jupytext reads it (MyST Markdown)."""
    return jupytext.read(path, fmt="md:myst")


def cell_tags(cell: nbformat.NotebookNode) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def keeps(cell: nbformat.NotebookNode, lang: str, audience: str) -> bool:
    """Whether a source cell belongs to the ``lang`` / ``audience`` build."""
    tags = cell_tags(cell)
    langs, audiences = tags & set(LANGUAGES), tags & set(AUDIENCES)
    return (not langs or lang in langs) and (not audiences or audience in audiences)


def nbgrader_metadata(role: dict[str, Any]) -> dict[str, Any]:
    """nbgrader's cell metadata for an author's role (schema 3, as its own UI writes it)."""
    if "answer" in role:
        grade_id, grade, solution, locked = f"answer-{role['answer']}", False, True, False
    elif "tests" in role:
        grade_id, grade, solution, locked = f"test-{role['tests']}", True, False, True
    elif "written" in role:
        grade_id, grade, solution, locked = f"written-{role['written']}", True, True, False
    else:
        raise ValueError(f"unknown grading role {role!r}")
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution}
    if grade:
        meta["points"] = role.get("points", 1)
    return meta


def _setup_cell(module: Module, name: str, lang: str, audience: str, graded: bool):
    code = (
        "from course.learner import *  # noqa: F403\n"
        f"setup({module.id!r}, {name!r}, lang={lang!r}, audience={audience!r})"
    )
    cell = nbformat.v4.new_code_cell(code)
    cell.metadata["jupyter"] = {"source_hidden": True}
    cell.metadata["tags"] = ["course-setup"]
    if graded:
        cell.metadata["nbgrader"] = {"grade": False, "grade_id": "course-setup", "locked": True,
                                     "schema_version": 3, "solution": False}
    return cell


def _finish_cell():
    """The hand-in button, read-only, after the last question (before the hidden tests)."""
    cell = nbformat.v4.new_code_cell("finish()")
    cell.metadata["jupyter"] = {"source_hidden": True}
    cell.metadata["nbgrader"] = {"grade": False, "grade_id": "course-finish", "locked": True,
                                 "schema_version": 3, "solution": False}
    return cell


# A link drawn as a big button: inline style, since a notebook's Markdown carries no
# stylesheet of its own (JupyterLab keeps these properties, Voilà shows them as they are).
BUTTON_STYLE = ("display:inline-block;min-height:44px;padding:12px 28px;font-size:1.25em;"
                "font-weight:bold;color:#ffffff;background-color:#0b4f8a;"
                "border-radius:8px;text-decoration:none")


def _next_cell(lang: str, audience: str):
    """The way from the lesson to the exercise: a relative link, which JupyterLab opens as a
    notebook and Voilà renders, drawn as a big button."""
    target = notebook_name("exercise", lang)
    label = text("go_to_exercise", lang, audience)
    return nbformat.v4.new_markdown_cell(
        f'<p><a class="course-next" href="{target}.ipynb" style="{BUTTON_STYLE}">'
        f"{label} ➡</a></p>")


def _hand_in_heading(lang: str, audience: str):
    """The learner's heading above the hand-in button, read-only like the button."""
    cell = nbformat.v4.new_markdown_cell(f"## {text('hand_in_heading', lang, audience)}")
    cell.metadata["nbgrader"] = {"grade": False, "grade_id": "course-hand-in", "locked": True,
                                 "schema_version": 3, "solution": False}
    return cell


def _hand_in_place(cells: list) -> int:
    """Where the hand-in goes: before the trainer's heading ("Vérification (réservé au
    formateur)") that leads to the hidden tests, so the learner's button is never under it."""
    index = _first_test(cells)
    while index > 0 and cells[index - 1].cell_type == "markdown":
        if cells[index - 1].source.lstrip().startswith("#"):
            return index - 1
        index -= 1
    return _first_test(cells)


def _offset(source: str, line: int, column: int) -> int:
    """Where ``ast``'s (line, UTF-8 byte column) falls in ``source``."""
    lines = source.splitlines(keepends=True)
    before = sum(len(text) for text in lines[:line - 1])
    return before + len(lines[line - 1].encode("utf-8")[:column].decode("utf-8"))


def one_language_answers(source: str, lang: str) -> str:
    """A code cell whose ``answer(ID, {"fr": …, "en": …})`` keeps only ``lang``'s text.

    One shared cell holds a written item's model answer in every language; each build shows
    the trainer, and records, the model answer of its own language only.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source  # reported when the solution runs (grading.module_check)
    spans = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "answer"
                and len(node.args) == 2 and isinstance(node.args[1], ast.Dict)):
            continue
        try:
            texts = ast.literal_eval(node.args[1])
        except ValueError:
            continue
        if set(texts) <= set(LANGUAGES) and lang in texts:
            arg = node.args[1]
            spans.append((_offset(source, arg.lineno, arg.col_offset),
                          _offset(source, arg.end_lineno, arg.end_col_offset), texts[lang]))
    for start, end, chosen in sorted(spans, reverse=True):
        source = source[:start] + json.dumps(chosen, ensure_ascii=False) + source[end:]
    return source


def _first_test(cells: list) -> int:
    """Where the hidden tests start (or the end)."""
    for index, cell in enumerate(cells):
        if cell.metadata.get("nbgrader", {}).get("grade_id", "").startswith("test-"):
            return index
    return len(cells)


def build_notebook(module: Module, kind: str, lang: str, audience: str) -> nbformat.NotebookNode:
    """The lesson or exercise of ``module`` as a notebook for ``lang`` and ``audience``."""
    source = read_source(module.source(kind))
    graded = kind == "exercise"
    name = notebook_name(kind, lang)
    cells = [_setup_cell(module, name, lang, audience, graded)]
    for cell in source.cells:
        if not keeps(cell, lang, audience):
            continue
        new = nbformat.from_dict(json.loads(json.dumps(cell)))
        tags = [t for t in new.metadata.get("tags", []) if t not in VARIANT_TAGS]
        new.metadata.pop("tags", None)
        if tags:
            new.metadata["tags"] = tags
        role = new.metadata.pop("course", None)
        if role and graded:
            new.metadata["nbgrader"] = nbgrader_metadata(role)
        if new.cell_type == "markdown":
            new.source = typeset(new.source, lang)
        if new.cell_type == "code":
            new.source = one_language_answers(new.source, lang)
            new.outputs, new.execution_count = [], None
            if audience == "senior":
                new.metadata["jupyter"] = {"source_hidden": True}
        cells.append(new)
    if graded:
        place = _hand_in_place(cells)
        cells[place:place] = [_hand_in_heading(lang, audience), _finish_cell()]
    elif module.has("exercise"):
        cells.append(_next_cell(lang, audience))
    for index, cell in enumerate(cells):
        cell["id"] = f"{kind}-{index:03d}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "course": {"module": module.id, "kind": kind, "lang": lang, "audience": audience,
                   "title": module.title(lang)},
        # The browser tab's title in Voilà (and in nbconvert's HTML).
        "title": f"{module.title(lang)} · {text(kind, lang)}",
    }
    return notebook


def item_bank(module: Module, kind: str) -> Path:
    folder = module.lesson_dir if kind == "lesson" else module.exercise_dir
    return folder / "items.yml"


def build_items(module: Module, kind: str, lang: str, audience: str) -> list[dict[str, Any]]:
    """The items of a notebook, as its learners' kernels will read them."""
    graded = kind == "exercise"
    bank = load_bank(item_bank(module, kind), graded=graded)
    return [localize(item, lang, graded, audience) for item in bank
            if in_audience(item, audience)]


DATA_FOLDER = "data"


def copy_data(source: Path, folder: Path) -> None:
    """Copy a ``data/`` folder (CSV files a notebook reads as ``data/NAME``) into ``folder``."""
    if (source / DATA_FOLDER).is_dir():
        shutil.copytree(source / DATA_FOLDER, folder / DATA_FOLDER, dirs_exist_ok=True)


def build_module(module: Module, lang: str, audience: str, out: Path) -> list[Path]:
    """Write the module's notebooks, their item files and its data into ``out/<module id>/``."""
    folder = out / module.id
    folder.mkdir(parents=True, exist_ok=True)
    copy_data(module.lesson_dir, folder)
    written = []
    for kind in ("lesson", "exercise"):
        if not module.has(kind):
            continue
        name = notebook_name(kind, lang)
        path = folder / f"{name}.ipynb"
        nbformat.write(build_notebook(module, kind, lang, audience), path)
        write_localized(build_items(module, kind, lang, audience), folder / f"{name}.items.json")
        written.append(path)
    return written


def trainer_notes(module: Module, lang: str, audience: str | None = None) -> dict[str, Any]:
    """What the trainer keeps for feedback: each graded item's prompt, options and explanation.

    Never written next to the learners' notebooks.
    """
    bank = load_bank(item_bank(module, "exercise"), graded=True)
    notes = {}
    for item in bank:
        local = localize(item, lang, graded=False, audience=audience)
        notes[item["id"]] = {k: local[k] for k in ("type", "prompt", "options", "explanation")
                             if k in local}
    return notes
