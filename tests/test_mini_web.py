"""The offline mini-web: its fictional corpus, the gameable search, the path summary, the widget."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from course.activities.mini_web import (
    ADVICE,
    LABELS,
    MiniWeb,
    advice,
    load_web,
    result_rows,
    search,
    summarize,
    words,
)
from course.answers import AnswerStore, read_answers
from tests.helpers import REPO

DATA = REPO / "modules" / "03-verifier-source" / "data" / "pages.yml"
KINDS_REQUIRED = {"lobby", "satire", "imposter", "fact-check", "encyclopedia", "forum",
                  "official", "about", "news"}


@pytest.fixture(scope="module", params=["fr", "en"])
def web(request):
    return load_web(DATA, request.param)


def test_corpus_has_25_fictional_pages_of_every_kind_in_both_languages():
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert len(raw["pages"]) >= 25
    assert all(page["fictional"] is True for page in raw["pages"])
    assert KINDS_REQUIRED <= {page["kind"] for page in raw["pages"]}
    for page in raw["pages"]:
        for field in ("title", "text"):
            assert set(page[field]) == {"fr", "en"}, (page["id"], field)
    assert len({page["id"] for page in raw["pages"]}) == len(raw["pages"])


def test_pages_link_to_each_other_and_every_lobby_site_is_described_elsewhere(web):
    assert sum(len(page.links) for page in web.pages.values()) >= 30
    described = {site for page in web.pages.values() for site in page.about}
    lobby_sites = {page.site for page in web.pages.values() if page.kind in ("lobby", "imposter")}
    assert lobby_sites <= described
    for site in lobby_sites:
        assert web.about_page(site), f"{site} has no about page"


@pytest.mark.parametrize("rule, change", [
    ("fictional", lambda page: page.pop("fictional")),
    ("unknown site", lambda page: page.update(site="example.com")),
    ("unknown pages", lambda page: page.update(links=["nowhere"])),
])
def test_a_page_that_breaks_a_rule_is_refused(tmp_path: Path, rule, change):
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    change(raw["pages"][0])
    broken = tmp_path / "pages.yml"
    broken.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match=rule):
        load_web(broken, "fr")


def test_words_ignore_case_accents_plurals_and_small_words():
    assert words("Les ÉCRANS et le Sommeil des ados") == {"ecran", "sommeil", "ado"}
    assert words("") == set()


@pytest.mark.parametrize("lang, query", [("fr", "bellefeuille arthrose"),
                                         ("en", "bellefeuille arthritis")])
def test_the_first_results_for_the_claim_are_the_pages_that_push_themselves(lang, query):
    ranked = [page.id for page in search(load_web(DATA, lang), query)]
    assert ranked[:2] == ["inst-home", "fake-courrier-article"]  # the lobby, then the imposter
    assert ranked.index("contre-bellefeuille") > 2
    assert ranked.index("courrier-bellefeuille") > 2
    assert len(ranked) <= 8


def test_searching_for_who_is_behind_finds_the_encyclopedia(web):
    ranked = [page.id for page in search(web, web.site_names["institut-bellefeuille.org"])]
    assert "wiki-institut" in ranked[:2]
    assert search(web, "zzz qwerty") == []
    assert search(web, "   ") == []


def test_result_rows_are_ready_for_a_table(web):
    rows = result_rows(web, "bellefeuille")
    assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1))
    assert set(rows[0]) == {"rank", "title", "site", "date"}


def open_(page):
    return {"action": "open", "page": page}


def find(query):
    return {"action": "search", "query": query}


def test_staying_on_the_first_site_is_not_lateral_reading(web):
    summary = summarize(web, [find("bellefeuille arthrose"), open_("inst-home"),
                              open_("inst-about"), open_("inst-study")])
    assert summary["first_result_clicked"] and summary["own_about_page"]
    assert not summary["left_first_site"] and not summary["read_laterally"]
    assert summary["sites"] == ["institut-bellefeuille.org"]


def test_reading_what_others_say_about_the_site_is_lateral_reading(web):
    summary = summarize(web, [find("bellefeuille arthrose"), open_("inst-home"),
                              find("Institut européen de la bellefeuille"),
                              open_("wiki-institut")])
    assert summary["read_laterally"] and summary["left_first_site"]
    assert summary["searches"] == 2 and summary["pages_opened"] == 2


def test_leaving_for_an_unrelated_page_is_not_yet_lateral(web):
    summary = summarize(web, [open_("inst-home"), open_("moqueur-home")])
    assert summary["left_first_site"] and not summary["read_laterally"]
    assert not summary["first_result_clicked"]  # no search before: not a result click


def test_empty_and_foreign_paths_give_an_empty_summary(web):
    summary = summarize(web, [{"action": "open", "page": "nowhere"}, {"action": "dance"}])
    assert summary["pages_opened"] == 0 and summary["first_site"] == ""
    assert advice(summary, "fr") == [ADVICE["nothing"]["fr"]]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_advice_praises_lateral_reading_and_warns_about_the_first_result(web, lang):
    lateral = summarize(web, [find("bellefeuille"), open_("inst-home"), open_("wiki-institut")])
    assert advice(lateral, lang)[0] == ADVICE["lateral"][lang]
    vertical = summarize(web, [find("bellefeuille arthrose"), open_("inst-home"),
                               open_("inst-about")])
    assert advice(vertical, lang) == [ADVICE["own_about"][lang], ADVICE["first_result"][lang]]


def test_every_label_exists_in_both_languages():
    for table in (LABELS, ADVICE):
        assert all({"fr", "en"} <= set(value) <= {"fr", "en", "fr-youth"} and all(value.values())
                   for value in table.values())


def press(widget, **content):
    widget._on_front_end_message(widget, content, [])


def test_widget_searches_opens_and_records_the_path_in_the_answer_file(tmp_path: Path):
    store = AnswerStore(tmp_path / "lecon.answers.json")
    widget = MiniWeb(load_web(DATA, "fr"), "fr", ["bellefeuille arthrose"], store)
    press(widget, event="search", query="bellefeuille arthrose")
    assert widget.results[0]["id"] == "inst-home"
    assert widget.status.startswith("8 résultats")
    press(widget, event="open", page="inst-home")
    assert widget.page["about"] == "inst-about"
    assert {link["id"] for link in widget.page["links"]} == {"inst-about", "inst-study"}
    press(widget, event="open", page="wiki-institut")
    press(widget, event="review")
    assert widget.review[0] == ADVICE["lateral"]["fr"]
    saved = read_answers(store.path)["mini-web-path"]["value"]
    assert [step.get("page") or step.get("query") for step in saved["path"]] == [
        "bellefeuille arthrose", "inst-home", "wiki-institut"]
    assert saved["summary"]["read_laterally"] is True
    press(widget, event="back")
    assert widget.page == {}


def test_widget_ignores_unknown_pages_empty_searches_and_stray_messages():
    widget = MiniWeb(load_web(DATA, "en"), "en")
    press(widget, event="search", query="   ")
    press(widget, event="open", page="nowhere")
    widget._on_front_end_message(widget, ["noise"], [])
    assert widget.path == [] and widget.results == [] and widget.page == {}
    press(widget, event="search", query="qwerty")
    assert widget.status == "No results for “qwerty”. Try other words."


@pytest.mark.parametrize("activity", ["lesson", "exercise"])
def test_suggested_searches_exist_in_both_languages_and_all_find_pages(activity):
    french, english = load_web(DATA, "fr"), load_web(DATA, "en")
    assert len(french.searches[activity]) == len(english.searches[activity]) >= 3
    for web in (french, english):
        assert all(search(web, query) for query in web.searches[activity])


def test_in_a_built_exercise_the_path_lands_in_the_learners_answer_file(tmp_path, monkeypatch):
    from course.activities.mini_web import mini_web
    from course.build import build_module
    from course.content import find_module, notebook_name
    from course.learner import setup

    module = find_module(REPO, "03")
    build_module(module, "en", "senior", tmp_path)
    folder = tmp_path / module.id
    monkeypatch.chdir(folder)  # the kernel's working directory, where data/ was copied
    name = notebook_name("exercise", "en")
    setup(module.id, name, "en", "senior")
    widget = mini_web("exercise", item_id="ex-mini-web-path")
    assert widget.suggestions == load_web(DATA, "en").searches["exercise"]
    press(widget, event="search", query=widget.suggestions[0])
    press(widget, event="open", page="obs-home")
    press(widget, event="open", page="wiki-observatoire")
    saved = read_answers(folder / f"{name}.answers.json")["ex-mini-web-path"]["value"]
    assert saved["summary"]["read_laterally"] and saved["summary"]["first_result_clicked"]
