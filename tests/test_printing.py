"""Every guide and hand-out of every module prints: right pages, right words, nothing left over.

Guides are printed in both languages (one audience each, without the other audience's notes);
hand-outs in both languages for both audiences, each on one A4 page, in large print for seniors.
The words looked for come from the module's own Markdown.
"""

from __future__ import annotations

import re
import socket
from datetime import date
from pathlib import Path

import pytest

from course.content import Module, list_modules
from course.printing.documents import (
    LARGE_PRINT_MIN,
    audience_blocks,
    for_audience,
    print_guide,
    print_handout,
    printable,
    read_source,
    sections,
)
from course.printing.render import css_string, layout, long_date, markdown_html
from tests.helpers import REPO, course
from tests.printed import leftovers, missing, pdf_pages, plain

MODULES = list_modules(REPO)
GUIDES = [(m, lang) for m in MODULES for lang in ("fr", "en") if printable(m, "guide", lang)]
HANDOUTS = [(m, lang, audience) for m in MODULES for lang in ("fr", "en")
            for audience in ("senior", "youth") if printable(m, "handout", lang)]
KEY_POINTS = {"fr": "Points clés", "en": "Key points"}
GUIDE_AUDIENCE = {"fr": "senior", "en": "youth"}


def list_items(markdown: str) -> list[str]:
    return [plain(item) for item in re.findall(r"<li>(.*?)</li>", markdown_html(markdown), re.S)]


def headings(markdown: str, level: int) -> list[str]:
    return [plain(h) for h in re.findall(rf"<h{level}>(.*?)</h{level}>", markdown_html(markdown))]


def test_every_module_with_a_guide_has_both_documents_in_both_languages():
    assert GUIDES, "module 01 at least has a guide"
    for module, _ in GUIDES:
        assert all(printable(module, kind, lang) for kind in ("guide", "handout")
                   for lang in ("fr", "en")), module.id


@pytest.mark.parametrize(("module", "lang"), GUIDES, ids=[f"{m.id}-{lang}" for m, lang in GUIDES])
def test_guide_prints_with_title_key_points_and_timing(tmp_path: Path, module, lang):
    audience = GUIDE_AUDIENCE[lang]
    printed = print_guide(module, lang, audience, tmp_path)
    pages = pdf_pages(printed.path)
    assert printed.pages == len(pages)
    text = " ".join(pages)
    assert 2 <= len(pages) <= 12
    assert missing([module.title(lang), f"{sum(module.meta['minutes'].values())} min"],
                   text) == []
    key_points = dict(sections(read_source(module, "guide", lang)))[KEY_POINTS[lang]]
    points = list_items(key_points)
    assert points and missing(points, text) == []
    assert leftovers(text) == []
    assert all(f"{n} / {len(pages)}" in page for n, page in enumerate(pages, 1))
    source = read_source(module, "guide", lang)
    kept = {heading for heading, _ in sections(for_audience(source, audience))}
    other_notes = [heading for heading, _ in sections(source) if heading not in kept]
    assert missing(other_notes, text) == other_notes


@pytest.mark.parametrize(("module", "lang", "audience"), HANDOUTS,
                         ids=[f"{m.id}-{lang}-{a}" for m, lang, a in HANDOUTS])
def test_handout_fits_one_a4_page_with_every_point(tmp_path: Path, module, lang, audience):
    printed = print_handout(module, lang, audience, tmp_path)
    pages = pdf_pages(printed.path)
    assert len(pages) == printed.pages == 1
    if audience == "senior":
        assert printed.size >= LARGE_PRINT_MIN
    source = audience_blocks(read_source(module, "handout", lang), audience)
    wanted = headings(source, 1) + headings(source, 2) + list_items(source)
    assert missing(wanted + [module.title(lang)], pages[0]) == []
    assert leftovers(pages[0]) == []
    html = printed.path.with_suffix(".html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and f"font-size: {printed.size}pt" in html


def test_rendering_never_reaches_the_network():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        url = f"http://127.0.0.1:{server.getsockname()[1]}"
        document = layout(f'<link rel="stylesheet" href="{url}/style.css">'
                          f'<p>Texte</p><img src="{url}/image.png" alt="">')
        assert len(document.pages) == 1
        with pytest.raises(BlockingIOError):
            server.accept()


def test_print_command_writes_pdf_and_html(tmp_path: Path):
    assert course("print", "handout", "01", "--lang", "en", "--audience", "senior",
                  "--out", tmp_path) == 0
    stem = tmp_path / "01-premiers-pas-handout-en-senior"
    assert len(pdf_pages(stem.with_suffix(".pdf"))) == 1
    assert "<html lang=\"en\">" in stem.with_suffix(".html").read_text(encoding="utf-8")


def test_print_all_writes_both_kinds_and_names_what_is_missing(mini: Path, tmp_path: Path,
                                                               capsys):
    lesson = next((mini / "modules").iterdir())
    for kind in ("guide", "handout"):
        (lesson / f"{kind}.fr.md").write_text(f"# {kind}\n\n- Un point.\n", encoding="utf-8")
    assert course("print", "all", "--audience", "senior", "--content", mini,
                  "--out", tmp_path) == 0
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        f"{lesson.name}-{kind}-fr-senior.pdf" for kind in ("guide", "handout")]
    out = capsys.readouterr().out
    assert "guide.en.md" in out and "handout.en.md" in out


def test_print_command_asks_for_what_is_missing(capsys):
    assert course("print", "guide", "01", "--lang", "fr") == 2
    assert "--audience" in capsys.readouterr().err


@pytest.mark.parametrize(("module", "lang"), GUIDES, ids=[f"{m.id}-{lang}" for m, lang in GUIDES])
def test_each_audience_loses_exactly_the_other_audiences_notes(module, lang):
    source = read_source(module, "guide", lang)
    every = [heading for heading, _ in sections(source)]
    kept = {a: [heading for heading, _ in sections(for_audience(source, a))]
            for a in ("youth", "senior")}
    dropped = {a: [h for h in every if h not in kept[a]] for a in kept}
    assert len(dropped["youth"]) == len(dropped["senior"]) == 1, dropped
    assert dropped["youth"] != dropped["senior"]


def test_dates_are_written_the_same_on_any_machine():
    assert long_date(date(2026, 5, 1), "fr") == "1er mai 2026"
    assert long_date(date(2026, 11, 29), "en") == "29 November 2026"


def test_page_headers_survive_quotes_and_markup():
    assert css_string('Module "01" </style>') == '"Module \\"01\\" \\3C /style>"'


def test_a_hand_out_too_long_for_one_page_is_written_with_a_warning(mini: Path, tmp_path: Path,
                                                                      capsys):
    lesson = next((mini / "modules").iterdir())
    (lesson / "handout.fr.md").write_text(
        "# Trop long\n\n" + "".join(f"- Point numéro {n}.\n" for n in range(45)), encoding="utf-8")
    assert course("print", "handout", "01", "--lang", "fr", "--audience", "senior",
                  "--content", mini, "--out", tmp_path) == 0
    out = capsys.readouterr().out
    assert "handout.fr.md" in out and "pages" in out
    assert len(pdf_pages(next(tmp_path.glob("*.pdf")))) > 1


def test_a_handout_block_for_one_audience_prints_for_that_audience_only(mini: Path,
                                                                        tmp_path: Path):
    lesson = next((mini / "modules").iterdir())
    (lesson / "handout.fr.md").write_text(
        "# Fiche\n\n- Un point pour tous.\n\n:::{youth}\n- **3018** : cyberharcèlement.\n:::\n"
        ":::{senior}\n- **116 006** : aide aux victimes.\n:::\n", encoding="utf-8")
    module = Module(lesson.name, mini)
    youth = pdf_pages(print_handout(module, "fr", "youth", tmp_path).path)[0]
    senior = pdf_pages(print_handout(module, "fr", "senior", tmp_path).path)[0]
    assert missing(["Un point pour tous.", "3018 : cyberharcèlement."], youth) == []
    assert missing(["116 006"], youth) == ["116 006"] and leftovers(youth) == []
    assert missing(["Un point pour tous.", "116 006 : aide aux victimes."], senior) == []
    assert missing(["3018"], senior) == ["3018"] and leftovers(senior) == []


AT_HOME = {"fr": "À la maison", "en": "At home"}


@pytest.mark.parametrize(("module", "lang"), GUIDES, ids=[f"{m.id}-{lang}" for m, lang in GUIDES])
def test_every_handout_ends_with_free_tools_to_use_at_home(module, lang):
    """The last section names two or three real, free tools, each with what it does."""
    last_heading, last = sections(read_source(module, "handout", lang))[-1]
    assert last_heading == AT_HOME[lang]
    tools = list_items(last.split("\n---")[0])
    assert 2 <= len(tools) <= 3, tools
    assert all(" : " in tool or ": " in tool for tool in tools), tools


@pytest.mark.parametrize(("module", "lang"), GUIDES, ids=[f"{m.id}-{lang}" for m, lang in GUIDES])
def test_a_senior_handout_gives_adults_their_own_numbers(module, lang, tmp_path: Path):
    """Seniors' hand-outs never point only to the young people's line (issue 17)."""
    page = pdf_pages(print_handout(module, lang, "senior", tmp_path).path)[0]
    youth_only = {"fr": "Jeunes victimes", "en": "Young victims"}[lang]
    assert youth_only not in page


@pytest.mark.parametrize("module", [m for m, lang in GUIDES if lang == "fr"],
                         ids=[m.id for m, lang in GUIDES if lang == "fr"])
def test_a_youth_handout_never_says_vous(module):
    from course.localize import vous_words

    assert vous_words(audience_blocks(read_source(module, "handout", "fr"), "youth")) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_printed_senior_guide_has_no_item_ids_file_names_or_youth_notes(lang):
    from course.items import load_bank
    from course.printing.documents import guide_html

    module = next(m for m in list_modules(REPO) if m.id.startswith("01-"))
    page = guide_html(module, lang, "senior").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"<[^>]+>", " ", page)
    ids = [item["id"] for path, graded in ((module.lesson_dir / "items.yml", False),
                                           (module.exercise_dir / "items.yml", True))
           for item in load_bank(path, graded)]
    assert [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)] == []
    assert not re.search(r"\w+\.(fr|en)\.md", text)
    youth = {"fr": "Jeunes :", "en": "Youth:"}[lang]
    assert youth not in text and youth.replace(" :", ":") not in text
    assert {"fr": "Seniors :", "en": "Seniors:"}[lang] in text  # their own notes stay
