"""A workshop on disk: an nbgrader course directory plus ``workshop.yml``.

``workshop.yml`` remembers what ``course new`` was asked (language, audience, modules) so that
every later command, ``course start`` included, needs only the folder.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from .content import Module, content_root, find_module, notebook_name
from .errors import CourseError
from .i18n import AUDIENCES, LANGUAGES, say, set_cli_language

SETTINGS = "workshop.yml"


GRADED_COPIES = ".grading/graded"


@dataclass
class Workshop:
    """What a workshop folder holds; paths follow nbgrader's course directory layout."""

    path: Path
    lang: str
    audience: str
    modules: list[str]
    learners: list[str] = field(default_factory=list)
    content: str = ""
    one_per_screen: bool = False  # the senior page shows one question per screen

    @property
    def source(self) -> Path:
        return self.path / "source"

    @property
    def release(self) -> Path:
        return self.path / "release"

    @property
    def submitted(self) -> Path:
        return self.path / "submitted"

    @property
    def graded_copies(self) -> Path:
        """The course's own copy of each submission (``submitted/`` is the learners'): what
        nbgrader grades and feedback is written from (``grading.collect.copy_for_grading``)."""
        return self.path / GRADED_COPIES

    @property
    def autograded(self) -> Path:
        return self.path / "autograded"

    @property
    def feedback(self) -> Path:
        return self.path / "feedback"

    @property
    def exchange(self) -> Path:
        return self.path / "exchange"

    @property
    def trainer(self) -> Path:
        """Trainer-only notes (explanations, rubrics): never released."""
        return self.path / "trainer"

    @property
    def exports(self) -> Path:
        return self.path / "exports"

    @property
    def workspaces(self) -> Path:
        """Learners' own copies when they work on this machine (``course start``)."""
        return self.path / "learners"

    def module(self, name: str) -> Module:
        """One of this workshop's modules, by number or id."""
        return find_module(content_root(self.content or None), name, self.modules)

    def notebook(self, kind: str) -> str:
        return notebook_name(kind, self.lang)

    def save(self) -> None:
        data = asdict(self)
        data.pop("path")
        (self.path / SETTINGS).write_text(yaml.safe_dump(data, allow_unicode=True,
                                                         sort_keys=False), encoding="utf-8")


def check_variant(lang: str, audience: str) -> None:
    """Refuse a language or audience the course does not have, saying which exist."""
    if lang not in LANGUAGES:
        raise CourseError(say(f"Langue inconnue « {lang} » : choisissez fr ou en.",
                              f"Unknown language '{lang}': choose fr or en."))
    if audience not in AUDIENCES:
        raise CourseError(say(f"Public inconnu « {audience} » : choisissez youth ou senior.",
                              f"Unknown audience '{audience}': choose youth or senior."))


def open_workshop(path: Path | str) -> Workshop:
    """The workshop in ``path``, or a plain error if the folder is not one."""
    folder = Path(path).resolve()
    settings = folder / SETTINGS
    if not settings.is_file():
        raise CourseError(say(
            f"{folder} n'est pas un atelier (pas de {SETTINGS}). Créez-le avec « course new ».",
            f"{folder} is not a workshop (no {SETTINGS}). Create one with 'course new'.",
        ))
    try:
        data = yaml.safe_load(settings.read_text(encoding="utf-8"))
        workshop = Workshop(path=folder, **data)
    except (yaml.YAMLError, TypeError) as exc:
        raise CourseError(f"{settings}: {exc}") from exc
    check_variant(workshop.lang, workshop.audience)
    set_cli_language(workshop.lang)
    return workshop
