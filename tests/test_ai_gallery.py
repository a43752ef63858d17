"""The gallery of module 09: pictures judged by their context, scored on discernment."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageStat

from course.activities.ai_gallery import Gallery, GalleryError, Viewing, judge, load_gallery
from tests.helpers import REPO

FILE = REPO / "modules" / "09-fabrique-ia" / "data" / "gallery.yml"
PICTURES = load_gallery(FILE, "senior")
BY_ID = {p.id: p for p in PICTURES}


def test_real_photos_and_made_pictures_are_both_there_and_all_drawn_files():
    assert sorted(p.id for p in PICTURES if p.made) == ["doctor-ad", "snow-beach",
                                                         "town-hall-fire"]
    assert sorted(p.id for p in PICTURES if not p.made) == ["concert", "footbridge",
                                                             "market-day"]
    for picture in PICTURES:
        with Image.open(picture.path) as image:
            assert image.size == (480, 320), picture.id


def test_no_label_is_never_the_cue_and_a_flaw_never_decides():
    """The label line is the same on most pictures of both kinds, and the one "flaw" is on a
    real photo: neither "no label means real" nor "a flaw means made" scores."""
    no_label = {p.made for p in PICTURES if p.context["label"]["en"] == "No AI label"}
    assert no_label == {True, False}
    assert not BY_ID["concert"].made and "blurred" in BY_ID["concert"].caption["en"]


def _ordered_share(made: list[float], real: list[float]) -> float:
    """The share of (made, real) pairs that "the higher one is made" orders right, ties half."""
    pairs = [(m > r) + 0.5 * (m == r) for m in made for r in real]
    return sum(pairs) / len(pairs)


def test_the_pixels_never_sort_the_gallery():
    """No simple measure of the drawn files (size, brightness, contrast, colour) puts every
    made picture above every real one or below it: only the context can decide."""
    measures: dict[str, dict[bool, list[float]]] = {}
    for picture in PICTURES:
        with Image.open(picture.path) as image:
            grey, colour = ImageStat.Stat(image.convert("L")), ImageStat.Stat(image.convert("RGB"))
            values = {"bytes": picture.path.stat().st_size, "brightness": grey.mean[0],
                      "contrast": grey.stddev[0], "red": colour.mean[0],
                      "green": colour.mean[1], "blue": colour.mean[2]}
        for name, value in values.items():
            measures.setdefault(name, {True: [], False: []})[picture.made].append(value)
    for name, by_kind in measures.items():
        assert 0 < _ordered_share(by_kind[True], by_kind[False]) < 1, name


def _write(tmp_path: Path, pictures: list[dict]) -> Path:
    (tmp_path / "gallery").mkdir(exist_ok=True)
    for name in ("a.jpg", "b.jpg"):
        shutil.copy(PICTURES[0].path, tmp_path / "gallery" / name)
    path = tmp_path / "gallery.yml"
    path.write_text(yaml.safe_dump({"pictures": pictures}), encoding="utf-8")
    return path


def _raw(id_: str, made: bool, file: str = "gallery/a.jpg") -> dict:
    both = {"fr": "t", "en": "t"}
    return {"id": id_, "fictional": True, "file": file, "made": made, "alt": both,
            "caption": both, "first_posted": both, "label": both, "others": both,
            "explanation": both}


@pytest.mark.parametrize("pictures, error", [
    ([_raw("a", True), _raw("b", True)], "real photos and made pictures both"),
    ([_raw("a", True), {**_raw("b", False), "fictional": False}], "fictional"),
    ([_raw("a", True), _raw("b", False, "gallery/missing.jpg")], "missing"),
    ([_raw("a", True), {**_raw("b", False), "made": "yes"}], "made must be"),
    ([_raw("a", True), _raw("a", False)], "repeat"),
    ([_raw("a", True), {**_raw("b", False), "others": {"fr": "seulement"}}], "English"),
])
def test_a_broken_gallery_is_refused_with_the_reason(tmp_path: Path, pictures, error):
    with pytest.raises(GalleryError, match=error):
        load_gallery(_write(tmp_path, pictures))


def test_the_judgement_names_the_deciding_context():
    verdict = judge(BY_ID["snow-beach"], "made", "en")
    assert verdict.right and verdict.sentences[0] == "Well spotted."
    assert "no other source" in verdict.sentences[1]
    assert not judge(BY_ID["concert"], "made", "en").right
    with pytest.raises(ValueError):
        judge(BY_ID["concert"], "fake", "en")


def test_calling_everything_made_is_counted_apart_and_warned_about():
    viewing = Viewing(PICTURES)
    while viewing.current:
        viewing.choose("made", "fr")
        viewing.next()
    assert viewing.right == {True: 3, False: 0}
    summary = viewing.summary("fr", "youth")
    assert summary[0].startswith("Terminé. Vraies photos reconnues\u00a0: 0 sur 3.")
    assert summary[1].startswith("Attention\u00a0: tout croire fabriqué")
    assert "Regarde qui" in summary[1]


def test_the_widget_follows_the_buttons_and_never_crashes_on_odd_events():
    widget = Gallery(PICTURES[:2], "en", "senior")
    assert widget.card["progress"] == "Picture 1 of 2"
    assert widget.card["src"].startswith("data:image/jpeg;base64,")
    assert [line["name"] for line in widget.card["context"]] == [
        "First posted by", "Platform label", "What other sources say"]
    widget.handle({"event": "check"})  # nothing chosen
    assert widget.feedback == ["Choose an answer first."] and widget.stage == "choose"
    widget.handle({"event": "check", "choice": "real"})
    assert widget.stage == "seen" and widget.feedback[0] == "Well spotted."
    widget.handle({"event": "check", "choice": "made"})  # late click: nothing changes
    assert widget.viewing.seen == {True: 0, False: 1}
    widget.handle({"event": "next"})
    widget.handle({"event": "skip"})
    assert widget.stage == "finished" and widget.card == {}
    assert widget.feedback == ["Done. Real photos recognised: 1 of 1. Made pictures "
                               "recognised: 0 of 0. Skipped: 1."]
    widget.handle({"event": "restart"})
    assert widget.stage == "choose" and widget.viewing.skipped == []
