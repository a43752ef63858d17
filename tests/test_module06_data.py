"""Module 06's bot-hunt data: shipped with every build, fictional on every row, as documented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from course.build import build_module
from course.content import find_module
from tests.helpers import REPO

MODULE = find_module(REPO, "06")
DATA = MODULE.lesson_dir / "data"


def test_every_account_is_labelled_fictional_and_every_column_documented():
    accounts = pd.read_csv(DATA / "accounts.csv")
    assert accounts["fictional"].all()
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert all(f"`{column}`" in readme for column in accounts.columns)


def test_the_data_shows_what_the_lesson_says():
    accounts = pd.read_csv(DATA / "accounts.csv")
    per_day = accounts["posts"] / accounts["age_days"]
    copied = accounts.duplicated("last_post", keep=False)
    young = accounts["age_days"] < 14
    assert copied.sum() == 7 and (copied == young).all()
    assert (per_day[copied] > 100).all() and (per_day[~copied] < 5).all()
    assert accounts.loc[per_day.idxmax(), "handle"] == "@actu_choc_2025"


def test_build_ships_the_data_next_to_the_notebooks(tmp_path: Path):
    build_module(MODULE, "en", "youth", tmp_path)
    shipped = tmp_path / MODULE.id / "data" / "accounts.csv"
    assert shipped.read_bytes() == (DATA / "accounts.csv").read_bytes()
