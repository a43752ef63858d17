"""The few statistics a workshop report needs, in plain functions a test can check by hand.

Item analysis (difficulty, discrimination) and signal detection for true/false discernment:
the hit rate (true items judged reliable), the false-alarm rate (false items judged reliable)
and d' = z(hit rate) − z(false-alarm rate), which grows only when a learner tells true from
false better, not when they simply doubt everything (Bad News made players doubt true news too).
Beside it, the criterion c = −(z(hit rate) + z(false-alarm rate)) / 2 says where the learner
draws the line: 0 leans neither way, above 0 they answer "unreliable" more often (sceptical),
below 0 "reliable" more often (credulous). A course that only made people doubt would raise c
and leave d' alone. Rates use the log-linear correction (Hautus 1995: add 0.5 to counts, 1 to
totals), for d' and c alike, so that a perfect score still has finite values. Changes get a
bootstrap confidence interval.
"""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass

_z = statistics.NormalDist().inv_cdf


@dataclass(frozen=True)
class Discernment:
    hit_rate: float
    false_alarm_rate: float
    d_prime: float
    criterion: float


def discernment(hits: int, true_items: int, false_alarms: int, false_items: int) -> Discernment:
    """Hit and false-alarm rates, d' and criterion c (log-linear corrected) from counts."""
    hit = (hits + 0.5) / (true_items + 1)
    false_alarm = (false_alarms + 0.5) / (false_items + 1)
    return Discernment(hit, false_alarm, _z(hit) - _z(false_alarm),
                       -(_z(hit) + _z(false_alarm)) / 2)


def difficulty(scores: list[float], max_score: float) -> float:
    """Share of the points learners got on an item (1 = everyone right)."""
    return statistics.fmean(scores) / max_score if scores and max_score else float("nan")


def discrimination(item: list[float], totals: list[float]) -> float:
    """Corrected item-total correlation: does the item go with the rest of the exercise?"""
    rest = [t - i for i, t in zip(item, totals, strict=True)]
    if len(item) < 3 or len(set(item)) < 2 or len(set(rest)) < 2:
        return float("nan")
    return statistics.correlation(item, rest)


@dataclass(frozen=True)
class Change:
    mean: float
    low: float
    high: float

    def verdict(self) -> str:
        if self.low > 0:
            return "better"
        if self.high < 0:
            return "worse"
        return "no clear change"


def paired_change(before: list[float], after: list[float], resamples: int = 2000,
                  level: float = 0.95, seed: int = 0) -> Change:
    """Mean of after − before over learners, with a percentile bootstrap interval."""
    diffs = [a - b for b, a in zip(before, after, strict=True)]
    rng = random.Random(seed)
    means = sorted(statistics.fmean(rng.choices(diffs, k=len(diffs)))
                   for _ in range(resamples))
    cut = int((1 - level) / 2 * resamples)
    return Change(statistics.fmean(diffs), means[cut], means[resamples - 1 - cut])
