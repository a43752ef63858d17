"""The answer file: where graded widgets keep what a learner chose.

nbgrader grades by re-running a notebook, and widget values do not survive that. So each graded
widget writes the learner's answer to ``<notebook>.answers.json`` next to the notebook. The file
travels with the submission and the hidden tests read it back at grading time.

Writes are atomic (temporary file, then ``os.replace``) so a crash never leaves half a file, and
a file that cannot be read is moved aside, never overwritten.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FORMAT = 1
SUFFIX = ".answers.json"


class AnswerFileError(Exception):
    """The answer file exists but cannot be used (not JSON, wrong shape)."""


def answer_path(folder: Path | str, notebook: str) -> Path:
    """The answer file of ``notebook`` (its name without ``.ipynb``) in ``folder``."""
    return Path(folder) / f"{notebook}{SUFFIX}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def read_answers(path: Path) -> dict[str, dict[str, Any]]:
    """Every recorded answer by item id; ``{}`` when the file does not exist.

    Raises ``AnswerFileError`` with a plain reason when the file is there but unusable.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswerFileError(f"{path.name}: cannot be read ({exc.__class__.__name__})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswerFileError(f"{path.name}: not valid JSON (line {exc.lineno})") from exc
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, dict) or not all(isinstance(v, dict) for v in items.values()):
        raise AnswerFileError(f"{path.name}: not an answer file (no 'items' table)")
    return items


@dataclass
class AnswerStore:
    """Records answers for one notebook, one item at a time."""

    path: Path

    def record(self, item_id: str, value: Any, shown_at: float | None = None) -> dict[str, Any]:
        """Save ``value`` as the answer to ``item_id``; returns the stored entry."""
        try:
            items = read_answers(self.path)
        except AnswerFileError:
            self._set_aside()
            items = {}
        entry = dict(items.get(item_id, {}))
        entry["value"] = value
        entry["attempts"] = int(entry.get("attempts", 0)) + 1
        entry.setdefault("first_answered_at", _now())
        entry["answered_at"] = _now()
        if shown_at is not None:
            entry["seconds"] = round(time.monotonic() - shown_at, 1)
        items[item_id] = entry
        self._write({"format": FORMAT, "items": items})
        return entry

    def _set_aside(self) -> None:
        """Keep an unreadable file under another name instead of writing over it."""
        n = 1
        while (aside := self.path.with_name(f"{self.path.name}.unreadable-{n}")).exists():
            n += 1
        os.replace(self.path, aside)

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
