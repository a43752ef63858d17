"""The learner's kernel (``course.kernel``), started as a learner's server starts it: the
``python3`` kernel found first on ``JUPYTER_PATH`` (``course/share``), with the notebook it
was opened for in ``JPY_SESSION_NAME`` and that notebook's folder as working folder.

On the old code the same kernel was plain ipykernel: ``ask`` raised ``NameError`` until the
hidden set-up cell had run, and an error showed Python's full English traceback.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from course.build import build_module
from course.content import find_module
from course.i18n import text
from course.start import SHARE
from tests.helpers import REPO


@pytest.fixture(scope="module")
def lesson(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kernel")
    build_module(find_module(REPO, "00"), "fr", "youth", out)
    return out / "00-avant" / "lecon.ipynb"


def learner_kernel(notebook: Path, **env: str) -> Iterator:
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    environ = dict(os.environ, JUPYTER_PATH=str(SHARE), JPY_SESSION_NAME=str(notebook), **env)
    saved = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(SHARE)  # where the server looks the kernel up
    try:
        specs = KernelSpecManager()
        manager = KernelManager(kernel_name="python3", kernel_spec_manager=specs)
        assert Path(manager.kernel_spec.resource_dir) == SHARE / "kernels" / "python3"
        manager.start_kernel(env=environ, cwd=str(notebook.parent))
    finally:
        if saved is None:
            os.environ.pop("JUPYTER_PATH")
        else:
            os.environ["JUPYTER_PATH"] = saved
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    try:
        yield client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def run(client, code: str) -> list[dict]:
    """The outputs of ``code`` (display data and errors), as the notebook would get them."""
    outputs = []

    def keep(message: dict) -> None:
        if message["msg_type"] in ("display_data", "error", "stream", "execute_result"):
            outputs.append({"type": message["msg_type"], **message["content"]})

    client.execute_interactive(code, output_hook=keep, timeout=60)
    return outputs


@pytest.fixture(scope="module")
def kernel(lesson: Path) -> Iterator:
    yield from learner_kernel(lesson, COURSE_LANG="fr")


def test_the_first_question_works_without_the_set_up_cell(kernel):
    outputs = run(kernel, 'ask("warmup-next-session")')
    assert {o["type"] for o in outputs} == {"display_data"}
    assert "application/vnd.jupyter.widget-view+json" in outputs[-1]["data"]


def test_a_learner_error_is_a_short_hint_with_the_traceback_folded(kernel):
    outputs = run(kernel, "prix_total")
    hint = text("hint_name", "fr", "youth", name="prix_total")
    error = next(o for o in outputs if o["type"] == "error")
    assert error["traceback"] == [hint] and error["ename"] == "NameError"
    folded = next(o for o in outputs if o["type"] == "display_data")["data"]["text/html"]
    assert "<details>" in folded and "NameError" in folded and html.escape(hint) in folded


def test_a_pandas_typo_names_the_missing_column(kernel):
    code = "import pandas as pd\npd.DataFrame({'prix': [1]})['Prix']"
    error = next(o for o in run(kernel, code) if o["type"] == "error")
    assert error["traceback"] == [text("hint_key", "fr", "youth", missing="Prix")]


def test_a_syntax_error_is_a_hint_too(kernel):
    error = next(o for o in run(kernel, "print('oubli'") if o["type"] == "error")
    assert error["traceback"] == [text("hint_syntax", "fr", "youth", line=1)]


def test_learner_text_in_the_folded_traceback_is_escaped(kernel):
    folded = next(o for o in run(kernel, "raise ValueError('<img src=x onerror=alert(1)>')")
                  if o["type"] == "display_data")["data"]["text/html"]
    assert "<img" not in folded and "&lt;img" in folded


def test_a_kernel_for_another_notebook_starts_plain(tmp_path: Path):
    mine = tmp_path / "mine.ipynb"
    mine.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    client = learner_kernel(mine, COURSE_LANG="en")
    kernel = next(client)
    try:
        assert run(kernel, "1 + 1")[0]["data"]["text/plain"] == "2"
        error = next(o for o in run(kernel, "ask('x')") if o["type"] == "error")
        assert error["ename"] == "RuntimeError"  # no session: not a notebook of the course
    finally:
        client.close()
