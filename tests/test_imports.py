"""A learner's kernel loads only what it needs: no nbgrader, no pandas, no grading code."""

from __future__ import annotations

import json
import subprocess
import sys


def test_learner_module_stays_light():
    code = ("import json, sys, course.learner, course.widgets; "
            "print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))")
    loaded = set(json.loads(subprocess.check_output([sys.executable, "-c", code], text=True)))
    assert "course" in loaded
    assert not loaded & {"grading", "nbgrader", "pandas", "matplotlib", "sqlalchemy"}
