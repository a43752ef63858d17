"""The modules' signature activities, completed with the keyboard alone in the senior view."""

from __future__ import annotations

import pytest

from tests.browser import needs_chromium, offline_page, senior_workshop

pytestmark = [pytest.mark.slow, needs_chromium]

MODULES = ["02-desordre-information", "03-verifier-source", "04-images-videos",
           "05-chiffres-graphiques", "06-arnaques-faux-comptes", "07-haine-en-ligne", "08-agir",
           "09-fabrique-ia", "10-complots-crise"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("activities") / "atelier"
    with senior_workshop(folder, "fr", MODULES) as (_, url):
        yield url


def lesson(browser, url: str, module: str) -> None:
    from playwright.sync_api import expect

    browser.page.goto(f"{url}/voila/render/{module}/lecon.ipynb")
    expect(browser.page.locator("main h1").first).to_be_visible()


def tab_to(page, selector: str, presses: int = 300) -> None:
    """Press Tab until the focus is on ``selector``, as a keyboard user would (with Enter on
    "Suivant" when what they look for is drawn in a later step of the page)."""
    page.locator("body").focus()
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        if page.evaluate("""s => document.activeElement.matches('.course-step-next')
                && !!document.querySelector(s) && !document.querySelector(s).checkVisibility()""",
                         selector):
            page.keyboard.press("Enter")
    raise AssertionError(f"Tab never reached {selector}")


def test_link_inspector_with_the_keyboard(served):
    from playwright.sync_api import expect

    with offline_page("keyboard-link-inspector") as browser:
        lesson(browser, served, "06-arnaques-faux-comptes")
        page = browser.page
        tab_to(page, ".course-link input")
        page.keyboard.press("Control+A")
        page.keyboard.type("https://ameli.fr@colis-suivi.example.net/suivi")
        page.keyboard.press("Enter")
        status = page.locator(".course-link [role=status]").first
        expect(status).to_contain_text("example.net")
        browser.shot("inspected")
        assert browser.axe() == []


def test_chart_switch_with_the_keyboard(served):
    from playwright.sync_api import expect

    with offline_page("keyboard-chart-switch") as browser:
        lesson(browser, served, "05-chiffres-graphiques")
        page = browser.page
        chart = page.locator(".course-chart").first
        before = chart.locator("img").get_attribute("src")
        caption = chart.locator("figcaption").inner_text()
        tab_to(page, ".course-chart-switch input")
        page.keyboard.press("ArrowDown")  # arrows move through a radio group and pick
        expect(chart.locator("figcaption")).not_to_have_text(caption)
        assert chart.locator("img").get_attribute("src") != before
        assert chart.locator("img").get_attribute("alt") or chart.locator("figcaption").inner_text()
        browser.shot("switched")


@pytest.mark.parametrize("module, widget, choice", [
    ("02-desordre-information", ".course-feed", "input[type=radio]"),
    ("04-images-videos", ".course-img", "input[type=radio]"),
    ("07-haine-en-ligne", ".course-sorter", "input[type=radio]"),
    ("08-agir", ".course-sim", "input[type=checkbox]"),
    ("09-fabrique-ia", ".course-gallery", "input[type=radio]"),
    ("09-fabrique-ia", ".course-sim", "input[type=checkbox]"),
    ("10-complots-crise", ".course-crisis", "input[type=radio]"),
])
def test_choose_and_play_with_the_keyboard(served, module, widget, choice):
    """Feed (02), image search (04), sorter (07), simulator (08), gallery and cloned-voice call
    (09), crisis feed (10): pick, then submit."""
    from playwright.sync_api import expect

    with offline_page(f"keyboard-{module}-{widget.lstrip('.')}") as browser:
        lesson(browser, served, module)
        page = browser.page
        status = page.locator(f"{widget} [role=status]").first
        expect(status).to_be_empty()
        tab_to(page, f"{widget} form {choice}")
        page.keyboard.press("Space")
        tab_to(page, f"{widget} form button[type=submit]")
        page.keyboard.press("Enter")
        expect(status).not_to_be_empty()
        browser.shot("answered")
        assert browser.axe() == []


def test_mini_web_search_and_open_a_page_with_the_keyboard(served):
    from playwright.sync_api import expect

    with offline_page("keyboard-mini-web") as browser:
        lesson(browser, served, "03-verifier-source")
        page = browser.page
        web = page.locator(".course-web").first
        tab_to(page, ".course-web input[type=search]")
        page.keyboard.type("bellefeuille arthrose")
        page.keyboard.press("Enter")
        expect(web.locator(".course-web-link").first).to_be_visible()
        tab_to(page, ".course-web .course-web-link")
        title = page.evaluate("document.activeElement.innerText")
        page.keyboard.press("Enter")
        expect(web.locator("[role=status]")).to_contain_text(title.splitlines()[0][:20])
        browser.shot("page-opened")
        assert browser.axe() == []


def test_crisis_feed_tools_with_the_keyboard(served):
    """The crisis feed's two tools, module 04's picture search and module 03's engine, answer
    the keyboard and say what they found."""
    from playwright.sync_api import expect

    with offline_page("keyboard-crisis-tools") as browser:
        lesson(browser, served, "10-complots-crise")
        page = browser.page
        feed = page.locator(".course-crisis").first
        tab_to(page, ".course-crisis-tools button")
        page.keyboard.press("Enter")
        expect(feed.locator(".course-crisis-found")).to_contain_text("2015-08-02")
        tab_to(page, ".course-crisis-tools button:nth-child(2)")
        page.keyboard.press("Enter")
        expect(feed.locator(".course-crisis-pages li").first).to_contain_text("Non, cette vidéo")
        browser.shot("traced-and-looked-up")
        assert browser.axe() == []


@pytest.fixture(scope="module")
def youth_served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("youth-activities") / "atelier"
    with senior_workshop(folder, "fr", ["10-complots-crise"], audience="youth") as (_, url):
        yield url


def test_rabbit_hole_with_the_keyboard(youth_served):
    """The youth rabbit hole: three Enter presses on the crisis videos narrow the feed, and the
    status says so."""
    from playwright.sync_api import expect

    with offline_page("keyboard-rabbit-hole") as browser:
        lesson(browser, youth_served, "10-complots-crise")
        page = browser.page
        hole = page.locator(".course-hole").first
        status = hole.locator("[role=status]")
        expect(status).to_be_empty()
        tab_to(page, ".course-hole-video")
        for clicks in range(1, 4):
            page.keyboard.press("Enter")  # the focus comes back to the feed's first video
            expect(hole.locator(".course-hole-history li")).to_have_count(clicks)
            expect(hole.locator(".course-hole-video").first).to_be_focused()
        expect(status).to_contain_text("ton fil\u00a0: 1 pour 6")
        expect(status).to_contain_text("Te voilà dans les complots")
        assert hole.locator(".course-hole-history li").count() == 3
        browser.shot("narrowed")
        assert browser.axe() == []
