"""What ``course start`` hands to JupyterLab and Voilà: loopback, language, fonts, culling."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.start import (
    SENIOR_FONTS,
    lab_settings,
    server_command,
    server_config,
    voila_settings,
)
from course.workshop import Workshop


def workshop(lang: str, audience: str) -> Workshop:
    return Workshop(Path("/tmp/atelier"), lang, audience, ["01-premiers-pas"])


THEMES = "@jupyterlab/apputils-extension/themes.jupyterlab-settings"


@pytest.mark.parametrize("lang, locale", [("fr", "fr_FR"), ("en", "en")])
def test_lab_speaks_the_workshop_language_without_news(lang, locale):
    settings = lab_settings(workshop(lang, "youth"))
    assert settings["@jupyterlab/translation-extension/plugin.jupyterlab-settings"] == {
        "locale": locale}
    notify = settings["@jupyterlab/apputils-extension/notification.jupyterlab-settings"]
    assert notify == {"checkForUpdates": False, "fetchNews": "false"}
    assert THEMES not in settings  # youth keep JupyterLab's own sizes


def test_seniors_in_jupyterlab_get_large_fonts():
    fonts = lab_settings(workshop("fr", "senior"))[THEMES]["overrides"]
    assert fonts == SENIOR_FONTS and int(fonts["content-font-size1"].removesuffix("px")) >= 20


def test_servers_listen_on_loopback_only():
    for lab in (True, False):
        command = server_command(Path("/tmp/x"), 8888, "t", lab=lab)
        assert "--ServerApp.ip=127.0.0.1" in command
        assert "--ServerApp.default_url=/course" in command  # the home page


@pytest.mark.parametrize("lang, listen", [("fr", "Écouter"), ("en", "Listen")])
def test_voila_page_is_in_the_workshop_language_and_culls_idle_kernels(lang, listen):
    settings = voila_settings(workshop(lang, "senior"))
    assert settings["HTMLExporter"]["language_code"] == lang
    assert settings["VoilaConfiguration"]["template"] == "course"
    assert settings["VoilaConfiguration"]["resources"]["course"]["listen"] == listen
    assert settings["MappingKernelManager"]["cull_idle_timeout"] > 0


def test_workspace_gets_every_released_file_and_keeps_the_learners(tmp_path: Path):
    from course.start import prepare_workspace

    release = tmp_path / "release" / "05-chiffres"
    (release / "data").mkdir(parents=True)
    (release / "lecon.ipynb").write_text("{}")
    (release / "data" / "rents.csv").write_text("year;rent\n")
    atelier = Workshop(tmp_path, "fr", "senior", ["05-chiffres"])
    home = prepare_workspace(atelier, "renard")
    assert (home / "05-chiffres" / "data" / "rents.csv").read_text() == "year;rent\n"
    (home / "05-chiffres" / "lecon.ipynb").write_text('{"mine": 1}')
    prepare_workspace(atelier, "renard")
    assert (home / "05-chiffres" / "lecon.ipynb").read_text() == '{"mine": 1}'


def test_learner_servers_show_no_trainer_tools_nor_course_files():
    config = server_config(workshop("fr", "youth"))
    server = config["jupyter_server_config.json"]
    extensions = server["ServerApp"]["jpserver_extensions"]
    assert extensions["course.homeserver"] is True
    assert extensions["nbgrader.server_extensions.validate_assignment"] is False
    assert {"*.items.json", "*.answers.json"} <= set(server["ContentsManager"]["hide_globs"])
    lab = config["labconfig/page_config.json"]["disabledExtensions"]
    assert lab["@jupyter/nbgrader"] is True


def test_one_question_per_screen_is_a_workshop_setting(tmp_path: Path):
    from course.workshop import open_workshop
    from tests.helpers import course

    for name, option in (("pages", []), ("screens", ["--one-per-screen"])):
        assert course("new", tmp_path / name, "--lang", "fr", "--audience", "senior",
                      "--modules", "00", *option) == 0
        workshop = open_workshop(tmp_path / name)
        assert workshop.one_per_screen == bool(option)
        words = voila_settings(workshop)["VoilaConfiguration"]["resources"]["course"]
        assert words["one_per_screen"] == bool(option)
        assert words["step_of"] == "Étape {n} sur {total}" and words["next_step"] == "Suivant"
