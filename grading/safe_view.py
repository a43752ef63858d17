"""What the counsellor's formgrader shows of a learner's notebook: never the learner's script.

formgrader draws the autograded notebook as HTML in the counsellor's page, on the Jupyter
server's own address: a ``<script>`` there runs with the counsellor's rights and XSRF cookie,
and can write anywhere in the workshop through the Jupyter API. So, right after autograde, the
autograded copies are made safe to look at:

- outputs: every one was made by a kernel that ran learner code (which can redefine
  ``display``, ``print`` or the course's helpers), so none is trusted. Plain text, streams,
  errors and raster images stay; HTML is cleaned to a short list of tags with no links,
  scripts, frames, forms or event handlers (bleach, the sanitiser nbconvert itself uses);
  JavaScript, widget views, SVG and every other kind are dropped;
- Markdown and raw cells that are not the course's own (their text is not in the released
  notebook) are shown as plain text, never rendered;
- widget state is dropped: drawing it would load the widget manager's script from the internet.
"""

from __future__ import annotations

import stat
from pathlib import Path

import bleach
import nbformat
from bleach.css_sanitizer import CSSSanitizer

from course import atomic

KEPT = ("text/plain", "image/png", "image/jpeg", "image/gif")
HTML = "text/html"
TAGS = frozenset({"b", "blockquote", "br", "caption", "code", "div", "em", "figcaption",
                  "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p",
                  "pre", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
                  "th", "thead", "tr", "u", "ul"})
ATTRIBUTES = {"*": ["lang", "style", "title"]}
STYLES = CSSSanitizer(allowed_css_properties=[  # none of them takes an url(...)
    "border", "border-radius", "color", "background-color", "font-size", "font-style",
    "font-weight", "margin", "max-width", "padding", "text-align"])


def clean_html(html: str) -> str:
    """The HTML with only harmless tags and attributes (the text of the others is kept)."""
    return bleach.clean(html, tags=TAGS, attributes=ATTRIBUTES, css_sanitizer=STYLES,
                        strip=True, strip_comments=True)


def safe_output(output: dict) -> dict | None:
    """The output with only what cannot run in the counsellor's page, or None if nothing is
    left."""
    if output.get("output_type") in ("stream", "error"):
        return output  # text, escaped by nbconvert
    if output.get("output_type") not in ("display_data", "execute_result"):
        return None
    data = {kind: value for kind, value in output.get("data", {}).items() if kind in KEPT}
    if HTML in output.get("data", {}):
        html = output["data"][HTML]
        data[HTML] = clean_html("".join(html) if isinstance(html, list) else html)
    if not data:
        return None
    metadata = {kind: value for kind, value in output.get("metadata", {}).items()
                if kind in data}
    return nbformat.from_dict({**output, "data": data, "metadata": metadata})


def as_plain_text(source: str) -> str:
    """Markdown that shows ``source`` as it is, in a code block nothing can close early."""
    fence = "`" * max(3, _longest_backticks(source) + 1)
    return f"{fence}text\n{source}\n{fence}"


def _longest_backticks(text: str) -> int:
    best = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        best = max(best, run)
    return best


def course_texts(released: Path) -> set[tuple[str, str]]:
    """(cell type, source) of the released notebook's Markdown and raw cells."""
    if not released.is_file():
        return set()
    notebook = nbformat.read(released, as_version=4)
    return {(cell.cell_type, cell.source) for cell in notebook.cells
            if cell.cell_type in ("markdown", "raw")}


def make_safe(notebook: nbformat.NotebookNode, own: set[tuple[str, str]]) -> None:
    """Clean ``notebook`` in place (see the module's docstring)."""
    notebook.metadata.pop("widgets", None)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            cell.outputs = [kept for kept in map(safe_output, cell.get("outputs", []))
                            if kept is not None]
        elif (cell.cell_type, cell.source) not in own:
            shown = nbformat.v4.new_markdown_cell(as_plain_text(cell.source),
                                                  metadata=cell.metadata)
            shown.metadata.pop("attachments", None)
            if "id" in cell:
                shown.id = cell.id
            notebook.cells[index] = shown


def make_folder_safe(folder: Path, released: Path) -> list[Path]:
    """Clean every notebook of an autograded folder, given the module's released folder.
    Returns the notebooks cleaned; one that cannot be (a link, not a notebook: nbgrader did
    not write it) is removed, so formgrader never draws it."""
    cleaned = []
    for path in sorted(folder.glob("*.ipynb")) if folder.is_dir() else []:
        try:
            if not stat.S_ISREG(path.lstat().st_mode):
                raise ValueError("not a regular file")
            notebook = nbformat.read(path, as_version=4)
        except Exception:  # nbformat raises many kinds for a broken file
            path.unlink()
            continue
        make_safe(notebook, course_texts(released / path.name))
        atomic.write_text(path, nbformat.writes(notebook))
        cleaned.append(path)
    return cleaned
