"""``course report``: one offline HTML page (plots embedded) and a CSV on how a workshop went.

The page opens with a three-line summary and what to do next, and ends with a glossary; every
figure is said in words beside it (``grading.report_text``). Per module: the spread of scores,
each autograded question (by its text) with its réussite and how well it separates learners
(its discrimination, see ``grading.stats``), mastery per skill (the items' ``skills:`` tags,
named in the workshop's language), who handed in what (every learner of the roster, "rien
rendu" too), and the learners who may need help (under half of the autograded points).
Everything comes from the gradebook; nothing on the page needs the internet. An anonymised
export (random tokens, drawn anew each time, instead of pseudonyms) lets several workshops pool
their results: ``course report --pool FILES`` reads them.
"""

from __future__ import annotations

import base64
import io
import math
import secrets
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from course import atomic
from course.content import Module, content_root, list_modules, survey_pair
from course.errors import CourseError
from course.i18n import cli_language, say, speaking
from course.items import load_bank
from course.localize import typeset
from course.roster import is_demo
from course.workshop import Workshop

from .collect import submitted_learners
from .demo import real_learners
from .discernment import (
    JUDGED,
    before_after,
    change_label,
    doubt_warning,
    judged_items,
    judgements,
    lean,
    learner_change,
    paired,
    plain_words,
    verdict_words,
)
from .export import write_csv
from .nbgrader_setup import gradebook
from .report_text import (
    difficulty_words,
    glossary,
    next_steps,
    question_texts,
    separation_words,
    skill_name,
    summary_lines,
)
from .stats import difficulty, discrimination

HELP_BELOW = 0.5
POOL_COLUMNS = ["workshop", "learner", "module", "item", "score", "max_score"]
_env = Environment(loader=PackageLoader("grading", "templates"),
                   autoescape=select_autoescape(["html", "j2"]))


def item_scores(workshop: Workshop, module: Module) -> pd.DataFrame:
    """One row per (learner, autograded item): score and max score, from the gradebook.

    In a workshop with real learners, ``course demo``'s made-up ones are left out: a
    rehearsal never reaches the real report."""
    rows = []
    hide = is_demo if real_learners(workshop) else (lambda learner: False)
    with gradebook(workshop) as book:
        for submission in book.find_assignment(module.id).submissions:
            if hide(submission.student.id):
                continue
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.name.startswith("test-") and grade.score is not None:
                        rows.append({"learner": submission.student.id,
                                     "item": grade.name.removeprefix("test-"),
                                     "score": grade.score, "max_score": grade.max_score})
    return pd.DataFrame(rows, columns=["learner", "item", "score", "max_score"])


def pending_manual(workshop: Workshop, module: Module) -> list[str]:
    """Learners whose hand-in still has written answers to mark by hand."""
    with gradebook(workshop) as book:
        return sorted(s.student.id for s in book.find_assignment(module.id).submissions
                      if s.needs_manual_grade)


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


def skills_of(module: Module) -> dict[str, list[str]]:
    """Item id -> the skills its author tagged (``skills:`` in ``items.yml``)."""
    bank = load_bank(module.exercise_dir / "items.yml", graded=True)
    return {item["id"]: list(item.get("skills", [])) for item in bank}


def mastery(scores: pd.DataFrame, skills: dict[str, list[str]]) -> pd.DataFrame:
    """Share of the points won on each skill's items, over all learners."""
    rows = [{"skill": skill, "score": row.score, "max_score": row.max_score}
            for row in scores.itertuples() for skill in skills.get(row.item, [])]
    table = pd.DataFrame(rows, columns=["skill", "score", "max_score"]).groupby("skill").sum()
    return (table["score"] / table["max_score"]).rename("mastery").reset_index()


def drawn(draw: Callable, size: tuple[float, float] = (6, 3)) -> str:
    """A matplotlib figure drawn by ``draw(axes)``, as a base64 PNG to embed in the page."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    figure, axes = plt.subplots(figsize=size)
    try:
        draw(axes)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
        return base64.b64encode(buffer.getvalue()).decode("ascii")
    finally:
        plt.close(figure)


def score_plot(shares: pd.Series, title: str) -> str:
    """Histogram of learners' shares of the autograded points."""
    def draw(axes) -> None:
        axes.hist(shares * 100, bins=[0, 20, 40, 60, 80, 100], color="#0b4f8a",
                  edgecolor="white")
        axes.set_xlabel(say("% des points autocorrigés", "% of autograded points"))
        axes.set_ylabel(say("apprenants", "learners"))
        axes.set_title(title)

    return drawn(draw)


def change_plot(pairs: pd.DataFrame, numbers: tuple[str, str], measure: str = "d_prime") -> str:
    """Each learner's d' (or c) before and after as a grey line, the group's mean in bold;
    ``numbers`` are the two surveys' module numbers."""
    first, last = numbers
    ends = [say(f"avant ({first})", f"before ({first})"), say(f"après ({last})", f"after ({last})")]
    before, after = pairs[f"{measure}_before"], pairs[f"{measure}_after"]
    label = {"d_prime": say("d′ (0 = au hasard)", "d′ (0 = chance)"),
             "criterion": say("c (+ méfiant, − crédule)", "c (+ sceptical, − credulous)")}[measure]

    def draw(axes) -> None:
        for low, high in zip(before, after, strict=True):
            axes.plot(ends, [low, high], color="#8a8a8a", marker="o", linewidth=1)
        axes.plot(ends, [before.mean(), after.mean()], color="#0b4f8a", marker="o",
                  linewidth=4, label=say("moyenne", "mean"))
        axes.axhline(0, color="#1a1a1a", linewidth=0.8, linestyle="--")
        axes.set_ylabel(label)
        axes.legend(loc="best")

    return drawn(draw, (5, 3.5))


def _fmt(value: float) -> str:
    """Two decimals, "—" for no value, and never "-0.00" (a learner with no lean at all)."""
    return "—" if math.isnan(value) else f"{round(value, 2) + 0.0:.2f}"


def roster_rows(shares: pd.Series, roster: list[str], handed_in: set[str]) -> list[dict]:
    """Who handed in what: every learner of the roster and every one graded, in order."""
    rows = []
    for learner in sorted(set(roster) | set(shares.index) | handed_in):
        if learner in shares.index:
            rows.append({"learner": learner, "share": f"{shares[learner]:.0%}",
                         "state": say("rendu", "handed in")})
        elif learner in handed_in:
            rows.append({"learner": learner, "share": "—",
                         "state": say("rendu, pas encore corrigé", "handed in, not graded yet")})
        else:
            rows.append({"learner": learner, "share": "—",
                         "state": say("rien rendu", "nothing handed in")})
    return rows


def module_section(scores: pd.DataFrame, title: str,
                   skills: dict[str, list[str]] | None = None,
                   texts: dict[str, str] | None = None, roster: list[str] | None = None,
                   handed_in: set[str] | None = None,
                   manual: list[str] | None = None) -> tuple[dict, pd.DataFrame]:
    """One module's part of the page, from its item scores (see ``item_scores``); ``texts``
    name its questions, ``roster`` (None when pooled: nobody to name) lists who should have
    handed in, ``handed_in`` who did, ``manual`` who still has written answers to mark."""
    per_learner = scores.groupby("learner")[["score", "max_score"]].sum()
    shares = per_learner["score"] / per_learner["max_score"]
    items = item_table(scores)
    texts = texts or {}
    lang = cli_language()
    rows = roster_rows(shares, roster, handed_in or set()) if roster is not None else []
    section = {
        "title": title,
        "number": title.split("-", 1)[0],
        "learners": len(shares),
        "mean": shares.mean() if len(shares) else 0.0,
        "summary": say(f"{len(shares)} apprenant(s), moyenne {shares.mean():.0%} des points "
                       "autocorrigés.", f"{len(shares)} learner(s), mean {shares.mean():.0%} "
                       "of autograded points."),
        "plot": score_plot(shares, title),
        "plot_alt": say("Histogramme des scores : ", "Score histogram: ") + ", ".join(
            f"{v:.0%}" for v in shares.sort_values()),
        "items": [{**row, "text": texts.get(row["item"], row["item"]),
                   "difficulty_text": _fmt(row["difficulty"]),
                   "difficulty_words": difficulty_words(row["difficulty"]),
                   "discrimination_text": _fmt(row["discrimination"]),
                   "discrimination_words": separation_words(row["discrimination"])}
                  for row in items.to_dict("records")],
        "help": sorted(shares[shares < HELP_BELOW].index),
        "skills": [{"skill": skill_name(r["skill"], lang), "mastery": f"{r['mastery']:.0%}"}
                   for r in mastery(scores, skills).to_dict("records")] if skills else [],
        "roster": rows,
        "handed_in": sorted(set(shares.index) | (handed_in or set())),
        "nothing": [r["learner"] for r in rows if r["share"] == "—"
                    and r["learner"] not in (handed_in or set())],
        "manual": manual or [],
    }
    return section, items


def anonymous_scores(workshop: Workshop, modules: list[Module],
                     judged: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Item scores, and the judgements of rating items (``judged``, by module id), with
    pseudonyms replaced by tokens drawn at random for this export only: several workshops can
    pool them, and no row leads back to a pseudonym."""
    tables = [item_scores(workshop, module).assign(module=module.id) for module in modules]
    scores = pd.concat(tables, ignore_index=True).merge(
        pd.concat([table.assign(module=module) for module, table in judged.items()]),
        on=["learner", "module", "item"], how="left")
    tokens = {name: secrets.token_hex(6) for name in scores["learner"].unique()}
    return scores.assign(learner=scores["learner"].map(tokens),
                         workshop=secrets.token_hex(6))[POOL_COLUMNS + JUDGED[2:]]


def read_pool(files: list[Path]) -> pd.DataFrame:
    """Anonymised exports of several workshops, one table (learners kept apart by workshop)."""
    pooled = pd.concat([pd.read_csv(f, dtype={"learner": str, "workshop": str})
                        for f in files], ignore_index=True)
    missing = set(POOL_COLUMNS) - set(pooled.columns)
    if missing:
        raise CourseError(say(f"Ce n'est pas un export anonyme (colonnes manquantes : "
                              f"{', '.join(sorted(missing))}).", "Not an anonymised export "
                              f"(missing columns: {', '.join(sorted(missing))})."))
    return pooled.assign(learner=pooled["workshop"] + "-" + pooled["learner"])


def discernment_rows(table: pd.DataFrame, each_learner: bool = True) -> list[dict]:
    """Each learner's discernment (unless pooled: nobody to name), and the group's mean last,
    formatted for the page."""
    if table.empty:
        return []
    mean = table.drop(columns="learner").mean().to_dict()
    group = {"learner": say(f"groupe (moyenne de {len(table)})", f"group (mean of {len(table)})"),
             **mean}
    rows = [*table.to_dict("records"), group] if each_learner else [group]
    return [{"learner": r["learner"], "hit": f"{r['hit_rate']:.2f}",
             "alarm": f"{r['false_alarm_rate']:.2f}", "d": _fmt(r["d_prime"]),
             "c": _fmt(r["criterion"]), "lean": lean(r["criterion"]),
             "share": f"{r['shares_false']:.0%}"} for r in rows]


def render(sections: list[dict], tables: list[pd.DataFrame], folder: Path, lang: str,
           stem: str = "rapport", change: dict | None = None, roster: list[str] | None = None,
           after_survey: str | None = None) -> tuple[Path, Path]:
    """Write ``<stem>.html`` and ``<stem>-items.csv`` into ``folder``: the summary (``roster``,
    when there is one to name, says who handed in nothing) and next steps (``after_survey``:
    the number of the questionnaire that measures the change, if it is still to be run) first,
    the glossary last."""
    change = change or {}
    words = {"items": say("Questions", "Questions"), "item": say("Question", "Question"),
             "difficulty": say("Réussite (0 à 1)", "Success (0 to 1)"),
             "discrimination": say("Pouvoir de distinction de la question",
                                   "How well the question separates"),
             "in_short": say("En bref", "In short"), "next": say("Et maintenant ?", "What next?"),
             "glossary": say("Lexique : les chiffres de ce rapport en clair",
                             "Glossary: this report's figures in plain words"),
             "roster": say("Qui a rendu quoi", "Who handed in what"),
             "points": say("Points autocorrigés", "Autograded points"),
             "state": say("Rendu", "Handed in"),
             "interval": say(
                 "Entre parenthèses : le changement moyen du groupe, puis l'IC 95 %, "
                 "la fourchette où se trouve très probablement le vrai changement (voir le "
                 "lexique en bas de page).", "In brackets: the group's mean change, then the "
                 "95% CI, the range the true change most probably lies in (see the glossary at "
                 "the foot of the page)."),
             "help": say("Qui pourrait avoir besoin d'aide", "Who may need help"),
             "nobody": say("Personne sous la moitié des points.", "Nobody under half the points."),
             "skills": say("Maîtrise par compétence", "Mastery per skill"),
             "skill": say("Compétence", "Skill"), "mastery": say("Points obtenus", "Points won"),
             "discernment": say("Vrai ou faux : discernement", "True or false: discernment"),
             "learner": say("Apprenant", "Learner"), "hit": say("Vrais jugés fiables",
                                                                "True judged reliable"),
             "alarm": say("Faux jugés fiables", "False judged reliable"), "d": "d′",
             "c": "c", "lean": say("Penchant", "Lean"),
             "share": say("Faux qu'il partagerait", "False they would share"),
             "reading": say(
                 "d′\u00a0: 0, c'est au hasard\u00a0; plus il est grand, mieux la personne "
                 "distingue le vrai du faux. c\u00a0: 0, elle ne penche d'aucun côté\u00a0; "
                 "au-dessus de 0, elle répond plus souvent «\u00a0peu fiable\u00a0» (méfiante)"
                 "\u00a0; en dessous, plus souvent «\u00a0fiable\u00a0» (crédule). Se méfier de "
                 "tout fait monter c, pas d′. Les deux se calculent avec la même correction "
                 "(0,5 ajouté aux réponses, 1 au nombre de titres), pour qu'un sans-faute reste "
                 "un nombre.",
                 "d′: 0 is chance; the higher it is, the better the person tells true from "
                 "false. c: 0 leans neither way; above 0, they answer “unreliable” more often "
                 "(sceptical); below 0, “reliable” more often (credulous). Doubting everything "
                 "raises c, not d′. Both use the same correction (0.5 added to the answers, 1 to "
                 "the number of headlines), so that a perfect score is still a number."),
             "d_before": say("d′ avant", "d′ before"), "d_after": say("d′ après", "d′ after"),
             "c_before": say("c avant", "c before"), "c_after": say("c après", "c after"),
             "in_words": say("En clair", "In plain words"),
             "per_learner": say(
                 "Un changement compte à partir de 0,5\u00a0: environ un titre jugé autrement, "
                 "sur six de chaque sorte.", "A change counts from 0.5: about one headline "
                 "judged the other way, out of six of each kind.")}
    page = _env.get_template("report.html.j2").render(
        lang=lang, title=say("Rapport de l'atelier", "Workshop report"),
        sections=sections, words=words, change=change,
        summary=[typeset(line, lang) for line in summary_lines(sections, roster or [], change)],
        steps=[typeset(step, lang) for step in next_steps(sections, change, after_survey)],
        glossary=[{k: typeset(v, lang) for k, v in entry.items()} for entry in glossary()])
    html = atomic.write_text(folder / f"{stem}.html", page)
    table = write_csv(pd.concat(tables)[["module", "item", "difficulty", "discrimination"]],
                      folder / f"{stem}-items.csv")
    return html, table


def write_pool_report(files: list[Path], folder: Path, lang: str) -> tuple[Path, Path]:
    """The report of pooled anonymised exports (no one to name: no "who may need help"), in
    ``lang`` whatever language the machine speaks."""
    with speaking(lang):
        pooled = read_pool(files)
        sections, tables, judged = [], [], {}
        known = {m.id: m for m in list_modules(content_root())}
        for module, scores in pooled.groupby("module"):
            texts = question_texts(known[module], lang) if module in known else {}
            section, items = module_section(scores, str(module), texts=texts)
            judged[str(module)] = scores.dropna(subset=["judged"])[JUDGED] \
                if "judged" in scores else pd.DataFrame(columns=JUDGED)
            sections.append({**section, "help": [], "discernment": discernment_rows(
                judgements(judged[str(module)]), each_learner=False)})
            tables.append(items.assign(module=module))
        return render(sections, tables, folder, lang, "rapport-commun",
                      change_section(judged, content_root(), each_learner=False))


def _mean_alt(pairs: pd.DataFrame, measure: str, name: str) -> str:
    before, after = pairs[f"{measure}_before"].mean(), pairs[f"{measure}_after"].mean()
    before, after = _fmt(before), _fmt(after)
    return say(f"{name} moyen\u00a0: {before} avant, {after} après.",
               f"Mean {name}: {before} before, {after} after.")


def change_section(judged: dict[str, pd.DataFrame], root: Path,
                   each_learner: bool = True) -> dict:
    """The before/after change (the survey modules, paired by ``parallel_to``) said plainly and
    drawn, for the group and (unless pooled: nobody to name) for each learner, when at least two
    learners did both; empty otherwise."""
    ends = survey_pair(set(judged), root)
    if ends is None:
        return {}
    numbers = tuple(end.split("-", 1)[0] for end in ends)
    pairs = paired(judgements(judged[ends[0]]), judgements(judged[ends[1]]))
    changes = before_after(pairs)
    if not changes:
        return {}
    learners = [{"learner": r.learner, "d_before": _fmt(r.d_prime_before),
                 "d_after": _fmt(r.d_prime_after), "c_before": _fmt(r.criterion_before),
                 "c_after": _fmt(r.criterion_after),
                 "words": learner_change(r.d_prime_before, r.criterion_before,
                                         r.d_prime_after, r.criterion_after)}
                for r in pairs.itertuples()] if each_learner else []
    return {"pairs": say(f"{len(pairs)} apprenant(s) ont répondu avant et après.",
                         f"{len(pairs)} learner(s) answered before and after."),
            "verdicts": [{"label": change_label(measure),
                          "headline": verdict_words(change, measure),
                          "text": plain_words(change, measure)}
                         for measure, change in changes.items()],
            "warning": doubt_warning(changes),
            "learners": learners,
            "heading": say(f"Avant / après (modules {numbers[0]} et {numbers[1]})",
                           f"Before / after (modules {numbers[0]} and {numbers[1]})"),
            "plots": [{"png": change_plot(pairs, numbers, measure),
                       "alt": _mean_alt(pairs, measure, name)}
                      for measure, name in (("d_prime", "d′"), ("criterion", "c"))]}


def after_survey_number(modules: list[Module], root: Path) -> str | None:
    """The number of the after-questionnaire when the report does not include it yet."""
    ids = {m.id for m in modules}
    for module in list_modules(root):
        if module.is_survey and module.meta.get("parallel_to") and module.id not in ids:
            return module.number
    return None


def write_report(workshop: Workshop, modules: list[Module]) -> tuple[Path, Path, Path]:
    """Write ``exports/rapport.html``, ``rapport-items.csv`` and ``rapport-anonyme.csv``, in
    the workshop's language."""
    with speaking(workshop.lang):
        return _write_report(workshop, modules)


def _write_report(workshop: Workshop, modules: list[Module]) -> tuple[Path, Path, Path]:
    sections, tables, judged = [], [], {}
    roster = list(workshop.learners)
    for module in modules:
        scores = item_scores(workshop, module)
        shown = set(scores["learner"]) | set(real_learners(workshop, module))
        section, items = module_section(
            scores, f"{module.id} — {module.title(workshop.lang)}", skills_of(module),
            question_texts(module, workshop.lang, workshop.audience), roster,
            set(submitted_learners(workshop, module)) & shown,
            [learner for learner in pending_manual(workshop, module) if learner in shown])
        judged[module.id] = judged_items(workshop, module, sorted(scores["learner"].unique()))
        section["discernment"] = discernment_rows(judgements(judged[module.id]))
        sections.append(section)
        tables.append(items.assign(module=module.id))
    root = content_root(workshop.content or None)
    html, table = render(sections, tables, workshop.exports, workshop.lang,
                         change=change_section(judged, root), roster=roster,
                         after_survey=after_survey_number(modules, root))
    anonymous = workshop.exports / "rapport-anonyme.csv"
    write_csv(anonymous_scores(workshop, modules, judged), anonymous)
    return html, table, anonymous
