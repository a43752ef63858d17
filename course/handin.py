"""Handing work in from the notebook itself: the "I have finished" button.

``course start`` tells the kernels where hand-ins go (``COURSE_HANDIN``, the learner's folder
under the workshop's ``submitted/``), in the layout nbgrader reads: one folder per module with a
``timestamp.txt``. The copy is built beside its target and swapped in whole, so a trainer never
grades half a hand-in and an earlier hand-in survives a failed one.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

HANDIN_ENV = "COURSE_HANDIN"
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"  # nbgrader's own
MAX_BYTES = 50 * 1024 * 1024  # a module's work is small; refuse to copy a runaway folder


def handed_in_files(folder: Path) -> list[Path]:
    """The learner's files worth handing in: no hidden files, no checkpoints."""
    return [p for p in sorted(folder.rglob("*")) if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)]


def hand_in(folder: Path, target_root: Path, module: str) -> datetime:
    """Copy ``folder`` to ``target_root/module`` in one swap; returns the hand-in time (UTC)."""
    files = handed_in_files(folder)
    if sum(p.stat().st_size for p in files) > MAX_BYTES:
        raise OSError(f"more than {MAX_BYTES // 2**20} MB to hand in")
    target_root.mkdir(parents=True, exist_ok=True)
    target = target_root / module
    staging = Path(tempfile.mkdtemp(prefix=f".{module}-", dir=target_root))
    try:
        for path in files:
            copy = staging / path.relative_to(folder)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
        when = datetime.now(UTC)
        (staging / "timestamp.txt").write_text(when.strftime(TIMESTAMP_FORMAT), encoding="utf-8")
        previous = target.with_name(f".{module}-previous")
        shutil.rmtree(previous, ignore_errors=True)
        if target.exists():
            target.rename(previous)
        try:
            staging.rename(target)
        except OSError:
            if previous.exists():
                previous.rename(target)  # the earlier hand-in stays as it was
            raise
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return when
