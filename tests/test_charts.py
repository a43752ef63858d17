"""Module 05's charts: each trick drawn both ways from the shipped data, headless, with words.

Matplotlib runs on its Agg back end (no screen); each test checks the trick is really in the
misleading version and really gone from the honest one, and that the text alternative says so.
"""

from __future__ import annotations

import matplotlib
import pytest

from course.activities.charts import (
    DATA_FILES,
    VERSIONS,
    ChartToggle,
    draw,
    png_data_url,
    read_data,
)
from tests.helpers import REPO

FOLDER = REPO / "modules" / "05-chiffres-graphiques"


def chart(trick, version, lang="fr"):
    return draw(trick, read_data(trick, FOLDER), version, lang)


def test_runs_headless():
    assert matplotlib.get_backend().lower() == "agg"


@pytest.mark.parametrize("trick", sorted(DATA_FILES))
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_version_renders_with_a_text_alternative(trick, lang):
    texts = set()
    for version in VERSIONS:
        result = chart(trick, version, lang)
        assert png_data_url(result.figure).startswith("data:image/png;base64,")
        assert len(result.alt) > 60 and "{" not in result.alt
        texts.add(result.alt)
    assert len(texts) == 2


def test_truncated_axis_starts_above_zero_only_when_misleading():
    misleading = chart("truncated-axis", "misleading").figure.axes[0].get_ylim()[0]
    honest = chart("truncated-axis", "honest").figure.axes[0].get_ylim()[0]
    assert misleading > 0 and honest == 0
    assert "3\u00a0%" in chart("truncated-axis", "honest").alt


def test_cherry_picked_chart_hides_the_other_months():
    picked = chart("cherry-picked", "misleading").figure.axes[0].lines[0].get_xdata()
    whole = chart("cherry-picked", "honest").figure.axes[0].lines[0].get_xdata()
    assert len(picked) == 3 and len(whole) == 24


def test_cumulative_line_only_climbs():
    line = chart("cumulative", "misleading").figure.axes[0].lines[0].get_ydata()
    assert all(b >= a for a, b in zip(line, line[1:], strict=False))


def test_rates_change_the_ranking_of_towns():
    assert "Valbourg" in chart("per-capita", "misleading").alt.split(":")[1].split(",")[0]
    assert "Les Aulnes" in chart("per-capita", "honest", "en").alt


def test_median_is_drawn_only_in_the_honest_version():
    assert len(chart("mean-median", "misleading").figure.axes[0].lines) == 1
    assert len(chart("mean-median", "honest").figure.axes[0].lines) == 2
    assert "2 075" in chart("mean-median", "honest").alt.replace("\u202f", " ")


def test_correlation_uses_two_axes_only_when_misleading():
    assert len(chart("correlation", "misleading").figure.axes) == 2  # one plot, twin axis
    honest = chart("correlation", "honest").figure.axes
    assert all(ax.get_ylim()[0] == 0 for ax in honest)


def test_toggle_carries_both_images_and_words():
    widget = ChartToggle("per-capita", read_data("per-capita", FOLDER), "en")
    assert set(widget.images) == set(widget.alts) == set(VERSIONS)
    assert widget.shown == "misleading" and widget.labels["honest"] == "Honest version"
