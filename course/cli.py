"""The ``course`` command: one verb per step of a workshop, in plain words.

Trainer-side verbs import ``grading`` (and so nbgrader) only when they run, which keeps
``course build`` and ``course check`` light and the learner's kernel free of grading code.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .arguments import CourseParser, choice
from .errors import CourseError, plain, read_only
from .i18n import AUDIENCES, LANGUAGES, cli_language, say
from .printing.commands import add_printing_verbs


def _modules_arg(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_module
    from .content import content_root, find_module, list_modules
    from .workshop import check_variant

    check_variant(args.lang, args.audience)
    root = content_root(args.content)
    names = _modules_arg(args.modules)
    modules = [find_module(root, n) for n in names] if names else list_modules(root)
    for module in modules:
        for path in build_module(module, args.lang, args.audience, Path(args.out)):
            print(path)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from grading.create import create_workshop

    workshop = create_workshop(Path(args.folder), args.lang, args.audience,
                               _modules_arg(args.modules), args.roster, args.content, args.db,
                               one_per_screen=args.one_per_screen)
    print(say(f"Atelier prêt dans {workshop.path} : {len(workshop.modules)} module(s), "
              f"{len(workshop.learners)} apprenant(s).",
              f"Workshop ready in {workshop.path}: {len(workshop.modules)} module(s), "
              f"{len(workshop.learners)} learner(s)."))
    print(say(f"Étape suivante : course release 01 --workshop {args.folder}",
              f"Next step: course release 01 --workshop {args.folder}"))
    return 0


def _writable(workshop):
    """A read-only workshop is refused before anything is tried (as root too: a read-only
    file system stops even root's writes)."""
    if not os.access(workshop.path, os.W_OK):
        raise read_only(workshop.path)
    return workshop


def _workshop(args: argparse.Namespace):
    """The workshop of a trainer's command, refused before it writes anything if it cannot be
    written or its gradebook is broken."""
    from grading.nbgrader_setup import check_gradebook

    from .workshop import open_workshop

    workshop = _writable(open_workshop(args.workshop))
    check_gradebook(workshop)
    return workshop


def cmd_release(args: argparse.Namespace) -> int:
    from grading.release import release

    workshop = _workshop(args)
    module = workshop.module(args.module)
    release(workshop, module)
    print(say(f"Module {module.id} distribué : les apprenants peuvent le récupérer.",
              f"Module {module.id} released: learners can fetch it."))
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    from grading.collect import collect_exchange, collect_zips

    workshop = _workshop(args)
    module = workshop.module(args.module)
    if args.zip:
        collected, problems = collect_zips(workshop, module, Path(args.zip))
    else:
        collected, problems = collect_exchange(workshop, module)
    print(say(f"{len(collected)} rendu(s) pour le module {module.id}.",
              f"{len(collected)} submission(s) for module {module.id}."))
    for problem in problems:
        print(say("  non récupéré : ", "  not collected: ") + problem)
    return 1 if problems else 0


def cmd_grade(args: argparse.Namespace) -> int:
    from grading.autograde import FAILED, MANUAL
    from grading.steps import grade_step

    workshop = _workshop(args)
    module = workshop.module(args.module)
    outcomes, export = grade_step(workshop, module, workers=args.workers)
    width = max([len(o.learner) for o in outcomes] + [10])
    for o in outcomes:
        score = f"{o.score:g}/{o.max_score:g}" if o.score is not None else "-"
        print(f"{o.learner:<{width}}  {score:>7}  {o.status_text()}"
              + (f"  ({'; '.join(o.notes)})" if o.notes else ""))
    print(say(f"Notes : {export}\nRetours : {workshop.feedback}",
              f"Grades: {export}\nFeedback: {workshop.feedback}"))
    if any(o.status == MANUAL for o in outcomes):
        print(say(f"Réponses écrites à corriger : course dashboard -w {args.workshop}, "
                  "page « Réponses écrites ».", f"Written answers to grade: course dashboard "
                  f"-w {args.workshop}, page 'Written answers'."))
    return 1 if any(o.status == FAILED for o in outcomes) else 0


def cmd_release_feedback(args: argparse.Namespace) -> int:
    from grading.feedback import release_feedback

    workshop = _workshop(args)
    module = workshop.module(args.module)
    learners, folder = release_feedback(workshop, module)
    print(say(f"{len(learners)} retour(s) rendu(s) pour {module.id} ; toutes les pages : {folder}",
              f"{len(learners)} feedback page(s) released for {module.id}; all pages: {folder}"))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from grading.steps import report_step

    if args.pool:
        from grading.report import write_pool_report

        html, table = write_pool_report([Path(f) for f in args.pool], Path(args.out),
                                        args.lang or cli_language())
        print(say(f"Rapport commun : {html}", f"Pooled report: {html}"))
        return 0
    workshop = _workshop(args)
    html, table, anonymous = report_step(workshop, args.modules)
    print(say(f"Rapport : {html}\nQuestions : {table}\nExport anonyme : {anonymous}",
              f"Report: {html}\nItems: {table}\nAnonymised export: {anonymous}"))
    return 0


def cmd_learner(args: argparse.Namespace) -> int:
    from grading.learner_data import erase_learner, export_learner

    workshop = _workshop(args)
    if args.action == "export":
        print(export_learner(workshop, args.learner))
        return 0
    removed = erase_learner(workshop, args.learner)
    print(say(f"« {args.learner} » effacé de l'atelier ({len(removed)} fichier(s)).",
              f"'{args.learner}' erased from the workshop ({len(removed)} file(s))."))
    return 0


def demo_profiles(listed: str | None) -> tuple[str, ...]:
    """``right,wrong,partial,no-answers`` as typed after ``--profiles``, checked."""
    from grading.demo import PROFILES

    if listed is None:
        return PROFILES
    profiles = tuple(p.strip() for p in listed.split(",") if p.strip())
    unknown = [p for p in profiles if p not in PROFILES]
    if unknown or not profiles:
        raise CourseError(say(
            f"--profiles : « {', '.join(unknown) or listed} » inconnu. Choisissez parmi : "
            f"{', '.join(PROFILES)} (séparés par des virgules).",
            f"--profiles: unknown '{', '.join(unknown) or listed}'. Choose among: "
            f"{', '.join(PROFILES)} (comma-separated)."))
    return profiles


def cmd_demo(args: argparse.Namespace) -> int:
    from grading.demo import fill_demo, rehearsal_for

    if args.learners < 1:
        raise CourseError(say("--learners doit être au moins 1.", "--learners must be at least 1."))
    workshop = _workshop(args)
    module = workshop.module(args.module)
    profiles = demo_profiles(args.profiles)
    real = workshop
    if not args.in_workshop:
        workshop = rehearsal_for(workshop, module)
    if workshop.path != real.path:
        print(say(f"Cet atelier a de vrais apprenants : la répétition se fait à part, dans "
                  f"{workshop.path} (--dans-l-atelier pour la faire ici).",
                  f"This workshop has real learners: the rehearsal goes apart, into "
                  f"{workshop.path} (--in-workshop to run it here)."))
    created = fill_demo(workshop, module, args.learners, args.seed, profiles)
    where = "" if workshop.path == real.path else f" -w {workshop.path}"
    print(say(f"{len(created)} rendus simulés pour {module.id}. Essayez : course grade "
              f"{module.number}{where}", f"{len(created)} simulated submissions for "
              f"{module.id}. Try: course grade {module.number}{where}"))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .check import course_form_problems, interface_problems, module_problems
    from .content import content_root, find_module, list_modules

    root = content_root(args.content)
    names = _modules_arg(args.modules)
    modules = [find_module(root, n) for n in names] if names else list_modules(root)
    problems = []
    if args.quick:
        for module in modules:
            problems += module_problems(module)
    else:
        from grading.module_check import all_problems

        problems = all_problems(modules)
    problems += course_form_problems(list_modules(root))  # the pool is the whole course's
    problems += interface_problems()
    for problem in problems:
        print(f"  ✘ {problem}")
    print(say(f"{len(modules)} module(s) vérifié(s), {len(problems)} problème(s).",
              f"{len(modules)} module(s) checked, {len(problems)} problem(s)."))
    return 1 if problems else 0


DEMO_WORKSHOP = "atelier-demo"


def _workshop_to_start(folder: str | None):
    """The workshop to open: the one named, the current folder if it is one, or a French demo."""
    from .workshop import SETTINGS, open_workshop

    if folder is None and not Path(SETTINGS).is_file():
        folder = DEMO_WORKSHOP
        if not Path(folder).exists():
            from grading.create import create_workshop
            from grading.release import release_modules

            print(say(f"Création d'un atelier de démonstration dans {folder}…",
                      f"Creating a demo workshop in {folder}..."), flush=True)
            demo = create_workshop(Path(folder), "fr", "youth")
            # A demo is for looking around: every module is there to open.
            release_modules(demo, [demo.module(m) for m in demo.modules])
    return _writable(open_workshop(folder or "."))


def cmd_hub(args: argparse.Namespace) -> int:
    from .hub.server import run_hub
    from .hub.slips import write_slips

    workshop = _workshop(args)
    if args.logins:
        address = args.address or f"http://{args.ip}:{args.port}/"
        sheet = write_slips(workshop, address)
        print(say(f"Codes de connexion à imprimer : {sheet}",
                  f"Login codes to print: {sheet}"))
        return 0
    return run_hub(workshop, args.ip, args.port)


def cmd_dashboard(args: argparse.Namespace) -> int:
    from .dashboard.app import run_dashboard

    return run_dashboard(_workshop(args), args.port, not args.no_browser)


def cmd_start(args: argparse.Namespace) -> int:
    from .start import start

    workshop = _workshop_to_start(args.workshop)
    first = workshop.module(workshop.modules[0])
    if not (workshop.release / first.id).is_dir():
        from grading.release import release_modules

        release_modules(workshop, [first])
    return start(workshop, args.learner, args.port, not args.no_browser, args.token, args.view)


def parser() -> argparse.ArgumentParser:
    top = CourseParser(
        prog="course",
        description=say("Le cours d'esprit critique : préparer, animer et corriger un atelier.",
                        "The critical-thinking course: prepare, run and grade a workshop."))
    verbs = top.add_subparsers(dest="verb", required=True, metavar="COMMANDE")

    def verb(name: str, fr: str, en: str, func, workshop: bool = False):
        sub = verbs.add_parser(name, help=say(fr, en), description=say(fr, en))
        sub.set_defaults(func=func)
        if workshop:
            sub.add_argument("--workshop", "-w", default=".", metavar="DOSSIER",
                             help=say("dossier de l'atelier (par défaut : ici)",
                                      "workshop folder (default: here)"))
        return sub

    def variant(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--lang", required=True, choices=LANGUAGES, type=choice(LANGUAGES),
                         help=say("fr (français) ou en (anglais)", "fr or en"))
        sub.add_argument("--audience", required=True, choices=AUDIENCES,
                         type=choice(AUDIENCES), help=say("youth (jeunes) ou senior (seniors)",
                                                          "youth or senior"))
        sub.add_argument("--modules", metavar="01,02", help=say("modules (par défaut : tous)",
                                                                "modules (default: all)"))
        sub.add_argument("--content", metavar="DOSSIER", help=argparse.SUPPRESS)

    sub = verb("build", "Construire les cahiers d'une langue et d'un public.",
               "Build the notebooks for one language and audience.", cmd_build)
    variant(sub)
    sub.add_argument("--out", required=True, metavar="DOSSIER")

    sub = verb("new", "Créer un atelier (un cours nbgrader prêt à l'emploi).",
               "Create a workshop (a ready nbgrader course).", cmd_new)
    sub.add_argument("folder", metavar="DOSSIER")
    variant(sub)
    sub.add_argument("--roster", metavar="LISTE.csv",
                     help=say("liste des pseudonymes", "list of pseudonyms"))
    sub.add_argument("--db", metavar="URL", help=say(
        "carnet de notes sur un serveur PostgreSQL (postgresql://utilisateur:mot-de-passe@"
        "serveur/base, ou env pour la variable COURSE_DB_URL) ; par défaut : gradebook.db",
        "gradebook on a PostgreSQL server (postgresql://user:password@host/database, or env "
        "for the COURSE_DB_URL variable); default: gradebook.db"))
    sub.add_argument("--one-per-screen", action="store_true", help=say(
        "vue senior : une question par écran, avec un bouton « Suivant »",
        "senior view: one question per screen, with a 'Next' button"))

    sub = verb("start", "Ouvrir le cours dans JupyterLab sur cet ordinateur.",
               "Open the course in JupyterLab on this computer.", cmd_start)
    sub.add_argument("workshop", nargs="?", default=None, metavar="DOSSIER",
                     help=say("l'atelier (par défaut : celui d'ici, sinon une démonstration)",
                              "the workshop (default: this one, else a demo)"))
    sub.add_argument("--learner", default="invite", metavar="PSEUDO")
    sub.add_argument("--port", type=int, default=8888)
    sub.add_argument("--no-browser", action="store_true")
    view = sub.add_mutually_exclusive_group()
    view.add_argument("--voila", dest="view", action="store_const", const=True, default=None,
                      help=say("vue sans code (Voilà), par défaut pour les seniors",
                               "code-free view (Voilà), the default for seniors"))
    view.add_argument("--lab", dest="view", action="store_const", const=False,
                      help=say("JupyterLab, par défaut pour les jeunes",
                               "JupyterLab, the default for youth"))
    sub.add_argument("--token", default=None, help=argparse.SUPPRESS)

    sub = verb("hub", "Ouvrir l'atelier à toute une salle (JupyterHub, en root sur Linux).",
               "Open the workshop to a whole room (JupyterHub, as root on Linux).", cmd_hub,
               workshop=True)
    sub.add_argument("--ip", default="127.0.0.1",
                     help=say("adresse d'écoute (par défaut : cet ordinateur seulement ; "
                              "0.0.0.0 pour le réseau du centre)", "address to listen on "
                              "(default: this computer only; 0.0.0.0 for the centre's network)"))
    sub.add_argument("--port", type=int, default=8000)
    sub.add_argument("--logins", action="store_true",
                     help=say("écrire la feuille des codes de connexion à imprimer",
                              "write the sheet of login codes to print"))
    sub.add_argument("--address", help=say("adresse à imprimer sur les codes",
                                           "address printed on the slips"))

    for name, fr, en, func in (
        ("release", "Distribuer un module aux apprenants.", "Release a module to learners.",
         cmd_release),
        ("collect", "Récupérer les travaux rendus.", "Collect handed-in work.", cmd_collect),
        ("grade", "Corriger un module : notes, retours, export CSV.",
         "Grade a module: scores, feedback, CSV export.", cmd_grade),
        ("demo", "Remplir l'atelier de rendus simulés pour s'entraîner.",
         "Fill the workshop with simulated submissions to rehearse.", cmd_demo),
    ):
        sub = verb(name, fr, en, func, workshop=True)
        sub.add_argument("module", metavar="MODULE")
    verbs.choices["collect"].add_argument("--zip", metavar="DOSSIER")
    verbs.choices["demo"].add_argument("--learners", type=int, required=True)
    verbs.choices["demo"].add_argument("--seed", type=int, default=0)
    verbs.choices["demo"].add_argument(
        "--dans-l-atelier", "--in-workshop", dest="in_workshop", action="store_true",
        help=say("simuler dans l'atelier même s'il a de vrais apprenants (par défaut : dans "
                 "une copie de répétition à côté)", "simulate in the workshop even when it has "
                 "real learners (default: in a rehearsal copy beside it)"))
    verbs.choices["demo"].add_argument(
        "--profiles",
        help=say("profils des apprenants simulés, dans l'ordre (par défaut : "
                 "right,wrong,partial,no-answers)", "simulated learners' profiles, in order "
                 "(default: right,wrong,partial,no-answers)"))
    verbs.choices["grade"].add_argument(
        "--workers", type=int, default=None,
        help=say("processus de correction (par défaut : un par cœur)",
                 "grading processes (default: one per core)"))
    sub = verb("release-feedback", "Rendre les retours d'un module aux apprenants.",
               "Hand a module's feedback back to learners.", cmd_release_feedback,
               workshop=True)
    sub.add_argument("module", metavar="MODULE")
    sub = verb("report", "Rapport de l'atelier : scores, questions, qui aider.",
               "Workshop report: scores, items, who may need help.", cmd_report, workshop=True)
    sub.add_argument("modules", nargs="*", metavar="MODULE")
    sub.add_argument("--pool", nargs="+", metavar="ANONYME.csv",
                     help=say("rapport commun d'exports anonymes de plusieurs ateliers",
                              "pooled report of several workshops' anonymised exports"))
    sub.add_argument("--out", default=".", metavar="DOSSIER",
                     help=say("avec --pool : dossier du rapport", "with --pool: report folder"))
    sub.add_argument("--lang", choices=LANGUAGES, type=choice(LANGUAGES),
                     help=say("avec --pool : langue du rapport (par défaut : celle de la machine)",
                              "with --pool: report language (default: the machine's)"))
    sub = verb("learner", "Exporter ou effacer toutes les données d'un apprenant.",
               "Export or erase all data held about one learner.", cmd_learner, workshop=True)
    sub.add_argument("action", choices=["export", "erase"], type=choice(["export", "erase"]))
    sub.add_argument("learner", metavar="PSEUDO")

    sub = verb("dashboard", "Tableau de bord de l'atelier dans le navigateur : distribuer, "
               "corriger, réponses écrites, rapport.", "The workshop's dashboard in the browser: "
               "release, grade, written answers, report.", cmd_dashboard, workshop=True)
    sub.add_argument("--port", type=int, default=8765)
    sub.add_argument("--no-browser", action="store_true")

    sub = verb("check", "Vérifier tous les modules.", "Check every module.", cmd_check)
    sub.add_argument("--modules", metavar="01,02")
    sub.add_argument("--content", metavar="DOSSIER", help=argparse.SUPPRESS)
    sub.add_argument("--quick", action="store_true",
                     help=say("sans exécuter les cahiers", "without running notebooks"))
    add_printing_verbs(verb)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run one command; a ``CourseError`` becomes a plain message and exit status 2."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except CourseError as exc:
        print(f"✘ {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk, a read-only folder: plain words too
        problem = plain(exc)
        if problem is None:
            raise
        print(f"✘ {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(say("Arrêté.", "Stopped."), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
