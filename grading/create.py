"""``course new``: a ready workshop folder, built whole or not at all.

Everything is prepared in a hidden sibling folder and moved into place at the end, so a bad
roster line or a broken module leaves nothing half-made behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import suppress
from pathlib import Path

from course.build import build_module, trainer_notes
from course.content import content_root, find_module, list_modules
from course.errors import CourseError
from course.i18n import say, set_cli_language
from course.roster import read_roster
from course.workshop import Workshop, check_variant

from .nbgrader_setup import (
    ENV_VAR,
    FROM_ENV,
    add_learners,
    check_db,
    drop_gradebook,
    gradebook,
    keep_db_url,
    normalise_db_url,
    shown,
    write_config,
)


def create_workshop(
    path: Path,
    lang: str,
    audience: str,
    modules: list[str] | None = None,
    roster: Path | None = None,
    content: Path | None = None,
    db: str | None = None,
    one_per_screen: bool = False,
) -> Workshop:
    """Create the workshop folder ``path``: config, gradebook, learners, built modules.

    ``db`` puts the gradebook on a database server (its URL, or ``env`` for the one in
    ``COURSE_DB_URL``) instead of the folder's SQLite file. ``one_per_screen`` makes the
    senior page show one question per screen (remembered in ``workshop.yml``)."""
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
    server = empty_database(db) if db else None
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        workshop = Workshop(path=staging, lang=lang, audience=audience,
                            modules=[m.id for m in chosen], learners=learners, content=str(root),
                            one_per_screen=one_per_screen)
        for module in chosen:
            build_module(module, lang, audience, workshop.source)
            notes = workshop.trainer / module.id
            notes.mkdir(parents=True)
            (notes / "feedback.json").write_text(
                json.dumps(trainer_notes(module, lang, audience), ensure_ascii=False, indent=1),
                encoding="utf-8")
            rubric = module.exercise_dir / "rubric.yml"
            if rubric.is_file():
                shutil.copy(rubric, notes / "rubric.yml")
        workshop.exchange.mkdir()
        keep_db_url(staging, FROM_ENV if db == "env" else server)
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
        if server:
            with suppress(Exception):  # the error that stopped us is the one to show
                drop_gradebook(server)
        raise
    workshop.path = path
    return workshop


def empty_database(db: str) -> str:
    """The server gradebook's URL, once it is known to answer and to hold nothing yet (one
    database per workshop: nbgrader's tables have no room for two)."""
    if db == "env":
        db = os.environ.get(ENV_VAR, "")
        if not db:
            raise CourseError(say(f"--db env : la variable {ENV_VAR} n'est pas définie.",
                                  f"--db env: the {ENV_VAR} variable is not set."))
    url = normalise_db_url(db)
    if check_db(url):
        raise CourseError(say(
            f"La base {shown(url)} contient déjà des tables : donnez une base vide, une par "
            "atelier. Rien n'a été modifié.",
            f"The database {shown(url)} already holds tables: give an empty one, one per "
            "workshop. Nothing was changed."))
    return url
