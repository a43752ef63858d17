"""Telling true from false: each learner's judgements of the rating items of a module.

A rating item shows a made-up post whose key says whether it is reliable. Read as signal
detection (``grading.stats``): a *hit* is a reliable post judged reliable, a *false alarm* an
unreliable one judged reliable; d' rises only with real discernment. The sharing intention is
the share of unreliable posts the learner would pass on. Modules ``00`` (before) and ``09``
(after) give the paired change for the group.
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

COLUMNS = ["learner", "hit_rate", "false_alarm_rate", "d_prime", "shares_false"]
JUDGED = ["learner", "item", "key", "judged", "shared"]


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
            saved = read_answers(answer_path(workshop.submitted / learner / module.id, name))
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
                     "shares_false": float(false["shared"].mean())})
    return pd.DataFrame(rows, columns=COLUMNS)


def paired(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Learners who did both, with ``_before`` and ``_after`` columns."""
    return before.merge(after, on="learner", suffixes=("_before", "_after"))


def before_after(pairs: pd.DataFrame) -> dict[str, Change]:
    """Paired change of d' and of sharing (see ``paired``); none under two learners."""
    return {measure: paired_change(list(pairs[f"{measure}_before"]),
                                   list(pairs[f"{measure}_after"]))
            for measure in ("d_prime", "shares_false")} if len(pairs) >= 2 else {}


def plain_words(change: Change, measure: str) -> str:
    """The change said plainly, with its interval."""
    form = "+.0%" if measure == "shares_false" else "+.2f"  # a share reads best as a percentage
    interval = (f"({change.mean:{form}}, {say('IC', 'CI')} 95 % {change.low:{form}} … "
                f"{change.high:{form}})")
    if measure == "d_prime":
        words = {"better": say("Le groupe distingue mieux le vrai du faux",
                               "The group got better at telling true from false"),
                 "worse": say("Le groupe distingue moins bien le vrai du faux",
                              "The group got worse at telling true from false")}
    else:
        words = {"better": say("Le groupe partagerait davantage de faux messages",
                               "The group would share more false posts"),
                 "worse": say("Le groupe partagerait moins de faux messages",
                              "The group would share fewer false posts")}
    return words.get(change.verdict(), say("Pas de changement net", "No clear change")) + \
        " " + interval
