"""The crisis feed of module 10: what arrives together in the hours after a crisis.

After an attack, a war or an accident, a feed mixes old footage re-shared as new (a video
from another war or year), genuine reports, satire, invented figures or "leaked documents",
and hateful "explanations" that blame a whole group (docs/FACTS.md, "Conspiracy and hate
after a crisis"). The learner checks each post with the tools of earlier modules, composed
here rather than copied: module 04's reverse-image search (``image_tracer.reverse_search``)
finds the oldest copy of a picture, and module 03's mini-web (``mini_web.search``) shows what
other sources say. Then they judge the post reliable or not.

The feed is scored on discernment: genuine posts recognised and misleading ones recognised
are counted apart, so that distrusting everything never looks like skill (the trap of
inoculation games, Graham et al. 2023), and an honest archive photo, old but labelled as
such, is reliable. A hateful post is summed up, never quoted, under a content note, and can be
skipped like any other.

Posts are data (``data/crisis_feed.yml``, with the pictures of ``data/images.yml`` and the
pages of ``data/pages.yml``); ``load_feed``, ``trace``, ``look_up`` and ``Reading`` are plain
and tested without a browser; ``CrisisFeed`` is the widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import traitlets
import yaml

from ..localize import words
from ..widgets import CourseWidget, front_end, front_style
from . import mini_web
from .image_tracer import Picture, data_url, load_pictures, reverse_search
from .message_sorter import bilingual
from .walk import Walk

DATA = Path("data")  # the lesson's data folder: the kernel runs in the notebook's folder
FEED_FILE, IMAGES_FILE, PAGES_FILE = "crisis_feed.yml", "images.yml", "pages.yml"
KINDS = ("recycled", "archive", "genuine", "satire", "invented", "hateful")
"""What a post is: old footage passed off as new, an old picture labelled as such, a genuine
report, a joke site, an invented figure or document, a hateful "explanation"."""
RELIABLE_KINDS = frozenset({"archive", "genuine"})
CHOICES = ("reliable", "unreliable")
RESULTS = 3  # pages shown by a look-up: the top of the engine's list, as a reader sees it


class FeedError(ValueError):
    """A feed file that the widget cannot use."""


@dataclass(frozen=True)
class Post:
    """One post of the feed, what it is, and where its tools point."""

    id: str
    kind: str
    platform: str
    date: str
    author: dict[str, str]
    text: dict[str, str]
    explanation: dict[str, str]
    image: str = ""  # a picture id of images.yml: the post can be traced
    search: dict[str, str] = field(default_factory=dict)  # a query per language: look it up

    @property
    def reliable(self) -> bool:
        return self.kind in RELIABLE_KINDS

    @property
    def hateful(self) -> bool:
        return self.kind == "hateful"


def _post(raw: Any, index: int, audience: str | None) -> Post:
    if not isinstance(raw, dict) or not raw.get("id"):
        raise FeedError(f"post {index}: needs an id")
    where = f"post {raw['id']!r}"
    if raw.get("fictional") is not True:
        raise FeedError(f"{where}: must be marked fictional: true")
    if raw.get("kind") not in KINDS:
        raise FeedError(f"{where}: kind must be one of {', '.join(KINDS)}")
    text = {key: bilingual(raw, key, where, FeedError, audience)
            for key in ("author", "text", "explanation")}
    search = bilingual(raw, "search", where, FeedError) if raw.get("search") else {}
    if not raw.get("image") and not search:
        raise FeedError(f"{where}: needs a picture to trace or a search to run")
    return Post(id=str(raw["id"]), kind=raw["kind"], platform=str(raw.get("platform", "")),
                date=str(raw.get("date", "")), author=text["author"], text=text["text"],
                explanation=text["explanation"], image=str(raw.get("image") or ""),
                search=search)


def load_feed(path: Path | str, audience: str | None = None) -> list[Post]:
    """The posts of a feed file, validated: fictional, of a known kind, ids unique, reliable
    and misleading posts both present (or the feed scores distrust, not discernment)."""
    where = Path(path)
    try:
        data = yaml.safe_load(where.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise FeedError(f"{where}: cannot be read ({exc})") from exc
    raws = data.get("posts") if isinstance(data, dict) else None
    if not raws:
        raise FeedError(f"{where}: no posts")
    posts = [_post(raw, i, audience) for i, raw in enumerate(raws)]
    if len({p.id for p in posts}) != len(posts):
        raise FeedError(f"{where}: post ids repeat")
    if {p.reliable for p in posts} != {True, False}:
        raise FeedError(f"{where}: needs reliable and misleading posts both, "
                        "or the feed scores distrust, not discernment")
    return posts


WORDS = words("crisis_feed.WORDS", {
    "older": {"fr": "Copie plus ancienne trouvée : publiée le {date} sur {site}. Légende "
                    "d'origine : « {caption} »",
              "en": "Older copy found: posted on {date} on {site}. Original caption: "
                    "“{caption}”"},
    "copies": {"fr": "Copies de cette image trouvées : {count}.",
               "en": "Copies of this picture found: {count}."},
    "no_older": {"fr": "Aucune copie plus ancienne. Ce n'est pas une preuve : une photo du "
                       "jour, vraie ou fabriquée, n'en a pas. Regardez qui la publie.",
                 "fr-youth": "Aucune copie plus ancienne. Ce n'est pas une preuve : une photo "
                             "du jour, vraie ou fabriquée, n'en a pas. Regarde qui la publie.",
                 "en": "No older copy. That is no proof: a photo of the day, real or made, has "
                       "none. Look at who posts it."},
    "no_pages": {"fr": "Aucune autre source ne parle de cela.",
                 "en": "No other source mentions this."},
    "right": {"fr": "Bien vu.", "en": "Well spotted."},
    "wrong": {"fr": "Pas cette fois.", "en": "Not this time."},
    "summary": {"fr": "Terminé. Informations fiables reconnues : {reliable_right} sur "
                      "{reliable}. Posts trompeurs ou haineux reconnus : {unreliable_right} sur "
                      "{unreliable}. Passés : {skipped}.",
                "en": "Done. Reliable posts recognised: {reliable_right} of {reliable}. "
                      "Misleading or hateful posts recognised: {unreliable_right} of "
                      "{unreliable}. Skipped: {skipped}."},
    "doubt": {"fr": "Attention : tout croire faux n'est pas mieux que tout croire vrai. Après "
                    "une crise, il y a aussi de vraies informations, et on en a besoin.",
              "en": "Careful: believing everything is false is no better than believing "
                    "everything is true. After a crisis there is genuine news too, and it is "
                    "needed."},
    "nothing": {"fr": "Choisissez d'abord une réponse.", "fr-youth": "Choisis d'abord une réponse.",
                "en": "Choose an answer first."},
})

LABELS = words("crisis_feed.LABELS", {
    "notice": {"fr": "Fil simulé, sans internet : comptes, sites, lieux et images sont inventés "
                     "pour le cours.",
               "en": "Simulated feed, no internet: accounts, sites, places and pictures are "
                     "made up for the course."},
    "content_note": {"fr": "Ce message est haineux. Il est résumé, sans insulte. Vous pouvez "
                           "le passer.",
                     "fr-youth": "Ce message est haineux. Il est résumé, sans insulte. Tu peux "
                                 "le passer.",
                     "en": "This post is hateful. It is summed up, with no slur. You can skip "
                           "it."},
    "trace": {"fr": "Retrouver l'image (module 04)", "en": "Trace the picture (module 04)"},
    "look_up": {"fr": "Voir ce qu'en disent d'autres sources (module 03)",
                "en": "See what other sources say (module 03)"},
    "traced": {"fr": "Recherche d'image", "en": "Picture search"},
    "found": {"fr": "D'autres sources, pour « {query} »", "en": "Other sources, for “{query}”"},
    "legend": {"fr": "Ce message est-il fiable ?", "en": "Is this post reliable?"},
    "reliable": {"fr": "Fiable : une vraie information", "en": "Reliable: genuine news"},
    "unreliable": {"fr": "Pas fiable : trompeur, faux ou haineux",
                   "en": "Not reliable: misleading, false or hateful"},
    "check": {"fr": "Vérifier", "en": "Check"},
    "skip": {"fr": "Passer ce message", "en": "Skip this post"},
    "next": {"fr": "Message suivant", "en": "Next post"},
    "restart": {"fr": "Recommencer", "en": "Start again"},
    "progress": {"fr": "Message {n} sur {total}", "en": "Post {n} of {total}"},
})


def trace(pictures: dict[str, Picture], post: Post, lang: str) -> list[str]:
    """What module 04's search says about the post's picture, in sentences: the oldest copy
    published before it (re-used footage), or that there is none, which proves nothing."""
    if not post.image:
        return []
    searched = pictures[post.image]
    matches = reverse_search(pictures, post.image)
    older = [m for m in matches if m.picture.date < searched.date]
    lines = [WORDS.say("copies", lang, count=len(matches))]
    if older:
        first = older[0].picture
        lines.append(WORDS.say("older", lang, date=first.date, site=first.site,
                               caption=first.caption))
    else:
        lines.append(WORDS.say("no_older", lang))
    return lines


def look_up(web: mini_web.Web, post: Post, lang: str) -> list[dict[str, str]]:
    """What module 03's engine lists first for the post's search: title, site, date, text."""
    if not post.search:
        return []
    return [{"title": page.title, "site": page.site, "date": page.date, "text": page.text}
            for page in mini_web.search(web, post.search[lang], limit=RESULTS)]


@dataclass(frozen=True)
class Verdict:
    """Whether the learner's choice fits the post, and why."""

    right: bool
    sentences: tuple[str, ...]


def judge(post: Post, choice: str, lang: str) -> Verdict:
    """Right or not, then the explanation that names what the post is."""
    if choice not in CHOICES:
        raise ValueError(f"choose among {CHOICES}; got {choice!r}")
    right = (choice == "reliable") == post.reliable
    return Verdict(right, (WORDS.say("right" if right else "wrong", lang),
                           post.explanation[lang]))


@dataclass
class Reading(Walk):
    """A learner's way through the feed. Stages: ``choose``, ``seen``, ``finished``."""

    posts: list[Post]
    position: int = 0
    stage: str = "choose"
    right: dict[bool, int] = field(default_factory=lambda: {True: 0, False: 0})
    seen: dict[bool, int] = field(default_factory=lambda: {True: 0, False: 0})
    said_unreliable: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def cards(self) -> list[Post]:
        return self.posts

    def choose(self, choice: str, lang: str) -> Verdict:
        """Judge the current post; reliable and misleading posts are counted apart."""
        post = self._require("choose")
        verdict = judge(post, choice, lang)
        self.seen[post.reliable] += 1
        self.right[post.reliable] += verdict.right
        self.said_unreliable += choice == "unreliable"
        self.stage = "seen"
        return verdict

    def summary(self, lang: str, audience: str | None = None) -> list[str]:
        """Both rates in words; a warning when every answer was "unreliable" while genuine
        posts came."""
        lines = [WORDS.say("summary", lang, reliable_right=self.right[True],
                           reliable=self.seen[True], unreliable_right=self.right[False],
                           unreliable=self.seen[False], skipped=len(self.skipped))]
        answered = self.seen[True] + self.seen[False]
        if self.seen[True] and self.said_unreliable == answered:
            lines.append(WORDS.say("doubt", lang, audience))
        return lines


class CrisisFeed(CourseWidget):
    """One post at a time, its two tools (trace the picture, look it up), a radio group
    (reliable or not) and feedback, with a content note above a hateful post."""

    _esm = front_end("crisis_feed.js")
    _css = front_style("crisis_feed.css")

    lang = traitlets.Unicode("fr").tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    card = traitlets.Dict().tag(sync=True)
    stage = traitlets.Unicode("choose").tag(sync=True)
    traced = traitlets.List().tag(sync=True)
    pages = traitlets.List().tag(sync=True)
    feedback = traitlets.List().tag(sync=True)

    def __init__(self, posts: list[Post], pictures: dict[str, Picture], web: mini_web.Web,
                 lang: str, audience: str | None = None, **kwargs: Any):
        missing = [p.id for p in posts if p.image and p.image not in pictures]
        if missing:
            raise FeedError(f"posts {missing}: their picture is not in the images file")
        self.audience = audience
        super().__init__(lang=lang, labels=LABELS.voiced(lang, audience), **kwargs)
        self.pictures, self.web = pictures, web
        self.reading = Reading(posts)
        self._show([])

    def _show(self, sentences: list[str] | tuple[str, ...]) -> None:
        reading, lang = self.reading, self.lang
        post = reading.current
        self.feedback = list(sentences) or (reading.summary(lang, self.audience)
                                            if post is None else [])
        self.traced, self.pages = [], []
        self.card = {} if post is None else {
            "meta": " · ".join(part for part in (post.platform, post.author[lang], post.date)
                               if part),
            "text": post.text[lang], "hateful": post.hateful,
            "src": data_url(self.pictures[post.image].path) if post.image else "",
            "alt": self.pictures[post.image].caption if post.image else "",
            "trace": bool(post.image), "query": post.search.get(lang, ""),
            "progress": LABELS.say("progress", lang, n=reading.position + 1,
                                   total=len(reading.posts)),
        }
        self.stage = reading.stage

    def handle(self, event: dict[str, Any]) -> None:
        """What each button does; an event that does not fit the stage changes nothing."""
        reading, lang = self.reading, self.lang
        post = reading.current
        try:
            kind = event.get("event")
            if kind == "trace" and post is not None:
                self.traced = trace(self.pictures, post, lang)
            elif kind == "look_up" and post is not None:
                self.pages = look_up(self.web, post, lang) or [
                    {"title": WORDS.say("no_pages", lang), "site": "", "date": "", "text": ""}]
            elif kind == "check":
                self._show(reading.choose(str(event.get("choice") or ""), lang).sentences)
            elif kind == "skip":
                reading.skip()
                self._show([])
            elif kind == "next":
                reading.next()
                self._show([])
            elif kind == "restart":
                self.reading = Reading(reading.posts)
                self._show([])
        except ValueError:
            if reading.stage == "choose":
                self.feedback = [WORDS.say("nothing", lang, self.audience)]


def crisis_feed(data: Path | str = DATA) -> CrisisFeed:
    """The feed in the running notebook's language and audience (a lesson cell calls it)."""
    from course.learner import current

    session = current()
    folder = Path(data)
    return CrisisFeed(load_feed(folder / FEED_FILE, session.audience),
                      load_pictures(folder / IMAGES_FILE, session.lang),
                      mini_web.load_web(folder / PAGES_FILE, session.lang),
                      session.lang, session.audience)
