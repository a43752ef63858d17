"""The rabbit hole of module 10: a recommended feed narrows as one clicks, and widens again."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from course.activities.rabbit_hole import (
    FEED_SIZE,
    RabbitHole,
    VideoError,
    load_videos,
    recommend,
    variety,
)
from tests.helpers import REPO

FILE = REPO / "modules" / "10-complots-crise" / "data" / "rabbit_hole.yml"
VIDEOS = load_videos(FILE, "youth")
BY_ID = {v.id: v for v in VIDEOS}


def _follow_the_crisis(clicks: int) -> tuple[list[str], list[int], list[int]]:
    """Click the first crisis video of each feed: the topics left, the levels watched."""
    watched, varieties = [], [variety(recommend(VIDEOS, []))]
    for _ in range(clicks):
        pick = next(v for v in recommend(VIDEOS, watched) if v.topic == "crisis")
        watched.append(pick.id)
        varieties.append(variety(recommend(VIDEOS, watched)))
    return watched, varieties, [BY_ID[w].level for w in watched]


def test_the_first_feed_is_varied_and_the_crisis_report_is_in_it():
    feed = recommend(VIDEOS, [])
    assert len(feed) == FEED_SIZE and variety(feed) == FEED_SIZE
    assert feed[0].id == "crisis-paper"


def test_each_click_narrows_the_feed_and_goes_one_notch_louder():
    watched, varieties, levels = _follow_the_crisis(3)
    assert varieties == [6, 4, 2, 1]
    assert levels == [0, 1, 2]
    assert [v.topic for v in recommend(VIDEOS, watched)] == ["crisis"] * FEED_SIZE


def test_one_click_elsewhere_is_not_enough_to_widen_a_narrowed_feed():
    """Why the way out is to clear the history: after two crisis clicks, a click on another
    topic still leaves a feed of two topics, most of it the crisis."""
    watched, varieties, _ = _follow_the_crisis(2)
    other = next(v for v in recommend(VIDEOS, watched) if v.topic != "crisis")
    feed = recommend(VIDEOS, [*watched, other.id])
    assert varieties[-1] == variety(feed) == 2
    assert sum(v.topic == "crisis" for v in feed) == FEED_SIZE - 1


def test_a_watched_video_is_never_offered_again():
    watched, _, _ = _follow_the_crisis(4)
    assert not {v.id for v in recommend(VIDEOS, watched)} & set(watched)


def test_hateful_videos_are_described_never_titled():
    deep = [v for v in VIDEOS if v.level == 3 and v.title["fr"].startswith("[")]
    assert len(deep) == 2 and all("titre non reproduit" in v.title["fr"] for v in deep)


@pytest.mark.parametrize("change, error", [
    ({"fictional": False}, "fictional"),
    ({"level": 7}, "level from 0 to 3"),
    ({"title": {"fr": "seulement"}}, "English"),
])
def test_a_broken_video_file_is_refused_with_the_reason(tmp_path: Path, change, error):
    raws = yaml.safe_load(FILE.read_text(encoding="utf-8"))["videos"]
    raws[0] = {**raws[0], **change}
    path = tmp_path / "rabbit_hole.yml"
    path.write_text(yaml.safe_dump({"videos": raws}), encoding="utf-8")
    with pytest.raises(VideoError, match=error):
        load_videos(path)


def test_too_few_topics_leave_nothing_to_narrow(tmp_path: Path):
    raws = yaml.safe_load(FILE.read_text(encoding="utf-8"))["videos"]
    path = tmp_path / "rabbit_hole.yml"
    path.write_text(yaml.safe_dump({"videos": [r for r in raws if r["topic"] == "crisis"]}),
                    encoding="utf-8")
    with pytest.raises(VideoError, match="topics"):
        load_videos(path)


def test_the_widget_counts_the_topics_left_and_shows_the_way_out():
    widget = RabbitHole(VIDEOS, "fr", "youth")
    assert widget.said == [] and len(widget.feed) == FEED_SIZE
    for _ in range(3):
        widget.handle({"event": "watch", "video": next(
            v["id"] for v in widget.feed if BY_ID[v["id"]].topic == "crisis")})
    assert widget.said[0] == "Sujets différents dans ton fil\u00a0: 1 pour 6 vidéos."
    assert widget.said[1].startswith("Le fil se resserre")
    assert widget.said[2].startswith("Te voilà dans les complots") and "efface" in widget.said[2]
    assert len(widget.history) == 3
    widget.handle({"event": "watch", "video": "not-in-the-feed"})  # odd event: nothing
    assert len(widget.history) == 3
    widget.handle({"event": "clear"})
    assert widget.history == [] and widget.said[0].endswith("fil\u00a0: 6 pour 6 vidéos.")
