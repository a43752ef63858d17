"""Where the course's modules live and what their ``module.yml`` says.

Modules are data in the repository (``modules/`` and ``exercises/``), not in the installed
package: exercise sources hold the keys in their hidden tests, and must never be installed where
learners' kernels could read them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .errors import CourseError
from .i18n import LANGUAGES, say

NOTEBOOK_NAMES = {
    "lesson": {"fr": "lecon", "en": "lesson"},
    "exercise": {"fr": "exercice", "en": "exercise"},
}
SOURCE_NAMES = {"lesson": "lecon.md", "exercise": "exercice.md"}


def notebook_name(kind: str, lang: str) -> str:
    """The file name (without ``.ipynb``) of a module's lesson or exercise in ``lang``."""
    return NOTEBOOK_NAMES[kind][lang]


def content_root(explicit: Path | str | None = None) -> Path:
    """The folder holding ``modules/`` and ``exercises/``.

    Taken from ``explicit``, else ``$COURSE_CONTENT``, else the repository this package sits in.
    """
    repository = Path(__file__).resolve().parent.parent
    candidates = [explicit, os.environ.get("COURSE_CONTENT"), repository]
    for candidate in candidates:
        if candidate and (Path(candidate) / "modules").is_dir():
            return Path(candidate).resolve()
    raise CourseError(say(
        "Je ne trouve pas le dossier des modules. Lancez la commande depuis le dossier du cours, "
        "ou indiquez-le avec --content DOSSIER.",
        "Cannot find the modules folder. Run the command from the course folder, "
        "or give it with --content FOLDER.",
    ))


@dataclass(frozen=True)
class Module:
    """One module: its lesson folder under ``modules/`` and its exercise under ``exercises/``."""

    id: str
    root: Path

    @property
    def number(self) -> str:
        return self.id.split("-", 1)[0]

    @property
    def lesson_dir(self) -> Path:
        return self.root / "modules" / self.id

    @property
    def exercise_dir(self) -> Path:
        return self.root / "exercises" / self.id

    def source(self, kind: str) -> Path:
        folder = self.lesson_dir if kind == "lesson" else self.exercise_dir
        return folder / SOURCE_NAMES[kind]

    def has(self, kind: str) -> bool:
        return self.source(kind).is_file()

    @cached_property
    def meta(self) -> dict[str, Any]:
        """``module.yml``, checked: a broken file stops with the reason and the file's path."""
        path = self.lesson_dir / "module.yml"
        try:
            meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CourseError(f"{path}: {exc}") from exc
        problems = module_meta_problems(meta)
        if problems:
            raise CourseError(f"{path}:\n  - " + "\n  - ".join(problems))
        return meta

    def title(self, lang: str) -> str:
        return self.meta["title"][lang]

    @property
    def is_survey(self) -> bool:
        """A before/after questionnaire (00, 11): rating items only, measured, not taught."""
        return self.meta.get("kind") == "survey"


def module_meta_problems(meta: Any) -> list[str]:
    """What is missing or malformed in a ``module.yml`` (empty when it is right)."""
    if not isinstance(meta, dict):
        return ["module.yml must be a table"]
    problems = []
    title = meta.get("title")
    if not isinstance(title, dict) or not all(isinstance(title.get(k), str) for k in LANGUAGES):
        problems.append("title needs fr and en")
    minutes = meta.get("minutes")
    if not isinstance(minutes, dict) or not minutes or not all(
        isinstance(v, int) and v >= 0 for v in minutes.values()
    ):
        problems.append("minutes must map parts (lesson, exercise, ...) to whole minutes")
    for field in ("questions", "objectives", "key_points"):
        value = meta.get(field)
        if not isinstance(value, dict) or not all(
            isinstance(value.get(k), list) and value[k] for k in LANGUAGES
        ):
            problems.append(f"{field} needs a non-empty list in fr and in en")
        elif len(value["fr"]) != len(value["en"]):
            problems.append(f"{field}: fr and en lists differ in length")
    for field in ("digcomp", "pix", "references"):
        if not isinstance(meta.get(field), list) or not meta[field]:
            problems.append(f"{field} must be a non-empty list")
    if meta.get("kind", "survey") != "survey":
        problems.append("kind, when given, must be survey (a before/after questionnaire)")
    if "parallel_to" in meta and (meta.get("kind") != "survey"
                                  or not isinstance(meta["parallel_to"], str)):
        problems.append("parallel_to names the survey module this survey mirrors, "
                        "and needs kind: survey")
    for ref in meta.get("references") or []:
        if not isinstance(ref, dict) or not ref.get("text") or not ref.get("url"):
            problems.append("each reference needs text and url")
            break
    return problems


def list_modules(root: Path) -> list[Module]:
    """Every module of the course, in order."""
    folder = root / "modules"
    return [Module(p.name, root) for p in sorted(folder.iterdir())
            if p.is_dir() and (p / "module.yml").is_file()]


def find_module(root: Path, name: str, available: list[str] | None = None) -> Module:
    """The module called ``name`` ("01", "1" or "01-premiers-pas"), or a plain error."""
    modules = list_modules(root)
    ids = available if available is not None else [m.id for m in modules]
    wanted = name.strip()
    for module in modules:
        if module.id not in ids:
            continue
        if wanted == module.id or (wanted.isdigit() and int(wanted) == int(module.number)):
            return module
    raise CourseError(say(
        f"Module inconnu : « {name} ». Modules disponibles : {', '.join(ids) or 'aucun'}.",
        f"Unknown module: '{name}'. Available modules: {', '.join(ids) or 'none'}.",
    ))


def survey_pair(module_ids: set[str], root: Path) -> tuple[str, str] | None:
    """The (before, after) survey ids among ``module_ids``: the after form is the survey whose
    ``parallel_to`` names the before form, so that renumbering modules never breaks the pair."""
    for module in list_modules(root):
        before = module.meta.get("parallel_to")
        if module.id in module_ids and module.is_survey and before in module_ids:
            return before, module.id
    return None
