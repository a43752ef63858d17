"""The printing verbs of the ``course`` command: ``print``, ``certificates``, ``plan``.

Kept apart from ``course/cli.py`` so that the command line stays one screen per concern;
WeasyPrint is imported only when a verb runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..arguments import choice
from ..errors import CourseError
from ..i18n import AUDIENCES, LANGUAGES, say

DEFAULT_OUT = "impression"
WHAT = ("guide", "handout", "all")


def _modules(args: argparse.Namespace, names: list[str] | None):
    """The modules named (default: all), as ``course build`` picks them."""
    from ..content import content_root, find_module, list_modules

    root = content_root(args.content)
    return [find_module(root, n) for n in names] if names else list_modules(root)


def _split(value: str | None) -> list[str] | None:
    """``01,02`` as a list; imported late since ``course.cli`` imports this module."""
    from ..cli import _modules_arg

    return _modules_arg(value)


def cmd_print(args: argparse.Namespace) -> int:
    from .documents import KINDS, LARGE_PRINT_MIN, print_document, printable

    out = Path(args.out)
    if args.what == "all":
        if args.module:
            raise CourseError(say("« course print all » ne prend pas de module : utilisez "
                                  "--modules 01,02.", "'course print all' takes no module: "
                                  "use --modules 01,02."))
        modules = _modules(args, _split(args.modules))
        kinds, langs = KINDS, [args.lang] if args.lang else LANGUAGES
        audiences = [args.audience] if args.audience else AUDIENCES
    else:
        if not (args.module and args.lang and args.audience):
            raise CourseError(say(f"Indiquez le module, la langue et le public : course print "
                                  f"{args.what} 01 --lang fr --audience senior",
                                  f"Give the module, language and audience: course print "
                                  f"{args.what} 01 --lang en --audience senior"))
        modules, kinds = _modules(args, [args.module]), [args.what]
        langs, audiences = [args.lang], [args.audience]
    written = 0
    for module in modules:
        for kind in kinds:
            for lang in langs:
                if args.what == "all" and not printable(module, kind, lang):
                    print(say(f"  (pas de {kind}.{lang}.md dans {module.id})",
                              f"  (no {kind}.{lang}.md in {module.id})"))
                    continue
                for audience in audiences:
                    printed = print_document(module, kind, lang, audience, out)
                    print(printed.path, flush=True)
                    written += 1
                    if kind == "handout" and printed.pages > 1:
                        print(say(f"  ⚠ la fiche fait {printed.pages} pages : raccourcissez "
                                  f"{kind}.{lang}.md", f"  ⚠ the hand-out runs to "
                                  f"{printed.pages} pages: shorten {kind}.{lang}.md"))
    print(say(f"{written} document(s) dans {out} (PDF et HTML). Fiches : une page A4, "
              f"au moins {LARGE_PRINT_MIN} points pour les seniors.",
              f"{written} document(s) in {out} (PDF and HTML). Hand-outs: one A4 page, "
              f"at least {LARGE_PRINT_MIN} points for seniors."))
    return 0


def _typed_names(pseudonyms: list[str]) -> dict[str, str]:
    """Names typed now for this print only; Enter keeps the pseudonym."""
    print(say("Tapez le nom à imprimer pour chaque pseudonyme (Entrée : garder le pseudonyme). "
              "Les noms ne sont enregistrés nulle part, sauf dans le PDF imprimé.",
              "Type the name to print for each pseudonym (Enter: keep the pseudonym). "
              "Names are stored nowhere except in the printed PDF."))
    return {p: input(f"  {p} : ").strip() for p in pseudonyms}


def cmd_certificates(args: argparse.Namespace) -> int:
    from ..workshop import open_workshop
    from .certificates import certificates, print_certificates

    workshop = open_workshop(args.workshop)
    names = _split(",".join(args.modules)) or workshop.modules
    modules = [workshop.module(n) for n in names]
    found = certificates(workshop, modules)
    if not found:
        raise CourseError(say("Aucun apprenant n'a encore de module corrigé : lancez d'abord "
                              "« course grade MODULE ».", "No learner has a graded module yet: "
                              "run 'course grade MODULE' first."))
    if args.names:
        found = certificates(workshop, modules, _typed_names([c.pseudonym for c in found]))
    target = Path(args.out) if args.out else workshop.exports / "attestations.pdf"
    print_certificates(workshop, found, target)
    print(say(f"{len(found)} attestation(s) : {target}", f"{len(found)} certificate(s): {target}"))
    if args.names:
        print(say("Ce PDF contient des noms : supprimez-le après impression.",
                  "This PDF holds names: delete it once printed."))
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from .planner import plan_sessions, print_plan

    plan = plan_sessions(_modules(args, _split(args.modules)), args.sessions, args.minutes,
                         args.audience)
    for session in plan.sessions:
        blocks = ", ".join(f"{b.module.number}{f' ({b.part})' if b.part else ''}"
                           if b.module else say("pause", "break") for b in session.blocks)
        print(say("Séance", "Session") + f" {session.number} ({session.minutes}/"
              f"{plan.session_minutes} min){say(' :', ':')} {blocks}")
    if plan.left_out:
        print(say("Pour plus tard : ", "For later: ")
              + ", ".join(sorted({b.module.number for b in plan.left_out})))
    target = Path(args.out) if args.out else Path(f"programme-{args.lang}-{args.audience}.pdf")
    print_plan(plan, args.lang, target)
    print(target)
    return 0


def add_printing_verbs(verb) -> None:
    """Declare ``print``, ``certificates`` and ``plan`` with the CLI's ``verb`` factory."""
    sub = verb("print", "Imprimer guides d'animation et fiches (PDF et HTML).",
               "Print facilitator guides and hand-outs (PDF and HTML).", cmd_print)
    sub.add_argument("what", choices=WHAT, type=choice(WHAT))
    sub.add_argument("module", nargs="?", metavar="MODULE")
    sub.add_argument("--lang", choices=LANGUAGES, type=choice(LANGUAGES))
    sub.add_argument("--audience", choices=AUDIENCES, type=choice(AUDIENCES))
    sub.add_argument("--modules", metavar="01,02", help=say("avec all : modules (par défaut : "
                                                            "tous)", "with all: modules "
                                                            "(default: all)"))
    sub.add_argument("--out", default=DEFAULT_OUT, metavar="DOSSIER")
    sub.add_argument("--content", metavar="DOSSIER", help=argparse.SUPPRESS)

    sub = verb("certificates", "Imprimer les attestations de participation de l'atelier.",
               "Print the workshop's certificates of attendance.", cmd_certificates,
               workshop=True)
    sub.add_argument("modules", nargs="*", metavar="MODULE",
                     help=say("modules à lister (par défaut : ceux de l'atelier)",
                              "modules to list (default: the workshop's)"))
    sub.add_argument("--names", action="store_true",
                     help=say("taper un nom pour chaque pseudonyme (jamais enregistré)",
                              "type a name for each pseudonym (never stored)"))
    sub.add_argument("--out", metavar="FICHIER.pdf")

    sub = verb("plan", "Proposer un programme de séances à imprimer.",
               "Propose a printable agenda of sessions.", cmd_plan)
    sub.add_argument("--sessions", type=int, required=True)
    sub.add_argument("--minutes", type=int, required=True)
    sub.add_argument("--audience", choices=AUDIENCES, default="youth", type=choice(AUDIENCES))
    sub.add_argument("--lang", choices=LANGUAGES, default="fr", type=choice(LANGUAGES))
    sub.add_argument("--modules", metavar="01,02")
    sub.add_argument("--out", metavar="FICHIER.pdf")
    sub.add_argument("--content", metavar="DOSSIER", help=argparse.SUPPRESS)
