"""The command line's parser, speaking French to a French counsellor.

``argparse`` writes its own messages in English ("invalid choice: 'français'", "the following
arguments are required"), and option values are English codes (``--audience senior``). This
parser says its errors, usage line and help headings in the language ``say`` speaks, and the
``choice`` type lets option values be typed in French too (``--lang français``, ``--audience
seniors``): the program still receives the code.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from typing import NoReturn

from .i18n import cli_language, say

SYNONYMS = {
    "fr": ("français", "francais", "french"),
    "en": ("anglais", "english"),
    "youth": ("jeunes", "jeune"),
    "senior": ("seniors", "aînés", "aines"),
    "handout": ("fiche", "fiches"),
    "all": ("tout", "tous"),
    "export": ("exporter",),
    "erase": ("effacer",),
}
"""French (and plain English) words accepted for an option value, by the value's code."""

_FRENCH = [
    (r"invalid choice: '(?P<value>[^']*)' \(choose from (?P<choices>.*)\)",
     "choix inconnu : « {value} » (choisissez parmi : {choices})"),
    (r"invalid (?P<type>\w+) value: '(?P<value>[^']*)'",
     "valeur incorrecte : « {value} » ({type})"),
    (r"the following arguments are required: (?P<names>.*)",
     "il manque : {names}"),
    (r"unrecognized arguments: (?P<names>.*)", "arguments inconnus : {names}"),
    (r"expected one argument", "une valeur est attendue après cette option"),
    (r"expected at least one argument", "au moins une valeur est attendue après cette option"),
    (r"one of the arguments (?P<names>.*) is required", "il faut l'une de ces options : {names}"),
    (r"not allowed with argument (?P<name>.*)", "ne va pas avec {name}"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)",
     "option ambiguë : {option} peut être {matches}"),
    (r"^argument (?P<name>-[^:]+): ", "option {name} : "),
    (r"^argument (?P<name>[^:]+): ", "{name} : "),
]
_TYPES = {"int": "un nombre entier est attendu", "float": "un nombre est attendu"}


def french(message: str) -> str:
    """One of argparse's English messages in French (unknown ones are left as they are)."""
    for pattern, words in _FRENCH:
        def put(match: re.Match, words: str = words) -> str:
            found = match.groupdict()
            if "type" in found:
                found["type"] = _TYPES.get(found["type"], found["type"])
            if "choices" in found:
                found["choices"] = found["choices"].replace("'", "")
            return words.format(**found)

        message = re.sub(pattern, put, message)
    return message


def choice(values: Iterable[str]) -> Callable[[str], str]:
    """An argparse ``type`` taking a value's code or one of its French words (``SYNONYMS``),
    any case, and giving back the code; anything else is left for ``choices`` to refuse."""
    codes = tuple(values)
    words = {code: code for code in codes}
    words |= {word: code for code in codes for word in SYNONYMS.get(code, ())}

    def read(typed: str) -> str:
        return words.get(typed.strip().lower(), typed)

    read.__name__ = "choice"
    return read


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001
        if prefix is None:  # "" is how argparse names a subcommand: no prefix then
            prefix = say("utilisation : ", "usage: ")
        super().add_usage(usage, actions, groups, prefix)


class CourseParser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` with its messages in the language of the command line."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = say("arguments", "positional arguments")
        self._optionals.title = say("options", "options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=say("afficher cette aide", "show this help message and exit"))

    def error(self, message: str) -> NoReturn:
        """Say what is wrong, in French when the command line speaks French, and how to get
        help; exits with status 2 as argparse does."""
        if cli_language() == "fr":
            message = french(message)
        self.print_usage(sys.stderr)
        hint = say(f"Pour l'aide : {self.prog} --help", f"For help: {self.prog} --help")
        self.exit(2, f"✘ {self.prog}{say(' : ', ': ')}{message}\n{hint}\n")
