"""``course plan``: which modules go in which session, from each module's minutes.

Modules keep the course's order. The before and after questionnaires (the survey modules that
open and close the course) are always placed, first and last, so that the before/after measure
is never lost to a full agenda. A module goes in whole when it can; otherwise it is cut at its
parts (lesson, exercise, discussion), never inside one, when that fills the sessions better.
No session is left under half its length unless it is the last one, whenever some plan allows
it. Seniors get a 10-minute break between two blocks of the same session, counted in the
session's length. What does not fit in the sessions available is listed as left for later, so
the agenda never runs over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from ..content import Module
from ..errors import CourseError
from ..i18n import say
from .documents import total_minutes
from .render import AUDIENCE_NAME, render_page, write_both

BREAK_MINUTES = {"senior": 10, "youth": 0}
_NEVER = (float("inf"),)


@dataclass(frozen=True)
class Block:
    """A module, or one part of it, to run in one go; ``module`` is None for a break."""

    module: Module | None
    minutes: int
    part: str | None = None


@dataclass
class Session:
    number: int
    blocks: list[Block] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(b.minutes for b in self.blocks)


@dataclass
class Plan:
    sessions: list[Session]
    left_out: list[Block]
    session_minutes: int
    audience: str


def parts_of(module: Module) -> list[Block]:
    """The module's parts in order (those of zero minutes dropped)."""
    return [Block(module, minutes, part) for part, minutes in module.meta["minutes"].items()
            if minutes > 0]


def grouped(parts: list[Block]) -> list[Block]:
    """Consecutive parts as blocks: a module all of whose parts are there is one whole block."""
    blocks = []
    for module, run in groupby(parts, key=lambda b: b.module):
        run = list(run)
        whole = len(run) == len(parts_of(module))
        blocks.extend([Block(module, total_minutes(module))] if whole else run)
    return blocks


def with_breaks(blocks: list[Block], pause: int) -> list[Block]:
    """The blocks of one session, a break between two when the audience needs one."""
    timed: list[Block] = []
    for block in blocks:
        if timed and pause:
            timed.append(Block(None, pause))
        timed.append(block)
    return timed


def _best_split(parts: list[Block], sessions: int, minutes: int,
                pause: int) -> tuple[tuple, list[list[Block]]]:
    """The best way to cut ``parts`` (in order) into at most ``sessions`` sessions.

    Scored, lowest first, by: sessions under half their length other than the last, modules
    cut between two sessions, sessions used. ``_NEVER`` when nothing fits."""
    n = len(parts)
    sessions = min(sessions, n)

    # best[j][s]: score and cut points of parts[:j] in s full sessions (the last one not yet).
    best: list[list[tuple]] = [[_NEVER] * (sessions + 1) for _ in range(n + 1)]
    cuts: list[list[list[int]]] = [[[] for _ in range(sessions + 1)] for _ in range(n + 1)]
    best[0][0] = (0, 0, 0)
    for s in range(1, sessions + 1):
        for j in range(1, n + 1):
            for i in range(j - 1, -1, -1):
                if sum(b.minutes for b in parts[i:j]) > minutes:
                    break  # the parts alone, breaks aside, already run over
                size = sum(b.minutes for b in with_breaks(grouped(parts[i:j]), pause))
                if best[i][s - 1] == _NEVER or size > minutes:
                    continue
                short = 2 * size < minutes
                cut = j < n and parts[j - 1].module == parts[j].module
                prior = best[i][s - 1]
                if j == n:
                    score = (prior[0], prior[1], s)
                else:
                    score = (prior[0] + short, prior[1] + cut, s)
                if score < best[j][s]:
                    best[j][s], cuts[j][s] = score, [*cuts[i][s - 1], j]
    score, chosen = min(((best[n][s], cuts[n][s]) for s in range(1, sessions + 1)),
                        key=lambda pair: pair[0])
    if score == _NEVER:
        return _NEVER, []
    bounds = [0, *chosen]
    return score, [parts[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _pinned(modules: list[Module]) -> tuple[list[Module], list[Module], list[Module]]:
    """The questionnaires that open and close the course (kept whatever the agenda), and the
    modules between them."""
    head = modules[:1] if modules and modules[0].is_survey else []
    rest = modules[len(head):]
    tail = rest[-1:] if rest and rest[-1].is_survey else []
    return head, rest[:len(rest) - len(tail)], tail


def _best_of(candidates: list[list[Block]], sessions: int, minutes: int,
             pause: int) -> list[list[Block]] | None:
    """The first sequence of parts (longest first) that fits, cut at its best (see
    ``_best_split``): the most of the course comes first, short sessions are then avoided."""
    for parts in candidates:
        score, split = _best_split(parts, sessions, minutes, pause)
        if score != _NEVER and split:
            return split
    return None


def plan_sessions(modules: list[Module], sessions: int, minutes: int, audience: str) -> Plan:
    """Fill ``sessions`` sessions of ``minutes`` minutes with ``modules``, in order."""
    if sessions < 1 or minutes < 1:
        raise CourseError(say("Il faut au moins une séance d'au moins une minute.",
                              "At least one session of at least one minute is needed."))
    pause = BREAK_MINUTES[audience]
    head, middle, tail = _pinned(modules)
    first, between, last = ([p for m in group for p in parts_of(m)]
                            for group in (head, middle, tail))
    every = first + between + last
    # The questionnaires pinned and as much of the course as fits between them, in order; when
    # even the two questionnaires do not fit, as much of the course as fits, in order.
    pinned = [first + between[:k] + last for k in range(len(between), -1, -1)]
    found = _best_of(pinned, sessions, minutes, pause) or _best_of(
        [every[:k] for k in range(len(every), 0, -1)], sessions, minutes, pause)
    if found is None:
        return Plan([Session(1)], grouped(every), minutes, audience)
    split = found
    kept = {id(b) for parts in split for b in parts}
    planned_sessions = [Session(n, with_breaks(grouped(parts), pause))
                        for n, parts in enumerate(split, start=1)]
    return Plan(planned_sessions, grouped([b for b in every if id(b) not in kept]), minutes,
                audience)


def print_plan(plan: Plan, lang: str, target: Path) -> int:
    """Write the agenda as a printable page (PDF and HTML); returns the PDF's pages."""
    return write_both(render_page("plan.html.j2", lang, plan=plan,
                                  audience=AUDIENCE_NAME[lang][plan.audience]), target)
