"""``course report``: one offline HTML page (plots embedded) and a CSV on how a workshop went.

Per module: the spread of scores, each autograded item's difficulty and discrimination (see
``grading.stats``), and the learners who may need help (under half of the autograded points).
Everything comes from the gradebook; nothing on the page needs the internet.
"""

from __future__ import annotations

import base64
import io
import math
from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from course.content import Module
from course.i18n import say
from course.workshop import Workshop

from .nbgrader_setup import gradebook
from .stats import difficulty, discrimination

HELP_BELOW = 0.5
_env = Environment(loader=PackageLoader("grading", "templates"),
                   autoescape=select_autoescape(["html", "j2"]))


def item_scores(workshop: Workshop, module: Module) -> pd.DataFrame:
    """One row per (learner, autograded item): score and max score, from the gradebook."""
    rows = []
    with gradebook(workshop) as book:
        for submission in book.find_assignment(module.id).submissions:
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.name.startswith("test-") and grade.score is not None:
                        rows.append({"learner": submission.student.id,
                                     "item": grade.name.removeprefix("test-"),
                                     "score": grade.score, "max_score": grade.max_score})
    return pd.DataFrame(rows, columns=["learner", "item", "score", "max_score"])


def item_table(scores: pd.DataFrame) -> pd.DataFrame:
    """Difficulty and discrimination of each item, in the exercise's order."""
    totals = scores.groupby("learner")["score"].sum()
    rows = []
    for item, group in scores.groupby("item", sort=False):
        ordered = group.set_index("learner")["score"].reindex(totals.index, fill_value=0.0)
        rows.append({"item": item,
                     "difficulty": difficulty(list(group["score"]), group["max_score"].iloc[0]),
                     "discrimination": discrimination(list(ordered), list(totals))})
    return pd.DataFrame(rows, columns=["item", "difficulty", "discrimination"])


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def score_plot(shares: pd.Series, title: str) -> str:
    """Histogram of learners' shares of the autograded points, as base64 PNG."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    figure, axes = plt.subplots(figsize=(6, 3))
    axes.hist(shares * 100, bins=[0, 20, 40, 60, 80, 100], color="#0b4f8a", edgecolor="white")
    axes.set_xlabel(say("% des points autocorrigés", "% of autograded points"))
    axes.set_ylabel(say("apprenants", "learners"))
    axes.set_title(title)
    try:
        return _png(figure)
    finally:
        plt.close(figure)


def _fmt(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.2f}"


def module_section(workshop: Workshop, module: Module) -> tuple[dict, pd.DataFrame]:
    scores = item_scores(workshop, module)
    per_learner = scores.groupby("learner")[["score", "max_score"]].sum()
    shares = per_learner["score"] / per_learner["max_score"]
    items = item_table(scores)
    title = f"{module.id} — {module.title(workshop.lang)}"
    section = {
        "title": title,
        "summary": say(f"{len(shares)} apprenant(s), moyenne {shares.mean():.0%} des points "
                       "autocorrigés.", f"{len(shares)} learner(s), mean {shares.mean():.0%} "
                       "of autograded points."),
        "plot": score_plot(shares, title),
        "plot_alt": say("Histogramme des scores : ", "Score histogram: ") + ", ".join(
            f"{k} {v:.0%}" for k, v in shares.sort_values().items()),
        "items": [{**row, "difficulty_text": _fmt(row["difficulty"]),
                   "discrimination_text": _fmt(row["discrimination"])}
                  for row in items.to_dict("records")],
        "help": sorted(shares[shares < HELP_BELOW].index),
    }
    return section, items.assign(module=module.id)


def write_report(workshop: Workshop, modules: list[Module]) -> tuple[Path, Path]:
    """Write ``exports/rapport.html`` and ``exports/rapport-items.csv``."""
    sections, tables = [], []
    for module in modules:
        section, table = module_section(workshop, module)
        sections.append(section)
        tables.append(table)
    words = {"items": say("Questions", "Items"), "item": say("Question", "Item"),
             "difficulty": say("Réussite (0 à 1)", "Difficulty (share right)"),
             "discrimination": say("Discrimination", "Discrimination"),
             "help": say("Qui pourrait avoir besoin d'aide", "Who may need help"),
             "nobody": say("Personne sous la moitié des points.", "Nobody under half the points.")}
    page = _env.get_template("report.html.j2").render(
        lang=workshop.lang, title=say("Rapport de l'atelier", "Workshop report"),
        sections=sections, words=words)
    workshop.exports.mkdir(exist_ok=True)
    html = workshop.exports / "rapport.html"
    html.write_text(page, encoding="utf-8")
    table = workshop.exports / "rapport-items.csv"
    pd.concat(tables)[["module", "item", "difficulty", "discrimination"]].to_csv(
        table, index=False, encoding="utf-8")
    return html, table
