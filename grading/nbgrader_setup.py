"""nbgrader's configuration for a workshop, and the nbgrader API bound to it.

The configuration is a plain ``nbgrader_config.py`` in the workshop folder, so every standard
``nbgrader`` command works there too. It closes a leak found in nbgrader (see TOOLCHAIN.md):
autograde copies the instructor's files over each learner's, so answer files are excluded from
that copy and an instructor's answers never replace a learner's. (``generate`` leaves them out
too, see ``release.generate``; they cannot simply be ignored everywhere, since autograde must
copy the learner's own.) The solution stub is empty, so a widget cell reads ``ask("q1")`` in
the release instead of raising ``NotImplementedError``.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from course.workshop import Workshop

CONFIG_NAME = "nbgrader_config.py"
COURSE_ID = "atelier"
ANSWER_FILES = ["*.answers.json", "*.answers.json.unreadable-*"]

CONFIG_TEMPLATE = '''\
# nbgrader settings of this workshop, written by `course new`.
# Both `course` and plain `nbgrader` commands read this file.
import os

here = os.path.dirname(os.path.abspath(__file__))
c = get_config()  # noqa: F821
c.CourseDirectory.root = here
c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(here, "gradebook.db")
# A learner's answer file is never overwritten by one left in the instructor's folder.
c.Autograde.exclude_overwriting = {{
    module: [name + ".answers.json" for name in ("exercice", "exercise")]
    for module in os.listdir(os.path.join(here, "source"))
}}
c.Exchange.root = os.path.join(here, "exchange")
# Widget cells keep only `ask(...)` once the solution is removed.
c.ClearSolutions.code_stub = {{"python": ""}}
c.ReleaseAssignment.force = True
# What one learner's notebook may use while `course grade` runs it (defaults shown):
c.Execute.timeout = 30  # seconds per cell
# c.SandboxedExecute.notebook_timeout = 300  # seconds per notebook
# c.SandboxLimits.cpu_seconds = 120
# c.SandboxLimits.memory_mb = 2048
# c.SandboxLimits.file_mb = 64
# c.SandboxLimits.open_files = 256
# c.SandboxLimits.processes = 128
'''


def _tools_on_path() -> None:
    """nbgrader runs the ``alembic`` command by name: make this environment's tools findable
    even when ``course`` was started without activating it."""
    bin_dir = os.path.dirname(sys.executable)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def write_config(folder: Path) -> None:
    """Write the workshop's ``nbgrader_config.py``."""
    text = CONFIG_TEMPLATE.format(course_id=COURSE_ID)
    (folder / CONFIG_NAME).write_text(text, encoding="utf-8")


def load_config(folder: Path):
    """The traitlets configuration of the workshop, as ``nbgrader`` would load it."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader(CONFIG_NAME, path=str(folder)).load_config()


def db_url(workshop: Workshop) -> str:
    """The gradebook; parallel graders wait up to a minute for SQLite's write lock."""
    return f"sqlite:///{workshop.path / 'gradebook.db'}?timeout=60"


@contextmanager
def gradebook(workshop: Workshop) -> Iterator:
    """nbgrader's gradebook of the workshop."""
    from nbgrader.api import Gradebook

    _tools_on_path()
    with Gradebook(db_url(workshop), COURSE_ID) as book:
        yield book


def nbgrader_api(workshop: Workshop):
    """nbgrader's own Python API (what its commands run), quiet unless something goes wrong."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from sqlalchemy.exc import SAWarning

    _tools_on_path()
    config = load_config(workshop.path)
    config.CourseDirectory.db_url = db_url(workshop)
    logging.getLogger("traitlets").setLevel(logging.ERROR)
    # nbgrader's own session handling warns on every autograde; nothing a trainer can act on.
    warnings.filterwarnings("ignore", category=SAWarning, module="nbgrader")
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir, config=config)


def add_learners(workshop: Workshop, learners: list[str]) -> None:
    """Add pseudonyms to the gradebook (existing ones are left as they are)."""
    with gradebook(workshop) as book:
        for learner in learners:
            book.update_or_create_student(learner)
