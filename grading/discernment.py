"""Telling true from false: each learner's judgements of the rating items of a module.

A rating item shows a made-up post whose key says whether it is reliable. Read as signal
detection (``grading.stats``): a *hit* is a reliable post judged reliable, a *false alarm* an
unreliable one judged reliable; d' rises only with real discernment, and the criterion c says
whether the learner leans to "unreliable" (sceptical) or to "reliable" (credulous). The sharing
intention is the share of unreliable posts the learner would pass on. Modules ``00`` (before)
and ``11`` (after) give the paired change for the group, and each learner's in words.
"""

from __future__ import annotations

import pandas as pd

from course.answers import AnswerFileError, answer_path, read_answers
from course.content import Module
from course.i18n import say
from course.items import read_localized
from course.widgets import normalize, rating_side
from course.workshop import Workshop

from .autograde import hidden_keys
from .stats import Change, discernment, paired_change

COLUMNS = ["learner", "hit_rate", "false_alarm_rate", "d_prime", "criterion", "shares_false"]
JUDGED = ["learner", "item", "key", "judged", "shared"]
MEASURES = ("d_prime", "criterion", "shares_false")
NOTABLE = 0.5
"""A learner's d' or c "moves" from this much: with six posts of each kind, about one headline
judged the other way (one of six moves a rate by 1/7, its z by 0.4 to 0.6)."""


def judged_items(workshop: Workshop, module: Module, learners: list[str]) -> pd.DataFrame:
    """One row per (learner, rating item answered): the key, the side the learner's rating
    falls on and whether they would share it. Items left unanswered have no row."""
    name = workshop.notebook("exercise")
    keys = hidden_keys(workshop, module)
    items = read_localized(workshop.release / module.id / f"{name}.items.json")
    rated = {i: keys[i] for i, item in items.items() if item["type"] == "rating" and i in keys}
    rows = []
    for learner in learners:
        try:
            saved = read_answers(answer_path(workshop.graded_copies / learner / module.id, name))
        except AnswerFileError:
            saved = {}
        for item_id, key in rated.items():
            seen = normalize(items[item_id], saved.get(item_id, {}).get("value"))
            if seen:
                rows.append({"learner": learner, "item": item_id, "key": key,
                             "judged": rating_side(seen["rating"]),
                             "shared": int(bool(seen["share"]))})
    return pd.DataFrame(rows, columns=JUDGED)


def judgements(judged: pd.DataFrame) -> pd.DataFrame:
    """One row per learner: hit and false-alarm rates, d', sharing of unreliable posts.

    A learner who answered no reliable or no unreliable item has no rates and is left out.
    """
    rows = []
    for learner, own in judged.groupby("learner", sort=True):
        true, false = own[own["key"] == "reliable"], own[own["key"] == "unreliable"]
        if true.empty or false.empty:
            continue
        result = discernment(int((true["judged"] == "reliable").sum()), len(true),
                             int((false["judged"] == "reliable").sum()), len(false))
        rows.append({"learner": learner, "hit_rate": result.hit_rate,
                     "false_alarm_rate": result.false_alarm_rate, "d_prime": result.d_prime,
                     "criterion": result.criterion,
                     "shares_false": float(false["shared"].mean())})
    return pd.DataFrame(rows, columns=COLUMNS)


def paired(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Learners who did both, with ``_before`` and ``_after`` columns."""
    return before.merge(after, on="learner", suffixes=("_before", "_after"))


def before_after(pairs: pd.DataFrame) -> dict[str, Change]:
    """Paired change of d', of c and of sharing (see ``paired``); none under two learners."""
    return {measure: paired_change(list(pairs[f"{measure}_before"]),
                                   list(pairs[f"{measure}_after"]))
            for measure in MEASURES} if len(pairs) >= 2 else {}


CHANGE_LABELS = {
    "d_prime": ("Distinguer le vrai du faux (d′)", "Telling true from false (d′)"),
    "criterion": ("Méfiance ou crédulité (c)", "Scepticism or credulity (c)"),
    "shares_false": ("Partage de faux messages", "Sharing false posts"),
}


def change_label(measure: str) -> str:
    """What a before/after line measures, to label it."""
    return say(*CHANGE_LABELS[measure])


def verdict_words(change: Change, measure: str) -> str:
    """The change said plainly, without figures ("better" means the measure went up)."""
    words = {
        "d_prime": {"better": say("Le groupe distingue mieux le vrai du faux",
                                  "The group got better at telling true from false"),
                    "worse": say("Le groupe distingue moins bien le vrai du faux",
                                 "The group got worse at telling true from false"),
                    "same": say("Pas de changement net pour distinguer le vrai du faux",
                                "No clear change in telling true from false")},
        "criterion": {"better": say("Le groupe est devenu plus méfiant\u00a0: il répond plus "
                                    "souvent «\u00a0peu fiable\u00a0», aux vrais comme aux faux",
                                    "The group became more sceptical: it answers “unreliable” "
                                    "more often, to true and false posts alike"),
                      "worse": say("Le groupe est devenu plus crédule\u00a0: il répond plus "
                                   "souvent «\u00a0fiable\u00a0», aux vrais comme aux faux",
                                   "The group became more credulous: it answers “reliable” "
                                   "more often, to true and false posts alike"),
                      "same": say("Pas de changement net de méfiance ou de crédulité",
                                  "No clear change in lean")},
        "shares_false": {"better": say("Le groupe partagerait davantage de faux messages",
                                       "The group would share more false posts"),
                         "worse": say("Le groupe partagerait moins de faux messages",
                                      "The group would share fewer false posts"),
                         "same": say("Pas de changement net dans le partage de faux messages",
                                     "No clear change in sharing false posts")},
    }[measure]
    return words.get(change.verdict(), words["same"])


def plain_words(change: Change, measure: str) -> str:
    """The change said plainly, with its mean and its interval."""
    form = "+.0%" if measure == "shares_false" else "+.2f"  # a share reads best as a percentage
    level = say("IC 95\u00a0%", "95% CI")
    interval = f"({change.mean:{form}}, {level} {change.low:{form}} … {change.high:{form}})"
    return verdict_words(change, measure) + " " + interval


def doubt_warning(changes: dict[str, Change]) -> str | None:
    """The trap of inoculation games, said when it happens: more doubt, no better telling."""
    if changes["criterion"].verdict() == "better" and changes["d_prime"].verdict() != "better":
        return say("Attention\u00a0: le groupe doute davantage, sans mieux distinguer le vrai du "
                   "faux. Reprenez avec lui des messages vrais\u00a0: douter de tout, ce n'est pas "
                   "vérifier.",
                   "Careful: the group doubts more, without telling true from false any better. "
                   "Go over some true posts with it: doubting everything is not checking.")
    return None


def lean(criterion: float) -> str:
    """One learner's (or the group's) c in a word."""
    if criterion >= NOTABLE:
        return say("méfiant", "sceptical")
    if criterion <= -NOTABLE:
        return say("crédule", "credulous")
    return say("équilibré", "balanced")


def learner_change(d_before: float, c_before: float, d_after: float, c_after: float) -> str:
    """One learner's change in words: "distingue mieux" apart from "plus méfiant"."""
    said = []
    if abs(d_after - d_before) >= NOTABLE:
        said.append(say("distingue mieux", "tells them apart better") if d_after > d_before
                    else say("distingue moins bien", "tells them apart less well"))
    if abs(c_after - c_before) >= NOTABLE:
        said.append(say("plus méfiant", "more sceptical") if c_after > c_before
                    else say("plus crédule", "more credulous"))
    return ", ".join(said) or say("pas de changement net", "no clear change")
