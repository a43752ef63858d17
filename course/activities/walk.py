"""One thing at a time: the way a learner goes through an activity's cards.

The simulator (situations), the sorter (messages) and the gallery (pictures) all show one card,
take an answer, show what follows, then go on; any card can be skipped, and a skip is never
counted as a failure. This mixin holds that way once; each activity keeps its own judgement.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class Walk:
    """Mixin for a dataclass with ``position``, ``stage`` and ``skipped`` fields.

    ``cards`` is the sequence walked through; ``first_stage`` is where each card starts
    (``choose``, or ``level`` for the sorter); ``seen`` waits for "next"; ``finished`` ends.
    """

    first_stage = "choose"
    position: int
    stage: str
    skipped: list[str]

    @property
    def cards(self) -> Sequence[Any]:
        raise NotImplementedError

    @property
    def current(self) -> Any | None:
        return self.cards[self.position] if self.position < len(self.cards) else None

    def _advance(self) -> None:
        self.position += 1
        self.stage = self.first_stage if self.current else "finished"

    def _require(self, stage: str) -> Any:
        """The current card, if the walk is at ``stage``; a clear error otherwise."""
        card = self.current
        if card is None or self.stage != stage:
            raise ValueError(f"not at the {stage} stage (now: {self.stage})")
        return card

    def skip(self) -> None:
        """Leave the current card without answering: always allowed, never counted."""
        card = self.current
        if card is None:
            return
        if self.stage == self.first_stage:
            self.skipped.append(card.id)
        self._advance()

    def next(self) -> None:
        """Go on after the feedback of the current card."""
        self._require("seen")
        self._advance()
