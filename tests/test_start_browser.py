"""``course start`` in a real browser: French JupyterLab opened at the first module's lesson
(00, "before we start"), widgets drawn, module 01's exercise worked through and handed in.

This is what ``make start`` runs, from a folder with no workshop yet (it creates the French
demo workshop, every module released).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from course.answers import read_answers
from course.i18n import text
from tests.browser import (
    answer_by_mouse,
    course_server,
    item_of,
    needs_chromium,
    offline_page,
)

pytestmark = [pytest.mark.slow, needs_chromium]


MODULE = "01-premiers-pas"
LAB_CHROME_FINDINGS = {
    "aria-allowed-attr",  # toolbar <jp-button>s of JupyterLab, nbgrader and Voilà extensions
    "aria-input-field-name",  # CodeMirror editors of code cells have no accessible name
    "aria-required-children",  # the notebook's windowed list viewport
}
RUN_ALL = "jupyterapp.commands.execute('notebook:run-all-cells')"
KERNEL = "window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel"


def test_course_start_opens_the_course_in_french(tmp_path: Path):
    from playwright.sync_api import expect

    with course_server(tmp_path) as url, offline_page("lab-start") as browser:
        assert (tmp_path / "atelier-demo" / "workshop.yml").is_file()
        page = browser.page
        page.goto(url + "/")  # the home page, then its one "Continuer" button
        expect(page.locator("h1")).to_have_text(text("home_title", "fr"))
        page.get_by_role("link", name=text("home_continue", "fr")).focus()
        page.keyboard.press("Enter")
        expect(page.locator(".lm-MenuBar-itemLabel", has_text="Fichier")).to_be_visible()
        expect(page.locator(".lm-TabBar-tabLabel", has_text="lecon.ipynb")).to_be_visible()
        page.wait_for_function(KERNEL)
        page.evaluate(RUN_ALL)
        question = page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output fieldset").first
        expect(question).to_be_visible()
        browser.shot("lesson")
        # The question is a labelled group of real inputs a keyboard can reach.
        expect(question.locator("legend")).not_to_be_empty()
        assert question.locator("input[type=radio], input[type=checkbox]").count() >= 2
        # The course's own widgets pass axe (JupyterLab's chrome is not ours).
        assert browser.axe(".jp-OutputArea-output .course-q") == []
        # JupyterLab's own chrome has known findings (docs/ACCESSIBILITY.md): listed, not
        # hidden, and none may touch the course's markup.
        chrome = browser.axe()
        assert {finding["id"] for finding in chrome} <= LAB_CHROME_FINDINGS, chrome
        assert "course" not in repr([finding["nodes"] for finding in chrome])

        # A youth learner works through the lesson and the exercise by mouse, then hands in.
        answer_by_mouse(page.locator(".jp-OutputArea-output .course-q").first, "fr")
        expect(page.locator(".jp-OutputArea-output .course-q [role=status]").first
               ).not_to_be_empty()
        page.evaluate(f"() => {{ jupyterapp.commands.execute('docmanager:open', "
                      f"{{path: '{MODULE}/exercice.ipynb'}}); }}")
        expect(page.locator(".lm-TabBar-tabLabel", has_text="exercice.ipynb")).to_be_visible()
        page.wait_for_function(KERNEL + "&& jupyterapp.shell.currentWidget.title.label"
                               " === 'exercice.ipynb'")
        page.evaluate(RUN_ALL)
        notebook = page.locator(".jp-NotebookPanel:visible")
        handin = notebook.locator(".jp-OutputArea-output .course-handin")
        expect(handin).to_be_visible()
        clicked = {}
        for question in notebook.locator(".jp-OutputArea-output .course-q:not(.course-handin)"
                                         ).all():
            question.scroll_into_view_if_needed()
            clicked[item_of(question)] = answer_by_mouse(question, "fr")
            expect(question.locator("[role=status]")).to_contain_text(text("saved", "fr"))
        handin.locator("button").click()
        expect(handin.locator("[role=status]")).to_contain_text("Travail rendu")
        browser.shot("exercise-handed-in")
    workshop = tmp_path / "atelier-demo"
    for where in (workshop / "learners" / "invite", workshop / "submitted" / "invite"):
        saved = read_answers(where / MODULE / "exercice.answers.json")
        assert {item: entry["value"] for item, entry in saved.items()} == clicked
