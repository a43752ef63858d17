"""Before and after: modules 00 and 11 rehearsed with ``course demo``, graded by ``course grade``
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


def by_hand(profile: str, keys: list[str]) -> tuple[float, float, float, float, float]:
    """Hit rate, false-alarm rate (log-linear corrected), d', criterion c and share of false
    items shared."""
    said = [judged_reliable(profile, i, key) for i, key in enumerate(keys)]
    true = [s for s, key in zip(said, keys, strict=True) if key == "reliable"]
    false = [s for s, key in zip(said, keys, strict=True) if key == "unreliable"]
    hit = (sum(r for r, _ in true) + 0.5) / (len(true) + 1)
    alarm = (sum(r for r, _ in false) + 0.5) / (len(false) + 1)
    z = NormalDist().inv_cdf
    return (hit, alarm, z(hit) - z(alarm), -(z(hit) + z(alarm)) / 2,
            fmean(shared for _, shared in false))


def two(value: float) -> str:
    """Two decimals as the page writes them (no "-0.00")."""
    return f"{round(value, 2) + 0.0:.2f}"


def lean(c: float) -> str:
    return "méfiant" if c >= 0.5 else "crédule" if c <= -0.5 else "équilibré"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("avant-apres") / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "senior",
                  "--modules", "00,11") == 0
    for module, profiles in (("00", BEFORE), ("11", AFTER)):
        assert course("demo", module, "-w", folder, "--learners", len(LEARNERS),
                      "--profiles", ",".join(profiles)) == 0
        assert course("grade", module, "-w", folder, "--workers", 2) == 0
    assert course("report", "00", "11", "-w", folder) == 0
    workshop = open_workshop(folder)
    keys = {number: list(hidden_keys(workshop, workshop.module(number)).values())
            for number in ("00", "11")}
    return (workshop.exports / "rapport.html").read_text("utf-8"), keys, workshop


def test_each_learners_discernment_matches_a_hand_count(report):
    page, keys, _ = report
    assert "built-in method" not in page
    for number, profiles in (("00", BEFORE), ("11", AFTER)):
        assert len(keys[number]) == 12 and keys[number].count("reliable") == 6
        section = page.split(f"<h2>{number}-", 1)[1].split("<h2>", 1)[0]
        headings = [h.replace("\u00a0", " ") for h in re.findall(r"<h3>([^<]*)</h3>", section)]
        assert headings == ["Questions", "Maîtrise par compétence", "Vrai ou faux : discernement",
                            "Qui pourrait avoir besoin d&#39;aide", "Qui a rendu quoi"]
        assert '<th scope="col">d′</th><th scope="col">c</th><th scope="col">Penchant</th>' \
            in section
        for learner, profile in zip(LEARNERS, profiles, strict=True):
            hit, alarm, d, c, shared = by_hand(profile, keys[number])
            assert (f"<tr><td>{learner}</td><td class=\"n\">{hit:.2f}</td><td class=\"n\">"
                    f"{alarm:.2f}</td><td class=\"n\">{two(d)}</td><td class=\"n\">{two(c)}</td>"
                    f"<td>{lean(c)}</td><td class=\"n\">{shared:.0%}</td></tr>") in section


def test_each_learners_change_is_said_in_words(report):
    page, keys, _ = report
    change = page.split("<h2>Avant / après", 1)[1].split("<h2>", 1)[0]
    for learner, before, after in zip(LEARNERS, BEFORE, AFTER, strict=True):
        d0, c0 = by_hand(before, keys["00"])[2:4]
        d1, c1 = by_hand(after, keys["11"])[2:4]
        words = [w for w, moved in (("distingue mieux", d1 - d0 >= 0.5),
                                    ("distingue moins bien", d0 - d1 >= 0.5),
                                    ("plus méfiant", c1 - c0 >= 0.5),
                                    ("plus crédule", c0 - c1 >= 0.5)) if moved]
        assert (f"<tr><td>{learner}</td><td class=\"n\">{two(d0)}</td><td class=\"n\">{two(d1)}"
                f"</td><td class=\"n\">{two(c0)}</td><td class=\"n\">{two(c1)}</td><td>"
                f"{', '.join(words) or 'pas de changement net'}</td></tr>") in change


def test_the_group_change_is_said_plainly_with_its_mean(report):
    page, keys, _ = report
    change, lean_change, shared = (
        fmean(by_hand(a, keys["11"])[n] - by_hand(b, keys["00"])[n]
              for b, a in zip(BEFORE, AFTER, strict=True)) for n in (2, 3, 4))
    assert change > 0 and shared < 0
    assert f"Le groupe distingue mieux le vrai du faux ({change:+.2f}, IC 95\u00a0%" in page
    assert f"Le groupe partagerait moins de faux messages ({shared:+.0%}, IC 95\u00a0%" in page
    assert re.search(r"<p>(Le groupe est devenu plus (méfiant|crédule)|Pas de changement net de "
                     rf"méfiance ou de crédulité) \({lean_change:+.2f}, IC 95\u00a0%", page)
    assert "4 apprenant(s) ont répondu avant et après." in page
    for n, name in ((2, "d′"), (3, "c")):
        before = fmean(by_hand(b, keys["00"])[n] for b in BEFORE)
        after = fmean(by_hand(a, keys["11"])[n] for a in AFTER)
        assert f'alt="{name} moyen\u00a0: {two(before)} avant, {two(after)} après."' in page
    assert "-0.00" not in page


def test_pooled_workshops_keep_the_change_without_naming_anyone(report, tmp_path):
    page, _, workshop = report
    verdicts = re.findall(r"<p>((Le groupe|Pas de changement)[^<]*)</p>", page)
    verdicts = [verdict for verdict, _ in verdicts]
    assert len(verdicts) == 3
    exports = []
    for n in range(2):  # the same workshop exported twice stands for two workshops
        assert course("report", "00", "11", "-w", workshop.path) == 0
        exports.append(shutil.copy(workshop.exports / "rapport-anonyme.csv",
                                   tmp_path / f"atelier-{n}.csv"))
    assert course("report", "--pool", *exports, "--out", tmp_path / "commun") == 0
    pooled = (tmp_path / "commun" / "rapport-commun.html").read_text("utf-8")
    # the same pairs twice: the same mean change (its interval narrows with more learners)
    for verdict in verdicts:
        assert verdict.split(", IC")[0] in pooled
    assert "groupe (moyenne de 8)" in pooled
    assert not any(learner in pooled for learner in LEARNERS)
