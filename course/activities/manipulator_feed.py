"""The "be the manipulator" feed: spread a made-up story by choosing manipulation techniques.

Inoculation games (Bad News) let players use the six techniques of disinformation so they
recognise them later. The learner publishes a fictional rumour about the fictional town of
Bellerive in a few steps, each time choosing a technique (or an honest post) and watching a
simulated feed react. The debrief then turns each technique into a warning sign, and reminds
that honest posts exist too: the aim is discernment, not distrust of everything.

The simulation is plain functions over plain data (``simulate``, ``debrief``), tested without a
browser; ``ManipulatorFeed`` is the widget around them. Every figure it shows is simulated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import traitlets

from ..localize import typeset, words
from ..widgets import STATIC, CourseWidget, front_end

STEPS = 4  # posts per game: enough to combine techniques, short enough for a workshop
START_FOLLOWERS = 100
START_CREDIBILITY = 50
HONEST = "honest"


@dataclass(frozen=True)
class Technique:
    """One choice: the post it writes, how the simulated feed reacts, and its warning sign.

    ``reach`` is the percentage of new followers a first use brings; each repeat of the same
    technique brings half as many as the time before (the audience gets used to it).
    ``credibility`` is added to the account's credibility (0-100) at each use.
    """

    id: str
    name: dict[str, str]
    post: dict[str, str]
    reaction: dict[str, str]
    sign: dict[str, str]
    reach: int
    credibility: int


TECHNIQUES: tuple[Technique, ...] = (
    Technique(
        "impersonation",
        {"fr": "Se faire passer pour quelqu'un", "en": "Impersonation"},
        {"fr": "Compte « Mairie de Bellerive Officiel » (faux) : le marché du samedi sera "
               "remplacé par un parking dès le mois prochain.",
         "en": "Account “Bellerive Town Hall Official” (fake): the Saturday market will be "
               "replaced by a car park from next month."},
        {"fr": "Les gens croient lire la vraie mairie. Ils partagent sans se méfier.",
         "en": "People think they are reading the real town hall. They share without a second "
               "thought."},
        {"fr": "Un compte au nom officiel peut être un faux. Regardez l'adresse exacte, la "
               "date de création, et cherchez le vrai site.",
         "fr-youth": "Un compte au nom officiel peut être un faux. Regarde l'adresse exacte, la "
                     "date de création, et cherche le vrai site.",
         "en": "An account with an official name can be fake. Look at the exact address, the "
               "creation date, and look for the real website."},
        reach=80, credibility=20),
    Technique(
        "emotion",
        {"fr": "Jouer sur les émotions", "en": "Emotion"},
        {"fr": "Ils vont TUER notre marché 😡😢 Nos producteurs vont tout perdre. Qui va "
               "les défendre ?!",
         "en": "They are going to KILL our market 😡😢 Our farmers will lose everything. Who "
               "will stand up for them?!"},
        {"fr": "La colère et la tristesse font réagir. Les partages s'envolent.",
         "en": "Anger and sadness make people react. Shares take off."},
        {"fr": "Des mots forts, des majuscules, des émojis en colère : l'émotion passe avant "
               "les faits. Faites une pause.",
         "fr-youth": "Des mots forts, des majuscules, des émojis en colère : l'émotion passe "
                     "avant les faits. Fais une pause.",
         "en": "Strong words, capital letters, angry emojis: feelings come before facts. "
               "Pause for a moment."},
        reach=60, credibility=-5),
    Technique(
        "polarisation",
        {"fr": "Diviser en deux camps", "en": "Polarisation"},
        {"fr": "D'un côté, les gens du centre-ville qui veulent des parkings. De l'autre, "
               "nous, qui aimons notre marché. Choisis ton camp.",
         "en": "On one side, the town-centre people who want car parks. On the other, us, who "
               "love our market. Pick your side."},
        {"fr": "Chaque camp s'enflamme et partage pour répondre à l'autre.",
         "en": "Each side flares up and shares to answer the other."},
        {"fr": "« Eux contre nous » : le message grossit un désaccord pour monter les gens "
               "les uns contre les autres.",
         "en": "“Them against us”: the message blows up a disagreement to set people "
               "against each other."},
        reach=50, credibility=-5),
    Technique(
        "conspiracy",
        {"fr": "Inventer un complot", "en": "Conspiracy"},
        {"fr": "Pourquoi personne n'en parle ? Le maire est ami avec le patron des parkings. "
               "Cherchez à qui profite le crime…",
         "en": "Why is nobody talking about it? The mayor is friends with the car-park boss. "
               "Ask who gains from it…"},
        {"fr": "Le mystère intrigue. Certains y croient, d'autres s'en moquent.",
         "en": "The mystery intrigues people. Some believe it, others laugh at it."},
        {"fr": "« On vous cache tout », « à qui profite le crime » : un complot sans preuve "
               "explique tout et ne se vérifie jamais.",
         "en": "“They're hiding everything”, “who gains from it”: a plot with no proof "
               "explains everything and can never be checked."},
        reach=40, credibility=-10),
    Technique(
        "discrediting",
        {"fr": "Discréditer ceux qui vérifient", "en": "Discrediting"},
        {"fr": "Le Courrier de Bellerive dit que c'est faux ? Évidemment : ce journal est payé "
               "par la mairie. Ne les croyez pas.",
         "en": "The Bellerive Courier says it's false? Of course: that paper is paid by the "
               "town hall. Don't believe them."},
        {"fr": "Le démenti du journal passe moins bien. Vos fidèles restent avec vous.",
         "fr-youth": "Le démenti du journal passe moins bien. Tes fidèles restent avec toi.",
         "en": "The paper's correction gets through less. Your followers stay with you."},
        {"fr": "Quand on attaque la personne qui corrige au lieu de répondre sur les faits, "
               "c'est un signal d'alerte.",
         "en": "When someone attacks the person who corrects them instead of answering on the "
               "facts, it is a warning sign."},
        reach=30, credibility=5),
    Technique(
        "trolling",
        {"fr": "Provoquer (troller)", "en": "Trolling"},
        {"fr": "Alors, les naïfs qui croient encore la mairie ? 🤡 Venez débattre, si vous "
               "osez.",
         "en": "So, still believing the town hall, you suckers? 🤡 Come and argue, if you "
               "dare."},
        {"fr": "Les disputes explosent en commentaires. Le post remonte dans les fils.",
         "en": "Fights break out in the comments. The post climbs up the feeds."},
        {"fr": "Un message fait pour provoquer cherche des réactions, pas la vérité. Ne "
               "répondez pas à chaud.",
         "fr-youth": "Un message fait pour provoquer cherche des réactions, pas la vérité. Ne "
                     "réponds pas à chaud.",
         "en": "A message made to provoke wants reactions, not the truth. Don't reply in the "
               "heat of the moment."},
        reach=45, credibility=-15),
    Technique(
        HONEST,
        {"fr": "Dire honnêtement ce que l'on sait", "en": "Say honestly what you know"},
        {"fr": "On m'a dit que le marché allait peut-être déménager. Je n'en sais pas plus. "
               "Quelqu'un a une source officielle ?",
         "en": "Someone told me the market might move. That's all I know. Does anyone have "
               "an official source?"},
        {"fr": "Peu de partages. Mais on vous fait confiance, et quelqu'un répond avec le "
               "lien de la vraie mairie.",
         "fr-youth": "Peu de partages. Mais on te fait confiance, et quelqu'un répond avec le "
                     "lien de la vraie mairie.",
         "en": "Few shares. But people trust you, and someone replies with the real town "
               "hall's link."},
        {"fr": "Un message calme, qui dit d'où il vient et ce qu'il ne sait pas, peut être "
               "fiable. Tout n'est pas manipulation.",
         "en": "A calm message, which says where it comes from and what it doesn't know, can "
               "be reliable. Not everything is manipulation."},
        reach=5, credibility=15),
)
BY_ID = {technique.id: technique for technique in TECHNIQUES}
# What the feed says in the course's own voice (the posts are the player's, quoted as written).
SAYS = words("manipulator_feed.TECHNIQUES", {
    f"{t.id}.{part}": getattr(t, part) for t in TECHNIQUES for part in ("name", "reaction", "sign")
})
MANIPULATIONS = tuple(t.id for t in TECHNIQUES if t.id != HONEST)


@dataclass(frozen=True)
class Step:
    """One published post and what the simulated feed did with it."""

    technique: str
    new_followers: int
    followers: int
    credibility: int


def simulate(choices: list[str]) -> list[Step]:
    """Play ``choices`` (technique ids, at most ``STEPS``) and return the feed after each post.

    Deterministic, so a learner can replay and compare; raises ``ValueError`` on an unknown
    technique or too many steps.
    """
    if len(choices) > STEPS:
        raise ValueError(f"at most {STEPS} posts per game, got {len(choices)}")
    followers, credibility = START_FOLLOWERS, START_CREDIBILITY
    used: dict[str, int] = {}
    steps = []
    for choice in choices:
        if choice not in BY_ID:
            raise ValueError(f"unknown technique {choice!r}")
        technique = BY_ID[choice]
        gain = round(followers * technique.reach / 100 / 2 ** used.get(choice, 0))
        used[choice] = used.get(choice, 0) + 1
        followers += gain
        credibility = min(100, max(0, credibility + technique.credibility))
        steps.append(Step(choice, gain, followers, credibility))
    return steps


def debrief(choices: list[str], lang: str, audience: str | None = None) -> list[dict[str, Any]]:
    """Every technique turned into a warning sign, saying which ones the learner used.

    The six manipulation techniques come first, in the order of the Bad News game, then the
    honest post, so the debrief always covers all of them whatever the learner chose.
    """
    return [{"id": t.id, "name": SAYS.say(f"{t.id}.name", lang),
             "sign": SAYS.say(f"{t.id}.sign", lang, audience), "used": t.id in choices,
             "honest": t.id == HONEST} for t in TECHNIQUES]


LABELS = words("manipulator_feed.LABELS", {
    "legend": {"fr": "Post {step} sur {steps} : quelle technique utilisez-vous ?",
               "fr-youth": "Post {step} sur {steps} : quelle technique utilises-tu ?",
               "en": "Post {step} of {steps}: which technique do you use?"},
    "publish": {"fr": "Publier", "en": "Publish"},
    "restart": {"fr": "Recommencer", "en": "Start again"},
    "feed": {"fr": "Votre fil (simulé)", "fr-youth": "Ton fil (simulé)",
             "en": "Your feed (simulated)"},
    "story": {"fr": "La rumeur (inventée) : « La mairie de Bellerive va remplacer le marché du "
                    "samedi par un parking. » Bellerive est une ville fictive.",
              "en": "The rumour (made up): “Bellerive town hall will replace the Saturday "
                    "market with a car park.” Bellerive is a fictional town."},
    "choose_first": {"fr": "Choisissez d'abord une technique.",
                     "fr-youth": "Choisis d'abord une technique.",
                     "en": "Choose a technique first."},
    "after_post": {"fr": "{reaction} +{gain} abonnés : {followers} en tout. Crédibilité : "
                         "{credibility} sur 100.",
                   "en": "{reaction} +{gain} followers: {followers} in all. Credibility: "
                         "{credibility} out of 100."},
    "done": {"fr": "Fin de la partie. Lisez le bilan : chaque technique est un signal "
                   "d'alerte.",
             "fr-youth": "Fin de la partie. Lis le bilan : chaque technique est un signal "
                         "d'alerte.",
             "en": "Game over. Read the debrief: each technique is a warning sign."},
    "debrief": {"fr": "Bilan : de la technique au signal d'alerte",
                "en": "Debrief: from technique to warning sign"},
    "used": {"fr": "(vous l'avez utilisée)", "fr-youth": "(tu l'as utilisée)",
             "en": "(you used it)"},
    "honest_note": {"fr": "À retenir :", "en": "Remember:"},
})


def labels(lang: str, audience: str | None = None) -> dict[str, str]:
    """Every word the widget shows, in ``lang``, in the register of ``audience``."""
    return LABELS.voiced(lang, audience)


def feed_entries(steps: list[Step], lang: str, audience: str | None = None
                 ) -> list[dict[str, Any]]:
    """The published posts as the widget draws them, newest last, with the feed's reaction."""
    return [{"technique": SAYS.say(f"{s.technique}.name", lang),
             "text": typeset(BY_ID[s.technique].post[lang], lang),
             "reaction": SAYS.say(f"{s.technique}.reaction", lang, audience),
             "new_followers": s.new_followers,
             "followers": s.followers, "credibility": s.credibility} for s in steps]


class ManipulatorFeed(CourseWidget):
    """A radio group of techniques, a Publish button, the simulated feed and the debrief.

    ``choices`` holds the techniques published so far; the Python side replays them through
    ``simulate`` after each press and fills ``feed``, ``status`` and, at the end, ``debrief``.
    """

    _esm = front_end("manipulator_feed.js")
    _css = STATIC / "manipulator_feed.css"

    lang = traitlets.Unicode("fr").tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    options = traitlets.List().tag(sync=True)
    steps = traitlets.Int(STEPS).tag(sync=True)
    choices = traitlets.List().tag(sync=True)
    feed = traitlets.List().tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    debrief = traitlets.List().tag(sync=True)

    def __init__(self, lang: str, audience: str | None = None, **kwargs: Any):
        self.audience = audience
        super().__init__(lang=lang, labels=labels(lang, audience),
                         options=[{"id": t.id, "label": SAYS.say(f"{t.id}.name", lang)}
                                  for t in TECHNIQUES],
                         **kwargs)

    def handle(self, event: dict[str, Any]) -> None:
        if event.get("event") == "publish":
            self.publish(str(event.get("technique") or ""))
        elif event.get("event") == "restart":
            self.restart()

    def publish(self, technique: str) -> None:
        """What the Publish button does: add a post and show how the feed reacted."""
        if self.debrief:
            return
        if technique not in BY_ID:
            self.status = self.labels["choose_first"]
            return
        self.choices = [*self.choices, technique]
        steps = simulate(self.choices)
        self.feed = feed_entries(steps, self.lang, self.audience)
        last = steps[-1]
        status = self.labels["after_post"].format(
            reaction=SAYS.say(f"{technique}.reaction", self.lang, self.audience),
            gain=last.new_followers, followers=last.followers, credibility=last.credibility)
        if len(self.choices) == STEPS:
            status += " " + self.labels["done"]
            self.debrief = debrief(self.choices, self.lang, self.audience)
        self.status = status

    def restart(self) -> None:
        """Empty the feed for a new game."""
        self.choices, self.feed, self.debrief, self.status = [], [], [], ""


def manipulator_feed() -> ManipulatorFeed:
    """The feed in the running notebook's language (what a lesson cell calls)."""
    from course.learner import current

    session = current()
    return ManipulatorFeed(session.lang, session.audience)
