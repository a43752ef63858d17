"""``course new``: a ready workshop folder, built whole or not at all.

Everything is prepared in a hidden sibling folder and moved into place at the end, so a bad
roster line or a broken module leaves nothing half-made behind.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from course.build import build_module, trainer_notes
from course.content import content_root, find_module, list_modules
from course.errors import CourseError
from course.i18n import say, set_cli_language
from course.roster import read_roster
from course.workshop import Workshop, check_variant

from .nbgrader_setup import add_learners, gradebook, write_config


def create_workshop(
    path: Path,
    lang: str,
    audience: str,
    modules: list[str] | None = None,
    roster: Path | None = None,
    content: Path | None = None,
) -> Workshop:
    """Create the workshop folder ``path``: config, gradebook, learners, built modules."""
    check_variant(lang, audience)
    set_cli_language(lang)
    path = Path(path).resolve()
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise CourseError(say(
            f"{path} existe déjà. Choisissez un autre nom de dossier : rien n'a été modifié.",
            f"{path} already exists. Choose another folder name: nothing was changed.",
        ))
    learners = read_roster(Path(roster)) if roster else []
    root = content_root(content)
    chosen = ([find_module(root, name) for name in modules] if modules
              else list_modules(root))
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        workshop = Workshop(path=staging, lang=lang, audience=audience,
                            modules=[m.id for m in chosen], learners=learners, content=str(root))
        for module in chosen:
            build_module(module, lang, audience, workshop.source)
            notes = workshop.trainer / module.id
            notes.mkdir(parents=True)
            (notes / "feedback.json").write_text(
                json.dumps(trainer_notes(module, lang), ensure_ascii=False, indent=1),
                encoding="utf-8")
            rubric = module.exercise_dir / "rubric.yml"
            if rubric.is_file():
                shutil.copy(rubric, notes / "rubric.yml")
        workshop.exchange.mkdir()
        write_config(staging)
        with gradebook(workshop):
            pass
        add_learners(workshop, learners)
        workshop.save()
        if path.exists():
            path.rmdir()
        staging.rename(path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    workshop.path = path
    return workshop
