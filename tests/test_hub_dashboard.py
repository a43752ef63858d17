"""``course hub`` serves the dashboard as a JupyterHub service: a real hub on loopback, the
counsellor logs in with their printed code, goes through the hub's OAuth to the service and
runs a step from it (collect, nbgrader's own, as root); a learner logged in to the same hub
is refused (403) and sees nothing of it, nor can they press a button."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest

from course.dashboard.hub_service import SERVICE
from grading import sandbox
from tests.browser import free_port
from tests.hub_client import classroom, login, running_hub, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    sandbox.isolation().mode != sandbox.ROOT, reason="a hub gives each learner a user: root")]
XSRF = re.compile(r'name="_xsrf" value="([^"]+)"')


def test_the_dashboard_opens_for_the_counsellor_alone():
    top = Path(tempfile.mkdtemp(prefix="course-hub-dashboard-"))
    try:
        folder, codes = classroom(top, ["renard"], "youth", "01")
        with running_hub(folder, free_port()) as (base, _):
            address = f"{base}/services/{SERVICE}/"
            slips = (folder / "exports" / "connexions.html").read_text("utf-8")
            counsellors = slips[slips.index('aria-label="animation"'):]
            assert f"/services/{SERVICE}/" in counsellors  # on the counsellor's slip alone
            assert f"/services/{SERVICE}/" not in slips[:slips.index('aria-label="animation"')]
            counsellor = login(base, "animation", codes["animation"])
            page = wait_for(lambda: (reply := counsellor.get(address, timeout=30)).ok and reply,
                            60, "the dashboard service")
            assert page.url == address  # through the hub's OAuth and back, no question asked
            assert 'lang="fr"' in page.text and "<title>Atelier — Tableau de bord" in page.text
            started = counsellor.post(f"{address}etape", timeout=30, headers={
                "Accept": "application/json"}, data={
                "_xsrf": XSRF.search(page.text)[1], "step": "collect", "module": "01"})
            assert started.status_code == 200, started.text
            done = wait_for(lambda: (state := counsellor.get(
                f"{address}etape/etat", timeout=30).json())["state"] != "running" and state,
                120, "the collect")
            assert done == {**done, "state": "done",
                            "message": "0 rendu(s) pour le module 01-premiers-pas."}, done

            learner = login(base, "renard", codes["renard"])
            refused = learner.get(address, timeout=30)
            assert refused.status_code == 403
            assert "Tableau de bord" not in refused.text and "etape" not in refused.text
            forged = learner.post(f"{address}etape", timeout=30, data={"step": "release",
                                                                       "module": "01"})
            assert forged.status_code == 403
    finally:
        shutil.rmtree(top, ignore_errors=True)
