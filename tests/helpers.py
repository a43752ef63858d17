"""Helpers for tests: running the ``course`` command and proving nothing changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat

from course.cli import main

REPO = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def course(*args: object) -> int:
    """Run ``course ARGS`` in this process, as a user would type it."""
    return main([str(a) for a in args])


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with a hash of its bytes: to prove nothing changed."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def written_points(workshop, module) -> float:
    """Points of a module's written answers, which wait for the trainer's mark."""
    name = workshop.notebook("exercise")
    notebook = nbformat.read(workshop.source / module.id / f"{name}.ipynb", as_version=4)
    return sum(c.metadata["nbgrader"].get("points", 0) for c in notebook.cells
               if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("written-"))
