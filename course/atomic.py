"""Files the course writes for the trainer are written whole or not at all.

A page or a table is written beside its target under a temporary name, flushed to the disk,
then renamed over the target in one step (``os.replace``). If the disk fills up or anything
else fails on the way, the temporary file is removed and the target is exactly as it was: a
counsellor never finds half a feedback page or a grades table cut in the middle. The error
raised names the target, so the message says which file could not be written.

(For files written into a learner's own space, see ``course.untrusted``.)
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def replacing(target: Path, mode: str = "w", **open_args) -> Iterator[IO]:
    """An open file that becomes ``target`` once the block ends without error."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        with open(temporary, mode, **open_args) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        if exc.filename is None or str(exc.filename) == str(temporary):
            exc.filename = str(target)  # what the user knows, not our temporary name
        raise
    finally:
        temporary.unlink(missing_ok=True)


def write_text(target: Path, content: str, encoding: str = "utf-8") -> Path:
    with replacing(target, "w", encoding=encoding) as out:
        out.write(content)
    return target


def copy(source: Path, target: Path) -> Path:
    """``shutil.copy``, whole or not at all."""
    with open(source, "rb") as data, replacing(target, "wb") as out:
        shutil.copyfileobj(data, out)
    shutil.copymode(source, target)
    return target
