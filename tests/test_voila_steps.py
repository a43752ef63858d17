"""The senior page as a journey, in Chromium: a loading screen in the workshop's language, the
page's parts as steps ("Étape 2 sur 5") walked with the keyboard, one "Écouter" per part, per
message and per question (none before a heading), no text cut on a phone or a tablet, and the
workshop option of one question per screen ("Suivant"), handed in with the keyboard alone.
"""

from __future__ import annotations

import re

import pytest

from course.i18n import text
from tests.browser import (
    WRITTEN,
    first_choices,
    item_of,
    needs_chromium,
    offline_page,
    senior_workshop,
)

pytestmark = [pytest.mark.slow, needs_chromium]

LINKS = "06-arnaques-faux-comptes"
FIRST = "01-premiers-pas"
PHONE, TABLET = {"width": 414, "height": 896}, {"width": 1024, "height": 768}

# What the loading screen says while the page is prepared, every change of it recorded.
RECORD_LOADING = """
window.loadingSaid = [];
new MutationObserver(() => {
  const shown = document.getElementById("loading");
  const said = shown ? shown.innerText.trim() : null;
  if (said && window.loadingSaid.at(-1) !== said) window.loadingSaid.push(said);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""

# Text elements of the page that are cut: wider than their own box, or out of the screen.
CLIPPED = """() => {
  const width = document.documentElement.clientWidth, cut = [];
  for (const e of document.querySelectorAll("main *")) {
    if (!e.getClientRects().length) continue;
    if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const box = e.getBoundingClientRect();
    if (e.scrollWidth > e.clientWidth + 1 || box.right > width + 1 || box.left < -1) {
      cut.push(`${e.tagName}: ${e.textContent.trim().slice(0, 60)}`);
    }
  }
  return cut;
}"""

# Buttons, fields and options smaller than 44 px (the course's own target size).
SMALL_TARGETS = """() => [...document.querySelectorAll("main button, main .course-option, "
    + "main textarea, main input[type=text], main input[type=search]")]
  .filter((e) => e.getClientRects().length)
  .map((e) => [e, e.getBoundingClientRect()])
  .filter(([, box]) => box.height < 44 || box.width < 44)
  .map(([e, box]) => `${e.tagName}.${e.className} ${box.width | 0}x${box.height | 0}`)"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A French senior workshop with modules 01 and 06, served by ``course start``."""
    with senior_workshop(tmp_path_factory.mktemp("steps") / "atelier", "fr",
                         [FIRST, LINKS]) as served:
        yield served


@pytest.fixture(scope="module")
def one_per_screen(tmp_path_factory):
    """The same, made with ``course new --one-per-screen``."""
    with senior_workshop(tmp_path_factory.mktemp("screens") / "atelier", "fr", [FIRST],
                         one_per_screen=True) as served:
        yield served


def open_page(browser, url: str, module: str, notebook: str) -> None:
    from playwright.sync_api import expect

    page = browser.page
    page.goto(f"{url}/voila/render/{module}/{notebook}.ipynb")
    expect(page.locator("main h1").first).to_be_visible()
    page.wait_for_function("document.querySelector('#rendered_cells')?.style.display"
                           " !== 'none' && !document.querySelector('#loading')")


def step_of(page) -> str:
    return page.locator(".course-step-of").inner_text()


def test_the_loading_screen_speaks_the_workshops_language(served):
    workshop, url = served
    with offline_page("steps-loading") as browser:
        browser.page.add_init_script(RECORD_LOADING)
        open_page(browser, url, LINKS, workshop.notebook("lesson"))
        said = browser.page.evaluate("window.loadingSaid")
    assert said, "the loading screen was never seen"
    assert set(said) == {text("loading", "fr")}, said
    assert not any(re.search(r"Running|Executing|Reading", s) for s in said)


def test_parts_are_steps_walked_with_the_keyboard(served):
    from playwright.sync_api import expect

    workshop, url = served
    with offline_page("steps-keyboard") as browser:
        open_page(browser, url, LINKS, workshop.notebook("lesson"))
        page = browser.page
        headings = page.locator("main .jp-RenderedMarkdown h2")
        total = headings.count()
        assert total >= 3
        expect(page.locator(".course-step-of")).to_have_text(f"Étape 1 sur {total}")
        assert [h.is_visible() for h in headings.all()] == [True] + [False] * (total - 1)
        # Tab to "Suivant", Enter: the second part, and only it, is shown.
        page.locator("body").focus()
        for _ in range(200):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('.course-step-next')"):
                break
        else:
            raise AssertionError("Tab never reached Suivant")
        assert page.evaluate("document.activeElement.textContent") == text("next_step", "fr")
        page.keyboard.press("Enter")
        expect(page.locator(".course-step-of")).to_have_text(f"Étape 2 sur {total}")
        assert page.evaluate("document.activeElement.matches('.course-step-of')")
        assert [h.is_visible() for h in headings.all()] == [False, True] + [False] * (total - 2)
        browser.shot("step-2")
        # One "Écouter" for this part, none right before a heading; one on each question.
        listen = page.locator("main .course-listen:visible")
        in_text = page.locator("main .jp-RenderedMarkdown .course-listen:visible")
        assert in_text.count() == 1
        assert page.evaluate("""() => [...document.querySelectorAll('.course-listen')]
            .every((b) => !/^H[1-6]$/.test(b.nextElementSibling?.tagName || ''))""")
        questions = page.locator("main .course-q:not(.course-handin):visible")
        assert questions.count() >= 1
        for question in questions.all():
            assert question.locator(".course-listen").count() == 1
        assert listen.count() == 1 + questions.count() + page.locator(
            "main .jp-RenderedHTMLCommon > figure:visible").count()
        assert browser.axe() == []
        page.locator(".course-step-nav:not([hidden]) .course-step-previous").press("Enter")
        expect(page.locator(".course-step-of")).to_have_text(f"Étape 1 sur {total}")


def test_message_cards_have_their_own_listen_button(served):
    workshop, url = served
    with offline_page("steps-cards") as browser:
        open_page(browser, url, FIRST, workshop.notebook("exercise"))
        page = browser.page
        page.evaluate("""() => {
            speechSynthesis.speak = (u) => { window.spoken = u.text; };
        }""")
        card = page.locator("main figure:visible").first
        card.locator(".course-listen").click()
        spoken = page.evaluate("window.spoken")
        assert "(fictif)" in spoken and text("listen", "fr") not in spoken


@pytest.mark.parametrize("size", [PHONE, TABLET], ids=["phone", "tablet"])
@pytest.mark.parametrize("kind", ["lesson", "exercise"])
def test_no_text_is_cut_on_a_phone_or_a_tablet(served, kind, size):
    workshop, url = served
    with offline_page(f"steps-{kind}-{size['width']}") as browser:
        page = browser.page
        page.set_viewport_size(size)
        open_page(browser, url, LINKS, workshop.notebook(kind))
        page.locator("main .course-q").first.wait_for()
        for step in range(40):
            cut, small = page.evaluate(CLIPPED), page.evaluate(SMALL_TARGETS)
            assert cut == [], f"step {step + 1}: {cut}"
            assert small == [], f"step {step + 1}: {small}"
            following = page.locator(".course-step-nav:not([hidden]) .course-step-next")
            if not following.count():
                break
            following.click()
        browser.shot("last-step")
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_one_question_per_screen_handed_in_with_the_keyboard(one_per_screen):
    from playwright.sync_api import expect

    workshop, url = one_per_screen
    assert workshop.one_per_screen
    with offline_page("steps-one-per-screen") as browser:
        open_page(browser, url, FIRST, workshop.notebook("exercise"))
        page = browser.page
        questions = page.locator("main .course-q:not(.course-handin)")
        questions.first.wait_for()
        expected = {item_of(q): first_choices(q, "fr") for q in questions.all()}
        screens = int(step_of(page).rsplit(" ", 1)[1])
        assert screens > len(expected) >= 7
        seen = set()
        page.locator("body").focus()
        for _ in range(600):
            visible = page.locator("main .course-q:not(.course-handin):visible")
            assert visible.count() <= 1, step_of(page)
            if visible.count():
                seen.add(item_of(visible.first))
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => {
                const e = document.activeElement;
                return {tag: e.tagName, cls: e.className || "",
                        done: !!e.closest("fieldset")?.querySelector("input:checked"),
                        empty: e.tagName === "TEXTAREA" && !e.value,
                        handin: !!e.closest(".course-handin")};
            }""")
            if focused["tag"] == "INPUT" and not focused["done"]:
                page.keyboard.press("Space")
            elif focused["empty"]:
                page.keyboard.type(WRITTEN["fr"])
            elif "course-button" in focused["cls"] or "course-step-next" in focused["cls"]:
                page.keyboard.press("Enter")
                if focused["handin"]:
                    break
        expect(page.locator(".course-handin [role=status]")).to_contain_text(
            text("handed_in", "fr", time="")[:12])
        assert step_of(page) == f"Étape {screens} sur {screens}"
        browser.shot("handed-in")
        assert browser.axe() == []
    assert seen == set(expected)
