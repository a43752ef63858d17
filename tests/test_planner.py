"""``course plan``: the agenda keeps the course's order and never runs over a session."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.content import list_modules
from course.printing.documents import total_minutes
from course.printing.planner import BREAK_MINUTES, plan_sessions
from tests.helpers import REPO, course
from tests.printed import leftovers, missing, pdf_pages

MODULES = list_modules(REPO)


@pytest.mark.parametrize("audience", ["youth", "senior"])
@pytest.mark.parametrize("minutes", [20, 30, 45, 60, 75, 90, 120, 180])
@pytest.mark.parametrize("sessions", [1, 2, 3, 5])
def test_agenda_never_exceeds_a_session_and_loses_nothing(sessions, minutes, audience):
    plan = plan_sessions(MODULES, sessions, minutes, audience)
    assert 1 <= len(plan.sessions) <= sessions
    assert all(s.minutes <= minutes for s in plan.sessions)
    planned = [b for s in plan.sessions for b in s.blocks if b.module]
    # Every module's minutes are there once, in the course's order, planned or left for later.
    blocks = planned + plan.left_out
    assert [b.module.id for b in blocks] == sorted(b.module.id for b in blocks)
    for module in MODULES:
        assert sum(b.minutes for b in blocks if b.module == module) == total_minutes(module)
    pauses = [b for s in plan.sessions for b in s.blocks if not b.module]
    assert all(b.minutes == BREAK_MINUTES[audience] for b in pauses)
    if audience == "youth":
        assert pauses == []


def test_a_module_that_fits_stays_whole_and_a_long_one_is_cut_at_its_parts():
    first = MODULES[0]
    whole = plan_sessions([first], 1, total_minutes(first), "youth")
    assert [(b.module, b.part) for b in whole.sessions[0].blocks] == [(first, None)]
    assert whole.left_out == []
    cut = plan_sessions([first], 3, total_minutes(first) - 1, "senior")
    parts = [b.part for s in cut.sessions for b in s.blocks if b.module]
    assert parts == [p for p, m in first.meta["minutes"].items() if m] and cut.left_out == []


def test_plan_command_prints_one_page(tmp_path: Path, capsys):
    target = tmp_path / "plan.pdf"
    assert course("plan", "--sessions", 2, "--minutes", 120, "--audience", "senior",
                  "--lang", "fr", "--out", target) == 0
    pages = pdf_pages(target)
    assert len(pages) >= 1
    text = " ".join(pages)
    assert missing(["Programme de l'atelier", "Séance 1", MODULES[0].title("fr"),
                    "seniors (60 ans et plus)"], text) == []
    assert leftovers(text) == []
    assert "1 (" in capsys.readouterr().out


def test_plan_refuses_empty_sessions(capsys):
    assert course("plan", "--sessions", 0, "--minutes", 90) == 2
    assert capsys.readouterr().err
