"""A learner's script never runs in the counsellor's formgrader.

A learner adds to their exercise a code cell that displays a ``<script>`` and a Markdown cell
with an ``onerror`` handler; both send the counsellor's XSRF cookie to the Jupyter API to write
a file in the workshop. The module is graded by ``course grade``, then the counsellor opens the
submission in nbgrader's real formgrader (a real jupyter_server started in the workshop, as
« nbgrader formgrader » is), in Debian's Chromium: no file is written, and what the learner
printed and their answers are still there to read.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from course.workshop import open_workshop
from grading.nbgrader_setup import gradebook
from grading.safe_view import make_safe
from tests.browser import free_port, needs_chromium, offline_page, wait_for_http
from tests.helpers import course
from tests.leftovers import ends_with_the_test_run, stop

pytestmark = pytest.mark.slow
MODULE = "01"
PUT = ("fetch('/api/contents/{name}', {{method: 'PUT', headers: {{'Content-Type': "
       "'application/json', 'X-XSRFToken': decodeURIComponent((document.cookie.match("
       "/_xsrf=([^;]+)/) || [])[1] || '')}}, body: JSON.stringify({{type: 'file', format: "
       "'text', content: 'pwned'}})}})")
SHOWN = "sortie-visible-de-l-apprenant"
WRITTEN = ["pwned-script.txt", "pwned-markdown.txt", "pwned-raw.txt"]


def attack(notebook: Path) -> None:
    """The learner's cells, added at the end of their submitted exercise."""
    book = nbformat.read(notebook, as_version=4)
    script = PUT.format(name=WRITTEN[0])
    book.cells += [
        nbformat.v4.new_code_cell(
            f"from IPython.display import HTML, Javascript, display\nprint({SHOWN!r})\n"
            f"display(HTML({f'<b>gras</b><script>{script}</script>'!r}))\n"
            f"display(Javascript({script!r}))"),
        nbformat.v4.new_markdown_cell(
            f'<img src="x" onerror="{PUT.format(name=WRITTEN[1])}">'),
        nbformat.v4.new_raw_cell(f"<script>{PUT.format(name=WRITTEN[2])}</script>",
                                 metadata={"raw_mimetype": "text/html"})]
    nbformat.write(book, notebook)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formgrader") / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "youth", "--modules",
                  MODULE) == 0
    assert course("demo", MODULE, "-w", folder, "--learners", 1) == 0
    workshop = open_workshop(folder)
    (learner,) = [p.name for p in workshop.submitted.iterdir()]
    module = workshop.module(MODULE)
    name = workshop.notebook("exercise")
    attack(workshop.submitted / learner / module.id / f"{name}.ipynb")
    assert course("grade", MODULE, "-w", folder, "--workers", 1) == 0
    with gradebook(workshop) as book:
        submission = book.find_submission_notebook(name, module.id, learner).id
    return workshop, submission


def formgrader(folder: Path):
    """jupyter_server with nbgrader's formgrader, in the workshop, on a free loopback port."""
    log = folder.parent / "formgrader.log"
    port = free_port()
    with log.open("a") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "jupyter_server", "--no-browser", f"--port={port}",
             "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--allow-root",
             f"--ServerApp.root_dir={folder}"],
            cwd=folder, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=ends_with_the_test_run())
    return server, log, f"http://127.0.0.1:{port}"


@needs_chromium
def test_learner_script_does_not_run_in_the_counsellors_formgrader(graded):
    workshop, submission = graded
    server, log, base = formgrader(workshop.path)
    try:
        wait_for_http(f"{base}/formgrader", server, log)
        with offline_page("formgrader-learner-script") as view:
            view.page.goto(f"{base}/formgrader/submissions/{submission}/")
            view.page.get_by_text(SHOWN).first.wait_for()
            view.page.wait_for_load_state("networkidle")
            view.shot("submission")
            assert view.page.get_by_text("gras").count() >= 1  # clean HTML still drawn
            deadline = time.monotonic() + 5  # a script would have written by now
            while time.monotonic() < deadline and not any(
                    (workshop.path / n).exists() for n in WRITTEN):
                time.sleep(0.2)
            # MathJax comes from the server (nbgrader's template asks a CDN): formgrade.js
            # saw it start, and nothing leaves the machine (offline_page checks on exit)
            view.page.wait_for_function("window.MathJax && MathJax.loaded === true",
                                        timeout=30_000)
    finally:
        stop(server)
    assert [n for n in WRITTEN if (workshop.path / n).exists()] == []


def test_outputs_keep_text_and_images_and_lose_everything_that_runs():
    book = nbformat.v4.new_notebook(metadata={"widgets": {"state": {}}})
    cell = nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="texte\n"),
        nbformat.v4.new_output("display_data", data={
            "text/plain": "<HTML>", "image/png": "iVBORw0KGgo=",
            "image/svg+xml": "<svg onload='x()'/>", "application/javascript": "x()",
            "application/vnd.jupyter.widget-view+json": {"model_id": "1"},
            "text/html": "<p style='color:red;background:url(http://x/)' onclick='x()'>"
                         "<a href='/api/contents'>lien</a><iframe src='/'></iframe>"
                         "<script>x()</script></p>"}),
        nbformat.v4.new_output("display_data", data={"application/javascript": "x()"})])
    book.cells = [cell, nbformat.v4.new_markdown_cell("<b onmouseover=x()>a</b>\n```\n")]
    make_safe(book, set())
    stream, shown = book.cells[0].outputs
    assert stream.text == "texte\n"
    assert sorted(shown.data) == ["image/png", "text/html", "text/plain"]
    html = shown.data["text/html"]
    assert html.startswith('<p style="color:red;">') and "lien" in html
    for word in ("<script", "<iframe", "<a", "onclick", "url(", "href"):
        assert word not in html
    assert "widgets" not in book.metadata
    assert book.cells[1].source == "````text\n<b onmouseover=x()>a</b>\n```\n\n````"
    assert json.dumps(book.cells[1].metadata) == "{}"
