"""The gallery of module 09: real photos and made ones, judged by their context.

Visual glitches (six fingers, melted text) are what next year's generators will not have
(docs/FACTS.md), and a fresh AI picture has no older copy to find. So each picture comes with
what a careful reader can still find out: who posted it first, what other sources say, whether
the platform shows an AI label. Pictures are drawn alike on purpose
(``scripts/draw_module09_images.py``): the context decides. The gallery is scored on
discernment, real photos recognised and made ones recognised, counted apart, so that calling
everything fake never looks like skill (the trap of inoculation games, Graham et al. 2023).

Pictures are data (``data/gallery.yml`` next to the lesson); ``load_gallery``, ``judge`` and
``Viewing`` are plain and tested without a browser; ``Gallery`` is the widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import traitlets
import yaml

from ..localize import words
from ..widgets import CourseWidget, front_end, front_style
from .image_tracer import data_url
from .message_sorter import bilingual
from .walk import Walk

DATA = Path("data")  # the lesson's data folder: the kernel runs in the notebook's folder
GALLERY_FILE = "gallery.yml"
CHOICES = ("real", "made")
CONTEXT = ("first_posted", "label", "others")


class GalleryError(ValueError):
    """A gallery file that the widget cannot use."""


@dataclass(frozen=True)
class Picture:
    """One drawn picture, what its context says, and whether it was made."""

    id: str
    path: Path
    made: bool
    alt: dict[str, str]
    caption: dict[str, str]
    context: dict[str, dict[str, str]]
    explanation: dict[str, str]


def _picture(raw: Any, index: int, folder: Path, audience: str | None) -> Picture:
    if not isinstance(raw, dict) or not raw.get("id"):
        raise GalleryError(f"picture {index}: needs an id")
    where = f"picture {raw['id']!r}"
    if raw.get("fictional") is not True:
        raise GalleryError(f"{where}: must be marked fictional: true")
    if not isinstance(raw.get("made"), bool):
        raise GalleryError(f"{where}: made must be true or false")
    path = folder / str(raw.get("file", ""))
    if not path.is_file():
        raise GalleryError(f"{where}: {raw.get('file')} is missing")
    text = {key: bilingual(raw, key, where, GalleryError, audience)
            for key in ("alt", "caption", "explanation", *CONTEXT)}
    return Picture(id=str(raw["id"]), path=path, made=raw["made"], alt=text["alt"],
                   caption=text["caption"], context={key: text[key] for key in CONTEXT},
                   explanation=text["explanation"])


def load_gallery(path: Path | str, audience: str | None = None) -> list[Picture]:
    """The pictures of a gallery file, validated: fictional, both kinds present, ids unique."""
    where = Path(path)
    try:
        data = yaml.safe_load(where.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GalleryError(f"{where}: cannot be read ({exc})") from exc
    raws = data.get("pictures") if isinstance(data, dict) else None
    if not raws:
        raise GalleryError(f"{where}: no pictures")
    pictures = [_picture(raw, i, where.parent, audience) for i, raw in enumerate(raws)]
    if len({p.id for p in pictures}) != len(pictures):
        raise GalleryError(f"{where}: picture ids repeat")
    if {p.made for p in pictures} != {True, False}:
        raise GalleryError(f"{where}: needs real photos and made pictures both, "
                           "or the gallery scores distrust, not discernment")
    return pictures


WORDS = words("ai_gallery.WORDS", {
    "right": {"fr": "Bien vu.", "en": "Well spotted."},
    "wrong": {"fr": "Pas cette fois.", "en": "Not this time."},
    "summary": {"fr": "Terminé. Vraies photos reconnues : {real_right} sur {real}. Images "
                      "fabriquées reconnues : {made_right} sur {made}. Passées : {skipped}.",
                "en": "Done. Real photos recognised: {real_right} of {real}. Made pictures "
                      "recognised: {made_right} of {made}. Skipped: {skipped}."},
    "doubt": {"fr": "Attention : tout croire fabriqué n'est pas mieux que tout croire vrai. "
                    "Regardez qui a publié en premier et ce qu'en disent d'autres sources.",
              "fr-youth": "Attention : tout croire fabriqué n'est pas mieux que tout croire vrai. "
                          "Regarde qui a publié en premier et ce qu'en disent d'autres sources.",
              "en": "Careful: believing everything is made is no better than believing "
                    "everything is real. Look at who posted first and what other sources say."},
    "nothing": {"fr": "Choisissez d'abord une réponse.", "fr-youth": "Choisis d'abord une réponse.",
                "en": "Choose an answer first."},
})

LABELS = words("ai_gallery.LABELS", {
    "legend": {"fr": "D'après son contexte, cette image est…",
               "en": "From its context, this picture is…"},
    "real": {"fr": "une vraie photo d'un vrai moment", "en": "a real photo of a real moment"},
    "made": {"fr": "une image fabriquée (par IA ou montage)",
             "en": "a made picture (by AI or a montage)"},
    "first_posted": {"fr": "Publiée en premier par", "en": "First posted by"},
    "label": {"fr": "Étiquette de la plateforme", "en": "Platform label"},
    "others": {"fr": "Ce qu'en disent d'autres sources", "en": "What other sources say"},
    "check": {"fr": "Vérifier", "en": "Check"},
    "skip": {"fr": "Passer cette image", "en": "Skip this picture"},
    "next": {"fr": "Image suivante", "en": "Next picture"},
    "restart": {"fr": "Recommencer", "en": "Start again"},
    "progress": {"fr": "Image {n} sur {total}", "en": "Picture {n} of {total}"},
    "notice": {"fr": "Images dessinées pour le cours ; comptes, lieux et personnes inventés.",
               "en": "Pictures drawn for the course; accounts, places and people made up."},
})


@dataclass(frozen=True)
class Verdict:
    """Whether the learner's choice fits the picture, and why, in words."""

    right: bool
    sentences: tuple[str, ...]


def judge(picture: Picture, choice: str, lang: str) -> Verdict:
    """Right or not, then the explanation that names the deciding context."""
    if choice not in CHOICES:
        raise ValueError(f"choose among {CHOICES}; got {choice!r}")
    right = (choice == "made") == picture.made
    return Verdict(right, (WORDS.say("right" if right else "wrong", lang),
                           picture.explanation[lang]))


@dataclass
class Viewing(Walk):
    """A learner's way through the gallery. Stages: ``choose``, ``seen``, ``finished``."""

    pictures: list[Picture]
    position: int = 0
    stage: str = "choose"
    right: dict[bool, int] = field(default_factory=lambda: {True: 0, False: 0})
    seen: dict[bool, int] = field(default_factory=lambda: {True: 0, False: 0})
    said_made: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def cards(self) -> list[Picture]:
        return self.pictures

    def choose(self, choice: str, lang: str) -> Verdict:
        """Judge the current picture; each kind is counted apart (discernment)."""
        picture = self._require("choose")
        verdict = judge(picture, choice, lang)
        self.seen[picture.made] += 1
        self.right[picture.made] += verdict.right
        self.said_made += choice == "made"
        self.stage = "seen"
        return verdict

    def summary(self, lang: str, audience: str | None = None) -> list[str]:
        """Both rates in words; a warning when every answer was "made" while real ones came."""
        lines = [WORDS.say("summary", lang, real_right=self.right[False], real=self.seen[False],
                           made_right=self.right[True], made=self.seen[True],
                           skipped=len(self.skipped))]
        answered = self.seen[True] + self.seen[False]
        if self.seen[False] and self.said_made == answered:
            lines.append(WORDS.say("doubt", lang, audience))
        return lines


class Gallery(CourseWidget):
    """One picture at a time with its context; a radio group (real or made); feedback."""

    _esm = front_end("ai_gallery.js")
    _css = front_style("ai_gallery.css")

    lang = traitlets.Unicode("fr").tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    card = traitlets.Dict().tag(sync=True)
    stage = traitlets.Unicode("choose").tag(sync=True)
    feedback = traitlets.List().tag(sync=True)

    def __init__(self, pictures: list[Picture], lang: str, audience: str | None = None,
                 **kwargs: Any):
        self.audience = audience
        super().__init__(lang=lang, labels=LABELS.voiced(lang, audience), **kwargs)
        self.viewing = Viewing(pictures)
        self._show([])

    def _show(self, sentences: list[str] | tuple[str, ...]) -> None:
        viewing, lang = self.viewing, self.lang
        picture = viewing.current
        self.feedback = list(sentences) or (viewing.summary(lang, self.audience)
                                            if picture is None else [])
        self.card = {} if picture is None else {
            "src": data_url(picture.path), "alt": picture.alt[lang],
            "caption": picture.caption[lang],
            "context": [{"name": LABELS.say(key, lang), "text": picture.context[key][lang]}
                        for key in CONTEXT],
            "progress": LABELS.say("progress", lang, n=viewing.position + 1,
                                   total=len(viewing.pictures)),
        }
        self.stage = viewing.stage

    def handle(self, event: dict[str, Any]) -> None:
        """What each button does; an event that does not fit the stage changes nothing."""
        viewing, lang = self.viewing, self.lang
        try:
            kind = event.get("event")
            if kind == "check":
                self._show(viewing.choose(str(event.get("choice") or ""), lang).sentences)
            elif kind == "skip":
                viewing.skip()
                self._show([])
            elif kind == "next":
                viewing.next()
                self._show([])
            elif kind == "restart":
                self.viewing = Viewing(viewing.pictures)
                self._show([])
        except ValueError:
            if viewing.stage == "choose":
                self.feedback = [WORDS.say("nothing", lang, self.audience)]


def gallery() -> Gallery:
    """The gallery in the running notebook's language and audience (a lesson cell calls it)."""
    from course.learner import current

    session = current()
    return Gallery(load_gallery(DATA / GALLERY_FILE, session.audience), session.lang,
                   session.audience)
