"""The cloned-voice call of module 09, played step by step ("Mamie, c'est moi…").

A scammer can clone a relative's voice from a short clip posted online (FTC, docs/FACTS.md):
the voice is no longer proof. What still works is the channel: hang up, call back on the number
one knows, ask the family safe word. The call is the action simulator's way through scenarios,
each scenario one step of the same call (the voice message, the insistence, the "lawyer"); only
the words around it change: steps, not situations.
"""

from __future__ import annotations

from ..localize import words
from .action_simulator import DATA, ActionSimulator, load_scenarios

CALL_FILE = "voice_call.yml"

LABELS = words("voice_call.LABELS", {
    "legend": {"fr": "Que faites-vous maintenant ? Cochez tout ce que vous feriez.",
               "fr-youth": "Que fais-tu maintenant ? Coche tout ce que tu ferais.",
               "en": "What do you do now? Tick everything you would do."},
    "play": {"fr": "Voir la suite de l'appel", "en": "See how the call goes on"},
    "skip": {"fr": "Passer cette étape", "en": "Skip this step"},
    "next": {"fr": "Étape suivante", "en": "Next step"},
    "restart": {"fr": "Reprendre l'appel du début", "en": "Replay the call from the start"},
    "progress": {"fr": "Étape {n} sur {total}", "en": "Step {n} of {total}"},
    "summary": {"fr": "Fin de l'appel. Étapes jouées : {done}. Sans oubli ni faux pas : {safe}. "
                      "Passées : {skipped}. À retenir : la voix ne prouve rien, le numéro que "
                      "vous connaissez et le mot de passe de la famille, si.",
                "fr-youth": "Fin de l'appel. Étapes jouées : {done}. Sans oubli ni faux pas : "
                            "{safe}. Passées : {skipped}. À retenir : la voix ne prouve rien, le "
                            "numéro que tu connais et le mot de passe de la famille, si.",
                "en": "End of the call. Steps played: {done}. With no missed step or misstep: "
                      "{safe}. Skipped: {skipped}. Remember: the voice proves nothing; the "
                      "number you know and the family safe word do."},
})


class VoiceCall(ActionSimulator):
    """The action simulator with the words of a phone call, one step at a time."""

    table = LABELS


def voice_call() -> VoiceCall:
    """The call in the running notebook's language and audience (a lesson cell calls it)."""
    from course.learner import current

    session = current()
    return VoiceCall(load_scenarios(DATA / CALL_FILE, session.audience), session.lang,
                     session.audience)
