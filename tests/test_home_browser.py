"""A senior's whole way through the course from its home page, in Chromium, by keyboard,
offline (``course start`` on a senior workshop: Voilà inside one Jupyter server with the home
page, ``course.homeserver``): home page, "Continuer", the lesson, "Passer à l'exercice", the
hand-in under "Rendre mon travail", "Module suivant" to the next module's lesson, and back home
where the module shows as handed in and its feedback (delivered as ``release-feedback`` does
on a single laptop) is one link away. Voilà's English file list is never reachable.

On the old code ``course start`` served Voilà alone: no ``/course`` page (404), ``/voila/tree``
was the file list, and the exercise ended with the hand-in button only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course.i18n import text
from tests.browser import needs_chromium, offline_page, senior_workshop

pytestmark = [pytest.mark.slow, needs_chromium]

MODULES = ["00-avant", "01-premiers-pas"]


def press(page, locator) -> None:
    """Reach ``locator`` and activate it with the keyboard, as a keyboard user would."""
    locator.scroll_into_view_if_needed()
    locator.focus()
    page.keyboard.press("Enter")


def test_a_senior_goes_from_home_through_a_module_to_the_next(tmp_path: Path):
    from playwright.sync_api import expect

    from course.hub.homes import deliver_feedback

    with senior_workshop(tmp_path / "atelier", "fr", MODULES) as (workshop, url), \
            offline_page("senior-home") as browser:
        page = browser.page
        page.goto(url + "/")
        expect(page).to_have_url(re.compile(r"/course\??$"))
        expect(page.locator("h1")).to_have_text(text("home_title", "fr"))
        modules = page.locator("li.course-module")
        expect(modules).to_have_count(2)
        expect(modules.first.locator("h3")).to_contain_text(
            workshop.module("00-avant").title("fr"))
        expect(modules.first).to_contain_text(text("home_todo", "fr"))
        assert browser.axe() == []
        browser.shot("home")

        # No file list: Voilà's own pages lead home.
        for lister in ("/voila", "/voila/tree", "/voila/tree/00-avant"):
            page.goto(url + lister)
            expect(page).to_have_url(re.compile(r"/course\??$"))
            expect(page.get_by_text("Select items to open with Voilà")).to_have_count(0)

        continue_ = page.get_by_role("link", name=text("home_continue", "fr"))
        expect(continue_).to_have_count(1)
        box = continue_.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
        press(page, continue_)
        expect(page).to_have_url(re.compile(r"/voila/render/00-avant/lecon\.ipynb$"))
        to_exercise = page.get_by_role("link", name=text("go_to_exercise", "fr"))
        expect(to_exercise).to_be_visible()
        assert to_exercise.bounding_box()["height"] >= 44
        browser.shot("lesson-end")
        press(page, to_exercise)
        expect(page).to_have_url(re.compile(r"/voila/render/00-avant/exercice\.ipynb$"))

        heading = page.get_by_role("heading", name=text("hand_in_heading", "fr"))
        expect(heading).to_be_visible()
        handin = page.locator(".course-handin")
        expect(handin).to_be_visible()
        # The learner's heading comes right before the button, the trainer's after it.
        assert heading.evaluate("(h, button) => !!(h.compareDocumentPosition(button) & 4)",
                                handin.element_handle())
        next_module = handin.get_by_role("link", name=text("next_module", "fr"))
        expect(next_module).to_have_count(0)  # not before the work is handed in
        press(page, handin.locator("button"))
        expect(handin.locator("[role=status]")).to_contain_text("Travail rendu")
        expect(handin.get_by_role("link", name=text("back_home", "fr"))).to_be_visible()
        browser.shot("handed-in")
        press(page, next_module)
        expect(page).to_have_url(re.compile(r"/voila/render/01-premiers-pas/lecon\.ipynb$"))

        # Feedback handed back on this laptop lands in the learner's folder.
        graded = workshop.exports / "retours-00-avant"
        graded.mkdir(parents=True)
        (graded / "invite.html").write_text(
            "<!DOCTYPE html><html lang='fr'><head><title>Retour</title></head><body><main>"
            "<h1>Mon retour : Avant de commencer</h1></main></body></html>", encoding="utf-8")
        deliver_feedback(workshop, "invite", workshop.workspaces / "invite")

        page.goto(url + "/course")
        first = page.locator("li.course-module").first
        expect(first).to_contain_text(text("home_handed_in", "fr"))
        expect(page.get_by_role("link", name=text("home_continue", "fr"))).to_have_attribute(
            "href", re.compile(r"/voila/render/01-premiers-pas/lecon\.ipynb$"))
        assert browser.axe() == []
        browser.shot("home-after")
        press(page, first.get_by_role("link", name=text("home_feedback", "fr")))
        expect(page.locator("h1")).to_have_text("Mon retour : Avant de commencer")
