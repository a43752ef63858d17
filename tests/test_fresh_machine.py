"""A fresh machine: ``make test`` installs what the suite needs, or says the one command to run,
and no browser test fails or is silently skipped for a missing browser.

Before, ``test_a_learner_logs_in_with_the_keyboard_in_a_real_browser`` launched Playwright's
own browser (which cannot be downloaded here) and failed on a machine without Chromium, while
32 browser tests were skipped although the README says ``make test`` installs everything.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest

from tests import browser
from tests.helpers import REPO

SCRIPT = REPO / "scripts" / "system_packages.py"


def system_packages():
    spec = importlib.util.spec_from_file_location("system_packages", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("ci, outcome", [(True, pytest.fail.Exception),
                                         (False, pytest.skip.Exception)])
def test_without_chromium_a_browser_test_fails_in_ci_and_skips_on_a_laptop(monkeypatch, ci,
                                                                           outcome):
    monkeypatch.setattr(browser, "CHROMIUM", None)
    monkeypatch.setattr(browser, "IN_CI", ci)
    with pytest.raises(outcome, match="apt-get install chromium"), \
            browser.offline_page("no-browser"):
        pass


def test_every_browser_test_uses_debians_chromium_through_one_helper():
    """Only tests/browser.py launches a browser, and it names Debian's executable."""
    for path in sorted((REPO / "tests").glob("*.py")):
        if path.name not in ("browser.py", "test_fresh_machine.py"):
            text = path.read_text("utf-8")
            assert not re.search(r"sync_playwright|\.launch\(", text), path.name
    assert "executable_path=executable" in (REPO / "tests" / "browser.py").read_text()


def test_this_machine_has_what_make_test_needs():
    done = subprocess.run([sys.executable, str(SCRIPT), "test"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_a_missing_package_is_installed_as_root_or_named_in_one_command(monkeypatch, capsys):
    packages = system_packages()
    there = {"chromium": False}
    monkeypatch.setitem(packages.NEEDS, "test", [(["chromium"], lambda: there["chromium"]),
                                                 (["make"], lambda: True)])
    monkeypatch.setattr(packages, "can_install", lambda: False)
    assert packages.main(["test"]) == 1
    assert "    sudo apt-get install -y chromium" in capsys.readouterr().err.splitlines()

    installed = []

    def apt_get(names: list[str]) -> bool:  # what apt-get would do, without the network
        installed.extend(names)
        there.update(dict.fromkeys(names, True))
        return True

    monkeypatch.setattr(packages, "can_install", lambda: True)
    monkeypatch.setattr(packages, "install", apt_get)
    assert packages.main(["test"]) == 0 and installed == ["chromium"]


def test_make_test_and_ci_install_first_then_run_the_suite():
    dry = subprocess.run(["make", "-n", "test"], cwd=REPO, capture_output=True, text=True)
    steps = dry.stdout.splitlines()
    assert steps[0] == "python3 scripts/system_packages.py test", steps
    ci = (REPO / ".ci" / "run").read_text()
    assert ci.rstrip().endswith("CI=1 exec make test") and "chromium" not in ci
