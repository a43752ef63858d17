"""``course start``: the course on this computer, opened at the first module.

Youth and counsellors get JupyterLab; seniors get Voilà (no code, the course's own page: large
text, contrast switch, "listen" buttons). Settings are seeded per workshop, not in the Python
environment: French menus for a French workshop, no news or update checks, no kernel dialog,
large fonts for seniors. The server listens on 127.0.0.1 only, and kernels are told where the
"I have finished" button hands work in. Works the same on Linux, macOS and Windows.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import webbrowser
from collections.abc import Callable
from pathlib import Path

from . import processes, untrusted
from .errors import CourseError
from .handin import HANDIN_ENV
from .i18n import say, text
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


# What a learner's server does without: the trainer's grading tools (1.3 s of start-up for the
# formgrader alone, and nbgrader's Validate button, sidebar and menu), a terminal, code
# intelligence and text notebooks.
TRAINER_ONLY = ("nbgrader.server_extensions.formgrader",
                "nbgrader.server_extensions.validate_assignment",
                "nbgrader.server_extensions.assignment_list",
                "nbgrader.server_extensions.course_list", "jupyter_lsp",
                "jupyter_server_terminals", "jupyterlab_jupytext")
TRAINER_ONLY_LAB = ("@jupyter/nbgrader", "jupyterlab-jupytext", "@jupyter-lsp/jupyterlab-lsp")
# The course's own files beside each notebook (items, saved answers): the kernel reads them,
# the learner's file browser does not show them. The first globs are jupyter_server's own.
HOME_EXTENSION = "course.homeserver"  # the learner's home page, /course
HOME_PAGE = "course"
HIDDEN_FILES = ("__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", "*.so", "*.dylib",
                "*.items.json", "*.answers.json")


def server_config(workshop: Workshop) -> dict[str, dict]:
    """A learner's Jupyter configuration (file relative to a config folder -> content), the
    same from ``course start`` and on the hub: no trainer tools, only the learner's files."""
    server = {**voila_settings(workshop),
              "ServerApp": {"jpserver_extensions": {**dict.fromkeys(TRAINER_ONLY, False),
                                                    HOME_EXTENSION: True},
                            "terminals_enabled": False},
              "ContentsManager": {"hide_globs": list(HIDDEN_FILES)}}
    return {"jupyter_server_config.json": server,
            "labconfig/page_config.json": {
                "disabledExtensions": dict.fromkeys(TRAINER_ONLY_LAB, True)}}


def write_server_config(workshop: Workshop, learner: str) -> Path:
    """Write the learner's configuration into the workshop; returns the folder (for
    ``JUPYTER_CONFIG_DIR``)."""
    folder = workshop.path / "jupyter-config" / learner
    for relative, content in server_config(workshop).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, indent=2, ensure_ascii=False), encoding="utf-8")
    return folder


def prepare_workspace(workshop: Workshop, learner: str, home: Path | None = None) -> Path:
    """The learner's own folder (``home``, by default under the workshop's ``learners/``) with
    every released module; their files are never replaced, and nothing they put in the way
    (a link) is followed (``course.untrusted``)."""
    released = [m for m in workshop.modules if (workshop.release / m).is_dir()]
    if not released:
        raise CourseError(say(
            "Aucun module n'est encore distribué. Lancez d'abord « course release 01 ».",
            "No module has been released yet. Run 'course release 01' first.",
        ))
    home = home or workshop.workspaces / learner
    home.mkdir(parents=True, exist_ok=True)
    files = {f"{module}/{source.relative_to(workshop.release / module).as_posix()}":
             source.read_bytes()
             for module in released for source in sorted((workshop.release / module).rglob("*"))
             if source.is_file()}  # data/ folders included
    untrusted.report(untrusted.write_files(home, files, keep_existing=True))
    return home


def server_command(home: Path, port: int, token: str | None, lab: bool) -> list[str]:
    """The learner's Jupyter server: loopback only, no update checks, landing on the home
    page (``course.homeserver``). JupyterLab's server for youth; for seniors a plain Jupyter
    server, where Voilà (an extension) draws the notebooks."""
    command = [
        sys.executable, "-m", "jupyterlab" if lab else "jupyter_server",
        f"--ServerApp.root_dir={home}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        "--ServerApp.open_browser=False",  # course start opens it, outside the warden
        f"--ServerApp.default_url=/{HOME_PAGE}",
        # Warnings and errors only: the counsellor's window shows the course's own lines, and
        # not the server's address with its token masked ("?token=..."), which opens nothing.
        "--ServerApp.log_level=WARN",
    ]
    if lab:
        command += [f"--LabApp.default_url=/{HOME_PAGE}",  # JupyterLab's own /lab otherwise
                    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                    "--LabApp.expose_app_in_browser=True"]
    if token is not None:
        command.append(f"--IdentityProvider.token={token}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


SHARE = Path(__file__).parent / "share"
CULL_IDLE_SECONDS = 30 * 60


PAGE_WORDS = ("skip", "contrast", "listen", "stop", "loading", "next_step", "previous_step",
              "steps_label")


def page_words(workshop: Workshop) -> dict[str, object]:
    """What the course's Voilà page says (in the workshop's language) and how it pages: by
    part ("Étape 2 sur 4") or, when the workshop asks for it, one question per screen."""
    lang = workshop.lang
    return {**{key: text(key, lang) for key in PAGE_WORDS},
            "step_of": text("step_of", lang, n="{n}", total="{total}"),
            "one_per_screen": workshop.one_per_screen}


def voila_settings(workshop: Workshop) -> dict[str, dict]:
    """Voilà's configuration (``voila.json``): the course page in the workshop's language,
    idle kernels culled, sources never sent to the browser."""
    lang = workshop.lang
    return {
        "VoilaConfiguration": {
            "template": "course",
            "classic_tree": True,
            "strip_sources": True,
            # JupyterLab extensions that fail to load in Voilà and only slow the page down.
            "extension_denylist": ["@jupyter/nbgrader", "jupyterlab-jupytext",
                                   "@jupyter-notebook/lab-extension"],
            "resources": {"course": page_words(workshop)},
        },
        "HTMLExporter": {"language_code": lang},
        "MappingKernelManager": {"cull_interval": 60, "cull_idle_timeout": CULL_IDLE_SECONDS,
                                 "cull_connected": True},
    }


def announce_when_ready(message: str, url: str, probe: str,
                        open_browser: bool) -> Callable[[subprocess.Popen], None]:
    """What to do once the server has started: print ``message`` (the address) and open the
    browser only when ``probe`` answers, so that the address a counsellor copies opens at once
    (Voilà cannot open a given page itself either)."""
    def on_start(server: subprocess.Popen) -> None:
        threading.Thread(target=wait_and_announce, args=(server,), daemon=True).start()

    def wait_and_announce(server: subprocess.Popen) -> None:
        for _ in range(240):
            if server.poll() is not None:
                return
            try:
                urllib.request.urlopen(probe, timeout=2)
            except OSError:
                time.sleep(0.5)
                continue
            print(message, flush=True)
            if open_browser:
                webbrowser.open(url)
            return

    return on_start


def free_port(wanted: int) -> int:
    """``wanted``, or the next free port after it: the address printed is the one served."""
    for port in range(wanted, wanted + 50):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise CourseError(say(f"Les ports {wanted} à {wanted + 49} sont tous pris : choisissez-en "
                          "un autre avec --port.", f"Ports {wanted} to {wanted + 49} are all "
                          "taken: choose another one with --port."))


def start(workshop: Workshop, learner: str, port: int = 8888, open_browser: bool = True,
          token: str | None = None, voila: bool | None = None) -> int:
    """Run the course for ``learner`` until it is stopped; returns the server's exit status.

    ``voila`` defaults to the workshop's audience: Voilà for seniors, JupyterLab otherwise.
    Stopping it (Ctrl+C, SIGTERM, a closed terminal) stops the server and its kernels too.
    """
    home = prepare_workspace(workshop, learner)
    if voila is None:
        voila = workshop.audience == "senior"
    env = dict(os.environ, COURSE_LANG=workshop.lang, COURSE_VIEW="voila" if voila else "lab",
               PYTHONWARNINGS="ignore::DeprecationWarning",  # the stack's, for its developers
               **{HANDIN_ENV: str((workshop.submitted / learner).resolve())})
    # The course's Voilà page and its kernel (``course.kernel``: set up before any cell runs).
    env["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(SHARE), os.environ.get("JUPYTER_PATH", "")) if p)
    env["JUPYTER_CONFIG_DIR"] = str(write_server_config(workshop, learner))
    env["JUPYTERLAB_SETTINGS_DIR"] = str(write_lab_settings(workshop))
    # The learner's own layout, not whatever tabs the last JupyterLab on this computer had.
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(workshop.path / "jupyterlab-workspaces" / learner)
    token = secrets.token_urlsafe(16) if token is None else token
    port = free_port(port)
    base = f"http://127.0.0.1:{port}"
    command = server_command(home, port, token, lab=not voila)
    address, probe = f"{base}/{HOME_PAGE}", f"{base}/api"
    address += f"?token={token}" if token else ""
    print(say("Le cours se prépare… (quelques secondes)", "Getting the course ready… (a few "
              "seconds)"), flush=True)
    ready = say(f"Le cours est prêt, sur sa page d'accueil : {address}\nPour arrêter : Ctrl+C "
                "dans cette fenêtre.", f"The course is ready, at its home page: {address}\nTo "
                "stop it: Ctrl+C in this window.")
    return processes.run(command, env=env,
                         on_start=announce_when_ready(ready, address, probe, open_browser))
