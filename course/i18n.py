"""Words the course says itself, in French and English.

Content (lessons, items) carries its own translations; this table holds only the interface:
button labels, confirmations and the messages of the command line.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Iterator
from contextlib import contextmanager

from .localize import typeset, variant_keys

LANGUAGES = ("fr", "en")
AUDIENCES = ("youth", "senior")

_TEXT: dict[str, dict[str, str]] = {
    # Learner page in Voilà, and handing work in
    "lesson": {"fr": "Leçon", "en": "Lesson"},
    "exercise": {"fr": "Exercice", "en": "Exercise"},
    "go_to_exercise": {"fr": "Passer à l'exercice", "en": "Go to the exercise"},
    "skip": {"fr": "Aller au contenu", "en": "Skip to content"},
    "contrast": {"fr": "Contraste élevé", "en": "High contrast"},
    "listen": {"fr": "Écouter", "en": "Listen"},
    "stop": {"fr": "Arrêter la lecture", "en": "Stop reading"},
    # The Voilà page's loading screen and its steps (course/share/voila/templates/course)
    "loading": {"fr": "La page se prépare, un instant…", "en": "The page is getting ready…"},
    "loading_progress": {"fr": "Préparation : {n} sur {total}",
                         "en": "Getting ready: {n} of {total}"},
    "step_of": {"fr": "Étape {n} sur {total}", "en": "Step {n} of {total}"},
    "next_step": {"fr": "Suivant", "en": "Next"},
    "previous_step": {"fr": "Précédent", "en": "Back"},
    "steps_label": {"fr": "Étapes de la page", "en": "Steps of this page"},
    "hand_in": {
        "fr": "J'ai terminé : rendre mon travail",
        "en": "I have finished: hand in my work",
    },
    "handed_in": {
        "fr": "Travail rendu à {time}. Merci ! Vous pouvez encore le modifier "
              "et le rendre à nouveau.",
        "fr-youth": "Travail rendu à {time}. Merci ! Tu peux encore le modifier "
                    "et le rendre à nouveau.",
        "en": "Work handed in at {time}. Thank you! You can still change it "
              "and hand it in again.",
    },
    "hand_in_unavailable": {
        "fr": "Le rendu n'est pas possible ici : appelez la personne qui anime l'atelier.",
        "fr-youth": "Le rendu n'est pas possible ici : appelle la personne qui anime l'atelier.",
        "en": "Handing in is not possible here: ask the person running the workshop.",
    },
    "hand_in_failed": {
        "fr": "Le rendu n'a pas marché ({reason}). Votre travail est toujours là. "
              "Appelez la personne qui anime l'atelier.",
        "fr-youth": "Le rendu n'a pas marché ({reason}). Ton travail est toujours là. "
                    "Appelle la personne qui anime l'atelier.",
        "en": "Handing in did not work ({reason}). Your work is still here. "
              "Ask the person running the workshop.",
    },
    # The learner's home page (course.home) and the way on from a notebook
    "home_title": {"fr": "Mon parcours", "en": "My course"},
    "home_continue": {"fr": "Continuer", "en": "Continue"},
    "home_next": {"fr": "Prochaine étape : {where}", "en": "Next step: {where}"},
    "home_all_done": {
        "fr": "Vous avez rendu tous les modules. Bravo !",
        "fr-youth": "Tu as rendu tous les modules. Bravo !",
        "en": "You have handed in every module. Well done!",
    },
    "home_modules": {"fr": "Les modules", "en": "The modules"},
    "home_todo": {"fr": "À faire", "en": "To do"},
    "home_started": {"fr": "Commencé", "en": "Started"},
    "home_handed_in": {"fr": "Rendu", "en": "Handed in"},
    "home_feedback": {"fr": "Mon retour", "en": "My feedback"},
    "next_module": {"fr": "Module suivant", "en": "Next module"},
    "back_home": {"fr": "Retour à l'accueil", "en": "Back to the home page"},
    "hand_in_heading": {"fr": "Rendre mon travail", "en": "Hand in my work"},
    # A learner's code that stopped on an error (course.kernel)
    "hint_name": {
        "fr": "Python ne connaît pas le nom « {name} ». Vérifiez son orthographe (majuscules "
              "comprises), ou exécutez d'abord la cellule qui le définit.",
        "fr-youth": "Python ne connaît pas le nom « {name} ». Vérifie son orthographe "
                    "(majuscules comprises), ou exécute d'abord la cellule qui le définit.",
        "en": "Python does not know the name '{name}'. Check its spelling (capital letters "
              "too), or first run the cell that defines it.",
    },
    "hint_key": {
        "fr": "« {missing} » n'existe pas ici. Pour un tableau, vérifiez le nom exact de la "
              "colonne (accents, majuscules, espaces) : df.columns donne la liste.",
        "fr-youth": "« {missing} » n'existe pas ici. Pour un tableau, vérifie le nom exact de la "
                    "colonne (accents, majuscules, espaces) : df.columns donne la liste.",
        "en": "'{missing}' does not exist here. For a table, check the column's exact name "
              "(accents, capitals, spaces): df.columns lists them.",
    },
    "hint_syntax": {
        "fr": "Python ne comprend pas la ligne {line}. Il manque peut-être une parenthèse, "
              "un guillemet ou deux-points.",
        "fr-youth": "Python ne comprend pas la ligne {line}. Il manque peut-être une "
                    "parenthèse, un guillemet ou deux-points.",
        "en": "Python cannot read line {line}. Perhaps a bracket, a quote or a colon is "
              "missing.",
    },
    "hint_other": {
        "fr": "Le code s'est arrêté sur une erreur ({error}). Relisez la cellule, corrigez-la "
              "puis exécutez-la à nouveau.",
        "fr-youth": "Le code s'est arrêté sur une erreur ({error}). Relis la cellule, "
                    "corrige-la puis exécute-la à nouveau.",
        "en": "The code stopped on an error ({error}). Read the cell again, correct it, then "
              "run it again.",
    },
    "hint_details": {"fr": "Détails techniques", "en": "Technical details"},
    # Learner interface
    "check": {"fr": "Vérifier", "en": "Check"},
    "save": {"fr": "Enregistrer ma réponse", "en": "Save my answer"},
    "saved": {"fr": "Réponse enregistrée.", "en": "Answer saved."},
    "saved_again": {
        "fr": "Réponse enregistrée (modifiée). Vous pouvez encore la changer.",
        "fr-youth": "Réponse enregistrée (modifiée). Tu peux encore la changer.",
        "en": "Answer saved (changed). You can still change it.",
    },
    "right": {"fr": "Bonne réponse !", "en": "Right!"},
    "wrong": {"fr": "Pas tout à fait.", "en": "Not quite."},
    "noted": {"fr": "C'est noté.", "en": "Noted."},
    "choose_first": {"fr": "Choisissez d'abord une réponse.",
                     "fr-youth": "Choisis d'abord une réponse.", "en": "Choose an answer first."},
    "write_first": {"fr": "Écrivez d'abord votre réponse.",
                    "fr-youth": "Écris d'abord ta réponse.", "en": "Write your answer first."},
    "rate_first": {
        "fr": "Choisissez une note et dites si vous partageriez.",
        "fr-youth": "Choisis une note et dis si tu partagerais.",
        "en": "Choose a rating and say whether you would share.",
    },
    "reliability": {
        "fr": "Ce titre est-il fiable ? De 1 (pas du tout) à 6 (tout à fait)",
        "en": "How reliable is this headline? From 1 (not at all) to 6 (completely)",
    },
    "share_question": {"fr": "Le partageriez-vous ?", "fr-youth": "Tu le partagerais ?",
                       "en": "Would you share it?"},
    "yes": {"fr": "Oui", "en": "Yes"},
    "no": {"fr": "Non", "en": "No"},
    "fictional": {"fr": "Exemple inventé pour le cours", "en": "Example made up for the course"},
    "your_answer": {"fr": "Votre réponse", "fr-youth": "Ta réponse", "en": "Your answer"},
    "saved_text": {"fr": "Réponse enregistrée :", "en": "Saved answer:"},
    "not_answered": {"fr": "pas encore de réponse", "en": "not answered yet"},
    "answer_file_unreadable": {
        "fr": "Le fichier de réponses est illisible : les questions comptent comme sans réponse.",
        "en": "The answer file cannot be read: the questions count as not answered.",
    },
    "check_missing": {
        "fr": "Question {item} : pas de réponse.",
        "en": "Question {item}: no answer.",
    },
    "check_wrong": {
        "fr": "Question {item} : la réponse n'est pas la bonne.",
        "en": "Question {item}: the answer is not the right one.",
    },
    "check_invalid": {
        "fr": "Question {item} : la réponse enregistrée n'a pas la forme attendue.",
        "en": "Question {item}: the saved answer is not in the expected form.",
    },
    # Feedback page (after grading)
    "feedback_title": {"fr": "Votre retour : {title}", "fr-youth": "Ton retour : {title}",
                       "en": "Your feedback: {title}"},
    "feedback_score": {"fr": "Points : {score} sur {max}", "en": "Points: {score} out of {max}"},
    "feedback_pending": {
        "fr": "Votre réponse écrite sera lue et notée par votre formateur ou formatrice.",
        "fr-youth": "Ta réponse écrite sera lue et notée par ton formateur ou ta formatrice.",
        "en": "Your written answer will be read and marked by your trainer.",
    },
    "result_right": {"fr": "Juste", "en": "Right"},
    "result_wrong": {"fr": "À revoir", "en": "To review"},
    "result_missing": {"fr": "Pas de réponse", "en": "No answer"},
    "result_pending": {"fr": "À corriger par le formateur", "en": "To be graded by the trainer"},
    "result_marked": {"fr": "Noté : {score} sur {max}", "en": "Marked: {score} out of {max}"},
    "why": {"fr": "Pourquoi", "en": "Why"},
    "judged_message": {"fr": "Le message à juger", "en": "The message to judge"},
    "your_code": {"fr": "Votre code", "fr-youth": "Ton code", "en": "Your code"},
    "trainer_comment": {"fr": "Commentaire du formateur", "en": "Trainer's comment"},
    "rating_answer": {
        "fr": "fiabilité {rating} sur 6 ; partager : {share}",
        "en": "reliability {rating} out of 6; share: {share}",
    },
    # The hub's login page
    "hub_title": {"fr": "Bienvenue à l'atelier", "en": "Welcome to the workshop"},
    "hub_intro": {"fr": "Tapez votre pseudonyme et le code écrit sur votre papier.",
                  "fr-youth": "Tape ton pseudonyme et le code écrit sur ton papier.",
                  "en": "Type your pseudonym and the code written on your slip of paper."},
    "hub_name": {"fr": "Pseudonyme", "en": "Pseudonym"},
    "hub_address": {"fr": "Adresse", "en": "Address"},
    "hub_code": {"fr": "Code", "en": "Code"},
    "hub_submit": {"fr": "Entrer", "en": "Enter"},
}


# The keys a learner reads (notebook, hand-in, feedback page, the hub's login page): a youth
# build says "tu" in them (a ``fr-youth`` variant), and ``course check`` makes sure of it.
LEARNER_KEYS = (
    "go_to_exercise", "skip", "contrast", "listen", "stop", "hand_in", "handed_in",
    "hand_in_unavailable", "hand_in_failed", "check", "save", "saved", "saved_again", "right",
    "wrong", "noted", "choose_first", "write_first", "rate_first", "reliability",
    "share_question", "yes", "no", "fictional", "your_answer", "saved_text", "not_answered",
    "feedback_title", "feedback_score", "feedback_pending", "result_right", "result_wrong",
    "result_missing", "result_pending", "result_marked", "why", "trainer_comment",
    "rating_answer", "judged_message", "your_code", "loading", "loading_progress", "step_of",
    "next_step", "previous_step", "steps_label", "hub_title", "hub_intro", "hub_name",
    "hub_address", "hub_code", "hub_submit", "hint_name", "hint_key", "hint_syntax",
    "hint_other", "hint_details", "home_title", "home_continue", "home_next", "home_all_done",
    "home_modules", "home_todo", "home_started", "home_handed_in", "home_feedback",
    "next_module", "back_home", "hand_in_heading",
)


def text(key: str, lang: str, audience: str | None = None, **values: object) -> str:
    """The interface sentence ``key`` in ``lang`` (in the register of ``audience`` when it has
    one, typeset), with ``{placeholders}`` filled."""
    entry = _TEXT[key]
    chosen = next((entry[k] for k in variant_keys(lang, audience) if k in entry), entry["en"])
    return typeset(chosen.format(**values), lang)


def system_language() -> str:
    """The user's language for the command line: French if the system speaks French."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    guessed = locale.getlocale()[0] or ""
    return "fr" if guessed.lower().startswith("fr") else "en"


_cli_language: list[str] = []


def set_cli_language(lang: str) -> None:
    """Speak ``lang`` on the command line from now on (a workshop's language wins)."""
    _cli_language[:] = [lang]


def cli_language() -> str:
    """The language ``say`` speaks now: a workshop's, else ``$COURSE_LANG``, else the system's."""
    return _cli_language[0] if _cli_language else os.environ.get("COURSE_LANG") or system_language()


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Say everything in ``lang`` inside the block (a report asked for in another language),
    then go back to what was spoken before."""
    saved = _cli_language[:]
    _cli_language[:] = [lang]
    try:
        yield
    finally:
        _cli_language[:] = saved


def say(fr: str, en: str) -> str:
    """Pick the French or English wording of a command-line message.

    Both wordings stay side by side in the code, so neither can be forgotten.
    """
    return fr if cli_language() == "fr" else en
