"""``course demo``: a workshop filled with made-up learners, to rehearse grading.

Simulated learners answer through the widgets' own recording code (``course.learner.answer``),
exactly as a click would, with a mix of profiles: all right, all wrong, partly right, and an
answer file that never got written.
"""

from __future__ import annotations

import random
import shutil
from datetime import UTC, datetime
from typing import Any

from course import learner as notebook_api
from course.content import Module
from course.items import read_localized
from course.workshop import Workshop

from .nbgrader_setup import add_learners
from .release import generate
from .solutions import solution_run

PROFILES = ("right", "wrong", "partial", "no-answers")
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


def planned_answers(items: dict, key: dict, profile: str, rng: random.Random, lang: str) -> dict:
    """What a learner of ``profile`` saves, item by item."""
    plan = {}
    for index, (item_id, right) in enumerate(key.items()):
        good = profile == "right" or (profile == "partial" and index % 2 == 0)
        if items[item_id]["type"] == "written":
            plan[item_id] = WRITTEN[lang][1] if good else WRITTEN[lang][0]
        else:
            plan[item_id] = right if good else wrong_answer(items[item_id], right, rng, lang)
    return plan


def fill_demo(workshop: Workshop, module: Module, learners: int, seed: int = 0) -> list[str]:
    """Create ``learners`` simulated submissions of ``module``; returns their pseudonyms."""
    rng = random.Random(seed)
    release = generate(workshop, module)
    _, key = solution_run(workshop, module)
    name = workshop.notebook("exercise")
    items = read_localized(release / f"{name}.items.json")
    created = []
    for index in range(learners):
        pseudonym = f"demo-{ANIMALS[index % len(ANIMALS)]}-{index + 1:02d}"
        profile = PROFILES[index % len(PROFILES)]
        folder = workshop.submitted / pseudonym / module.id
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(release, folder)
        (folder / "timestamp.txt").write_text(
            datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
        if profile != "no-answers":
            notebook_api.setup(module.id, name, workshop.lang, workshop.audience, folder=folder)
            for item_id, value in planned_answers(items, key, profile, rng, workshop.lang).items():
                notebook_api.answer(item_id, value)
        created.append(pseudonym)
    add_learners(workshop, created)
    return created
