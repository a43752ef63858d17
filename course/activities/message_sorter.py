"""The message sorter: place fictional messages as legitimate criticism, offensive, or hate speech.

Council of Europe Recommendation CM/Rec(2022)16 sorts hate speech by severity (banned by criminal
law, handled by civil or administrative law, or below the threshold of restriction and answered
by counter-speech); the sorter tells hate speech apart from ordinary criticism and from rude
messages that target no protected ground (not hate speech, though French law can still punish an
insult or harassment). For a hate-speech message the
learner then names the ground (art. 225-1 Code pénal, loi du 29 juillet 1881) and the press-law
offence (injure, diffamation, provocation). Every message is made up, slurs are masked, and any
message can be skipped without an answer.

Messages are data (``data/sorter_messages.yml`` next to the lesson). The logic is plain
functions (``load_messages``, ``judge_level``, ``judge_detail``, ``mask``, ``Sorting``) tested
without a browser; ``MessageSorter`` is the widget around them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import traitlets
import yaml

from ..localize import Words, pick, words
from ..widgets import CourseWidget, front_end, front_style
from .walk import Walk

DATA = Path("data")  # the lesson's data folder: the kernel runs in the notebook's folder
MESSAGES_FILE = "sorter_messages.yml"
MASK_FILE = "mask_list.txt"
LANGS = ("fr", "en")

LEVELS = words("message_sorter.LEVELS", {
    "criticism": {"fr": "Critique légitime", "en": "Legitimate criticism"},
    "offensive": {"fr": "Offensant, mais pas haineux", "en": "Offensive, but not hate speech"},
    "hate": {"fr": "Propos haineux", "en": "Hate speech"},
})
# The grounds both art. 225-1 Code pénal and the 1881 press-law offences name.
GROUNDS = words("message_sorter.GROUNDS", {
    "origine": {"fr": "Origine (ou ethnie, nation, « race »)",
                "en": "Origin (or ethnicity, nation, “race”)"},
    "religion": {"fr": "Religion", "en": "Religion"},
    "sexe": {"fr": "Sexe", "en": "Sex"},
    "orientation": {"fr": "Orientation sexuelle", "en": "Sexual orientation"},
    "identite": {"fr": "Identité de genre", "en": "Gender identity"},
    "handicap": {"fr": "Handicap", "en": "Disability"},
})
OFFENCES = words("message_sorter.OFFENCES", {
    "injure": {"fr": "Injure : une insulte", "en": "Insult (injure)"},
    "diffamation": {"fr": "Diffamation : accuser d'un fait",
                    "en": "Defamation: accusing of an act"},
    "provocation": {"fr": "Provocation : appeler à la haine, à la discrimination ou à la violence",
                    "en": "Incitement: calling for hatred, discrimination or violence"},
})


class MessageError(ValueError):
    """A sorter message file that the widget cannot use."""


@dataclass(frozen=True)
class Message:
    """One fictional message and where it belongs; ``ground`` and ``offence`` only for hate."""

    id: str
    platform: str
    author: dict[str, str]
    text: dict[str, str]
    level: str
    explanation: dict[str, str]
    ground: str = ""
    offence: str = ""
    public: bool = True
    audience: tuple[str, ...] = ("youth", "senior")


def bilingual(raw: dict[str, Any], key: str, where: str,
              error: type[ValueError] = MessageError, audience: str | None = None
              ) -> dict[str, str]:
    """``raw[key]`` as a French and an English text (activity data files share this rule),
    each in the register of ``audience`` (``fr-youth`` when given) and typeset."""
    value = raw.get(key)
    if not isinstance(value, dict) or any(not str(value.get(lang, "")).strip() for lang in LANGS):
        raise error(f"{where}: {key} needs a French and an English text")
    return {lang: pick({k: str(v) for k, v in value.items()}, lang, audience) for lang in LANGS}


def _message(raw: Any, index: int, audience: str | None = None) -> Message:
    """One validated message: every rule a learner relies on is checked here."""
    if not isinstance(raw, dict) or not raw.get("id"):
        raise MessageError(f"message {index}: needs an id")
    where = f"message {raw['id']!r}"
    if raw.get("fictional") is not True:
        raise MessageError(f"{where}: must be marked fictional: true")
    level = raw.get("level")
    if level not in LEVELS:
        raise MessageError(f"{where}: level must be one of {', '.join(LEVELS)}")
    ground, offence = raw.get("ground", ""), raw.get("offence", "")
    if level == "hate" and (ground not in GROUNDS or offence not in OFFENCES):
        raise MessageError(f"{where}: hate speech needs a known ground and offence")
    if level != "hate" and (ground or offence):
        raise MessageError(f"{where}: only hate speech has a ground and an offence")
    return Message(id=str(raw["id"]), platform=str(raw.get("platform", "")),
                   author=bilingual(raw, "author", where, audience=audience),
                   text=bilingual(raw, "text", where, audience=audience),
                   level=level, explanation=bilingual(raw, "explanation", where,
                                                      audience=audience),
                   ground=ground, offence=offence, public=bool(raw.get("public", True)),
                   audience=tuple(raw.get("audience", ("youth", "senior"))))


def load_messages(path: Path, audience: str | None = None) -> list[Message]:
    """The messages of a sorter file, validated, for one audience (or all)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise MessageError(f"{path}: cannot be read ({exc})") from exc
    raws = data.get("messages") if isinstance(data, dict) else None
    if not raws:
        raise MessageError(f"{path}: no messages")
    messages = [_message(raw, i, audience) for i, raw in enumerate(raws)]
    ids = [m.id for m in messages]
    if len(set(ids)) != len(ids):
        raise MessageError(f"{path}: message ids repeat")
    return [m for m in messages if audience is None or audience in m.audience]


def _normal(word: str) -> str:
    """A word as the mask list stores it: lower case, no accents, letters only."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if ch.isalpha())


def slur_hash(word: str) -> str:
    """The mask-list line of a word (the list keeps hashes so the repository holds no slur)."""
    return hashlib.sha256(_normal(word).encode("utf-8")).hexdigest()


def load_mask_list(path: Path) -> frozenset[str]:
    """The hashes of a mask list file (comments and blank lines skipped)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


WORD = re.compile(r"[^\W\d_]+")


def unmasked_slurs(text: str, masks: frozenset[str]) -> list[str]:
    """Every word of ``text`` that is on the mask list (what a test must never find)."""
    return [m.group(0) for m in WORD.finditer(text) if slur_hash(m.group(0)) in masks]


def mask(text: str, masks: frozenset[str], lang: str) -> str:
    """``text`` with every word of the mask list replaced by a neutral mark."""
    mark = "[mot masqué]" if lang == "fr" else "[word masked]"
    return WORD.sub(lambda m: mark if slur_hash(m.group(0)) in masks else m.group(0), text)


@dataclass(frozen=True)
class Verdict:
    """The result of one answer: right or not, and the sentences that explain it."""

    right: bool
    sentences: tuple[str, ...]


WORDS = words("message_sorter.WORDS", {
    "right": {"fr": "Bonne réponse.", "en": "Right."},
    "wrong": {"fr": "Pas tout à fait.", "en": "Not quite."},
    "expected": {"fr": "Ce message est : {level}.", "en": "This message is: {level}."},
    "ground_right": {"fr": "Critère : {ground}. Bien vu.", "en": "Ground: {ground}. Well spotted."},
    "ground_wrong": {"fr": "Le critère visé est : {ground}.",
                     "en": "The ground targeted is: {ground}."},
    "offence_right": {"fr": "Infraction : {offence}. Bien vu.",
                      "en": "Offence: {offence}. Well spotted."},
    "offence_wrong": {"fr": "L'infraction est : {offence}.", "en": "The offence is: {offence}."},
    "public": {"fr": "Message public.", "en": "Public message."},
    "private": {"fr": "Message non public (privé).", "en": "Non-public (private) message."},
    "summary": {"fr": "Terminé. Vous avez classé {answered} message(s), dont {right} au bon "
                      "niveau. Passé(s) : {skipped}.",
                "fr-youth": "Terminé. Tu as classé {answered} message(s), dont {right} au bon "
                            "niveau. Passé(s) : {skipped}.",
                "en": "Done. You sorted {answered} message(s), {right} at the right level. "
                      "Skipped: {skipped}."},
})


def judge_level(message: Message, choice: str, lang: str) -> Verdict:
    """Is ``choice`` the message's level? The explanation is given either way."""
    right = choice == message.level
    head = WORDS.say("right" if right else "wrong", lang)
    expected = WORDS.say("expected", lang, level=LEVELS.say(message.level, lang))
    return Verdict(right, (head, expected, message.explanation[lang]))


def judge_detail(message: Message, ground: str, offence: str, lang: str) -> Verdict:
    """For a hate-speech message: are the ground and the offence right? Each is told apart."""
    if message.level != "hate":
        raise ValueError(f"message {message.id!r} is not hate speech: it has no ground")
    ground_ok, offence_ok = ground == message.ground, offence == message.offence
    name_ground = GROUNDS.say(message.ground, lang)
    name_offence = OFFENCES.say(message.offence, lang)
    return Verdict(ground_ok and offence_ok, (
        WORDS.say("right" if ground_ok and offence_ok else "wrong", lang),
        WORDS.say("ground_right" if ground_ok else "ground_wrong", lang, ground=name_ground),
        WORDS.say("offence_right" if offence_ok else "offence_wrong", lang,
                  offence=name_offence),
        WORDS.say("public" if message.public else "private", lang),
    ))


@dataclass
class Sorting(Walk):
    """A learner's way through the messages: which one is shown, what was answered or skipped.

    Stages: ``level`` (choose where it goes), ``detail`` (hate speech: ground and offence),
    ``seen`` (feedback shown, waiting for "next"), ``finished``.
    """

    messages: list[Message]
    position: int = 0
    stage: str = "level"
    levels_right: int = 0
    answered: int = 0
    skipped: list[str] = field(default_factory=list)
    first_stage = "level"

    @property
    def cards(self) -> list[Message]:
        return self.messages

    def choose_level(self, choice: str, lang: str) -> Verdict:
        """Answer where the current message goes; hate speech then asks for its detail."""
        message = self._require("level")
        if choice not in LEVELS:
            raise ValueError(f"unknown level {choice!r}")
        verdict = judge_level(message, choice, lang)
        self.answered += 1
        self.levels_right += verdict.right
        self.stage = "detail" if message.level == "hate" else "seen"
        return verdict

    def choose_detail(self, ground: str, offence: str, lang: str) -> Verdict:
        """Name the ground and the offence of the current hate-speech message."""
        message = self._require("detail")
        if ground not in GROUNDS or offence not in OFFENCES:
            raise ValueError("choose a ground and an offence")
        self.stage = "seen"
        return judge_detail(message, ground, offence, lang)

    def summary(self, lang: str, audience: str | None = None) -> str:
        """What the learner did, in one sentence (skipped messages are not failures)."""
        return WORDS.say("summary", lang, audience, answered=self.answered,
                         right=self.levels_right, skipped=len(self.skipped))


LABELS = words("message_sorter.LABELS", {
    "note": {"fr": "Messages inventés. Les insultes sont masquées. Un message vous gêne ? "
                   "Passez-le.",
             "fr-youth": "Messages inventés. Les insultes sont masquées. Un message te gêne ? "
                         "Passe-le.",
             "en": "Made-up messages. Slurs are masked. A message bothers you? Skip it."},
    "level_legend": {"fr": "Où placez-vous ce message ?", "fr-youth": "Où places-tu ce message ?",
                     "en": "Where do you place this message?"},
    "ground_legend": {"fr": "Quel critère est visé ?", "en": "Which ground is targeted?"},
    "offence_legend": {"fr": "Quelle infraction (loi de 1881) ?",
                       "en": "Which offence (1881 press law)?"},
    "check": {"fr": "Valider", "en": "Check"},
    "skip": {"fr": "Passer ce message", "en": "Skip this one"},
    "next": {"fr": "Message suivant", "en": "Next message"},
    "restart": {"fr": "Recommencer", "en": "Start again"},
    "choose": {"fr": "Choisissez d'abord une réponse dans chaque groupe.",
               "fr-youth": "Choisis d'abord une réponse dans chaque groupe.",
               "en": "First choose an answer in each group."},
    "progress": {"fr": "Message {n} sur {total}", "en": "Message {n} of {total}"},
    "fictional": {"fr": "fictif", "en": "fictional"},
})


def _options(table: Words, lang: str) -> list[dict[str, str]]:
    return [{"id": key, "label": label} for key, label in table.voiced(lang).items()]


class MessageSorter(CourseWidget):
    """One message at a time; the page sends choices, Python judges and sends sentences back."""

    _esm = front_end("message_sorter.js")
    _css = front_style("message_sorter.css")

    lang = traitlets.Unicode("fr").tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    choices = traitlets.Dict().tag(sync=True)
    card = traitlets.Dict().tag(sync=True)
    stage = traitlets.Unicode("level").tag(sync=True)
    feedback = traitlets.List().tag(sync=True)

    def __init__(self, messages: list[Message], masks: frozenset[str], lang: str,
                 audience: str | None = None, **kwargs: Any):
        self.audience = audience
        super().__init__(lang=lang, labels=LABELS.voiced(lang, audience),
                         choices={"level": _options(LEVELS, lang),
                                  "ground": _options(GROUNDS, lang),
                                  "offence": _options(OFFENCES, lang)}, **kwargs)
        self._masks = masks
        self.sorting = Sorting(messages)
        self._show([])

    def _show(self, sentences: list[str] | tuple[str, ...]) -> None:
        """Send the current message (masked again, in case), the stage and the feedback."""
        sorting, lang = self.sorting, self.lang
        message = sorting.current
        self.feedback = list(sentences) or (
            [sorting.summary(lang, self.audience)] if message is None else [])
        if message is None:
            self.card = {}
        else:
            self.card = {
                "platform": message.platform,
                "author": mask(message.author[lang], self._masks, lang),
                "text": mask(message.text[lang], self._masks, lang),
                "progress": LABELS.say("progress", lang, n=sorting.position + 1,
                                       total=len(sorting.messages)),
            }
        self.stage = sorting.stage

    def handle(self, event: dict[str, Any]) -> None:
        """What each button does; an event that does not fit the stage changes nothing."""
        sorting, lang = self.sorting, self.lang
        try:
            kind = event.get("event")
            if kind == "level":
                self._show(sorting.choose_level(str(event.get("choice")), lang).sentences)
            elif kind == "detail":
                verdict = sorting.choose_detail(str(event.get("ground")),
                                                str(event.get("offence")), lang)
                self._show(list(self.feedback) + list(verdict.sentences))
            elif kind == "skip":
                sorting.skip()
                self._show([])
            elif kind == "next":
                sorting.next()
                self._show([])
            elif kind == "restart":
                self.sorting = Sorting(sorting.messages)
                self._show([])
        except ValueError:  # nothing chosen, or a late click: ask again, keep what was said
            ask_again = LABELS.say("choose", lang, self.audience)
            self.feedback = [ask_again] + [s for s in self.feedback if s != ask_again]


def message_sorter() -> MessageSorter:
    """The sorter in the running notebook's language and audience (what a lesson cell calls)."""
    from course.learner import current

    session = current()
    return MessageSorter(load_messages(DATA / MESSAGES_FILE, session.audience),
                         load_mask_list(DATA / MASK_FILE), session.lang, session.audience)
