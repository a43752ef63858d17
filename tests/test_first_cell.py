"""The youth learner's very first step, in real JupyterLab and Chromium: module 00's first
question cell, run alone by the keyboard as the page says ("Maj + Entrée"), shows its
question, without the hidden set-up cell ever run (``course.kernel``). A typo in a learner's
pandas code gets a short French hint, the traceback folded away.

On the old code the first cell failed with ``NameError: name 'ask' is not defined``.
"""

from __future__ import annotations

import pytest

from course.i18n import text
from tests.browser import course_server, needs_chromium, offline_page

pytestmark = [pytest.mark.slow, needs_chromium]

ERROR = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
KERNEL = "window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel"
SELECT = """(needle) => {
    const notebook = jupyterapp.shell.currentWidget.content;
    const index = notebook.widgets.findIndex(
        cell => cell.model.sharedModel.getSource().includes(needle));
    notebook.activeCellIndex = index;
    notebook.mode = "command";
    notebook.activeCell.node.focus();
    return index;
}"""
TYPO = """(code) => {
    const notebook = jupyterapp.shell.currentWidget.content;
    notebook.activeCellIndex = notebook.widgets.length - 1;
    return jupyterapp.commands.execute("notebook:insert-cell-below").then(() => {
        notebook.activeCell.model.sharedModel.setSource(code);
        notebook.mode = "command";
        notebook.activeCell.node.focus();
    });
}"""


@pytest.fixture(scope="module")
def youth_lab(tmp_path_factory) -> str:
    from grading.create import create_workshop
    from grading.release import release

    folder = tmp_path_factory.mktemp("first-cell") / "atelier"
    workshop = create_workshop(folder, "fr", "youth", ["00-avant"])
    release(workshop, workshop.module("00-avant"))
    with course_server(folder.parent, str(folder)) as url:
        yield url


def open_lesson(page, url: str) -> None:
    page.goto(url + "/lab/tree/00-avant/lecon.ipynb?reset")
    page.wait_for_function(KERNEL)
    page.wait_for_function(KERNEL + "?.status === 'idle'")


def test_first_question_cell_run_alone_works(youth_lab: str):
    from playwright.sync_api import expect

    with offline_page("first-cell") as browser:
        page = browser.page
        open_lesson(page, youth_lab)
        assert page.evaluate(SELECT, 'ask("warmup-next-session")') > 0  # not the set-up cell
        page.keyboard.press("Shift+Enter")
        cell = page.locator(".jp-Notebook .jp-Cell").filter(
            has_text='ask("warmup-next-session")')
        question = cell.locator(".jp-OutputArea-output fieldset").first
        expect(question).to_be_visible()
        expect(question.locator("legend")).not_to_be_empty()
        assert cell.locator(ERROR).count() == 0
        browser.shot("first-question")


def test_a_pandas_typo_gets_a_short_french_hint(youth_lab: str):
    from playwright.sync_api import expect

    with offline_page("code-hint") as browser:
        page = browser.page
        open_lesson(page, youth_lab)
        page.evaluate(TYPO, "import pandas as pd\ndf = pd.DataFrame({'prix': [1]})\n"
                            "df['Prix']")
        page.keyboard.press("Shift+Enter")
        output = page.locator(".jp-Cell").filter(has_text="df['Prix']").locator(
            ".jp-OutputArea")
        hint = text("hint_key", "fr", "youth", missing="Prix")
        expect(output.locator(".course-hint strong")).to_have_text(hint)
        error = output.locator(ERROR)
        expect(error).to_have_text(hint)  # the error itself says only the hint
        details = output.locator(".course-hint details")
        assert details.get_attribute("open") is None  # folded
        expect(details.locator("pre")).to_be_hidden()
        details.locator("summary").focus()
        page.keyboard.press("Enter")
        expect(details.locator("pre")).to_contain_text("KeyError")
        browser.shot("pandas-hint")
