"""What the workshop report says in plain words, for a counsellor who is not a statistician.

The report's figures (``grading.stats``) are right but mean little on their own: this module
names each question by its text, each skill in the workshop's language (``skills.yml``), says
each figure in words beside it, holds the page's glossary, and writes the three-line summary
and the "what to do next" list that open the page. The reading thresholds below are the
page's own conventions, said as such in the glossary.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from course.content import Module
from course.i18n import say
from course.items import in_audience, load_bank, localize

SHORT = 80
"""A question is shown by its first words, up to this many characters."""
EASY, HARD = 0.8, 0.5
"""Réussite from which a question reads as easy, and under which it is worth going over."""
SEPARATES = 0.3
"""Pouvoir de distinction from which a question reads as separating well."""
SKILLS_FILE = Path(__file__).with_name("skills.yml")


@cache
def _skills() -> dict[str, dict[str, str]]:
    return yaml.safe_load(SKILLS_FILE.read_text(encoding="utf-8"))


def skill_name(tag: str, lang: str) -> str:
    """A skill tag (``lateral-reading``) in the workshop's language; the tag if unnamed."""
    return _skills().get(tag, {}).get(lang, tag)


def shorten(text: str, size: int = SHORT) -> str:
    """The first words of ``text`` on one line, cut at a word, with "…" when cut."""
    flat = re.sub(r"[*_`#>]+", "", " ".join(text.split()))
    if len(flat) <= size:
        return flat
    return flat[:size].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def question_texts(module: Module, lang: str, audience: str | None = None) -> dict[str, str]:
    """Item id -> the question's short text (its prompt, else the post it shows)."""
    path = module.exercise_dir / "items.yml"
    if not path.is_file():
        return {}
    shown = [localize(item, lang, graded=True, audience=audience)
             for item in load_bank(path, graded=True)
             if not audience or in_audience(item, audience)]
    prompts = Counter(item.get("prompt") for item in shown)
    texts = {}
    for item in shown:
        # "Read this post, then rate it." asks every rating item: the post tells them apart.
        prompt = item.get("prompt") if prompts[item.get("prompt")] == 1 else None
        text = prompt or item.get("post", {}).get("text") or item.get("prompt") or item["id"]
        texts[item["id"]] = shorten(text)
    return texts


def difficulty_words(share: float) -> str:
    """A question's réussite (share of the points won) in words."""
    if math.isnan(share):
        return "—"
    if share >= EASY:
        return say("facile : presque tout le monde l'a réussie", "easy: nearly everyone got it")
    if share < HARD:
        return say("difficile : à reprendre en groupe", "hard: worth going over together")
    return say("moyenne", "middling")


def separation_words(value: float) -> str:
    """A question's pouvoir de distinction (corrected item-total correlation) in words."""
    if math.isnan(value):
        return say("trop peu de réponses différentes pour le dire",
                   "too few different answers to tell")
    if value >= SEPARATES:
        return say("sépare bien ceux qui ont compris", "separates well those who understood")
    if value >= 0:
        return say("sépare peu", "separates little")
    return say("va à l'inverse du reste : à relire", "goes against the rest: read it again")


def glossary() -> list[dict[str, str]]:
    """Every figure of the page, said plainly (the page's glossary)."""
    entries = [
        (say("Points autocorrigés", "Autograded points"), say(
            "les points des questions que l'ordinateur corrige seul (choix, échelles). Les "
            "réponses écrites, corrigées à la main, n'y sont pas comptées.",
            "the points of the questions the computer marks by itself (choices, scales). "
            "Written answers, marked by hand, are not counted in them.")),
        (say("Réussite (0 à 1)", "Success (0 to 1)"), say(
            "la part des points obtenus sur une question par tout le groupe : 0, personne ne "
            "l'a réussie ; 1, tout le monde ; 0.50, la moitié des points. Sous 0.50, la "
            "question vaut d'être reprise en groupe.",
            "the share of the points the whole group won on a question: 0, nobody got it; "
            "1, everybody; 0.50, half the points. Under 0.50, the question is worth going "
            "over together.")),
        (say("Pouvoir de distinction de la question", "How well the question separates"), say(
            "est-ce que ceux qui réussissent cette question réussissent aussi le reste de "
            "l'exercice ? De −1 à 1 (la corrélation entre la question et le reste). Repère "
            "de ce rapport : à partir de 0.30 elle sépare bien ; près de 0 elle ne dit pas "
            "grand-chose ; sous 0 elle va à l'inverse du reste, relisez-la (consigne "
            "ambiguë ?). « — » : moins de trois apprenants, ou tous la même note.",
            "do those who get this question right also get the rest of the exercise right? "
            "From −1 to 1 (the correlation between the question and the rest). This report's "
            "rule of thumb: from 0.30 it separates well; near 0 it says little; under 0 it "
            "goes against the rest, read it again (unclear wording?). “—”: fewer than three "
            "learners, or all with the same mark.")),
        (say("Vrais jugés fiables, faux jugés fiables", "True judged reliable, false judged "
             "reliable"), say(
            "la part des titres vrais, puis des titres faux, que la personne a notés fiables "
            "(4 à 6 sur l'échelle de 1 à 6). Le premier doit être haut, le second bas.",
            "the share of the true headlines, then of the false ones, the person rated "
            "reliable (4 to 6 on the 1-to-6 scale). The first should be high, the second low.")),
        ("d′", say(
            "la capacité à distinguer le vrai du faux. 0 : au hasard ; plus il est grand, "
            "mieux la personne les distingue. Se méfier de tout ne le fait pas "
            "monter.",
            "the ability to tell true from false. 0: chance; the higher, the better the person "
            "tells them apart. Doubting everything does not raise it.")),
        (say("c (penchant)", "c (lean)"), say(
            "de quel côté la personne penche quand elle hésite. 0 : d'aucun côté ; au-dessus "
            "de 0 elle répond plus souvent « peu fiable » (méfiante) ; en dessous, plus "
            "souvent « fiable » (crédule). Dit méfiant ou crédule à partir de 0.5 ou −0.5.",
            "which way the person leans when unsure. 0: neither way; above 0 they answer "
            "“unreliable” more often (sceptical); below 0, “reliable” more often (credulous). "
            "Called sceptical or credulous from 0.5 or −0.5.")),
        (say("IC 95 %", "95% CI"), say(
            "l'intervalle de confiance à 95 % : la fourchette où se trouve très probablement "
            "le vrai changement du groupe, compte tenu du petit nombre d'apprenants. Si elle "
            "contient 0, on ne peut pas dire que le groupe a changé.",
            "the 95% confidence interval: the range the group's true change most probably "
            "lies in, given how few learners there are. If it contains 0, one cannot say the "
            "group changed.")),
    ]
    return [{"term": term, "text": text} for term, text in entries]


def _names(learners: list[str], most: int = 8) -> str:
    shown = ", ".join(learners[:most])
    more = len(learners) - most
    return shown + (say(f" et {more} autre(s)", f" and {more} other(s)") if more > 0 else "")


def summary_lines(sections: list[dict[str, Any]], roster: list[str],
                  change: dict[str, Any]) -> list[str]:
    """The page's first three lines: who handed in, how it went, what changed."""
    handed = sorted({learner for s in sections for learner in s.get("handed_in", [])})
    if roster:
        silent = [learner for learner in roster if learner not in handed]
        came = len(roster) - len(silent)
        who = say(f"{len(roster)} apprenant(s) inscrit(s) : {came} ont rendu au moins un "
                  f"module, {len(silent)} rien du tout.",
                  f"{len(roster)} learner(s) on the roster: {came} handed in at least one "
                  f"module, {len(silent)} nothing at all.")
    else:
        count = max((s["learners"] for s in sections), default=0)
        who = say(f"Jusqu'à {count} apprenant(s) par module.",
                  f"Up to {count} learner(s) per module.")
    means = ", ".join(say(f"{s['number']} : {s['mean']:.0%}", f"{s['number']}: {s['mean']:.0%}")
                      for s in sections)
    how = say(f"Moyenne des points autocorrigés, module par module : {means}.",
              f"Mean of the autograded points, module by module: {means}.")
    if change.get("verdicts"):
        headline = change["verdicts"][0]["headline"]
        what = say("Avant / après : ", "Before / after: ") + headline[0].lower() + headline[1:]
    else:
        what = say("Avant / après : pas encore mesuré (il faut que deux apprenants au moins "
                   "aient fait le questionnaire du début et celui de la fin).",
                   "Before / after: not measured yet (at least two learners must have done "
                   "both the first and the last questionnaire).")
    return [who, how, what]


def next_steps(sections: list[dict[str, Any]], change: dict[str, Any],
               after_survey: str | None) -> list[str]:
    """What to do next, most pressing first; never empty."""
    steps = []
    for s in sections:
        if s.get("manual"):
            steps.append(say(f"Module {s['number']} : corriger à la main les réponses écrites "
                             f"de {_names(s['manual'])} (course dashboard, page « Réponses "
                             "écrites »).", f"Module {s['number']}: mark the written answers "
                             f"of {_names(s['manual'])} by hand (course dashboard, page "
                             "“Written answers”)."))
    for s in sections:
        if s.get("nothing"):
            steps.append(say(f"Module {s['number']} : relancer {_names(s['nothing'])} (rien "
                             "rendu).", f"Module {s['number']}: remind "
                             f"{_names(s['nothing'])} (nothing handed in)."))
        if s.get("help"):
            steps.append(say(f"Module {s['number']} : reprendre le module avec "
                             f"{_names(s['help'])} (moins de la moitié des points).",
                             f"Module {s['number']}: go over the module with "
                             f"{_names(s['help'])} (under half the points)."))
        hardest = min((i for i in s["items"] if not math.isnan(i["difficulty"])),
                      key=lambda i: i["difficulty"], default=None)
        if hardest and hardest["difficulty"] < HARD:
            steps.append(say(f"Module {s['number']} : revoir en groupe la question "
                             f"« {hardest['text']} » (réussite {hardest['difficulty_text']}).",
                             f"Module {s['number']}: go over the question "
                             f"“{hardest['text']}” together (success "
                             f"{hardest['difficulty_text']})."))
        for item in s["items"]:
            if not math.isnan(item["discrimination"]) and item["discrimination"] < 0:
                steps.append(say(f"Module {s['number']} : relire la question "
                                 f"« {item['text']} » : elle va à l'inverse du reste.",
                                 f"Module {s['number']}: read the question "
                                 f"“{item['text']}” again: it goes against the rest."))
    if change.get("warning"):
        steps.append(change["warning"])
    if not change and after_survey:
        steps.append(say(f"Faire passer le questionnaire de fin (module {after_survey}) pour "
                         "mesurer ce qui a changé.", f"Run the last questionnaire (module "
                         f"{after_survey}) to measure what changed."))
    return steps or [say("Rien d'urgent : vous pouvez passer au module suivant.",
                         "Nothing urgent: you can go on to the next module.")]
