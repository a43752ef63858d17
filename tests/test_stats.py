"""Report statistics against numbers worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from grading.discernment import (
    before_after,
    doubt_warning,
    learner_change,
    paired,
    plain_words,
)
from grading.stats import difficulty, discernment, discrimination, paired_change


def test_d_prime_with_log_linear_correction():
    # 8 of 10 true headlines judged reliable, 2 of 10 false ones: H = 8.5/11, F = 2.5/11,
    # z(0.7727) = 0.7479, z(0.2273) = -0.7479, d' = 1.4957
    result = discernment(8, 10, 2, 10)
    assert result.hit_rate == pytest.approx(0.772727, abs=1e-6)
    assert result.false_alarm_rate == pytest.approx(0.227273, abs=1e-6)
    assert result.d_prime == pytest.approx(1.4957, abs=1e-4)


def test_doubting_everything_is_not_discernment():
    assert discernment(0, 6, 0, 6).d_prime == pytest.approx(0.0)
    assert discernment(6, 6, 6, 6).d_prime == pytest.approx(0.0)


def test_criterion_c_tells_doubt_from_discernment():
    # c = -(z(H) + z(F)) / 2, with the same log-linear correction as d'.
    # Doubting all 12: H = F = 0.5/7, z = -1.4652: d' = 0 but c = +1.47 (sceptical);
    # believing all 12: H = F = 6.5/7, z = +1.4652: c = -1.47 (credulous).
    assert discernment(0, 6, 0, 6).criterion == pytest.approx(1.4652, abs=1e-4)
    assert discernment(6, 6, 6, 6).criterion == pytest.approx(-1.4652, abs=1e-4)
    # 8/10 and 2/10: z(0.7727) = 0.7479 = -z(0.2273), no lean at all
    assert discernment(8, 10, 2, 10).criterion == pytest.approx(0.0, abs=1e-9)
    # 5 of 6 true judged reliable, 3 of 6 false: H = 5.5/7, z = 0.7916; F = 3.5/7, z = 0:
    # d' = 0.7916, c = -0.3958 (leans to "reliable")
    leaning = discernment(5, 6, 3, 6)
    assert (leaning.d_prime, leaning.criterion) == pytest.approx((0.7916, -0.3958), abs=1e-4)
    # 2 of 6 true, 0 of 6 false: H = 2.5/7, z = -0.3661; F = 0.5/7, z = -1.4652:
    # d' = 1.0991, c = 0.9157 (tells them apart, and leans to "unreliable")
    careful = discernment(2, 6, 0, 6)
    assert (careful.d_prime, careful.criterion) == pytest.approx((1.0991, 0.9157), abs=1e-4)


def test_difficulty_and_discrimination():
    assert difficulty([1, 0, 1, 1], 1) == 0.75
    # item [1,0,1,0], rest of the test [4,1,3,2]: cov 2.0 / sqrt(1 * 5) = 0.8944
    assert discrimination([1, 0, 1, 0], [5, 1, 4, 2]) == pytest.approx(0.894427, abs=1e-6)
    assert math.isnan(discrimination([1, 1, 1], [3, 2, 1]))


def test_paired_change_and_its_verdict():
    assert paired_change([0, 0, 0, 0], [1, 1, 1, 1]).verdict() == "better"
    assert paired_change([1, 1, 1, 1], [0, 0, 0, 0]).verdict() == "worse"
    mixed = paired_change([0, 1, 0, 1, 0, 1], [1, 0, 1, 0, 1, 0])
    assert mixed.mean == 0 and mixed.low < 0 < mixed.high and mixed.verdict() == "no clear change"


def test_before_after_is_said_plainly():
    before = pd.DataFrame({"learner": ["a", "b", "c"], "d_prime": [0.0, 0.2, -0.1],
                           "criterion": [0.0, 0.1, -0.2], "shares_false": [0.5, 0.5, 1.0]})
    after = pd.DataFrame({"learner": ["c", "b", "a", "z"], "d_prime": [1.0, 1.1, 0.9, 3.0],
                          "criterion": [0.6, 0.9, 1.0, 0.0],
                          "shares_false": [1.0, 0.5, 0.5, 0.0]})
    pairs = paired(before, after)  # "z" did only the second module: left out
    assert sorted(pairs.learner) == ["a", "b", "c"]
    changes = before_after(pairs)
    assert changes["d_prime"].mean == pytest.approx((0.9 + 0.9 + 1.1) / 3)
    assert changes["criterion"].mean == pytest.approx((1.0 + 0.8 + 0.8) / 3)
    assert plain_words(changes["d_prime"], "d_prime").startswith(
        ("Le groupe distingue mieux", "The group got better"))
    assert plain_words(changes["criterion"], "criterion").startswith(
        ("Le groupe est devenu plus méfiant", "The group became more sceptical"))
    assert plain_words(changes["shares_false"], "shares_false").startswith(
        ("Pas de changement net", "No clear change"))
    credulous = before_after(pairs.assign(criterion_after=pairs.criterion_before - 1))
    assert plain_words(credulous["criterion"], "criterion").startswith(
        ("Le groupe est devenu plus crédule", "The group became more credulous"))


@pytest.mark.parametrize("before, after, words", [
    ((0.0, 0.0), (1.0, 0.0), ("distingue mieux", "tells them apart better")),
    ((1.0, 0.0), (1.1, 0.8), ("plus méfiant", "more sceptical")),
    ((1.0, 0.0), (0.2, -0.6), ("distingue moins bien, plus crédule",
                               "tells them apart less well, more credulous")),
    ((0.5, 0.2), (0.7, 0.0), ("pas de changement net", "no clear change")),
])
def test_each_learners_change_is_said_in_words(before, after, words):
    # a change counts from 0.5, about one headline's worth with six of each kind
    assert learner_change(*before, *after) in words


def test_more_doubt_without_more_discernment_is_pointed_out():
    # The trap inoculation games fell into (Graham et al. 2023): c rises, d' does not.
    more_doubt = {"d_prime": paired_change([1, 1, 1, 1], [1, 1.1, 0.9, 1]),
                  "criterion": paired_change([0, 0, 0, 0], [1, 1, 1, 1])}
    assert doubt_warning(more_doubt).startswith(("Attention", "Careful"))
    better_too = {**more_doubt, "d_prime": paired_change([0, 0, 0, 0], [1, 1, 1, 1])}
    assert doubt_warning(better_too) is None
    more_trust = {**more_doubt, "criterion": paired_change([1, 1, 1, 1], [0, 0, 0, 0])}
    assert doubt_warning(more_trust) is None
