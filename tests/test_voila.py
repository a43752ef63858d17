"""The senior view in a real browser: Voilà with the course's page, by mouse and by keyboard.

A learner works through module 01's lesson and exercise, sees feedback and "answer saved",
hands the work in with "J'ai terminé", and the files on disk hold exactly what was clicked.
Every page is checked offline and with axe-core.
"""

from __future__ import annotations

import re

import pytest

from course.answers import read_answers
from course.i18n import text
from tests.browser import (
    WRITTEN,
    answer_by_mouse,
    first_choices,
    item_of,
    needs_chromium,
    offline_page,
    reveal,
    senior_workshop,
)

pytestmark = [pytest.mark.slow, needs_chromium]

MODULE = "01-premiers-pas"
LEARNER = "invite"


@pytest.fixture(scope="module", params=["fr", "en"])
def senior(request, tmp_path_factory):
    """A senior workshop with module 01 released, served by ``course start`` (Voilà)."""
    lang = request.param
    with senior_workshop(tmp_path_factory.mktemp(f"senior-{lang}") / "atelier", lang,
                         [MODULE]) as served:
        yield served


def open_notebook(browser, url: str, kind: str, workshop) -> None:
    from playwright.sync_api import expect

    page = browser.page
    page.goto(f"{url}/voila/render/{MODULE}/{workshop.notebook(kind)}.ipynb")
    expect(page.locator("main .course-q").first).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", workshop.lang)


def answers_on_disk(workshop, where: str) -> dict:
    folder = (workshop.path / "learners" / LEARNER if where == "learner"
              else workshop.submitted / LEARNER) / MODULE
    return {item: entry["value"] for item, entry in
            read_answers(folder / f"{workshop.notebook('exercise')}.answers.json").items()}


def test_lesson_gives_feedback_and_is_accessible(senior):
    from playwright.sync_api import expect

    workshop, url = senior
    with offline_page(f"voila-lesson-{workshop.lang}") as browser:
        open_notebook(browser, url, "lesson", workshop)
        page = browser.page
        # No code in the senior view, large text, a main landmark and "listen" buttons.
        assert page.locator(".jp-CodeCell .jp-InputArea-editor:visible").count() == 0
        assert "ask(" not in page.locator("main").inner_text()
        size = page.locator("main .jp-RenderedMarkdown").first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 20
        expect(page.locator("button.course-listen").first).to_have_text(
            text("listen", workshop.lang))
        question = page.locator("main .course-q").first
        answer_by_mouse(question, workshop.lang)
        status = question.locator("[role=status]")
        expect(status).not_to_be_empty()
        browser.shot("feedback")
        # "Listen" reads the block aloud in the page's language (the browser's own voice).
        page.evaluate("""() => {
            const speak = speechSynthesis.speak.bind(speechSynthesis);
            speechSynthesis.speak = (u) => { window.spoken = {lang: u.lang, text: u.text};
                                             speak(u); };
        }""")
        page.locator("button.course-listen").first.click()
        spoken = page.evaluate("window.spoken")
        assert spoken["lang"] == workshop.lang and len(spoken["text"]) > 10
        # At 200% zoom (half the width) nothing needs scrolling sideways.
        page.set_viewport_size({"width": 640, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.locator("button.course-contrast").click()
        expect(page.locator("body")).to_have_class(re.compile("course-high-contrast"))
        browser.shot("high-contrast")
        assert browser.axe() == []
        # The lesson ends with the way to the exercise (in its last step).
        link = page.get_by_role("link", name=text("go_to_exercise", workshop.lang))
        reveal(page, link)
        link.click()
        page.wait_for_url(f"**/{workshop.notebook('exercise')}.ipynb", wait_until="commit")
        handin = page.locator(".course-handin")
        handin.wait_for(state="attached")
        reveal(page, handin)


def test_exercise_by_mouse_then_hand_in(senior):
    from playwright.sync_api import expect

    workshop, url = senior
    lang = workshop.lang
    with offline_page(f"voila-exercise-{lang}") as browser:
        open_notebook(browser, url, "exercise", workshop)
        page = browser.page
        clicked = {}
        for question in page.locator("main .course-q:not(.course-handin)").all():
            reveal(page, question)
            clicked[item_of(question)] = answer_by_mouse(question, lang)
            expect(question.locator("[role=status]")).to_contain_text(text("saved", lang))
        browser.shot("answered")
        reveal(page, page.locator(".course-handin button"))
        page.locator(".course-handin button").click()
        expect(page.locator(".course-handin [role=status]")).to_contain_text(
            text("handed_in", lang, time="")[:12])
        browser.shot("handed-in")
        assert browser.axe() == []
    assert len(clicked) >= 7
    assert answers_on_disk(workshop, "learner") == clicked
    assert answers_on_disk(workshop, "submitted") == clicked
    assert (workshop.submitted / LEARNER / MODULE / "timestamp.txt").is_file()


def test_exercise_with_the_keyboard_only(senior):
    from playwright.sync_api import expect

    workshop, url = senior
    lang = workshop.lang
    for folder in (workshop.path / "learners" / LEARNER / MODULE, workshop.submitted / LEARNER):
        for old in folder.rglob("*.answers.json"):
            old.unlink()  # start blank, whatever ran before
    with offline_page(f"voila-keyboard-{lang}") as browser:
        open_notebook(browser, url, "exercise", workshop)
        page = browser.page
        expected = {item_of(q): first_choices(q, lang)
                    for q in page.locator("main .course-q:not(.course-handin)").all()}
        page.locator("body").focus()
        for _ in range(400):
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => {
                const e = document.activeElement;
                return {tag: e.tagName, type: e.type || "", cls: e.className || "",
                        done: !!e.closest("fieldset")?.querySelector("input:checked"),
                        empty: e.tagName === "TEXTAREA" && !e.value,
                        handin: !!e.closest(".course-handin")};
            }""")
            if focused["tag"] == "INPUT" and not focused["done"]:
                page.keyboard.press("Space")  # checks the focused radio or box
            elif focused["empty"]:
                page.keyboard.type(WRITTEN[lang])
            elif "course-button" in focused["cls"]:
                page.keyboard.press("Enter")
                if focused["handin"]:
                    break
            elif "course-step-next" in focused["cls"]:
                page.keyboard.press("Enter")  # on to the page's next step
        expect(page.locator(".course-handin [role=status]")).to_contain_text(
            text("handed_in", lang, time="")[:12])
        browser.shot("keyboard-done")
    assert answers_on_disk(workshop, "submitted") == expected
