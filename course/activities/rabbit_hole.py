"""The rabbit hole of module 10 (youth): how a recommended feed narrows as one clicks.

A simulation, not a model of any real platform: its rule is simple enough to read on screen,
and it is what the lesson says it is. Each click gives the clicked topic more room in the next
feed (one place, then two more per click), and inside that topic the feed offers the next
step up: from the local paper's report on the crisis to "what they don't tell you", then to
"they knew", then to a hateful "explanation". What rises is what keeps people watching, not
what is true. The learner sees the number of topics in their feed fall, and the way out:
clear the history, look for something else oneself, go to a reliable source.

Videos are data (``data/rabbit_hole.yml``), all made up; ``load_videos``, ``recommend`` and
``variety`` are plain and tested without a browser; ``RabbitHole`` is the widget.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import traitlets
import yaml

from ..localize import words
from ..widgets import CourseWidget, front_end, front_style
from .message_sorter import bilingual

DATA = Path("data")  # the lesson's data folder: the kernel runs in the notebook's folder
VIDEOS_FILE = "rabbit_hole.yml"
FEED_SIZE = 6
NEW_TOPIC, PER_CLICK = 1, 2  # places a topic gets: one, and two more for each click on it
NARROW = 2  # a feed with this many topics or fewer has narrowed
DEEP = 2  # a video at this level or above is conspiracy or hate


class VideoError(ValueError):
    """A video file that the widget cannot use."""


@dataclass(frozen=True)
class Video:
    """One made-up video: its title, channel, topic and how far it pushes (0 = calm)."""

    id: str
    title: dict[str, str]
    channel: str
    topic: str
    level: int


def load_videos(path: Path | str, audience: str | None = None) -> list[Video]:
    """The videos of a file, validated: fictional, ids unique, levels 0-3, and more topics
    than a feed holds (or there is nothing to narrow)."""
    where = Path(path)
    try:
        data = yaml.safe_load(where.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise VideoError(f"{where}: cannot be read ({exc})") from exc
    raws = data.get("videos") if isinstance(data, dict) else None
    if not raws:
        raise VideoError(f"{where}: no videos")
    videos = []
    for index, raw in enumerate(raws):
        if not isinstance(raw, dict) or not raw.get("id"):
            raise VideoError(f"video {index}: needs an id")
        name = f"video {raw['id']!r}"
        if raw.get("fictional") is not True:
            raise VideoError(f"{name}: must be marked fictional: true")
        if raw.get("level") not in (0, 1, 2, 3) or not raw.get("topic"):
            raise VideoError(f"{name}: needs a topic and a level from 0 to 3")
        videos.append(Video(str(raw["id"]), bilingual(raw, "title", name, VideoError, audience),
                            str(raw.get("channel", "")), str(raw["topic"]), raw["level"]))
    if len({v.id for v in videos}) != len(videos):
        raise VideoError(f"{where}: video ids repeat")
    if len({v.topic for v in videos}) < FEED_SIZE:
        raise VideoError(f"{where}: needs at least {FEED_SIZE} topics")
    return videos


def recommend(videos: list[Video], watched: list[str], size: int = FEED_SIZE) -> list[Video]:
    """The next feed: each topic gets one place, and two more for each click on it (the most
    clicked first); inside a topic, the video one step above the last one watched comes first.
    Watched videos are not offered again."""
    by_id = {v.id: v for v in videos}
    history = [by_id[w] for w in watched if w in by_id]
    clicks = Counter(v.topic for v in history)
    last_level = {v.topic: v.level for v in history}
    fresh = [v for v in videos if v.id not in set(watched)]
    topics = sorted(dict.fromkeys(v.topic for v in fresh),
                    key=lambda t: -clicks[t])  # stable: file order among equals

    def step_up(video: Video) -> tuple[int, int]:
        wanted = last_level.get(video.topic, -1) + 1
        return (abs(video.level - wanted), fresh.index(video))

    feed: list[Video] = []
    for topic in topics:
        room = NEW_TOPIC + PER_CLICK * clicks[topic]
        feed += sorted((v for v in fresh if v.topic == topic), key=step_up)[:room]
    return feed[:size]


def variety(feed: list[Video]) -> int:
    """How many topics a feed holds."""
    return len({v.topic for v in feed})


WORDS = words("rabbit_hole.WORDS", {
    "variety": {"fr": "Sujets différents dans votre fil : {topics} pour {count} vidéos.",
                "fr-youth": "Sujets différents dans ton fil : {topics} pour {count} vidéos.",
                "en": "Different topics in your feed: {topics} for {count} videos."},
    "narrow": {"fr": "Le fil se resserre : presque tout parle de la même chose, et de plus en "
                     "plus fort. Ce n'est pas parce que c'est vrai : c'est ce qui fait cliquer.",
               "en": "The feed is narrowing: nearly everything is about the same thing, and "
                     "louder and louder. Not because it is true: because it gets clicks."},
    "deep": {"fr": "Vous voilà dans les complots et la haine. Pour en sortir : effacez "
                   "l'historique, cherchez vous-même autre chose, allez voir une source sûre.",
             "fr-youth": "Te voilà dans les complots et la haine. Pour en sortir : efface "
                         "l'historique, cherche toi-même autre chose, va voir une source sûre.",
             "en": "Here you are among conspiracies and hate. To get out: clear the history, "
                   "look for something else yourself, go to a reliable source."},
})

LABELS = words("rabbit_hole.LABELS", {
    "notice": {"fr": "Simulation, sans internet : vidéos et chaînes sont inventées. La règle du "
                     "jeu : chaque clic donne plus de place au sujet cliqué, un cran plus fort.",
               "en": "Simulation, no internet: videos and channels are made up. The rule of the "
                     "game: each click gives the clicked topic more room, one notch louder."},
    "legend": {"fr": "Vidéos recommandées", "en": "Recommended videos"},
    "watch": {"fr": "Regarder :", "en": "Watch:"},
    "history": {"fr": "Déjà regardé :", "en": "Already watched:"},
    "clear": {"fr": "Effacer l'historique", "en": "Clear the history"},
})


class RabbitHole(CourseWidget):
    """A list of recommended videos (each a button), what was watched, a clear button, and a
    live status region that counts the topics left in the feed."""

    _esm = front_end("rabbit_hole.js")
    _css = front_style("rabbit_hole.css")

    lang = traitlets.Unicode("fr").tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    feed = traitlets.List().tag(sync=True)
    history = traitlets.List().tag(sync=True)
    said = traitlets.List().tag(sync=True)

    def __init__(self, videos: list[Video], lang: str, audience: str | None = None,
                 **kwargs: Any):
        self.audience = audience
        super().__init__(lang=lang, labels=LABELS.voiced(lang, audience), **kwargs)
        self.videos = videos
        self.watched: list[str] = []
        self._show(first=True)

    def _show(self, first: bool = False) -> None:
        lang = self.lang
        feed = recommend(self.videos, self.watched)
        by_id = {v.id: v for v in self.videos}
        self.feed = [{"id": v.id, "title": v.title[lang], "channel": v.channel} for v in feed]
        self.history = [by_id[w].title[lang] for w in self.watched]
        if first:
            self.said = []
            return
        said = [WORDS.say("variety", lang, self.audience, topics=variety(feed), count=len(feed))]
        if variety(feed) <= NARROW:
            said.append(WORDS.say("narrow", lang, self.audience))
        if self.watched and by_id[self.watched[-1]].level >= DEEP:
            said.append(WORDS.say("deep", lang, self.audience))
        self.said = said

    def watch(self, video_id: str) -> None:
        """What a Watch button does: the video joins the history, the feed is recomputed."""
        if video_id in {v["id"] for v in self.feed}:
            self.watched.append(video_id)
            self._show()

    def handle(self, event: dict[str, Any]) -> None:
        kind = event.get("event")
        if kind == "watch":
            self.watch(str(event.get("video") or ""))
        elif kind == "clear":
            self.watched = []
            self._show()


def rabbit_hole(data: Path | str = DATA) -> RabbitHole:
    """The simulation in the running notebook's language (a youth lesson cell calls it)."""
    from course.learner import current

    session = current()
    return RabbitHole(load_videos(Path(data) / VIDEOS_FILE, session.audience), session.lang,
                      session.audience)
