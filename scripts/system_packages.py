"""What ``make start`` and ``make test`` need from the system, installed when it can be.

    python3 scripts/system_packages.py start|test

On Debian, as root, the missing packages are installed with ``apt-get``; otherwise the one
command to run is printed and the exit status is 1, so ``make`` stops at once instead of
failing (or skipping browser tests) half an hour later. Standard library only: it runs
before the virtual environment exists.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from ctypes.util import find_library
from pathlib import Path

Check = Callable[[], object]
#: (Debian packages, how to tell they are there) for each need, by make target
NEEDS: dict[str, list[tuple[list[str], Check]]] = {
    "start": [
        (["python3-venv"], lambda: importlib.util.find_spec("ensurepip")),
    ],
}
NEEDS["test"] = NEEDS["start"] + [
    # the browser tests drive Debian's Chromium (Playwright cannot download its own here)
    (["chromium"], lambda: shutil.which("chromium") or shutil.which("chromium-browser")),
    # a real PostgreSQL server for the shared-gradebook tests (tests/postgres.py)
    (["postgresql"], lambda: glob.glob("/usr/lib/postgresql/*/bin/initdb")),
    # axe-core for the accessibility checks, JupyterHub's proxy
    (["nodejs", "npm"], lambda: shutil.which("node") and shutil.which("npm")),
    # WeasyPrint (course print) lays out pages with Pango and Debian's fonts
    (["libpangoft2-1.0-0", "libharfbuzz-subset0"],
     lambda: find_library("pangoft2-1.0") and find_library("harfbuzz-subset")),
    (["fonts-dejavu-core"], lambda: Path("/usr/share/fonts/truetype/dejavu").is_dir()),
]


def missing(target: str) -> list[str]:
    """The Debian packages ``target`` needs that are not there."""
    return [package for packages, present in NEEDS[target] if not present()
            for package in packages]


def can_install() -> bool:
    return os.name == "posix" and os.geteuid() == 0 and shutil.which("apt-get") is not None


def install(packages: list[str]) -> bool:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for step in (["apt-get", "update", "-qq"],
                 ["apt-get", "install", "-y", "-qq", *packages]):
        if subprocess.run(step, env=env).returncode != 0:
            return False
    return True


def main(argv: list[str]) -> int:
    target = argv[0] if argv else "test"
    need = missing(target)
    if not need:
        return 0
    if can_install():
        print(f"make {target}: apt-get install {' '.join(need)}", flush=True)
        if install(need) and not missing(target):
            return 0
        need = missing(target)
    print(f"make {target} needs these system packages: {' '.join(need)}\n"
          f"Install them with:\n    sudo apt-get install -y {' '.join(need)}\n"
          f"then run make {target} again.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
