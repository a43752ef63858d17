"""The offline mini-web: a simulated search engine over fictional pages, for lateral reading.

Fact-checkers learn who is behind a page by leaving it and reading what other sites say about
it (lateral reading); most of us stay on the page and trust its own "about us". The mini-web
lets a learner investigate a claim offline: search, open results, follow links, open "about"
pages. Results are ranked the way search engines can be gamed (pages that push themselves
rank higher), so the first result is not the best one. The path taken is recorded through the
notebook's answer file, so the trainer can see whether the learner read laterally.

Pages are data (``data/pages.yml`` in the module folder, every page fictional). The search,
the path summary and the advice are plain functions, tested without a browser; ``MiniWeb`` is
the widget around them.
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import traitlets
import yaml

from ..answers import AnswerStore
from ..localize import typeset
from ..localize import words as word_table
from ..widgets import STATIC, CourseWidget, front_end

DEFAULT_DATA = Path("data") / "pages.yml"  # where a built notebook finds its module's data
MAX_RESULTS = 8
TITLE_WEIGHT = 3  # a word in the title counts three times a word in the text
STOP_WORDS = frozenset(
    "les des une aux est sont pas par pour sur dans avec que qui quoi the and for are with from "
    "what who does this that".split())


@dataclass(frozen=True)
class Page:
    """One fictional web page in one language."""

    id: str
    site: str
    kind: str
    date: str
    title: str
    text: str
    links: tuple[str, ...]
    about: tuple[str, ...]  # sites this page describes: opening it is reading laterally
    boost: int  # how hard the page pushes itself up the results


@dataclass(frozen=True)
class Web:
    """Every page of the mini-web by id, and each site's name, in one language."""

    pages: dict[str, Page]
    site_names: dict[str, str]
    searches: dict[str, list[str]]  # suggested searches by activity ("lesson", "exercise")

    def about_page(self, site: str) -> str:
        """The id of the site's own "about us" page, or ``""``."""
        return next((p.id for p in self.pages.values() if p.site == site and p.kind == "about"),
                    "")


def load_web(path: Path | str, lang: str) -> Web:
    """Read the mini-web's pages in ``lang``; raises ``ValueError`` on a page that breaks a rule.

    Every page must be fictional, on a known site, and link only to pages that exist.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    sites = data["sites"]
    pages = {}
    for raw in data["pages"]:
        if raw.get("fictional") is not True:
            raise ValueError(f"page {raw['id']}: every page must say 'fictional: true'")
        if raw["site"] not in sites:
            raise ValueError(f"page {raw['id']}: unknown site {raw['site']!r}")
        pages[raw["id"]] = Page(raw["id"], raw["site"], raw["kind"], str(raw["date"]),
                                typeset(raw["title"][lang], lang), typeset(raw["text"][lang], lang),
                                tuple(raw.get("links", [])),
                                tuple(raw.get("about", [])), int(raw.get("boost", 0)))
    for page in pages.values():
        missing = [link for link in page.links if link not in pages]
        if missing:
            raise ValueError(f"page {page.id}: links to unknown pages {missing}")
    return Web(pages, {site: info["name"][lang] for site, info in sites.items()},
               {name: list(queries[lang]) for name, queries in data.get("searches", {}).items()})


def words(text: str) -> set[str]:
    """The words that count for search: no accents, no case, no plural -s/-x, no tiny words."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    found = set()
    for word in re.findall(r"[a-z0-9]+", plain):
        if len(word) < 3 or word in STOP_WORDS:
            continue
        found.add(word[:-1] if len(word) > 3 and word[-1] in "sx" else word)
    return found


def search(web: Web, query: str, limit: int = MAX_RESULTS) -> list[Page]:
    """Pages matching ``query``, best score first, as a gameable engine would rank them.

    A page scores for each query word in its title (weighted) and in its text, and then adds
    its ``boost``: pages optimised to rank high come first, whatever their worth.
    """
    wanted = words(query)
    scored = []
    for order, page in enumerate(web.pages.values()):
        relevance = (TITLE_WEIGHT * len(wanted & words(page.title))
                     + len(wanted & words(page.text)))
        if relevance:
            scored.append((-(relevance + page.boost), order, page))
    return [page for *_, page in sorted(scored)[:limit]]


def result_rows(web: Web, query: str) -> list[dict[str, Any]]:
    """The results as table rows (rank, title, site, date): what a youth lesson loads in pandas."""
    return [{"rank": rank, "title": page.title, "site": page.site, "date": page.date}
            for rank, page in enumerate(search(web, query), start=1)]


def summarize(web: Web, path: list[dict[str, str]]) -> dict[str, Any]:
    """What a path of searches and opened pages says about how the learner read.

    ``read_laterally`` is true when, after opening a first page, the learner opened a page of
    another site that describes the first page's site (an encyclopedia entry, a fact-check,
    the real paper's warning): the move fact-checkers make. ``own_about_page`` says whether
    they read the first site's own "about us", which is its own story, not a check.
    """
    opened = [web.pages[step["page"]] for step in path
              if step.get("action") == "open" and step.get("page") in web.pages]
    searches = [step.get("query", "") for step in path if step.get("action") == "search"]
    first = opened[0] if opened else None
    first_site = first.site if first else ""
    first_result, top = False, []
    for step in path:  # was the first page opened the top result of the search before it?
        if step.get("action") == "search":
            top = search(web, step.get("query", ""), limit=1)
        elif step.get("action") == "open":
            first_result = bool(top) and top[0].id == step.get("page")
            break
    return {
        "searches": len(searches),
        "pages_opened": len(opened),
        "sites": list(dict.fromkeys(page.site for page in opened)),
        "first_site": first_site,
        "first_result_clicked": first_result,
        "left_first_site": any(page.site != first_site for page in opened),
        "read_laterally": any(page.site != first_site and first_site in page.about
                              for page in opened[1:]),
        "own_about_page": any(page.site == first_site and page.kind == "about"
                              for page in opened),
    }


ADVICE = word_table("mini_web.ADVICE", {
    "nothing": {"fr": "Cherchez, puis ouvrez une page.",
                "fr-youth": "Cherche, puis ouvre une page.", "en": "Search, then open a page."},
    "lateral": {"fr": "Bravo : vous avez quitté la page pour lire ce que d'autres sites disent "
                      "d'elle. C'est la lecture latérale.",
                "fr-youth": "Bravo : tu as quitté la page pour lire ce que d'autres sites "
                            "disent d'elle. C'est la lecture latérale.",
                "en": "Well done: you left the page to read what other sites say about it. "
                      "That is lateral reading."},
    "own_about": {"fr": "Vous avez lu la page « Qui sommes-nous ? » du site. C'est ce qu'il dit "
                        "de lui-même. Cherchez aussi ce que d'autres en disent.",
                  "fr-youth": "Tu as lu la page « Qui sommes-nous ? » du site. C'est ce qu'il "
                              "dit de lui-même. Cherche aussi ce que d'autres en disent.",
                  "en": "You read the site's own “About us” page. That is what it says about "
                        "itself. Look for what others say about it too."},
    "stay": {"fr": "Vous êtes resté sur le même site. Ouvrez un nouvel onglet : cherchez le nom "
                   "du site ou de l'organisme.",
             "fr-youth": "Tu es resté sur le même site. Ouvre un nouvel onglet : cherche le nom "
                         "du site ou de l'organisme.",
             "en": "You stayed on the same site. Open a new tab: search for the name of the "
                   "site or the organisation."},
    "first_result": {"fr": "Vous avez cliqué sur le premier résultat. Le premier n'est pas "
                           "toujours le meilleur : lisez toute la liste avant de cliquer.",
                     "fr-youth": "Tu as cliqué sur le premier résultat. Le premier n'est pas "
                                 "toujours le meilleur : lis toute la liste avant de cliquer.",
                     "en": "You clicked the first result. The first is not always the best: "
                           "read the whole list before clicking."},
})


def advice(summary: dict[str, Any], lang: str, audience: str | None = None) -> list[str]:
    """Plain sentences about the path: praise lateral reading, nudge towards it otherwise."""
    if not summary["pages_opened"]:
        keys = ["nothing"]
    elif summary["read_laterally"]:
        keys = ["lateral"]
    else:
        keys = ["own_about"] if summary["own_about_page"] else ["stay"]
    if summary["first_result_clicked"]:
        keys.append("first_result")
    return [ADVICE.say(key, lang, audience) for key in keys]


LABELS = word_table("mini_web.LABELS", {
    "notice": {"fr": "Web simulé, sans internet : tous les sites et toutes les pages sont "
                     "inventés pour le cours.",
               "en": "Simulated web, no internet: every site and every page is made up for "
                     "the course."},
    "field": {"fr": "Rechercher", "en": "Search"},
    "button": {"fr": "Chercher", "en": "Search"},
    "suggestions": {"fr": "Idées de recherche :", "en": "Search ideas:"},
    "results": {"fr": "Résultats", "en": "Results"},
    "back": {"fr": "Retour aux résultats", "en": "Back to results"},
    "about": {"fr": "À propos de ce site", "en": "About this site"},
    "links": {"fr": "Liens sur cette page :", "en": "Links on this page:"},
    "site": {"fr": "Site :", "en": "Site:"},
    "date": {"fr": "Date :", "en": "Date:"},
    "review": {"fr": "Mon bilan", "en": "How did I read?"},
    "found": {"fr": "{count} résultats pour « {query} ».", "en": "{count} results for “{query}”."},
    "none": {"fr": "Aucun résultat pour « {query} ». Essayez d'autres mots.",
             "fr-youth": "Aucun résultat pour « {query} ». Essaie d'autres mots.",
             "en": "No results for “{query}”. Try other words."},
    "opened": {"fr": "Page ouverte : {title}.", "en": "Page opened: {title}."},
})


def labels(lang: str, audience: str | None = None) -> dict[str, str]:
    """Every word the widget shows, in ``lang``, in the register of ``audience``."""
    return LABELS.voiced(lang, audience)


def _card(page: Page) -> dict[str, Any]:
    return {"id": page.id, "title": page.title, "site": page.site, "date": page.date,
            "snippet": page.text.split(". ")[0].rstrip(".") + "…"}


class MiniWeb(CourseWidget):
    """A search field, suggested searches, a result list and a page view with its links.

    Every search and every opened page is appended to ``path``; when the widget has an answer
    store, the path and its summary are saved under ``item_id`` after each step.
    """

    _esm = front_end("mini_web.js")
    _css = STATIC / "mini_web.css"

    lang = traitlets.Unicode("fr").tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    suggestions = traitlets.List().tag(sync=True)
    query = traitlets.Unicode("").tag(sync=True)
    results = traitlets.List().tag(sync=True)
    page = traitlets.Dict().tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    review = traitlets.List().tag(sync=True)

    def __init__(self, web: Web, lang: str, suggestions: list[str] | None = None,
                 store: AnswerStore | None = None, item_id: str = "mini-web-path",
                 audience: str | None = None, **kwargs: Any):
        self.audience = audience
        super().__init__(lang=lang, labels=labels(lang, audience),
                         suggestions=list(suggestions or []), **kwargs)
        self.web, self.store, self.item_id = web, store, item_id
        self.path: list[dict[str, str]] = []
        self._shown_at = time.monotonic()

    def handle(self, event: dict[str, Any]) -> None:
        kind = event.get("event")
        if kind == "search":
            self.run_search(str(event.get("query", "")))
        elif kind == "open":
            self.open_page(str(event.get("page", "")))
        elif kind == "back":
            self.page = {}
        elif kind == "review":
            self.review = advice(summarize(self.web, self.path), self.lang, self.audience)

    def _remember(self, step: dict[str, str]) -> None:
        self.path.append(step)
        self.review = []
        if self.store is not None:
            self.store.record(self.item_id, {"path": self.path,
                                             "summary": summarize(self.web, self.path)},
                              self._shown_at)

    def run_search(self, query: str) -> None:
        """What the Search button does: list the results, in the engine's (gameable) order."""
        query = query.strip()[:200]
        if not query:
            return
        self.query = query
        found = search(self.web, query)
        self.results = [_card(page) for page in found]
        self.page = {}
        key = "found" if found else "none"
        self.status = self.labels[key].format(count=len(found), query=query)
        self._remember({"action": "search", "query": query})

    def open_page(self, page_id: str) -> None:
        """What a result or a link does: show the page, its links and its site's about page."""
        page = self.web.pages.get(page_id)
        if page is None:
            return
        about = self.web.about_page(page.site)
        self.page = {
            "id": page.id, "title": page.title, "site": page.site, "date": page.date,
            "site_name": self.web.site_names[page.site], "text": page.text,
            "links": [{"id": link, "title": self.web.pages[link].title,
                       "site": self.web.pages[link].site} for link in page.links],
            "about": about if about != page.id else "",
        }
        self.status = self.labels["opened"].format(title=page.title)
        self._remember({"action": "open", "page": page.id})


def mini_web(searches: str = "", item_id: str = "mini-web-path",
             data: Path | str = DEFAULT_DATA) -> MiniWeb:
    """The mini-web in the running notebook's language, recording its path (what a cell calls).

    ``searches`` names a list of suggested searches in the data file (e.g. ``"lesson"``).
    """
    from course.learner import current

    session = current()
    web = load_web(data, session.lang)
    return MiniWeb(web, session.lang, web.searches.get(searches, []), session.store, item_id,
                   session.audience)


def search_table(query: str, data: Path | str = DEFAULT_DATA):
    """The results of ``query`` as a pandas table, in the notebook's language (youth lessons)."""
    import pandas as pd

    from course.learner import current

    return pd.DataFrame(result_rows(load_web(data, current().lang), query))
