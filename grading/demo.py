"""``course demo``: a workshop filled with made-up learners, to rehearse grading.

A rehearsal never mixes with real results: in a workshop that already has real learners the
demo goes into a copy beside it (``<workshop>-repetition``) unless asked otherwise, and its
learners (``demo-…``, see ``course.roster.is_demo``) earn no certificate and are left out of
the report of a workshop with real learners.

Simulated learners answer through the widgets' own recording code (``course.learner.answer``),
exactly as a click would, and type the instructor's code into code answer cells, with a mix of
profiles: all right, all wrong, partly right, and an
answer file that never got written.
"""

from __future__ import annotations

import random
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import nbformat

from course import learner as notebook_api
from course.content import Module
from course.items import read_localized
from course.roster import DEMO_PREFIX, is_demo
from course.workshop import SETTINGS, Workshop, open_workshop

from .collect import submitted_learners
from .nbgrader_setup import add_learners, gradebook
from .release import generate
from .solutions import solution_run

PROFILES = ("right", "wrong", "partial", "no-answers")
SOLUTION_MARKS = ("### BEGIN SOLUTION", "### END SOLUTION")
ANIMALS = ("renard", "loutre", "hibou", "castor", "mesange", "herisson", "blaireau", "ecureuil",
           "heron", "lynx", "marmotte", "chamois")
WRITTEN = {
    "fr": ["Je ne sais pas.", "Je m'arrête, je respire, puis je vérifie qui a écrit le message "
           "avant de le partager."],
    "en": ["I don't know.", "I stop, breathe, then check who wrote the message before sharing."],
}


def wrong_answer(item: dict[str, Any], right: Any, rng: random.Random, lang: str) -> Any:
    """A plausible answer that is not the right one."""
    kind = item["type"]
    ids = [o["id"] for o in item.get("options", [])]
    if kind == "single":
        return rng.choice([i for i in ids if i != right])
    if kind == "multiple":
        flipped = set(right) ^ {rng.choice(ids)}
        return sorted(flipped) or [i for i in ids if i not in right][:1]
    if kind == "rating":
        return {"rating": 5 if right["rating"] <= 3 else 2, "share": not right["share"]}
    return WRITTEN[lang][0]


def gets_right(profile: str, index: int) -> bool:
    """Whether a learner of ``profile`` gets the ``index``-th answer of its kind right."""
    return profile == "right" or (profile == "partial" and index % 2 == 0)


def planned_answers(items: dict, key: dict, profile: str, rng: random.Random, lang: str) -> dict:
    """What a learner of ``profile`` saves, item by item."""
    plan = {}
    for index, (item_id, right) in enumerate(key.items()):
        good = gets_right(profile, index)
        if items[item_id]["type"] == "written":
            plan[item_id] = WRITTEN[lang][1] if good else WRITTEN[lang][0]
        else:
            plan[item_id] = right if good else wrong_answer(items[item_id], right, rng, lang)
    return plan


def solution_code(source: str) -> str:
    """The instructor's code without nbgrader's markers: what a learner who got it typed."""
    return "\n".join(line for line in source.splitlines() if line.strip() not in SOLUTION_MARKS)


def type_code_answers(notebook: Path, solution: Path, items: dict, profile: str) -> None:
    """Type the instructor's code into a learner's code answer cells (youth pandas cells).

    Widget answers are clicked through ``course.learner.answer``; a code answer is a cell
    the learner writes, so the right ones are typed in the notebook itself and the others
    keep the release's stub.
    """
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source
               for c in nbformat.read(solution, as_version=4).cells
               if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("answer-")
               and c.metadata["nbgrader"]["grade_id"].removeprefix("answer-") not in items}
    learner = nbformat.read(notebook, as_version=4)
    for index, grade_id in enumerate(answers):
        if gets_right(profile, index):
            cell = next(c for c in learner.cells
                        if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
            cell.source = solution_code(answers[grade_id])
    nbformat.write(learner, notebook)


def fill_demo(workshop: Workshop, module: Module, learners: int, seed: int = 0,
              profiles: tuple[str, ...] = PROFILES) -> list[str]:
    """Create ``learners`` simulated submissions of ``module``; returns their pseudonyms.

    The n-th learner takes the n-th of ``profiles`` (cycling), so that the same pseudonym can
    do better in ``11`` than in ``00`` when rehearsing the before/after report.
    """
    rng = random.Random(seed)
    release = generate(workshop, module)
    _, key = solution_run(workshop, module)
    name = workshop.notebook("exercise")
    items = read_localized(release / f"{name}.items.json")
    created = []
    for index in range(learners):
        pseudonym = f"{DEMO_PREFIX}{ANIMALS[index % len(ANIMALS)]}-{index + 1:02d}"
        profile = profiles[index % len(profiles)]
        folder = workshop.submitted / pseudonym / module.id
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(release, folder)
        (folder / "timestamp.txt").write_text(
            datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
        if profile != "no-answers":
            notebook_api.setup(module.id, name, workshop.lang, workshop.audience, folder=folder)
            for item_id, value in planned_answers(items, key, profile, rng, workshop.lang).items():
                notebook_api.answer(item_id, value)
            type_code_answers(folder / f"{name}.ipynb",
                              workshop.source / module.id / f"{name}.ipynb", items, profile)
        created.append(pseudonym)
    add_learners(workshop, created)
    return created


REHEARSAL_SUFFIX = "-repetition"


def real_learners(workshop: Workshop, module: Module | None = None) -> list[str]:
    """The workshop's learners who are not ``course demo``'s: roster, gradebook, and those
    who handed in ``module`` (when given)."""
    with gradebook(workshop) as book:
        known = {s.id for s in book.students}
    known |= set(workshop.learners)
    if module is not None:
        known |= set(submitted_learners(workshop, module))
    return sorted(learner for learner in known if not is_demo(learner))


def rehearsal_for(workshop: Workshop, module: Module) -> Workshop:
    """Where to rehearse: the workshop itself while it has no real learner, else its rehearsal
    copy beside it (same language, audience and modules; made on first use)."""
    if not real_learners(workshop, module):
        return workshop
    folder = workshop.path.with_name(workshop.path.name + REHEARSAL_SUFFIX)
    if (folder / SETTINGS).is_file():
        return open_workshop(folder)
    from .create import create_workshop

    copy = create_workshop(folder, workshop.lang, workshop.audience, list(workshop.modules),
                           content=Path(workshop.content) if workshop.content else None)
    open_workshop(workshop.path)  # speak the real workshop's language again
    return copy
