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
    # Every module's minutes are there once, planned or left for later, each in the course's
    # order (the after-questionnaire is planned last even when modules before it wait).
    blocks = planned + plan.left_out
    for kept in (planned, plan.left_out):
        assert [b.module.id for b in kept] == sorted(b.module.id for b in kept)
    if total_minutes(MODULES[0]) <= minutes:
        assert planned[0].module == MODULES[0]
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


def questionnaires_fit(sessions: int, minutes: int, audience: str) -> bool:
    """Whether the before and the after questionnaires can both be planned at all."""
    before, after = total_minutes(MODULES[0]), total_minutes(MODULES[-1])
    together = before + BREAK_MINUTES[audience] + after
    return max(before, after) <= minutes and (sessions > 1 or together <= minutes)


@pytest.mark.parametrize("audience", ["youth", "senior"])
@pytest.mark.parametrize("minutes", [20, 45, 60, 90, 120, 180])
@pytest.mark.parametrize("sessions", [1, 2, 3, 5])
def test_the_before_and_after_questionnaires_open_and_close_the_agenda(sessions, minutes,
                                                                       audience):
    assert MODULES[0].is_survey and MODULES[-1].is_survey
    plan = plan_sessions(MODULES, sessions, minutes, audience)
    planned = [b.module for s in plan.sessions for b in s.blocks if b.module]
    if questionnaires_fit(sessions, minutes, audience):
        assert planned[0] == MODULES[0] and planned[-1] == MODULES[-1]
        assert MODULES[-1] not in [b.module for b in plan.left_out]


def test_three_senior_sessions_of_90_minutes_are_filled_and_end_with_the_after_survey():
    plan = plan_sessions(MODULES, 3, 90, "senior")
    assert len(plan.sessions) == 3
    # No session under half its length but the last (the old plan: module 00 alone, 15 min).
    assert all(s.minutes >= 45 for s in plan.sessions[:-1]), [s.minutes for s in plan.sessions]
    first = [b for b in plan.sessions[0].blocks if b.module]
    last = [b for b in plan.sessions[-1].blocks if b.module]
    assert first[0].module == MODULES[0] and last[-1].module == MODULES[-1]
    # Module 01 no longer waits for a session of its own: it is cut between lesson and exercise.
    assert ("01-premiers-pas", "lesson") in [(b.module.id, b.part) for b in first]


def test_no_session_is_under_half_its_length_when_whole_modules_fill_them():
    plan = plan_sessions(MODULES, 2, 120, "senior")
    assert [s.minutes for s in plan.sessions] == [115, 115]
    assert all(b.part is None for s in plan.sessions for b in s.blocks)
