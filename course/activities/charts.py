"""The same data drawn honestly and dishonestly: module 05's signature activity.

Each trick (truncated axis, cherry-picked period, cumulative total, totals instead of rates,
average instead of median, a correlation drawn on two axes) has one drawing function that makes
both versions from the same table, and one function that writes each version's text
alternative from the data, in French or English. ``ChartToggle`` shows a pair with a switch.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anywidget
import pandas as pd
import traitlets
from matplotlib.figure import Figure

from ..localize import words
from ..widgets import STATIC, front_end

VERSIONS = ("misleading", "honest")
DATA_FILES = {
    "truncated-axis": "library_members.csv",
    "cherry-picked": "bike_thefts_monthly.csv",
    "cumulative": "bike_thefts_monthly.csv",
    "per-capita": "towns.csv",
    "mean-median": "salaries.csv",
    "correlation": "summer.csv",
}
WORDS = words("charts.WORDS", {
    "members": {"fr": "Inscrits à la médiathèque (ville inventée)",
                "en": "Library members (made-up town)"},
    "thefts": {"fr": "Vols de vélos signalés par mois (chiffres inventés)",
               "en": "Bike thefts reported per month (made-up figures)"},
    "cumulative": {"fr": "Vols de vélos signalés depuis janvier 2023, cumulés (inventé)",
                   "en": "Bike thefts reported since January 2023, added up (made up)"},
    "towns_total": {"fr": "Vols de vélos en 2024, nombre total (villes inventées)",
                    "en": "Bike thefts in 2024, total number (made-up towns)"},
    "towns_rate": {"fr": "Vols de vélos en 2024, pour 1 000 habitants (villes inventées)",
                   "en": "Bike thefts in 2024, per 1,000 inhabitants (made-up towns)"},
    "salaries": {"fr": "Salaires mensuels d'une entreprise inventée (euros)",
                 "en": "Monthly pay in a made-up company (euros)"},
    "mean": {"fr": "moyenne", "en": "average"},
    "median": {"fr": "médiane", "en": "median"},
    "ice_creams": {"fr": "Glaces vendues", "en": "Ice creams sold"},
    "sunburns": {"fr": "Coups de soleil soignés en pharmacie", "en": "Sunburns treated at the "
                 "pharmacy"},
    "summer": {"fr": "Glaces et coups de soleil, par mois (chiffres inventés)",
               "en": "Ice creams and sunburns, by month (made-up figures)"},
    "month": {"fr": "Mois", "en": "Month"},
})
_ALT: dict[str, dict[str, dict[str, str]]] = {
    "truncated-axis": {
        "misleading": {
            "fr": "Diagramme en barres. Inscrits à la médiathèque : {a} en {ya}, {b} en {yb}. "
                  "L'axe commence à {bottom} et non à zéro : la barre de {yb} paraît {ratio} fois "
                  "plus haute, alors que la hausse n'est que de {pct} %.",
            "en": "Bar chart. Library members: {a} in {ya}, {b} in {yb}. The axis starts at "
                  "{bottom}, not at zero: the {yb} bar looks {ratio} times taller, though the "
                  "rise is only {pct}%."},
        "honest": {
            "fr": "Diagramme en barres. Inscrits à la médiathèque : {a} en {ya}, {b} en {yb}. "
                  "L'axe commence à zéro : les deux barres ont presque la même hauteur. "
                  "La hausse est de {pct} %.",
            "en": "Bar chart. Library members: {a} in {ya}, {b} in {yb}. The axis starts at "
                  "zero: both bars are almost the same height. The rise is {pct}%."},
    },
    "cherry-picked": {
        "misleading": {
            "fr": "Courbe de {start} à {end} seulement : les vols passent de {a} à {b}, soit "
                  "+{pct} % en deux mois. Les autres mois sont cachés.",
            "en": "Line from {start} to {end} only: thefts go from {a} to {b}, that is +{pct}% "
                  "in two months. The other months are hidden."},
        "honest": {
            "fr": "Courbe sur 24 mois : les vols restent entre {low} et {high} par mois. "
                  "Total : {y1} la première année, {y2} la seconde. Pas de hausse.",
            "en": "Line over 24 months: thefts stay between {low} and {high} a month. Total: "
                  "{y1} in the first year, {y2} in the second. No rise."},
    },
    "cumulative": {
        "misleading": {
            "fr": "Courbe des vols cumulés : elle monte sans arrêt, de {first} à {total}. Un "
                  "total cumulé monte toujours, même quand chaque mois est stable.",
            "en": "Line of added-up thefts: it climbs all the time, from {first} to {total}. "
                  "An added-up total always climbs, even when each month is steady."},
        "honest": {
            "fr": "Courbe des vols de chaque mois : ils restent entre {low} et {high}. Le "
                  "rythme ne monte pas.",
            "en": "Line of each month's thefts: they stay between {low} and {high}. The pace "
                  "does not rise."},
    },
    "per-capita": {
        "misleading": {
            "fr": "Barres du nombre total de vols : {top} arrive en tête avec {top_n} vols. "
                  "Mais c'est aussi la ville la plus peuplée.",
            "en": "Bars of the total number of thefts: {top} comes first with {top_n} thefts. "
                  "But it is also the biggest town."},
        "honest": {
            "fr": "Barres des vols pour 1 000 habitants : {best} arrive en tête avec {best_r} "
                  "vols pour 1 000 habitants ; {top} en compte {top_r}.",
            "en": "Bars of thefts per 1,000 inhabitants: {best} comes first with {best_r} "
                  "thefts per 1,000 inhabitants; {top} has {top_r}."},
    },
    "mean-median": {
        "misleading": {
            "fr": "Barres des {n} salaires avec une seule ligne : la moyenne, {mean} euros. "
                  "Un seul salaire, {max} euros, la tire vers le haut : {below} personnes sur "
                  "{n} gagnent moins que la moyenne.",
            "en": "Bars of the {n} pay packets with one line: the average, {mean} euros. A "
                  "single salary, {max} euros, pulls it up: {below} people out of {n} earn "
                  "less than the average."},
        "honest": {
            "fr": "Les mêmes barres avec la médiane, {median} euros : la moitié gagne moins, "
                  "la moitié gagne plus. La moyenne, {mean} euros, est montrée aussi.",
            "en": "The same bars with the median, {median} euros: half earn less, half earn "
                  "more. The average, {mean} euros, is shown too."},
    },
    "correlation": {
        "misleading": {
            "fr": "Deux courbes sur deux axes réglés pour se superposer : glaces vendues et "
                  "coups de soleil montent et descendent ensemble. On croirait que les glaces "
                  "donnent des coups de soleil.",
            "en": "Two lines on two axes set to overlap: ice creams sold and sunburns rise "
                  "and fall together. You would think ice cream causes sunburn."},
        "honest": {
            "fr": "Deux graphiques séparés, chacun avec son axe : les glaces (de {ic_low} à "
                  "{ic_high}) et les coups de soleil (de {sb_low} à {sb_high}) sont au plus "
                  "haut en été. La cause commune est le soleil.",
            "en": "Two separate charts, each with its own axis: ice creams ({ic_low} to "
                  "{ic_high}) and sunburns ({sb_low} to {sb_high}) peak in summer. The shared "
                  "cause is the sun."},
    },
}
# What each chart shows, for screen readers and the caption: "trick.version" -> texts.
ALT = words("charts.ALT", {f"{trick}.{version}": texts for trick, versions in _ALT.items()
                           for version, texts in versions.items()})


def number(value: float, lang: str, decimals: int = 0) -> str:
    """A number written the way each language does (1 020,5 / 1,020.5)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text


def _truncated_axis(data: pd.DataFrame, honest: bool, lang: str) -> tuple[Figure, dict]:
    fig = Figure(figsize=(6, 4))
    ax = fig.subplots()
    years = data["year"].astype(str)
    ax.bar(years, data["members"], color="#0b4f8a")
    a, b = data["members"].iloc[0], data["members"].iloc[-1]
    bottom = 0 if honest else int(min(a, b) // 100 * 100)
    ax.set_ylim(bottom, max(a, b) * 1.05 if honest else max(a, b) + 10)
    ax.set_title(WORDS.say("members", lang))
    ratio = (b - bottom) / (a - bottom)
    return fig, {"a": number(a, lang), "b": number(b, lang), "ya": years.iloc[0],
                 "yb": years.iloc[-1], "bottom": number(bottom, lang),
                 "ratio": number(ratio, lang, 1), "pct": number((b - a) / a * 100, lang)}


def _peak_window(thefts: pd.Series) -> tuple[int, int]:
    """The two-month rise that looks most alarming: the cherry a misleading chart picks."""
    rises = [(thefts.iloc[i + 2] / thefts.iloc[i], i) for i in range(len(thefts) - 2)]
    start = max(rises)[1]
    return start, start + 2


def _cherry_picked(data: pd.DataFrame, honest: bool, lang: str) -> tuple[Figure, dict]:
    fig = Figure(figsize=(7, 4))
    ax = fig.subplots()
    start, end = _peak_window(data["thefts"])
    shown = data if honest else data.iloc[start:end + 1]
    ax.plot(shown["month"], shown["thefts"], marker="o", color="#0b4f8a")
    ax.set_ylim(0, data["thefts"].max() * 1.2)
    ax.set_title(WORDS.say("thefts", lang))
    ax.tick_params(axis="x", rotation=60, labelsize=7)
    a, b = data["thefts"].iloc[start], data["thefts"].iloc[end]
    half = len(data) // 2
    return fig, {"start": data["month"].iloc[start], "end": data["month"].iloc[end],
                 "a": a, "b": b, "pct": number((b - a) / a * 100, lang),
                 "low": data["thefts"].min(), "high": data["thefts"].max(),
                 "y1": data["thefts"].iloc[:half].sum(), "y2": data["thefts"].iloc[half:].sum()}


def _cumulative(data: pd.DataFrame, honest: bool, lang: str) -> tuple[Figure, dict]:
    fig = Figure(figsize=(7, 4))
    ax = fig.subplots()
    values = data["thefts"] if honest else data["thefts"].cumsum()
    ax.plot(data["month"], values, marker="o", color="#0b4f8a")
    ax.set_ylim(0, values.max() * 1.1)
    ax.set_title(WORDS.say("thefts" if honest else "cumulative", lang))
    ax.tick_params(axis="x", rotation=60, labelsize=7)
    return fig, {"first": number(data["thefts"].iloc[0], lang),
                 "total": number(data["thefts"].sum(), lang),
                 "low": data["thefts"].min(), "high": data["thefts"].max()}


def _per_capita(data: pd.DataFrame, honest: bool, lang: str) -> tuple[Figure, dict]:
    fig = Figure(figsize=(7, 4))
    ax = fig.subplots()
    rate = data["bike_thefts"] / data["population"] * 1000
    ax.bar(data["town"], rate if honest else data["bike_thefts"], color="#0b4f8a")
    ax.set_title(WORDS.say("towns_rate" if honest else "towns_total", lang))
    top, best = data["bike_thefts"].idxmax(), rate.idxmax()
    return fig, {"top": data["town"][top], "top_n": number(data["bike_thefts"][top], lang),
                 "top_r": number(rate[top], lang, 1), "best": data["town"][best],
                 "best_r": number(rate[best], lang, 1)}


def _mean_median(data: pd.DataFrame, honest: bool, lang: str) -> tuple[Figure, dict]:
    fig = Figure(figsize=(7, 4))
    ax = fig.subplots()
    pay = data["monthly_salary"]
    ax.bar(range(len(pay)), pay, color="#8aa8c8")
    mean, median = pay.mean(), pay.median()
    ax.axhline(mean, color="#b3261e", linestyle="--", linewidth=2, label=WORDS.say("mean", lang))
    if honest:
        ax.axhline(median, color="#0f4a1d", linewidth=3, label=WORDS.say("median", lang))
    ax.legend()
    ax.set_xticks([])
    ax.set_title(WORDS.say("salaries", lang))
    return fig, {"n": len(pay), "mean": number(mean, lang), "median": number(median, lang),
                 "max": number(pay.max(), lang), "below": int((pay < mean).sum())}


def _correlation(data: pd.DataFrame, honest: bool, lang: str) -> tuple[Figure, dict]:
    fig = Figure(figsize=(7, 4))
    months = data["month"].astype(str).str.zfill(2)
    if honest:
        left, right = fig.subplots(1, 2)
        left.bar(months, data["ice_creams"], color="#0b4f8a")
        left.set_title(WORDS.say("ice_creams", lang), fontsize=9)
        right.bar(months, data["sunburns"], color="#a15c00")
        right.set_title(WORDS.say("sunburns", lang), fontsize=9)
        for ax in (left, right):
            ax.set_ylim(0)
            ax.tick_params(axis="x", labelsize=6)
    else:
        ax = fig.subplots()
        ax.plot(months, data["ice_creams"], color="#0b4f8a", linewidth=3,
                label=WORDS.say("ice_creams", lang))
        twin = ax.twinx()
        twin.plot(months, data["sunburns"], color="#a15c00", linestyle="--", linewidth=3,
                  label=WORDS.say("sunburns", lang))
        ratio = data["ice_creams"].max() / data["sunburns"].max()
        ax.set_ylim(data["ice_creams"].min(), data["ice_creams"].max())
        twin.set_ylim(data["ice_creams"].min() / ratio, data["sunburns"].max())
        ax.set_xlabel(WORDS.say("month", lang))
        ax.legend(handles=ax.get_lines() + twin.get_lines(), loc="upper left", fontsize=8)
    fig.suptitle(WORDS.say("summer", lang))
    return fig, {"ic_low": number(data["ice_creams"].min(), lang),
                 "ic_high": number(data["ice_creams"].max(), lang),
                 "sb_low": data["sunburns"].min(), "sb_high": data["sunburns"].max()}


DRAWERS: dict[str, Callable[[pd.DataFrame, bool, str], tuple[Figure, dict]]] = {
    "truncated-axis": _truncated_axis,
    "cherry-picked": _cherry_picked,
    "cumulative": _cumulative,
    "per-capita": _per_capita,
    "mean-median": _mean_median,
    "correlation": _correlation,
}


@dataclass(frozen=True)
class Chart:
    """One version of a chart: the figure and its text alternative."""

    figure: Figure
    alt: str


def draw(trick: str, data: pd.DataFrame, version: str, lang: str) -> Chart:
    """Draw ``data`` the ``honest`` or ``misleading`` way for ``trick``, with its text."""
    figure, values = DRAWERS[trick](data, version == "honest", lang)
    figure.tight_layout()
    return Chart(figure, ALT.say(f"{trick}.{version}", lang, **values))


def png_data_url(figure: Figure) -> str:
    """The figure as an inline PNG (no file, no network), for the widget's ``<img>``."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


LABELS = words("charts.LABELS", {
    "legend": {"fr": "Quelle version du graphique voir ?", "en": "Which version of the chart?"},
    "misleading": {"fr": "Version trompeuse", "en": "Misleading version"},
    "honest": {"fr": "Version honnête", "en": "Honest version"},
    "described": {"fr": "Ce que montre le graphique :", "en": "What the chart shows:"},
})


class ChartToggle(anywidget.AnyWidget):
    """Two versions of one chart and a switch (a radio group) between them."""

    _esm = front_end("chart_toggle.js")
    _css = STATIC / "chart_toggle.css"

    lang = traitlets.Unicode("fr").tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    images = traitlets.Dict().tag(sync=True)
    alts = traitlets.Dict().tag(sync=True)
    shown = traitlets.Unicode("misleading").tag(sync=True)

    def __init__(self, trick: str, data: pd.DataFrame, lang: str, **kwargs: Any):
        charts = {version: draw(trick, data, version, lang) for version in VERSIONS}
        super().__init__(
            lang=lang,
            labels=LABELS.voiced(lang),
            images={v: png_data_url(c.figure) for v, c in charts.items()},
            alts={v: c.alt for v, c in charts.items()},
            **kwargs,
        )


def read_data(trick: str, folder: Path | str = ".") -> pd.DataFrame:
    """The module's table for ``trick``, from the ``data/`` folder shipped with the notebook."""
    return pd.read_csv(Path(folder) / "data" / DATA_FILES[trick])


def chart_toggle(trick: str) -> ChartToggle:
    """The switchable chart in the running notebook's language (what a lesson cell calls)."""
    from course.learner import current

    return ChartToggle(trick, read_data(trick), current().lang)
