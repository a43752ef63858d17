"""Reverse-image search and metadata reader on the project's own drawn images."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from course.activities.image_tracer import (
    LABELS,
    SAME_IMAGE,
    SENTENCES,
    ImageTracer,
    describe_metadata,
    difference_hash,
    distance,
    earlier_copies,
    load_pictures,
    read_metadata,
    remove_metadata,
    reverse_search,
)
from tests.helpers import REPO

DATA = REPO / "modules" / "04-images-videos" / "data" / "images.yml"
SCRIPT = REPO / "scripts" / "draw_module04_images.py"
FAMILIES = {  # copies of one drawn photo (the shark was pasted on the flood photo)
    "flood": ["flood-original", "flood-blog", "flood-viral", "shark-viral"],
    "crowd": ["crowd-original", "crowd-forum", "crowd-viral"],
    "bridge": ["bridge-original", "bridge-paper"],
    "beach": ["beach-holiday"],
}


@pytest.fixture(scope="module")
def pictures():
    return load_pictures(DATA, "fr")


def test_every_image_is_fictional_small_and_captioned_in_both_languages():
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    for image in raw["images"]:
        assert image["fictional"] is True and set(image["caption"]) == {"fr", "en"}
        assert (DATA.parent / image["file"]).stat().st_size < 40_000
    assert sum(1 for image in raw["images"] if image.get("start")) >= 3


def test_a_real_or_missing_image_is_refused(tmp_path: Path):
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    raw["images"][0]["file"] = "images/nowhere.jpg"
    broken = tmp_path / "images.yml"
    broken.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="missing"):
        load_pictures(broken, "fr")
    raw["images"][0].pop("fictional")
    broken.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="fictional"):
        load_pictures(broken, "fr")


def test_copies_of_one_photo_are_close_and_different_photos_are_far(pictures):
    families = {family: [difference_hash(pictures[i].path) for i in ids]
                for family, ids in FAMILIES.items()}
    for family, hashes in families.items():
        assert all(distance(a, b) <= SAME_IMAGE for a in hashes for b in hashes), family
    for family, hashes in families.items():
        for other, other_hashes in families.items():
            if other != family:
                assert min(distance(a, b) for a in hashes for b in other_hashes) > SAME_IMAGE + 4


def test_the_viral_flood_photo_leads_back_to_its_2019_original(pictures):
    matches = reverse_search(pictures, "flood-viral")
    assert matches[0].picture.id == "flood-original"  # the oldest first
    assert [m.picture.date for m in matches] == sorted(m.picture.date for m in matches)
    assert {m.picture.id for m in earlier_copies(pictures, "flood-viral")} == {
        "flood-original", "flood-blog"}


def test_the_shark_was_pasted_on_the_flood_photo(pictures):
    assert earlier_copies(pictures, "shark-viral")[0].picture.id == "flood-original"


def test_the_crowd_is_an_old_concert_and_the_bridge_photo_is_genuine(pictures):
    assert earlier_copies(pictures, "crowd-viral")[0].picture.id == "crowd-original"
    assert earlier_copies(pictures, "bridge-paper") == []  # same day, from the town hall
    assert [m.picture.id for m in reverse_search(pictures, "bridge-paper")] == ["bridge-original"]
    assert reverse_search(pictures, "beach-holiday") == []


def test_originals_carry_metadata_and_shared_copies_none(pictures):
    original = read_metadata(pictures["flood-original"].path)
    assert original["taken"] == "2019-11-12 08:41:05"
    assert original["camera"] == "Fictiphone F8"
    assert original["gps"] == pytest.approx((44.512, 4.238), abs=0.001)
    assert "gps" not in read_metadata(pictures["crowd-original"].path)
    assert read_metadata(pictures["flood-viral"].path) == {}


def test_metadata_reader_never_raises(tmp_path: Path):
    text = tmp_path / "not-an-image.jpg"
    text.write_text("hello")
    assert read_metadata(text) == {}
    assert read_metadata(tmp_path / "missing.jpg") == {}


def test_removing_metadata_keeps_the_picture_and_drops_the_position(pictures, tmp_path: Path):
    clean = remove_metadata(pictures["beach-holiday"].path, tmp_path / "clean.jpg")
    assert "gps" in read_metadata(pictures["beach-holiday"].path)
    assert read_metadata(clean) == {}
    assert distance(difference_hash(clean), difference_hash(pictures["beach-holiday"].path)) <= 2


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_metadata_in_plain_sentences(pictures, lang):
    lines = describe_metadata(read_metadata(pictures["beach-holiday"].path), lang)
    assert lines[0] == SENTENCES["taken"][lang].format(date="2025-08-03", time="16:20")
    assert any("43.291" in line for line in lines)
    assert lines[-1] == SENTENCES["caution"][lang]
    assert describe_metadata({}, lang) == [SENTENCES["none"][lang]]


def test_every_label_exists_in_both_languages():
    for table in (LABELS, SENTENCES):
        assert all(set(v) == {"fr", "en"} and all(v.values()) for v in table.values())


def test_the_drawing_script_redraws_the_committed_images(tmp_path: Path, pictures):
    spec = importlib.util.spec_from_file_location("draw", SCRIPT)
    draw = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(draw)
    draw.main(tmp_path)
    for picture in pictures.values():
        redrawn = tmp_path / picture.path.name
        assert distance(difference_hash(redrawn), difference_hash(picture.path)) <= 2
        assert read_metadata(redrawn) == read_metadata(picture.path)


def press(widget, **content):
    widget._on_front_end_message(widget, content, [])


def test_widget_traces_a_picture_and_reads_its_metadata(pictures):
    widget = ImageTracer(pictures, "fr")
    assert {c["id"] for c in widget.choices} == {p.id for p in pictures.values() if p.start}
    assert all(c["src"].startswith("data:image/jpeg;base64,") for c in widget.choices)
    press(widget, event="search", image="")
    assert widget.status == LABELS["choose_first"]["fr"]
    press(widget, event="search", image="flood-viral")
    assert widget.results[0]["id"] == "flood-original" and widget.results[0]["before"]
    assert widget.status.endswith("2019-11-12.")
    press(widget, event="metadata", image="flood-original")
    assert "Fictiphone F8" in " ".join(widget.metadata["flood-original"])
    press(widget, event="search", image="bridge-paper")
    assert widget.metadata == {} and not widget.results[0]["before"]


def test_widget_in_english_says_when_there_is_no_copy(pictures):
    widget = ImageTracer(load_pictures(DATA, "en"), "en")
    widget.search("beach-holiday")
    assert widget.status == LABELS["alone"]["en"] and widget.results == []
    widget._on_front_end_message(widget, None, [])
    press(widget, event="metadata", image="nowhere")
    assert widget.metadata == {}


def test_in_a_built_lesson_the_tracer_finds_its_data(tmp_path, monkeypatch):
    from course.activities.image_tracer import image_tracer
    from course.build import build_module
    from course.content import find_module, notebook_name
    from course.learner import setup

    module = find_module(REPO, "04")
    build_module(module, "fr", "youth", tmp_path)
    monkeypatch.chdir(tmp_path / module.id)
    setup(module.id, notebook_name("lesson", "fr"), "fr", "youth")
    widget = image_tracer()
    widget.search("crowd-viral")
    assert widget.results[0]["id"] == "crowd-original"
