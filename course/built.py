"""What a notebook built by the course says about itself (``metadata.course``).

The learner's kernel and the home page both need to know, from a file in the learner's own
folder, which module, kind, language and audience a notebook was built for. The file is the
learner's: anything else (their own notebook, a broken or huge file) is simply not a course
notebook.
"""

from __future__ import annotations

import json
from pathlib import Path

MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024


def notebook_course(path: Path) -> dict[str, str] | None:
    """The ``course`` metadata (module, kind, lang, audience, title) of a built notebook, or
    None for any other file."""
    try:
        if path.suffix != ".ipynb" or not path.is_file() or \
                path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return None
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return None
    course = meta.get("course") if isinstance(meta, dict) else None
    wanted = ("module", "kind", "lang", "audience")
    if not isinstance(course, dict) or not all(isinstance(course.get(k), str) for k in wanted):
        return None
    course = {k: v for k, v in course.items() if isinstance(v, str)}
    if "title" not in course and isinstance(meta.get("title"), str):  # built before "title"
        course["title"] = meta["title"].split(" · ")[0]
    return course
