"""The browser harness: a real server from ``course start`` and Debian's Chromium via Playwright.

Every browser test goes through ``offline_page``, which launches Debian's Chromium (never
Playwright's own download, which cannot be fetched here): without it a test is skipped on a
developer's machine and fails in CI (``make test`` installs it). Every page is opened
offline: any request that does not go to 127.0.0.1 is aborted and recorded, and the tests
assert none was attempted. Screenshots of each step go to
``test-artifacts/`` (not committed). axe-core comes from ``tests/js`` (``npm install``).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.leftovers import ends_with_the_test_run, stop

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]
IN_CI = bool(os.environ.get("CI"))
WRITTEN = {"fr": "Je fais une pause avant de partager.", "en": "I pause before I share."}
UID = re.compile(r"^q-(?P<item>[a-z0-9-]+)-[0-9a-f]{6}$")

MISSING = ("Debian's chromium is not installed: apt-get install chromium "
           "(make test installs it when run as root)")
needs_chromium = pytest.mark.skipif(CHROMIUM is None and not IN_CI, reason=MISSING)


def chromium() -> str:
    """Debian's Chromium; without it a skip on a developer's machine, a failure in CI."""
    if CHROMIUM is None:
        (pytest.fail if IN_CI else pytest.skip)(MISSING)
    return CHROMIUM


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, server: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server stopped early:\n{log.read_text()}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")


# The address on a line the course printed itself: not a server log line ("[I 12:00 ...") nor
# the URLs a Jupyter server lists under its banner, indented, with its token masked.
ADDRESS = re.compile(r"^[^\s\[].*?(http://127\.0\.0\.1:\d+/\S*)", re.MULTILINE)


def printed_address(log: Path, server: subprocess.Popen, seconds: float = 180) -> str:
    """The address ``course start`` printed once its server answered (the port it serves may
    not be the one asked for: it takes the next one if that was taken in the meantime). The
    wait covers making a workshop and starting a server on a loaded machine; speed is the
    benchmarks' business."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"course start stopped early:\n{log.read_text()}")
        found = ADDRESS.search(log.read_text())
        if found:
            return found.group(1)
        time.sleep(0.2)
    raise AssertionError(f"course start printed no address within {seconds} s")


@contextmanager
def senior_workshop(folder: Path, lang: str, modules: list[str],
                    audience: str = "senior",
                    one_per_screen: bool = False) -> Iterator[tuple[object, str]]:
    """A workshop with ``modules`` released, served by ``course start --voila``: seniors'
    own view, and the code-free view of a youth workshop for its youth-only activities
    (``one_per_screen`` as ``course new --one-per-screen``)."""
    from grading.create import create_workshop
    from grading.release import release

    workshop = create_workshop(folder, lang, audience, modules, one_per_screen=one_per_screen)
    for module in modules:
        release(workshop, workshop.module(module))
    with course_server(folder.parent, str(folder), "--voila", probe="/course") as url:
        yield workshop, url


@contextmanager
def course_server(cwd: Path, *args: str, probe: str = "/api/status") -> Iterator[str]:
    """``course start ARGS`` on a free loopback port, with no token; yields its base URL.

    Its output goes to a file (a pipe nobody reads would block the server once full). In a
    session of its own: a Ctrl+C on the test run reaches pytest, whose teardown stops it; if
    the run dies without a teardown, it is stopped all the same.
    """
    folder = Path(tempfile.mkdtemp(prefix="course-start-log-"))
    log = folder / "course-start.log"
    with log.open("a") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "course.cli", "start", *args, "--no-browser",
             "--port", str(free_port()), "--token", ""],
            cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=ends_with_the_test_run())
    try:
        base = "/".join(printed_address(log, server).split("/", 3)[:3])  # http://host:port
        wait_for_http(base + probe, server, log)
        yield base
    finally:
        stop(server)
        shutil.rmtree(folder, ignore_errors=True)


class OfflinePage:
    """A Chromium page that refuses the internet and keeps screenshots of its steps."""

    def __init__(self, page, name: str):
        self.page, self.name, self.step = page, re.sub(r"\W+", "-", name), 0
        self.outside: list[str] = []
        page.route("**/*", self._only_loopback)
        page.set_default_timeout(60_000)
        from playwright.sync_api import expect

        expect.set_options(timeout=60_000)  # a 2-core machine busy with kernels is slow

    def _only_loopback(self, route) -> None:
        host = urllib.parse.urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def shot(self, what: str) -> None:
        self.step += 1
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=ARTIFACTS / f"{self.name}-{self.step:02d}-{what}.png",
                             full_page=True)

    def axe(self, include: str | None = None) -> list[dict]:
        """axe-core's serious and critical findings (WCAG 2.1 A/AA and 2.2 target size)."""
        if not AXE.is_file():
            if IN_CI:
                raise AssertionError(f"{AXE} is missing: run `npm install --prefix tests/js`")
            pytest.skip("axe-core is not installed (npm install --prefix tests/js)")
        # Evaluated through the browser's debugging protocol rather than a <script> tag: a
        # page's own Content-Security-Policy then never races with (or blocks) the injection.
        self.page.evaluate(AXE.read_text("utf-8") + "\n;void 0")
        result = self.page.evaluate(
            """async (include) => {
                const context = include ? { include: [include] } : document;
                return await axe.run(context, { runOnly: { type: "tag",
                  values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
            }""", include)
        return [{"id": v["id"], "impact": v["impact"],
                 "nodes": [n["target"] for n in v["nodes"]][:5]}
                for v in result["violations"] if v["impact"] in ("serious", "critical")]


@contextmanager
def offline_page(name: str) -> Iterator[OfflinePage]:
    from playwright.sync_api import sync_playwright

    executable = chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=ARGS)
        try:
            page = OfflinePage(browser.new_page(viewport={"width": 1280, "height": 900}), name)
            yield page
            assert page.outside == [], f"requests left this computer: {page.outside}"
        finally:
            browser.close()


def reveal(page, target) -> None:
    """Press "Suivant" (the course page shows one step at a time) until ``target`` shows."""
    for _ in range(40):
        if target.is_visible():
            return
        page.locator(".course-step-nav:not([hidden]) .course-step-next").click()
    raise AssertionError("no step of the page shows it")


def first_choices(question, lang: str) -> object:
    """What a learner saves by taking the first choice of every group (or writing)."""
    if question.locator("textarea").count():
        return WRITTEN[lang]
    picked = [group.locator("input").first.get_attribute("value")
              for group in question.locator("fieldset").all()]
    if len(picked) == 2:  # reliability 1-6, then "would you share it?"
        return {"rating": int(picked[0]), "share": picked[1] == "yes"}
    kind = question.locator("input").first.get_attribute("type")
    return picked if kind == "checkbox" else picked[0]


def answer_by_mouse(question, lang: str) -> object:
    """Click the first choice of every group (or write), then the button."""
    if question.locator("textarea").count():
        question.locator("textarea").fill(WRITTEN[lang])
    for group in question.locator("fieldset").all():
        group.locator("label.course-option").first.click()
    question.locator("button.course-button").click()
    return first_choices(question, lang)


def item_of(question) -> str:
    uid = question.locator("[id$='-status']").first.get_attribute("id").removesuffix("-status")
    return UID.match(uid)["item"]
