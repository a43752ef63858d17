"""The grades of a module as a CSV file, one line per learner."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from course.content import Module
from course.workshop import Workshop

from .autograde import Outcome


def write_export(workshop: Workshop, module: Module, outcomes: list[Outcome]) -> Path:
    """Write ``exports/<module>.csv`` (UTF-8, comma-separated, quoted as needed)."""
    table = pd.DataFrame(
        [{"pseudonym": o.learner, "module": module.id, "status": o.status,
          "score": o.score, "max_score": o.max_score, "notes": " | ".join(o.notes)}
         for o in outcomes],
        columns=["pseudonym", "module", "status", "score", "max_score", "notes"],
    )
    workshop.exports.mkdir(exist_ok=True)
    target = workshop.exports / f"{module.id}.csv"
    table.to_csv(target, index=False, encoding="utf-8")
    return target
