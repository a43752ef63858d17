"""Does the form of a post give its key away?

A rating item asks "reliable or not?" about a made-up post, and its key sits in a hidden test.
If the unreliable posts shout (capitals, "!", emoji, "urgent") and the reliable ones never do,
the rule "it shouts, so it is false" scores full marks, and the course measures a rule of thumb
instead of discernment: the trap inoculation games fell into (docs/FACTS.md, Graham et al.
2023). So ``course check`` measures each surface cue against the keys, and refuses a set of
rating items where one predicts them (docs/AUTHORING.md, "The form must not give the key").

How "predicts" is measured, simply enough to check by hand on a dozen items: for each cue,
take the better of the rules "the cue ⇒ unreliable" and "the cue ⇒ reliable" and score it by
its *balanced accuracy*, the mean of the share of unreliable posts it catches and the share of
reliable ones it clears (50 % is chance, whatever the mix of keys). For the length of a post,
a number, the same score is the share of (unreliable, reliable) pairs that "the shorter one is
the false one" (or its reverse) orders right, ties counted half: the area under the ROC curve,
which equals the balanced accuracy for a yes/no cue. A rule that reaches two keys out of three
gives the answer away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from statistics import fmean

from .i18n import LANGUAGES, say

PREDICTS = Fraction(2, 3)
"""A surface rule that gets this share of the keys right (balanced) gives the answer away."""

LONGEST = Fraction(1, 2)
""""Pick the longest option" gives the answer away when it is right more often than wrong
(chance, with three or four options, is a third or a quarter)."""

ALONE = 8
"""Fewer rating items than this are too few to judge a module alone: they count in the pool of
the whole course, and must still hold a loud reliable post and a calm unreliable one."""

ACRONYMS = frozenset({"ANTAI", "CAF", "CNIL", "CPAM", "DSA", "ENT", "EUR", "GPS", "IBAN",
                      "PDF", "PHAROS", "PIN", "RIB", "SAMU", "SMS", "SNCF", "URL", "USB"})
"""Words written in capitals because that is how they are spelt, not to shout."""

ALARM_WORDS = {
    "fr": ("urgent", "urgente", "urgents", "urgentes", "urgence", "alerte", "attention", "vite",
           "maintenant", "immédiatement", "tout de suite", "danger", "dangereux", "dangereuse"),
    "en": ("urgent", "urgency", "alert", "warning", "attention", "hurry", "fast", "now",
           "immediately", "right away", "danger", "dangerous"),
}
_ALARM = {lang: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
          for lang, words in ALARM_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")
_EMOJI = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x203C, 0x203C),
          (0x2049, 0x2049))

LOUD = ("capitals", "exclamation", "emoji", "alarm")
"""The yes/no cues of an alarmed style; ``length`` is measured too, as a number."""
CUES = (*LOUD, "length")


def _label(cue: str) -> str:
    return {"capitals": say("majuscules", "capitals"),
            "exclamation": say("points d'exclamation", "exclamation marks"),
            "emoji": say("émojis", "emoji"),
            "alarm": say("mots d'alerte (urgent, vite…)", "alarm words (urgent, hurry…)"),
            "length": say("longueur", "length")}[cue]


def cues(text: str, lang: str) -> dict[str, int]:
    """The surface cues of one post's text in ``lang``: 1 or 0 for each loud cue, and the
    length in characters."""
    shouted = any(len(w) >= 3 and w.isupper() and w not in ACRONYMS for w in _WORD.findall(text))
    return {"capitals": int(shouted),
            "exclamation": int("!" in text or "‼" in text),
            "emoji": int(any(low <= ord(ch) <= high for ch in text for low, high in _EMOJI)),
            "alarm": int(bool(_ALARM[lang].search(text))),
            "length": len(text.strip())}


def alarmed(text: str, lang: str) -> bool:
    """Whether a post is written in an alarmed style: any of the loud cues."""
    found = cues(text, lang)
    return any(found[cue] for cue in LOUD)


@dataclass(frozen=True)
class RatedPost:
    """What a learner judges in one rating item (the post's text, else the prompt) and its key."""

    module: str
    item: str
    key: str
    text: dict[str, str]

    def style(self) -> str:
        """``alarmed`` if its text is loud in any language, else ``calm``."""
        loud = any(alarmed(self.text[lang], lang) for lang in LANGUAGES)
        return "alarmed" if loud else "calm"


@dataclass(frozen=True)
class CueScore:
    """How well the better rule on one cue sorts the keys of a set of posts."""

    cue: str
    lang: str
    score: Fraction
    toward: str  # the key the cue points to: "unreliable" (more cue, less reliable) or "reliable"
    unreliable: list[int]
    reliable: list[int]

    @property
    def predicts(self) -> bool:
        return self.score >= PREDICTS

    def figures(self, langs: str) -> str:
        """The refusal, with the counts a reader can check (``langs``: where it holds)."""
        label, n_u, n_r = _label(self.cue), len(self.unreliable), len(self.reliable)
        score, limit = _percent(self.score), _percent(PREDICTS)
        if self.cue == "length":
            mean_u, mean_r = f"{fmean(self.unreliable):.0f}", f"{fmean(self.reliable):.0f}"
            shorter = self.toward == "unreliable"
            return say(
                f"{label} ({langs})\u00a0: les posts peu fiables sont "
                f"{'plus courts' if shorter else 'plus longs'} dans {score} des paires ({mean_u} "
                f"caractères en moyenne, contre {mean_r} pour les fiables) → la forme donne la "
                "réponse",
                f"{label} ({langs}): the unreliable posts are {'shorter' if shorter else 'longer'} "
                f"in {score} of the pairs ({mean_u} characters on average, against {mean_r} for "
                "the reliable ones) → the form gives the answer away")
        a, b = sum(self.unreliable), sum(self.reliable)
        if self.toward == "unreliable":
            same, side, rule = a, say("peu fiables", "unreliable"), say("peu fiable", "unreliable")
        else:
            same, side, rule = b, say("fiables", "reliable"), say("fiable", "reliable")
        return say(
            f"{label} ({langs})\u00a0: {same}/{a + b} {side} ({a} des {n_u} peu fiables, {b} des "
            f"{n_r} fiables)\u00a0; «\u00a0{label} ⇒ {rule}\u00a0» trouve {score} des clés "
            f"(refus dès {limit}) → la forme donne la réponse",
            f"{label} ({langs}): {same}/{a + b} {side} ({a} of {n_u} unreliable, {b} of {n_r} "
            f"reliable); “{label} ⇒ {rule}” gets {score} of the keys right (refused from {limit}) "
            "→ the form gives the answer away")


def _percent(share: Fraction) -> str:
    """A share as a whole percentage, with a non-breaking space before the sign in French."""
    return f"{float(share) * 100:.0f}" + say("\u00a0%", "%")


def _auc(unreliable: list[int], reliable: list[int]) -> Fraction:
    """Share of (unreliable, reliable) pairs where the unreliable post has more of the cue, ties
    half: the balanced accuracy of "cue ⇒ unreliable" when the cue is 0 or 1."""
    wins = sum(2 if u > r else 1 if u == r else 0 for u in unreliable for r in reliable)
    return Fraction(wins, 2 * len(unreliable) * len(reliable))


def cue_scores(posts: list[RatedPost]) -> list[CueScore]:
    """Every cue in every language, scored on ``posts`` (which hold both keys)."""
    scores = []
    for lang in LANGUAGES:
        found = [(post.key, cues(post.text[lang], lang)) for post in posts]
        for cue in CUES:
            unreliable = [c[cue] for key, c in found if key == "unreliable"]
            reliable = [c[cue] for key, c in found if key == "reliable"]
            more = _auc(unreliable, reliable)
            if cue == "length":  # read as "the shorter one is the false one"
                more = 1 - more
            toward = "unreliable" if more >= Fraction(1, 2) else "reliable"
            scores.append(CueScore(cue, lang, max(more, 1 - more), toward, unreliable, reliable))
    return scores


def both_keys(posts: Iterable[RatedPost]) -> bool:
    keys = {post.key for post in posts}
    return {"reliable", "unreliable"} <= keys


def style_problems(posts: list[RatedPost]) -> list[str]:
    """A set of rating items that holds both keys must hold a reliable post in an alarmed style
    and an unreliable one in a calm style, so that neither "loud ⇒ false" nor "calm ⇒ true"
    scores every item, however small the set."""
    if not both_keys(posts):
        return []
    styles = {(post.key, post.style()) for post in posts}
    problems = []
    if ("reliable", "alarmed") not in styles:
        problems.append(say(
            "aucun post fiable au ton alarmé (majuscules, «\u00a0!\u00a0», émojis ou mots "
            "d'alerte)\u00a0: écrivez-en un (une vraie alerte, un vrai rappel), sinon «\u00a0ça "
            "crie, donc c'est faux\u00a0» a toujours raison",
            "no reliable post in an alarmed style (capitals, “!”, emoji or alarm words): write one "
            "(a true alert, a real recall), or “it shouts, so it is false” is always right"))
    if ("unreliable", "calm") not in styles:
        problems.append(say(
            "aucun post peu fiable au ton calme\u00a0: écrivez-en un (une fausse nouvelle sobre), "
            "sinon «\u00a0c'est calme, donc c'est vrai\u00a0» a toujours raison",
            "no unreliable post in a calm style: write one (a sober false story), or “it is calm, "
            "so it is true” is always right"))
    return problems


def cue_problems(posts: list[RatedPost]) -> list[str]:
    """What is wrong with the form of a set of rating items: the cues that predict its keys
    (judged only from ``ALONE`` items up) and a missing loud reliable or calm unreliable post."""
    problems = style_problems(posts)
    if len(posts) < ALONE or not both_keys(posts):
        return problems
    scores = cue_scores(posts)
    for cue in CUES:
        failing = [score for score in scores if score.cue == cue and score.predicts]
        if failing:
            worst = max(failing, key=lambda score: score.score)
            problems.append(worst.figures(", ".join(score.lang for score in failing)))
    return problems


@dataclass(frozen=True)
class ChoiceQuestion:
    """A graded single-choice item: its key and its option labels in each language."""

    module: str
    item: str
    key: str
    labels: dict[str, dict[str, str]]  # language -> option id -> label


def longest_option_problems(questions: list[ChoiceQuestion]) -> list[str]:
    """The classic test-taker's rule "the longest, most careful answer is the right one": if the
    key is the one longest option of most single-choice items, distractors give it away (a
    learner who has not learned the lesson should find them as likely)."""
    if len(questions) < ALONE:
        return []
    problems = []
    for lang in LANGUAGES:
        hits = [q for q in questions if _alone_longest(q.labels[lang], q.key)]
        chance = sum(Fraction(1, len(q.labels[lang])) for q in questions)
        named = ", ".join(f"{q.module.split('-', 1)[0]}/{q.item}" for q in hits)
        if Fraction(len(hits), len(questions)) > LONGEST:
            problems.append(say(
                f"option la plus longue ({lang})\u00a0: c'est la bonne réponse de {len(hits)} "
                f"questions à choix unique sur {len(questions)} (le hasard en donnerait "
                f"{float(chance):.0f}) → la forme donne la réponse. Écrivez des leurres aussi "
                f"précis qu'elle, dans {named}",
                f"longest option ({lang}): it is the right answer of {len(hits)} single-choice "
                f"items out of {len(questions)} (chance would give {float(chance):.0f}) → the form "
                f"gives the answer away. Write distractors as careful as the key, in {named}"))
    return problems


def _alone_longest(labels: dict[str, str], key: str) -> bool:
    lengths = {option: len(label) for option, label in labels.items()}
    others = [length for option, length in lengths.items() if option != key]
    return key in lengths and all(lengths[key] > length for length in others)
