"""Build the course into the image: every module released for one language and audience.

Run once by the Dockerfile (``bake`` stage). It builds a throw-away workshop with the course's
own commands and keeps only its ``release/`` folder: the learner image carries what learners
receive anyway, never ``source/`` nor ``exercises/``, where the keys of graded items live.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path


def bake(out: Path, lang: str, audience: str) -> list[str]:
    """Write the released modules to ``out/release``; returns their ids."""
    from grading.create import create_workshop
    from grading.release import release_modules

    with tempfile.TemporaryDirectory() as scratch:
        workshop = create_workshop(Path(scratch) / "atelier", lang, audience)
        release_modules(workshop, [workshop.module(m) for m in workshop.modules])
        shutil.copytree(workshop.release, out / "release")
    return sorted(p.name for p in (out / "release").iterdir() if p.is_dir())


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--lang", required=True)
    options.add_argument("--audience", required=True)
    options.add_argument("--out", required=True, type=Path)
    args = options.parse_args(argv)
    print("released:", ", ".join(bake(args.out, args.lang, args.audience)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
