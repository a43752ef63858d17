"""nbgrader's configuration for a workshop, and the nbgrader API bound to it.

The configuration is a plain ``nbgrader_config.py`` in the workshop folder, so every standard
``nbgrader`` command works there too. It closes a leak found in nbgrader (see TOOLCHAIN.md):
autograde copies the instructor's files over each learner's, so answer files are excluded from
that copy and an instructor's answers never replace a learner's. (``generate`` leaves them out
too, see ``release.generate``; they cannot simply be ignored everywhere, since autograde must
copy the learner's own.) The solution stub is empty, so a widget cell reads ``ask("q1")`` in
the release instead of raising ``NotImplementedError``.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from course.errors import CourseError
from course.i18n import say
from course.workshop import Workshop

CONFIG_NAME = "nbgrader_config.py"
COURSE_ID = "atelier"
ANSWER_FILES = ["*.answers.json", "*.answers.json.unreadable-*"]
DB_URL_FILE = "gradebook-url"  # owner-only: the URL may hold the server's password
ENV_VAR = "COURSE_DB_URL"
FROM_ENV = "$" + ENV_VAR  # what the file says when the URL is taken from the environment

CONFIG_TEMPLATE = '''\
# nbgrader settings of this workshop, written by `course new`.
# Both `course` and plain `nbgrader` commands read this file.
import os

here = os.path.dirname(os.path.abspath(__file__))
c = get_config()  # noqa: F821
c.CourseDirectory.root = here
c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(here, "gradebook.db")
# A gradebook on a database server (`course new --db`): its URL, password included, is kept in
# a file only its owner may read, or in the COURSE_DB_URL environment variable.
if os.path.exists(os.path.join(here, {url_file!r})):
    with open(os.path.join(here, {url_file!r}), encoding="utf-8") as url:
        db = url.read().strip()
    db = os.environ["COURSE_DB_URL"] if db == {from_env!r} else db
    c.CourseDirectory.db_url = db.replace("postgresql://", "postgresql+psycopg://", 1)
# A learner's answer file is never overwritten by one left in the instructor's folder.
c.Autograde.exclude_overwriting = {{
    module: [name + ".answers.json" for name in ("exercice", "exercise")]
    for module in os.listdir(os.path.join(here, "source"))
}}
c.Exchange.root = os.path.join(here, "exchange")
# Widget cells keep only `ask(...)` once the solution is removed.
c.ClearSolutions.code_stub = {{"python": ""}}
c.ReleaseAssignment.force = True
# formgrader's pages load MathJax from this Jupyter server, never from a CDN (a room may be
# offline): the course's MathJax macro first, nbgrader's own page templates after.
from grading.nbgrader_setup import formgrader_templates  # noqa: E402

c.HTMLExporter.extra_template_basedirs = formgrader_templates()
# What one learner's notebook may use while `course grade` runs it (defaults shown):
c.Execute.timeout = 30  # seconds per cell
# c.SandboxedExecute.notebook_timeout = 300  # seconds per notebook
# c.SandboxLimits.cpu_seconds = 120
# c.SandboxLimits.memory_mb = 2048
# c.SandboxLimits.file_mb = 64
# c.SandboxLimits.open_files = 256
# c.SandboxLimits.processes = 128
'''


def formgrader_templates() -> list[str]:
    """Where formgrader's pages find their templates: the course's (``grading/templates/
    formgrader``: MathJax from the server) before nbgrader's own, which formgrader and
    ``generate_feedback`` otherwise set alone."""
    import importlib.util

    nbgrader = importlib.util.find_spec("nbgrader").submodule_search_locations[0]
    return [str(Path(__file__).with_name("templates") / "formgrader"),
            os.path.join(nbgrader, "server_extensions", "formgrader", "templates")]


def _tools_on_path() -> None:
    """nbgrader runs the ``alembic`` command by name: make this environment's tools findable
    even when ``course`` was started without activating it."""
    bin_dir = os.path.dirname(sys.executable)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def write_config(folder: Path) -> None:
    """Write the workshop's ``nbgrader_config.py``."""
    text = CONFIG_TEMPLATE.format(course_id=COURSE_ID, url_file=DB_URL_FILE, from_env=FROM_ENV)
    (folder / CONFIG_NAME).write_text(text, encoding="utf-8")


def load_config(folder: Path):
    """The traitlets configuration of the workshop, as ``nbgrader`` would load it."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader(CONFIG_NAME, path=str(folder)).load_config()


SQLITE_HEADER = b"SQLite format 3\x00"
NBGRADER_TABLES = {"assignment", "notebook", "student", "submitted_assignment", "grade"}


def gradebook_problem(path: Path) -> tuple[str, str] | None:
    """Why the file ``path`` is not a gradebook nbgrader can use, in (French, English), or
    None. Only read: nbgrader would crash on some of these and silently add its tables to an
    empty file or to another program's database."""
    with path.open("rb") as start:
        header = start.read(len(SQLITE_HEADER))
    if not header:
        return "le fichier est vide", "the file is empty"
    if header != SQLITE_HEADER:
        return "ce n'est pas une base de données", "it is not a database"
    intact, tables = False, set()
    db = sqlite3.connect(path, timeout=60)
    try:
        intact = db.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
        tables = {row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        pass  # said below as damaged
    finally:
        db.close()
    if not intact:
        return "le fichier est abîmé", "the file is damaged"
    if not NBGRADER_TABLES <= tables:
        return "c'est la base de données d'un autre programme", "it is another program's database"
    return None


def check_gradebook(workshop: Workshop) -> None:
    """A plain error, before anything is written, if the workshop's SQLite gradebook is
    broken: what to do, and that nothing was changed."""
    path = workshop.path / "gradebook.db"
    if (workshop.path / DB_URL_FILE).is_file() or not path.exists():
        return
    problem = gradebook_problem(path)
    if problem:
        raise CourseError(say(
            f"Le carnet de notes {path} est illisible ({problem[0]}) : rien n'a été modifié. "
            "Remettez-le depuis une sauvegarde ; sans sauvegarde, renommez ce fichier et "
            "relancez « course grade » pour chaque module (les notes données à la main "
            "seront à refaire).",
            f"The gradebook {path} cannot be used ({problem[1]}): nothing was changed. Put "
            "it back from a backup; without one, rename this file and run 'course grade' "
            "again for each module (marks given by hand will have to be given again)."))


def db_url(workshop: Workshop) -> str:
    """The gradebook: the database server given to ``course new --db``, else SQLite's file
    (checked first; parallel graders wait up to a minute for its write lock)."""
    stored = workshop.path / DB_URL_FILE
    if not stored.is_file():
        check_gradebook(workshop)
        return f"sqlite:///{workshop.path / 'gradebook.db'}?timeout=60"
    url = stored.read_text(encoding="utf-8").strip()
    if url == FROM_ENV:
        url = os.environ.get(ENV_VAR, "")
        if not url:
            raise CourseError(say(
                f"Le carnet de notes de cet atelier est sur un serveur dont l'adresse est dans "
                f"la variable {ENV_VAR}, qui n'est pas définie.",
                f"This workshop's gradebook is on a server whose URL is in the {ENV_VAR} "
                "variable, which is not set."))
    return normalise_db_url(url)


def mask(text: str, url: str) -> str:
    """``text`` with the password of ``url`` hidden, wherever it appears: as typed, decoded,
    and also when the URL is mistyped and the parser refuses it (``user:password@``)."""
    from sqlalchemy.engine import make_url

    secrets = set(re.findall(r"[^:/@\s]+:([^@\s/]+)@", url))
    try:
        password = make_url(url).password
    except Exception:  # not a URL at all: the pattern above is all we can do
        password = None
    if password:
        secrets |= {str(password), quote(str(password), safe="")}
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def shown(url: str) -> str:
    """The URL as it may be printed: password masked."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def normalise_db_url(url: str) -> str:
    """A gradebook URL SQLAlchemy opens with psycopg 3; anything but PostgreSQL or SQLite is
    refused in plain words."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        parsed = None
    if parsed is None or parsed.get_backend_name() not in ("postgresql", "sqlite") or (
            parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() not in
            ("postgresql", "psycopg", "psycopg2", "postgres")):
        raise CourseError(say(
            f"« {mask(url, url)} » n'est pas une adresse de base de données acceptée : "
            "donnez postgresql://utilisateur:mot-de-passe@serveur:5432/base (ou sqlite:///).",
            f"'{mask(url, url)}' is not an accepted database URL: give "
            "postgresql://user:password@host:5432/database (or sqlite:///)."))
    if parsed.get_backend_name() == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def connection_problem(url: str, error: Exception) -> CourseError:
    """What went wrong reaching the gradebook's server, in the trainer's words."""
    detail = mask(str(error).strip().splitlines()[0] if str(error).strip() else "", url)
    where = shown(url)
    if "password authentication failed" in detail or "no password supplied" in detail:
        fr, en = "mot de passe ou utilisateur refusé par", "password or user refused by"
    elif "does not exist" in detail and "database" in detail:
        fr, en = "la base n'existe pas sur", "the database does not exist on"
    else:
        fr, en = "le serveur ne répond pas pour", "the server does not answer for"
    return CourseError(say(f"Carnet de notes inaccessible : {fr} {where} ({detail}).",
                           f"Gradebook unreachable: {en} {where} ({detail})."))


def check_db(url: str) -> bool:
    """Reach the database at ``url`` (plain error if it cannot); True if it already holds
    tables."""
    from sqlalchemy import create_engine, inspect
    from sqlalchemy.exc import DBAPIError

    args = {"connect_timeout": 10} if url.startswith("postgresql") else {}
    try:
        engine = create_engine(url, connect_args=args)
    except ImportError:
        extra = "pip install 'course-esprit-critique[postgres]'"
        raise CourseError(say(f"Pilote PostgreSQL absent : installez-le avec {extra}.",
                              f"PostgreSQL driver missing: install it with {extra}.")) from None
    try:
        return bool(inspect(engine).get_table_names())
    except DBAPIError as exc:
        raise connection_problem(url, exc.orig or exc) from None
    finally:
        engine.dispose()


def keep_db_url(folder: Path, url: str | None) -> None:
    """Remember a server gradebook's URL in a file only its owner can read (``FROM_ENV``
    when the URL is taken from the environment at each run)."""
    if url is None:
        return
    handle = os.open(folder / DB_URL_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(url + "\n")


@contextmanager
def gradebook(workshop: Workshop) -> Iterator:
    """nbgrader's gradebook of the workshop."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import OperationalError

    _tools_on_path()
    url = db_url(workshop)
    try:
        book = Gradebook(url, COURSE_ID)
    except OperationalError as exc:
        raise connection_problem(url, exc.orig or exc) from None
    with book:
        yield book


def drop_gradebook(url: str) -> None:
    """Remove the tables a failed ``course new`` created on a server, so it can be run again."""
    from nbgrader.api import Base
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        Base.metadata.drop_all(engine)
        with engine.begin() as db:
            db.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        engine.dispose()


def compact(workshop: Workshop) -> None:
    """Rewrite the gradebook so that deleted rows (an erased learner's) leave no copy behind."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url(workshop), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as db:
            db.execute(text("VACUUM" if engine.dialect.name == "sqlite" else "VACUUM FULL"))
    finally:
        engine.dispose()


def nbgrader_api(workshop: Workshop):
    """nbgrader's own Python API (what its commands run), quiet unless something goes wrong."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from sqlalchemy.exc import SAWarning

    _tools_on_path()
    config = load_config(workshop.path)
    config.CourseDirectory.db_url = db_url(workshop)
    logging.getLogger("traitlets").setLevel(logging.ERROR)
    # nbgrader's own session handling warns on every autograde; nothing a trainer can act on.
    warnings.filterwarnings("ignore", category=SAWarning, module="nbgrader")
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir, config=config)


def add_learners(workshop: Workshop, learners: list[str]) -> None:
    """Add pseudonyms to the gradebook (existing ones are left as they are)."""
    with gradebook(workshop) as book:
        for learner in learners:
            book.update_or_create_student(learner)
