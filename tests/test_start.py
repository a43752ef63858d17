"""What ``course start`` hands to JupyterLab and Voilà: loopback, language, fonts, culling."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.start import (
    SENIOR_FONTS,
    lab_command,
    lab_settings,
    voila_command,
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
    lab = lab_command(Path("/tmp/x"), "01/lecon.ipynb", 8888, False, None)
    voila = voila_command(Path("/tmp/x"), Path("/tmp/s"), 8866, "t")
    assert "--ServerApp.ip=127.0.0.1" in lab and "--Voila.ip=127.0.0.1" in voila


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
