"""Every module's pages in the senior view: they render without error, offline, and axe finds
no serious or critical problem in them (module 01 is walked through in test_voila.py)."""

from __future__ import annotations

import pytest

from course.content import list_modules
from tests.browser import needs_chromium, offline_page, senior_workshop
from tests.helpers import REPO

pytestmark = [pytest.mark.slow, needs_chromium]

MODULES = [m.id for m in list_modules(REPO) if not m.id.startswith("01-")]
ERRORS = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One French senior workshop holding every module, each released, in Voilà."""
    with senior_workshop(tmp_path_factory.mktemp("senior-all") / "atelier", "fr",
                         MODULES) as served:
        yield served


@pytest.mark.parametrize("kind", ["lesson", "exercise"])
@pytest.mark.parametrize("module", MODULES)
def test_module_page_renders_offline_and_accessibly(served, module, kind):
    from playwright.sync_api import expect

    workshop, url = served
    with offline_page(f"voila-{module}-{kind}") as browser:
        page = browser.page
        page.goto(f"{url}/voila/render/{module}/{workshop.notebook(kind)}.ipynb")
        expect(page.locator("main h1").first).to_be_visible()
        page.wait_for_function("document.querySelector('#rendered_cells')?.style.display"
                               " !== 'none' && !document.querySelector('#loading')")
        browser.shot("page")
        assert page.locator(ERRORS).count() == 0, page.locator(ERRORS).first.inner_text()
        shown = page.locator("main").inner_text()
        assert "Traceback" not in shown and "error when executing" not in shown
        assert browser.axe() == []
