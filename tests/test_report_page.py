"""``course report --pool``: the page read back as HTML, in the language asked for whatever the
machine speaks, with its headings, and d′ beside criterion c for each module and for the
change before/after, every figure counted again here by hand."""

from __future__ import annotations

import re
from pathlib import Path
from statistics import NormalDist, fmean

import pandas as pd
import pytest

from course import i18n
from grading.report import POOL_COLUMNS
from tests.helpers import course

KEYS = ["reliable", "reliable", "unreliable", "unreliable"]
# What each (anonymous) learner answered to the four posts, before and after:
# "all reliable" believes everything, "all unreliable" doubts everything, "right" tells them apart.
BEFORE = {"a": "all reliable", "b": "all unreliable", "c": "right"}
AFTER = {"a": "right", "b": "right", "c": "all unreliable"}
z = NormalDist().inv_cdf


def judged(way: str, key: str) -> str:
    return {"all reliable": "reliable", "all unreliable": "unreliable", "right": key}[way]


def by_hand(way: str) -> tuple[float, float]:
    """d′ and c of one learner, log-linear corrected (0.5 added to counts, 1 to totals)."""
    said = {key: [judged(way, k) == "reliable" for k in KEYS if k == key] for key in set(KEYS)}
    hit = (sum(said["reliable"]) + 0.5) / 3
    alarm = (sum(said["unreliable"]) + 0.5) / 3
    return z(hit) - z(alarm), -(z(hit) + z(alarm)) / 2


@pytest.fixture
def pool(tmp_path: Path) -> Path:
    rows = [{"workshop": "w1", "learner": learner, "module": module, "item": f"i{n}",
             "score": float(judged(way, key) == key), "max_score": 1.0, "key": key,
             "judged": judged(way, key), "shared": int(judged(way, key) == "reliable")}
            for module, ways in (("00-avant", BEFORE), ("11-apres", AFTER))
            for learner, way in ways.items() for n, key in enumerate(KEYS)]
    table = pd.DataFrame(rows)
    assert list(table.columns[:len(POOL_COLUMNS)]) == POOL_COLUMNS
    path = tmp_path / "atelier.csv"
    table.to_csv(path, index=False)
    return path


def pooled_page(pool: Path, monkeypatch, machine: str, *lang: str) -> str:
    """The pooled page on a machine that speaks ``machine`` (whatever an earlier test set)."""
    monkeypatch.setattr(i18n, "_cli_language", [])
    monkeypatch.setenv("COURSE_LANG", machine)
    out = pool.parent / f"rapport-{machine}-{'-'.join(lang) or 'default'}"
    assert course("report", "--pool", pool, "--out", out, *lang) == 0
    return (out / "rapport-commun.html").read_text("utf-8")


def test_english_is_asked_for_on_a_french_machine(pool: Path, monkeypatch):
    page = pooled_page(pool, monkeypatch, "fr", "--lang", "en")
    assert '<html lang="en">' in page and "<h1>Workshop report</h1>" in page
    headings = re.findall(r"<h[23][^>]*>([^<]*)</h[23]>", page)
    assert headings == ["In short", "What next?", "Before / after (modules 00 and 11)",
                        "00-avant", "Questions", "True or false: discernment",
                        "Who may need help",
                        "11-apres", "Questions", "True or false: discernment",
                        "Who may need help", "Glossary: this report&#39;s figures in plain words"]
    assert "built-in method" not in page
    for french in ("apprenant", "Rapport", "groupe", "méfiant", "IC 95", "Réussite", "Lexique",
                   "Et maintenant"):
        assert french not in page


def test_the_page_is_french_by_default_on_a_french_machine(pool: Path, monkeypatch):
    page = pooled_page(pool, monkeypatch, "fr")
    assert '<html lang="fr">' in page and "<h1>Rapport de l&#39;atelier</h1>" in page
    assert "<h3>Questions</h3>" in page and "built-in method" not in page


def test_each_module_shows_d_prime_beside_c_for_the_group(pool: Path, monkeypatch):
    page = pooled_page(pool, monkeypatch, "en", "--lang", "en")
    header = ('<tr><th scope="col">Learner</th><th scope="col">True judged reliable</th>'
              '<th scope="col">False judged reliable</th><th scope="col">d′</th>'
              '<th scope="col">c</th><th scope="col">Lean</th>')
    assert page.count(header) == 2
    for module, ways in (("00-avant", BEFORE), ("11-apres", AFTER)):
        section = page.split(f"<h2>{module}</h2>", 1)[1].split("<h2>", 1)[0]
        d = fmean(by_hand(way)[0] for way in ways.values())
        c = fmean(by_hand(way)[1] for way in ways.values())
        lean = "sceptical" if c >= 0.5 else "credulous" if c <= -0.5 else "balanced"
        two = f"{round(d, 2) + 0.0:.2f}", f"{round(c, 2) + 0.0:.2f}"  # as written, never -0.00
        assert f'<td class="n">{two[0]}</td><td class="n">{two[1]}</td><td>{lean}</td>' \
            in section, (module, d, c)
    assert "-0.00" not in page
    # before: c = -0.97 (believes all), +0.97 (doubts all), 0 (right): a mean of 0
    assert fmean(by_hand(w)[1] for w in BEFORE.values()) == pytest.approx(0, abs=1e-9)
    assert by_hand("all unreliable") == pytest.approx((0, 0.9674), abs=1e-4)


def test_the_change_says_sceptical_apart_from_discerning(pool: Path, monkeypatch):
    page = pooled_page(pool, monkeypatch, "en", "--lang", "en")
    change_d = fmean(by_hand(AFTER[x])[0] - by_hand(BEFORE[x])[0] for x in BEFORE)
    change_c = fmean(by_hand(AFTER[x])[1] - by_hand(BEFORE[x])[1] for x in BEFORE)
    assert (round(change_d, 2), round(change_c, 2)) == (0.64, 0.32)
    verdicts = re.findall(r"<p>([^<]*95% CI[^<]*)</p>", page)
    assert [v.split(" (")[0] for v in verdicts] == [
        "No clear change in telling true from false", "No clear change in lean",
        "No clear change in sharing false posts"]
    assert f"({change_d:+.2f}, 95% CI " in verdicts[0]
    assert f"({change_c:+.2f}, 95% CI " in verdicts[1]
    before, after = (fmean(by_hand(w)[1] for w in ways.values()) for ways in (BEFORE, AFTER))
    assert f'alt="Mean c: {round(before, 2) + 0.0:.2f} before, {after:.2f} after."' in page
