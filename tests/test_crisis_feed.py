"""The crisis feed of module 10: module 04's tracer and module 03's mini-web composed, posts
judged reliable or not, scored on discernment."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
import yaml

from course.activities import crisis_feed, image_tracer, mini_web
from course.activities.crisis_feed import (
    CrisisFeed,
    FeedError,
    Reading,
    judge,
    load_feed,
    look_up,
    trace,
)
from course.cues import alarmed
from tests.helpers import REPO

DATA = REPO / "modules" / "10-complots-crise" / "data"
POSTS = load_feed(DATA / "crisis_feed.yml", "senior")
BY_ID = {p.id: p for p in POSTS}
PICTURES = image_tracer.load_pictures(DATA / "images.yml", "en")
WEB = mini_web.load_web(DATA / "pages.yml", "en")


def test_the_feed_holds_every_kind_the_lesson_names_and_reliable_posts_too():
    assert {p.kind for p in POSTS} == set(crisis_feed.KINDS)
    assert sorted(p.id for p in POSTS if p.reliable) == ["archive-photo", "genuine-report",
                                                         "prefecture-alert"]
    assert sum(not p.reliable for p in POSTS) == 5


def test_the_tone_decides_nothing():
    """A loud post is reliable (the prefecture's alert) and calm ones are not (the invented
    toll, the hateful "explanation"): "it shouts, so it is false" fails on the feed."""
    styles = {(p.reliable, alarmed(p.text["fr"], "fr")) for p in POSTS}
    assert (True, True) in styles and (False, False) in styles


def test_the_activity_composes_the_tracer_and_the_mini_web_instead_of_copying_them():
    source = inspect.getsource(crisis_feed)
    assert "reverse_search(" in source and "mini_web.search(" in source
    assert "def difference_hash" not in source and "def search(" not in source


def test_tracing_finds_re_used_footage_and_an_honest_archive_photo_alike():
    """The old fire is found as an older copy; so is the paper's archive photo, which says it
    is one: an older copy alone does not decide. The photo of the day has no older copy."""
    recycled = trace(PICTURES, BY_ID["recycled-fire"], "en")
    assert "2015-08-02" in recycled[1] and "Port-Argent" in recycled[1]
    archive = trace(PICTURES, BY_ID["archive-photo"], "en")
    assert "2019-05-21" in archive[1] and BY_ID["archive-photo"].reliable
    today = trace(PICTURES, BY_ID["genuine-report"], "en")
    assert today[1].startswith("No older copy. That is no proof")
    assert trace(PICTURES, BY_ID["satire-park"], "en") == []


def test_looking_up_shows_what_other_sources_say_first():
    assert look_up(WEB, BY_ID["invented-toll"], "en")[0]["title"].startswith("300 dead in "
                                                                             "Valmont?")
    assert look_up(WEB, BY_ID["hateful-they-knew"], "en")[0]["site"] == "verifvalmont.fr"
    satire = {page["site"] for page in look_up(WEB, BY_ID["satire-park"], "en")}
    assert satire == {"lepetitmoqueur.fr", "wikimonde.org"}
    assert look_up(WEB, BY_ID["archive-photo"], "en") == []


def test_the_hateful_post_is_summed_up_names_the_hatred_and_never_quotes_a_slur():
    post = BY_ID["hateful-they-knew"]
    assert post.hateful and post.text["fr"].startswith("[Message résumé pour le cours")
    assert "antisémitisme" in post.explanation["fr"] and "antisemitism" in post.explanation["en"]
    assert "PHAROS" in post.explanation["fr"]


def _write(tmp_path: Path, posts: list[dict]) -> Path:
    path = tmp_path / "crisis_feed.yml"
    path.write_text(yaml.safe_dump({"posts": posts}), encoding="utf-8")
    return path


def _raw(id_: str, kind: str) -> dict:
    both = {"fr": "t", "en": "t"}
    return {"id": id_, "kind": kind, "fictional": True, "author": both, "text": both,
            "explanation": both, "search": both}


@pytest.mark.parametrize("posts, error", [
    ([_raw("a", "hateful"), _raw("b", "satire")], "reliable and misleading posts both"),
    ([_raw("a", "genuine"), {**_raw("b", "satire"), "fictional": False}], "fictional"),
    ([_raw("a", "genuine"), _raw("b", "rumour")], "kind must be"),
    ([_raw("a", "genuine"), _raw("a", "satire")], "repeat"),
    ([_raw("a", "genuine"), {**_raw("b", "satire"), "text": {"fr": "seulement"}}], "English"),
    ([_raw("a", "genuine"), {**_raw("b", "satire"), "search": None}], "picture to trace"),
])
def test_a_broken_feed_is_refused_with_the_reason(tmp_path: Path, posts, error):
    with pytest.raises(FeedError, match=error):
        load_feed(_write(tmp_path, posts))


def test_a_post_whose_picture_is_missing_is_refused():
    lost = [p for p in POSTS if p.image != "factory-today"]
    pictures = {k: v for k, v in PICTURES.items() if k != "fire-viral"}
    with pytest.raises(FeedError, match="recycled-fire"):
        CrisisFeed(lost, pictures, WEB, "en")


def test_the_judgement_names_what_the_post_is():
    verdict = judge(BY_ID["recycled-fire"], "unreliable", "en")
    assert verdict.right and verdict.sentences[0] == "Well spotted."
    assert "old footage" in verdict.sentences[1]
    assert not judge(BY_ID["prefecture-alert"], "unreliable", "en").right
    with pytest.raises(ValueError):
        judge(BY_ID["prefecture-alert"], "fake", "en")


def test_distrusting_everything_is_counted_apart_and_warned_about():
    reading = Reading(POSTS)
    while reading.current:
        reading.choose("unreliable", "fr")
        reading.next()
    assert reading.right == {True: 0, False: 5}
    summary = reading.summary("fr")
    assert summary[0].startswith("Terminé. Informations fiables reconnues\u00a0: 0 sur 3.")
    assert summary[1].startswith("Attention\u00a0: tout croire faux")


def test_the_widget_follows_the_buttons_and_never_crashes_on_odd_events():
    widget = CrisisFeed(POSTS[:2], PICTURES, WEB, "en", "senior")
    assert widget.card["progress"] == "Post 1 of 2" and widget.card["trace"]
    assert widget.card["src"].startswith("data:image/jpeg;base64,")
    assert widget.card["query"] == "Valmont explosion video"
    widget.handle({"event": "trace"})
    assert "2015-08-02" in widget.traced[1]
    widget.handle({"event": "look_up"})
    assert widget.pages[0]["site"] == "verifvalmont.fr"
    widget.handle({"event": "check"})  # nothing chosen
    assert widget.feedback == ["Choose an answer first."] and widget.stage == "choose"
    widget.handle({"event": "check", "choice": "unreliable"})
    assert widget.stage == "seen" and widget.feedback[0] == "Well spotted."
    widget.handle({"event": "check", "choice": "reliable"})  # late click: nothing changes
    assert widget.reading.seen == {True: 0, False: 1}
    widget.handle({"event": "next"})
    assert widget.traced == [] and widget.pages == []  # the tools start again on each post
    widget.handle({"event": "skip"})
    assert widget.stage == "finished" and widget.card == {}
    assert widget.feedback == ["Done. Reliable posts recognised: 0 of 0. Misleading or hateful "
                               "posts recognised: 1 of 1. Skipped: 1."]
    widget.handle({"event": "trace"})  # no post left: nothing happens
    widget.handle({"event": "restart"})
    assert widget.stage == "choose" and widget.reading.skipped == []


def test_the_content_note_comes_with_the_hateful_post_only():
    hateful = [p for p in POSTS if p.hateful]
    widget = CrisisFeed(hateful + [BY_ID["genuine-report"]], PICTURES, WEB, "fr", "youth")
    assert widget.card["hateful"] and "Tu peux le passer" in widget.labels["content_note"]
    widget.handle({"event": "skip"})
    assert not widget.card["hateful"]
    assert widget.reading.skipped == ["hateful-they-knew"]
