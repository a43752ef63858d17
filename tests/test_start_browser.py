"""``course start`` in a real browser: French JupyterLab opened at module 01, widgets drawn.

Drives Debian's Chromium with Playwright (see TOOLCHAIN.md). Skipped only when Chromium is
missing outside CI; in CI a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                       reason="Debian's chromium is not installed (apt-get install chromium)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, server: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server stopped early:\n{server.stdout.read()}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.fixture
def lab(tmp_path: Path):
    """``course start`` as ``make start`` runs it, from a folder with no workshop yet."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "course.cli", "start", "--no-browser", "--port", str(port),
         "--token", ""],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/api/status", server)
        yield f"http://127.0.0.1:{port}", tmp_path
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def test_course_start_opens_module_01_in_french(lab):
    from playwright.sync_api import expect, sync_playwright

    url, folder = lab
    assert (folder / "atelier-demo" / "workshop.yml").is_file()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page()
        page.set_default_timeout(60_000)
        page.goto(url + "/")
        expect(page.locator(".lm-MenuBar-itemLabel", has_text="Fichier")).to_be_visible()
        expect(page.locator(".lm-TabBar-tabLabel", has_text="lecon.ipynb")).to_be_visible()
        page.wait_for_function(
            "window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel")
        page.evaluate("jupyterapp.commands.execute('notebook:run-all-cells')")
        question = page.locator(".jp-OutputArea-output fieldset").first
        expect(question).to_be_visible()
        # The question is a labelled group of real inputs a keyboard can reach.
        expect(question.locator("legend")).not_to_be_empty()
        assert question.locator("input[type=radio], input[type=checkbox]").count() >= 2
        browser.close()
