"""Before and after: modules 00 and 09 rehearsed with ``course demo``, graded by ``course grade``
and compared by ``course report``; every figure on the page is counted again here by hand from
the demo profiles and the keys of the hidden tests."""

from __future__ import annotations

import re
import shutil
from statistics import NormalDist, fmean

import pytest

from course.workshop import open_workshop
from grading.autograde import hidden_keys
from tests.helpers import course

pytestmark = pytest.mark.slow
LEARNERS = ("demo-renard-01", "demo-loutre-02", "demo-hibou-03", "demo-castor-04")
BEFORE = ("wrong", "partial", "partial", "right")
AFTER = ("partial", "right", "right", "right")


def judged_reliable(profile: str, index: int, key: str) -> tuple[bool, bool]:
    """What a demo learner of ``profile`` says of the ``index``-th item: reliable? shared?

    Right answers rate reliable items 5 and share them, unreliable ones 1 without sharing;
    a wrong answer flips both; "partial" is right on every other item, starting with the first.
    """
    right = profile == "right" or (profile == "partial" and index % 2 == 0)
    reliable = (key == "reliable") == right
    return reliable, reliable


def by_hand(profile: str, keys: list[str]) -> tuple[float, float, float, float]:
    """Hit rate, false-alarm rate (log-linear corrected), d' and share of false items shared."""
    said = [judged_reliable(profile, i, key) for i, key in enumerate(keys)]
    true = [s for s, key in zip(said, keys, strict=True) if key == "reliable"]
    false = [s for s, key in zip(said, keys, strict=True) if key == "unreliable"]
    hit = (sum(r for r, _ in true) + 0.5) / (len(true) + 1)
    alarm = (sum(r for r, _ in false) + 0.5) / (len(false) + 1)
    z = NormalDist().inv_cdf
    return hit, alarm, z(hit) - z(alarm), fmean(shared for _, shared in false)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("avant-apres") / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "senior",
                  "--modules", "00,09") == 0
    for module, profiles in (("00", BEFORE), ("09", AFTER)):
        assert course("demo", module, "-w", folder, "--learners", len(LEARNERS),
                      "--profiles", ",".join(profiles)) == 0
        assert course("grade", module, "-w", folder, "--workers", 2) == 0
    assert course("report", "00", "09", "-w", folder) == 0
    workshop = open_workshop(folder)
    keys = {number: list(hidden_keys(workshop, workshop.module(number)).values())
            for number in ("00", "09")}
    return (workshop.exports / "rapport.html").read_text("utf-8"), keys, workshop


def test_each_learners_discernment_matches_a_hand_count(report):
    page, keys, _ = report
    for number, profiles in (("00", BEFORE), ("09", AFTER)):
        assert len(keys[number]) == 12 and keys[number].count("reliable") == 6
        section = page.split(f"<h2>{number}-", 1)[1].split("<h2>", 1)[0]
        for learner, profile in zip(LEARNERS, profiles, strict=True):
            hit, alarm, d, shared = by_hand(profile, keys[number])
            assert (f"<tr><td>{learner}</td><td class=\"n\">{hit:.2f}</td><td class=\"n\">"
                    f"{alarm:.2f}</td><td class=\"n\">{d:.2f}</td><td class=\"n\">"
                    f"{shared:.0%}</td></tr>") in section


def test_the_group_change_is_said_plainly_with_its_mean(report):
    page, keys, _ = report
    change = fmean(by_hand(a, keys["09"])[2] - by_hand(b, keys["00"])[2]
                   for b, a in zip(BEFORE, AFTER, strict=True))
    shared = fmean(by_hand(a, keys["09"])[3] - by_hand(b, keys["00"])[3]
                   for b, a in zip(BEFORE, AFTER, strict=True))
    assert change > 0 and shared < 0
    assert f"Le groupe distingue mieux le vrai du faux ({change:+.2f}, IC 95 %" in page
    assert f"Le groupe partagerait moins de faux messages ({shared:+.0%}, IC 95 %" in page
    assert "4 apprenant(s) ont répondu avant et après." in page
    before = fmean(by_hand(b, keys["00"])[2] for b in BEFORE)
    after = fmean(by_hand(a, keys["09"])[2] for a in AFTER)
    assert f'alt="d′ moyen : {before:.2f} avant, {after:.2f} après."' in page


def test_pooled_workshops_keep_the_change_without_naming_anyone(report, tmp_path):
    page, _, workshop = report
    verdicts = re.findall(r"<p>(Le groupe [^<]*)</p>", page)
    assert len(verdicts) == 2
    exports = []
    for n in range(2):  # the same workshop exported twice stands for two workshops
        assert course("report", "00", "09", "-w", workshop.path) == 0
        exports.append(shutil.copy(workshop.exports / "rapport-anonyme.csv",
                                   tmp_path / f"atelier-{n}.csv"))
    assert course("report", "--pool", *exports, "--out", tmp_path / "commun") == 0
    pooled = (tmp_path / "commun" / "rapport-commun.html").read_text("utf-8")
    # the same pairs twice: the same mean change (its interval narrows with more learners)
    for verdict in verdicts:
        assert verdict.split(", IC")[0] in pooled
    assert "groupe (moyenne de 8)" in pooled
    assert not any(learner in pooled for learner in LEARNERS)
