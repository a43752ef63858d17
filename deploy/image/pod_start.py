"""Start one account's server in a Zero to JupyterHub pod (the image's command).

A learner's home (their own volume) gets the released modules, never over their own files,
and the course's JupyterLab and Voilà settings (French menus, no trainer tools, large fonts for
seniors), exactly as ``course hub`` prepares a home in a room. Modules come from the workshop's
``release/`` folder when the hub mounts it (read-only), else from the ones built into the image.
The counsellor's server (``COURSE_ROLE=counsellor``, in the counsellor image) sees the whole
workshop volume; once ``course new`` has made the workshop there, the server starts in it (so
nbgrader finds its configuration) and makes each learner's hand-in folder. Then
``jupyterhub-singleuser`` runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from course.hub.homes import _write_settings
from course.start import prepare_workspace
from course.workshop import Workshop, open_workshop

WORKSHOP = Path("/srv/atelier")  # a learner's view: the workshop's release/ (values.yaml)
COUNSELLOR_WORKSHOP = Path("/srv/ateliers/atelier")  # the counsellor's view (course_hooks.py)
BUILT_IN = Path("/opt/course/atelier")  # modules released at image build (Dockerfile)
COUNSELLOR = "counsellor"


def released_view(folders: list[Path], lang: str, audience: str) -> Workshop:
    """The first folder with released modules, seen as a workshop of this language and
    audience (only its ``release/`` is read: the roster and the keys are not needed)."""
    for folder in folders:
        release = folder / "release"
        modules = sorted(p.name for p in release.iterdir() if p.is_dir()) if release.is_dir() \
            else []
        if modules:
            return Workshop(path=folder, lang=lang, audience=audience, modules=modules)
    raise SystemExit(f"no released module in {', '.join(map(str, folders))}")


def prepare_learner(home: Path, user: str, workshop: Workshop) -> dict[str, str]:
    """Fill the learner's home; returns the environment their server needs."""
    prepare_workspace(workshop, user, home)
    _write_settings(home, workshop)
    course = home / ".course"
    return {"JUPYTERLAB_SETTINGS_DIR": str(course / "lab-settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(course / "lab-workspaces"),
            "JUPYTER_CONFIG_DIR": str(course / "config")}


def prepare_counsellor(folder: Path) -> list[Path]:
    """Each learner's hand-in folder, made by the counsellor's user (the learners' pods mount
    only their own); returns them. Nothing before ``course new`` has made the workshop."""
    if not (folder / "workshop.yml").is_file():
        return []
    workshop = open_workshop(folder)
    made = [workshop.submitted / name for name in workshop.learners]
    for handin in made:
        handin.mkdir(parents=True, exist_ok=True)
    return made


def main() -> None:
    env = dict(os.environ)
    if env.get("COURSE_ROLE") == COUNSELLOR:
        if prepare_counsellor(COUNSELLOR_WORKSHOP) or COUNSELLOR_WORKSHOP.is_dir():
            os.chdir(COUNSELLOR_WORKSHOP)
            env["JUPYTERHUB_ROOT_DIR"] = str(COUNSELLOR_WORKSHOP)
    else:
        workshop = released_view([WORKSHOP, BUILT_IN], env["COURSE_LANG"],
                                 env["COURSE_AUDIENCE"])
        env.update(prepare_learner(Path.home(), env.get("JUPYTERHUB_USER", "jovyan"), workshop))
    os.execvpe("jupyterhub-singleuser", ["jupyterhub-singleuser", *sys.argv[1:]], env)


if __name__ == "__main__":
    main()
