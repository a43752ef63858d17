"""Every module after 01 goes through the real nbgrader cycle with ``course demo`` learners.

Module 01 has its own, deeper cycle test (test_workflow.py). Here each further module is built
into a workshop, filled with simulated learners of every profile, and graded with nbgrader:
the one who gets everything right earns every autograded point, the one who gets everything
wrong and the one who saved nothing earn none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from course.content import list_modules
from grading.autograde import FAILED, grade_module
from grading.create import create_workshop
from grading.demo import PROFILES, fill_demo
from tests.helpers import REPO, written_points

MODULES = [m for m in list_modules(REPO) if not m.id.startswith("01-")]


@pytest.mark.slow
@pytest.mark.parametrize("module", MODULES, ids=[m.id for m in MODULES])
def test_demo_learners_are_graded(tmp_path: Path, module):
    workshop = create_workshop(tmp_path / "atelier", "fr", "youth", [module.id])
    learners = fill_demo(workshop, module, len(PROFILES))
    outcomes = {o.learner: o for o in grade_module(workshop, module, show_progress=False)}
    profile = dict(zip(learners, PROFILES, strict=True))
    assert not [o for o in outcomes.values() if o.status == FAILED]
    by_profile = {profile[name]: outcome for name, outcome in outcomes.items()}
    right = by_profile["right"]
    assert right.score > 0 and right.score == right.max_score - written_points(workshop, module)
    assert by_profile["wrong"].score == 0
    assert by_profile["no-answers"].score == 0
    assert 0 < by_profile["partial"].score < right.score

