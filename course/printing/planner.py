"""``course plan``: which modules go in which session, from each module's minutes.

Modules keep the course's order. A module that fits a session goes in whole; one longer than a
session is cut at its parts (lesson, exercise, discussion), never inside one. Seniors get a
10-minute break between two blocks of the same session, counted in the session's length.
What does not fit in the sessions available is listed as left for later, so the agenda never
runs over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content import Module
from ..errors import CourseError
from ..i18n import say
from .documents import total_minutes
from .render import AUDIENCE_NAME, render_page, write_both

BREAK_MINUTES = {"senior": 10, "youth": 0}


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


def blocks_of(module: Module, session_minutes: int) -> list[Block]:
    """The module whole if it fits a session, else its parts in order."""
    whole = total_minutes(module)
    if whole <= session_minutes:
        return [Block(module, whole)]
    return [Block(module, minutes, part) for part, minutes in module.meta["minutes"].items()
            if minutes > 0]


def plan_sessions(modules: list[Module], sessions: int, minutes: int, audience: str) -> Plan:
    """Fill ``sessions`` sessions of ``minutes`` minutes with ``modules``, in order."""
    if sessions < 1 or minutes < 1:
        raise CourseError(say("Il faut au moins une séance d'au moins une minute.",
                              "At least one session of at least one minute is needed."))
    pause = BREAK_MINUTES[audience]
    planned = [Session(1)]
    left_out: list[Block] = []
    for block in (b for m in modules for b in blocks_of(m, minutes)):
        if left_out or block.minutes > minutes:
            left_out.append(block)
            continue
        session = planned[-1]
        extra = pause if session.blocks else 0
        if session.minutes + extra + block.minutes > minutes:
            if len(planned) == sessions:
                left_out.append(block)
                continue
            session, extra = Session(len(planned) + 1), 0
            planned.append(session)
        if extra:
            session.blocks.append(Block(None, extra))
        session.blocks.append(block)
    return Plan(planned, left_out, minutes, audience)


def print_plan(plan: Plan, lang: str, target: Path) -> int:
    """Write the agenda as a printable page (PDF and HTML); returns the PDF's pages."""
    return write_both(render_page("plan.html.j2", lang, plan=plan,
                                  audience=AUDIENCE_NAME[lang][plan.audience]), target)
