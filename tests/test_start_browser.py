"""``course start`` in a real browser: French JupyterLab opened at module 01, widgets drawn.

This is what ``make start`` runs, from a folder with no workshop yet (it creates the French
demo workshop).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import course_server, needs_chromium, offline_page

pytestmark = [pytest.mark.slow, needs_chromium]


def test_course_start_opens_module_01_in_french(tmp_path: Path):
    from playwright.sync_api import expect

    with course_server(tmp_path) as url, offline_page("lab-start") as browser:
        assert (tmp_path / "atelier-demo" / "workshop.yml").is_file()
        page = browser.page
        page.goto(url + "/")
        expect(page.locator(".lm-MenuBar-itemLabel", has_text="Fichier")).to_be_visible()
        expect(page.locator(".lm-TabBar-tabLabel", has_text="lecon.ipynb")).to_be_visible()
        page.wait_for_function(
            "window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel")
        page.evaluate("jupyterapp.commands.execute('notebook:run-all-cells')")
        question = page.locator(".jp-OutputArea-output fieldset").first
        expect(question).to_be_visible()
        browser.shot("lesson")
        # The question is a labelled group of real inputs a keyboard can reach.
        expect(question.locator("legend")).not_to_be_empty()
        assert question.locator("input[type=radio], input[type=checkbox]").count() >= 2
        # The course's own widgets pass axe (JupyterLab's chrome is not ours).
        assert browser.axe(".jp-OutputArea-output .course-q") == []
