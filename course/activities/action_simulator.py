"""The "what do I do?" simulator: choose actions in a fictional situation, see what follows.

Facing hate, harassment or a scam, people freeze or do the first thing that comes: share the
post in anger, answer with an insult, delete the evidence. Here the learner ticks the actions
they would take in a made-up scenario (a teenager harassed in a group chat, a hateful post about
neighbours, a councillor threatened, a racist comment under a club's post, a scam), then sees
the consequence of each, the essential steps they missed and the right channel.

Scenarios are data (``data/scenarios.yml`` next to the lesson); ``evaluate`` and ``Simulation``
are plain functions and state, tested without a browser; ``ActionSimulator`` is the widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import traitlets
import yaml

from ..localize import Words, words
from ..widgets import CourseWidget, front_end, front_style
from .message_sorter import bilingual
from .walk import Walk

DATA = Path("data")  # the lesson's data folder: the kernel runs in the notebook's folder
SCENARIOS_FILE = "scenarios.yml"
KINDS = ("helpful", "neutral", "harmful")


class ScenarioError(ValueError):
    """A scenario file that the simulator cannot use."""


@dataclass(frozen=True)
class Action:
    """One thing the learner may do; ``essential`` steps are named when missed."""

    id: str
    kind: str
    label: dict[str, str]
    consequence: dict[str, str]
    essential: bool = False


@dataclass(frozen=True)
class Scenario:
    """A fictional situation and the actions on offer."""

    id: str
    title: dict[str, str]
    situation: dict[str, str]
    actions: tuple[Action, ...]
    audience: tuple[str, ...] = ("youth", "senior")


def _action(raw: Any, where: str, audience: str | None = None) -> Action:
    if not isinstance(raw, dict) or not raw.get("id"):
        raise ScenarioError(f"{where}: every action needs an id")
    here = f"{where}, action {raw['id']!r}"
    if raw.get("kind") not in KINDS:
        raise ScenarioError(f"{here}: kind must be one of {', '.join(KINDS)}")
    return Action(id=str(raw["id"]), kind=raw["kind"],
                  label=bilingual(raw, "label", here, ScenarioError, audience),
                  consequence=bilingual(raw, "consequence", here, ScenarioError, audience),
                  essential=bool(raw.get("essential", False)))


def _scenario(raw: Any, index: int, audience: str | None = None) -> Scenario:
    """One validated scenario: fictional, with essential steps and at least one trap."""
    if not isinstance(raw, dict) or not raw.get("id"):
        raise ScenarioError(f"scenario {index}: needs an id")
    where = f"scenario {raw['id']!r}"
    if raw.get("fictional") is not True:
        raise ScenarioError(f"{where}: must be marked fictional: true")
    actions = tuple(_action(a, where, audience) for a in raw.get("actions") or [])
    ids = [a.id for a in actions]
    if len(set(ids)) != len(ids):
        raise ScenarioError(f"{where}: action ids repeat")
    if not any(a.essential for a in actions) or all(a.kind == "helpful" for a in actions):
        raise ScenarioError(f"{where}: needs an essential step and a trap (neutral or harmful)")
    if any(a.essential and a.kind != "helpful" for a in actions):
        raise ScenarioError(f"{where}: an essential step must be helpful")
    return Scenario(id=str(raw["id"]),
                    title=bilingual(raw, "title", where, ScenarioError, audience),
                    situation=bilingual(raw, "situation", where, ScenarioError, audience),
                    actions=actions, audience=tuple(raw.get("audience", ("youth", "senior"))))


def load_scenarios(path: Path, audience: str | None = None) -> list[Scenario]:
    """The scenarios of a file, validated, for one audience (or all)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ScenarioError(f"{path}: cannot be read ({exc})") from exc
    raws = data.get("scenarios") if isinstance(data, dict) else None
    if not raws:
        raise ScenarioError(f"{path}: no scenarios")
    scenarios = [_scenario(raw, i, audience) for i, raw in enumerate(raws)]
    if len({s.id for s in scenarios}) != len(scenarios):
        raise ScenarioError(f"{path}: scenario ids repeat")
    return [s for s in scenarios if audience is None or audience in s.audience]


WORDS = words("action_simulator.WORDS", {
    "helpful": {"fr": "Utile :", "en": "Helpful:"},
    "neutral": {"fr": "Peu utile :", "en": "Not much help:"},
    "harmful": {"fr": "À éviter :", "en": "Best avoided:"},
    "missed": {"fr": "Vous avez oublié une étape importante :",
               "fr-youth": "Tu as oublié une étape importante :",
               "en": "You missed an important step:"},
    "all_essentials": {"fr": "Vous avez pensé à toutes les étapes importantes.",
                       "fr-youth": "Tu as pensé à toutes les étapes importantes.",
                       "en": "You thought of every important step."},
    "nothing": {"fr": "Cochez au moins une action.", "fr-youth": "Coche au moins une action.",
                "en": "Tick at least one action."},
})


@dataclass(frozen=True)
class Outcome:
    """What follows the learner's choices: sentences to read, and counts for a summary."""

    helpful: int
    harmful: int
    missed: tuple[str, ...]
    sentences: tuple[str, ...]

    @property
    def safe(self) -> bool:
        """Every essential step taken and nothing harmful done."""
        return not self.missed and not self.harmful


def _ended(label: str) -> str:
    """A label as a sentence: a full stop added unless it already ends one."""
    return label if label.rstrip().endswith((".", "!", "?", "»", "”")) else label + "."


def evaluate(scenario: Scenario, chosen: list[str] | tuple[str, ...], lang: str,
             audience: str | None = None) -> Outcome:
    """Each chosen action's consequence (in the scenario's order), then the missed steps."""
    known = {a.id for a in scenario.actions}
    unknown = set(chosen) - known
    if unknown or not chosen:
        raise ValueError(f"choose among {sorted(known)}; got {sorted(chosen)}")
    picked = [a for a in scenario.actions if a.id in set(chosen)]
    sentences = [f"{WORDS.say(a.kind, lang)} {_ended(a.label[lang])} {a.consequence[lang]}"
                 for a in picked]
    missed = tuple(a.id for a in scenario.actions if a.essential and a.id not in set(chosen))
    for action in scenario.actions:
        if action.id in missed:
            sentences.append(f"{WORDS.say('missed', lang, audience)} "
                             f"{_ended(action.label[lang])} {action.consequence[lang]}")
    if not missed:
        sentences.append(WORDS.say("all_essentials", lang, audience))
    return Outcome(helpful=sum(a.kind == "helpful" for a in picked),
                   harmful=sum(a.kind == "harmful" for a in picked),
                   missed=missed, sentences=tuple(sentences))


@dataclass
class Simulation(Walk):
    """A learner's way through the scenarios. Stages: ``choose``, ``seen``, ``finished``."""

    scenarios: list[Scenario]
    position: int = 0
    stage: str = "choose"
    safe: int = 0
    done: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def cards(self) -> list[Scenario]:
        return self.scenarios

    def choose(self, chosen: list[str], lang: str, audience: str | None = None) -> Outcome:
        """Play the current scenario with the ticked actions."""
        scenario = self._require("choose")
        outcome = evaluate(scenario, chosen, lang, audience)
        self.done += 1
        self.safe += outcome.safe
        self.stage = "seen"
        return outcome

    def summary(self, lang: str, table: Words | None = None) -> str:
        """The end of the way in words (``table``: the widget's, the situations' by default)."""
        return (table or LABELS).say("summary", lang, done=self.done, safe=self.safe,
                                     skipped=len(self.skipped))


LABELS = words("action_simulator.LABELS", {
    "legend": {"fr": "Que faites-vous ? Cochez toutes les actions que vous feriez.",
               "fr-youth": "Que fais-tu ? Coche toutes les actions que tu ferais.",
               "en": "What do you do? Tick every action you would take."},
    "play": {"fr": "Voir ce qui se passe", "en": "See what happens"},
    "skip": {"fr": "Passer cette situation", "en": "Skip this one"},
    "next": {"fr": "Situation suivante", "en": "Next situation"},
    "restart": {"fr": "Recommencer", "en": "Start again"},
    "progress": {"fr": "Situation {n} sur {total}", "en": "Situation {n} of {total}"},
    "summary": {"fr": "Terminé. Situations jouées : {done}. Sans oubli ni faux pas : {safe}. "
                      "Passées : {skipped}.",
                "en": "Done. Situations played: {done}. With no missed step or misstep: {safe}. "
                      "Skipped: {skipped}."},
})


class ActionSimulator(CourseWidget):
    """One situation at a time: check boxes of actions; Python tells what follows.

    ``table`` holds the words around the situations; a subclass that plays something else
    (the steps of one phone call) gives its own and keeps the rest."""

    table: Words = LABELS
    _esm = front_end("action_simulator.js")
    _css = front_style("action_simulator.css")

    lang = traitlets.Unicode("fr").tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    card = traitlets.Dict().tag(sync=True)
    stage = traitlets.Unicode("choose").tag(sync=True)
    feedback = traitlets.List().tag(sync=True)

    def __init__(self, scenarios: list[Scenario], lang: str, audience: str | None = None,
                 **kwargs: Any):
        self.audience = audience
        super().__init__(lang=lang, labels=self.table.voiced(lang, audience), **kwargs)
        self.simulation = Simulation(scenarios)
        self._show([])

    def _show(self, sentences: list[str] | tuple[str, ...]) -> None:
        simulation, lang = self.simulation, self.lang
        scenario = simulation.current
        self.feedback = list(sentences) or ([simulation.summary(lang, self.table)]
                                            if scenario is None else [])
        self.card = {} if scenario is None else {
            "title": scenario.title[lang],
            "situation": scenario.situation[lang],
            "actions": [{"id": a.id, "label": a.label[lang]} for a in scenario.actions],
            "progress": self.table.say("progress", lang, n=simulation.position + 1,
                                   total=len(simulation.scenarios)),
        }
        self.stage = simulation.stage

    def handle(self, event: dict[str, Any]) -> None:
        """What each button does; an event that does not fit the stage changes nothing."""
        simulation, lang = self.simulation, self.lang
        try:
            kind = event.get("event")
            if kind == "play":
                chosen = event.get("chosen")
                chosen = [str(c) for c in chosen] if isinstance(chosen, list) else []
                self._show(simulation.choose(chosen, lang, self.audience).sentences)
            elif kind == "skip":
                simulation.skip()
                self._show([])
            elif kind == "next":
                simulation.next()
                self._show([])
            elif kind == "restart":
                self.simulation = Simulation(simulation.scenarios)
                self._show([])
        except ValueError:
            if simulation.stage == "choose":
                self.feedback = [WORDS.say("nothing", lang, self.audience)]


def action_simulator() -> ActionSimulator:
    """The simulator in the running notebook's language and audience (a lesson cell calls it)."""
    from course.learner import current

    session = current()
    return ActionSimulator(load_scenarios(DATA / SCENARIOS_FILE, session.audience), session.lang,
                           session.audience)
