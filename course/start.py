"""``course start``: JupyterLab on this computer, opened at the first module.

Settings are seeded per workshop (``JUPYTERLAB_SETTINGS_DIR``), not in the Python environment:
French menus for a French workshop, no news or update checks, no kernel dialog, and large fonts
for seniors. The server listens on 127.0.0.1 only. Works the same on Linux, macOS and Windows.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .errors import CourseError
from .i18n import say
from .workshop import Workshop

LOCALES = {"fr": "fr_FR", "en": "en"}
SENIOR_FONTS = {"content-font-size1": "20px", "ui-font-size1": "18px", "code-font-size": "18px"}


def lab_settings(workshop: Workshop) -> dict[str, dict]:
    """User settings files (relative path -> content) for the workshop's JupyterLab."""
    settings = {
        "@jupyterlab/translation-extension/plugin.jupyterlab-settings":
            {"locale": LOCALES[workshop.lang]},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
            {"checkForUpdates": False, "fetchNews": "false"},
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
            {"autoStartDefaultKernel": True},
    }
    if workshop.audience == "senior":
        settings["@jupyterlab/apputils-extension/themes.jupyterlab-settings"] = {
            "overrides": SENIOR_FONTS}
    return settings


def write_lab_settings(workshop: Workshop) -> Path:
    """Write the settings into the workshop and return the folder (for JUPYTERLAB_SETTINGS_DIR)."""
    folder = workshop.path / "jupyterlab-settings"
    for relative, content in lab_settings(workshop).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, indent=2), encoding="utf-8")
    return folder


def prepare_workspace(workshop: Workshop, learner: str) -> Path:
    """The learner's own folder with every released module; their files are never replaced."""
    released = [m for m in workshop.modules if (workshop.release / m).is_dir()]
    if not released:
        raise CourseError(say(
            "Aucun module n'est encore distribué. Lancez d'abord « course release 01 ».",
            "No module has been released yet. Run 'course release 01' first.",
        ))
    home = workshop.workspaces / learner
    for module in released:
        for source in (workshop.release / module).iterdir():
            target = home / module / source.name
            if source.is_file() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
    return home


def lab_command(home: Path, first_page: str, port: int, open_browser: bool,
                token: str | None) -> list[str]:
    """The JupyterLab command line: loopback only, no update checks."""
    command = [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={home}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--ServerApp.open_browser={open_browser}",
        f"--LabApp.default_url=/lab/tree/{first_page}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.expose_app_in_browser=True",
    ]
    if token is not None:
        command.append(f"--IdentityProvider.token={token}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def start(workshop: Workshop, learner: str, port: int = 8888, open_browser: bool = True,
          token: str | None = None) -> int:
    """Run JupyterLab for ``learner`` until it is stopped; returns its exit status."""
    home = prepare_workspace(workshop, learner)
    first = next(m for m in workshop.modules if (home / m).is_dir())
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(write_lab_settings(workshop)),
               COURSE_LANG=workshop.lang)
    page = f"{first}/{workshop.notebook('lesson')}.ipynb"
    print(say(f"JupyterLab s'ouvre sur {page}. Pour arrêter : Ctrl+C dans cette fenêtre.",
              f"JupyterLab opens at {page}. To stop it: Ctrl+C in this window."), flush=True)
    return subprocess.call(lab_command(home, page, port, open_browser, token), env=env)
