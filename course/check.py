"""``course check``: every module builds, in both languages, readably, with consistent items.

These are the checks that need no kernel. Running the solutions and blank releases through
nbgrader is the trainer side's job (``grading.module_check``); the command runs both.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import product
from typing import Any

import yaml

from .build import build_items, build_notebook, cell_tags, item_bank, read_source, trainer_notes
from .content import Module
from .cues import ChoiceQuestion, RatedPost, cue_problems, longest_option_problems
from .errors import CourseError
from .i18n import _TEXT, AUDIENCES, LANGUAGES, LEARNER_KEYS, say
from .items import ItemError, load_bank
from .localize import WORD_TABLES, pick, typeset, typography_problems, variant_keys, vous_words
from .readability import reading_ease

MIN_EASE = {"senior": 60.0, "youth": 50.0}
CALL = re.compile(r"\b(ask|answer|check|show_post)\(\s*[\"']([a-z0-9-]+)[\"']")
GUIDES = ("guide.fr.md", "guide.en.md", "handout.fr.md", "handout.en.md")
SURVEY_SIZE = 12
RATING_KEYS = ("reliable", "unreliable")


@dataclass(frozen=True)
class Problem:
    """One thing to fix, with where it is."""

    module: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.module}: {self.where}: {self.message}"


def _preview(cell: Any) -> str:
    first = next((ln.strip() for ln in cell.source.splitlines() if ln.strip()), "")
    return first[:50]


def parity_problems(module: Module, kind: str) -> list[Problem]:
    """Every ``fr`` cell must be followed at once by its ``en`` twin with the same other tags."""
    cells = read_source(module.source(kind)).cells
    name = module.source(kind).relative_to(module.root)
    problems = []
    for index, cell in enumerate(cells):
        tags = cell_tags(cell)
        others = sorted(tags - set(LANGUAGES))
        label = f"{name}, cell {index + 1} ({', '.join(sorted(tags))}) «{_preview(cell)}»"
        if "fr" in tags:
            twin = cells[index + 1] if index + 1 < len(cells) else None
            if twin is None or "en" not in cell_tags(twin) or \
                    sorted(cell_tags(twin) - set(LANGUAGES)) != others:
                problems.append(Problem(module.id, label,
                                        "no English twin right after it (en cell with tags "
                                        f"{others or 'none'})"))
        elif "en" in tags and (index == 0 or "fr" not in cell_tags(cells[index - 1])):
            problems.append(Problem(module.id, label, "English cell without its French cell "
                                    "just before it"))
    return problems


def keys_in_tests(sources: Iterable[str]) -> dict[str, Any]:
    """The key of each ``check(ID, KEY)`` call in test cells, read with ``ast``, never run."""
    keys = {}
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue  # reported when the solution runs (grading.module_check)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "check"
                    and len(node.args) == 2):
                try:
                    keys[ast.literal_eval(node.args[0])] = ast.literal_eval(node.args[1])
                except ValueError:
                    continue
    return keys


def _learner_text(notebook: Any, items: list[dict[str, Any]]) -> str:
    parts = [c.source for c in notebook.cells if c.cell_type == "markdown"]
    for item in items:
        parts.append(item.get("prompt", ""))
        parts.extend(o["label"] for o in item.get("options", []))
        parts.append(item.get("post", {}).get("text", ""))
    return "\n\n".join(p for p in parts if p)


def _learner_strings(notebook: Any, items: list[dict[str, Any]]) -> Iterator[tuple[str, str, bool]]:
    """(where, text, is the course's own voice) for every string a learner reads: Markdown
    cells, and each item's prompt, options, feedback, explanation and (quoted) post."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            yield f"cell {index} «{_preview(cell)}»", cell.source, True
    for item in items:
        where = f"item {item['id']!r}"
        for field in ("prompt", "explanation"):
            if item.get(field):
                yield f"{where} {field}", item[field], True
        for option in item.get("options", []):
            yield f"{where} option {option['id']!r}", option["label"], True
            if option.get("feedback"):
                yield f"{where} option {option['id']!r} feedback", option["feedback"], True
        post = item.get("post", {})
        for field in ("author", "text"):
            if post.get(field):
                yield f"{where} post {field}", post[field], False


def voice_problems(module_id: str, where: str, strings: Iterable[tuple[str, str, bool]],
                   audience: str) -> list[Problem]:
    """French learner text: typography everywhere; in a youth build, "tu" in the course's own
    voice (a post or page is a quotation and says what its fictional author wrote)."""
    problems = []
    for place, text, own_voice in strings:
        for problem in dict.fromkeys(typography_problems(text)):
            problems.append(Problem(module_id, f"{where}, {place}", f"typography: {problem}"))
        found = vous_words(text) if own_voice and audience == "youth" else []
        if found:
            problems.append(Problem(module_id, f"{where}, {place}",
                                    f"says « {', '.join(dict.fromkeys(found))} » to young "
                                    "learners: youth text says « tu » (give a fr-youth "
                                    "variant, see docs/AUTHORING.md)"))
    return problems


def variant_problems(module: Module, kind: str, lang: str, audience: str) -> list[Problem]:
    """Build one variant and check its item references, grading cells and reading ease."""
    where = f"{kind} {lang}/{audience}"
    try:
        notebook = build_notebook(module, kind, lang, audience)
        items = build_items(module, kind, lang, audience)
    except (ItemError, CourseError, OSError, ValueError) as exc:
        return [Problem(module.id, where, f"does not build: {exc}")]
    problems = []
    known = {item["id"] for item in items}
    used: dict[str, set[str]] = {"ask": set(), "answer": set(), "check": set(), "show_post": set()}
    grade_ids: list[str] = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        for call, item_id in CALL.findall(cell.source):
            used[call].add(item_id)
            if item_id not in known:
                problems.append(Problem(module.id, f"{where}, cell {index}",
                                        f"{call}() names unknown item {item_id!r}"))
        if "nbgrader" in cell.metadata:
            grade_id = cell.metadata.nbgrader["grade_id"]
            grade_ids.append(grade_id)
            answered = grade_id.removeprefix("answer-")
            if audience == "senior" and answered != grade_id and answered not in known:
                problems.append(Problem(module.id, f"{where}, cell {index}",
                                        "a code answer in a senior build: seniors see no "
                                        "code, tag the cell and its test youth"))
    if len(set(grade_ids)) != len(grade_ids):
        problems.append(Problem(module.id, where, "grading cell ids repeat"))
    shown = used["ask"] | used["show_post"]
    for item_id in sorted(known - shown):
        problems.append(Problem(module.id, where, f"item {item_id!r} is never shown"))
    if kind == "exercise" and module.is_survey:
        keys = keys_in_tests(c.source for c in notebook.cells if c.cell_type == "code")
        problems += _survey_problems(module, where, items, keys)
    elif kind == "exercise":
        problems += _exercise_problems(module, where, items, used)
    if lang == "fr":
        strings = list(_learner_strings(notebook, items))
        if kind == "exercise":  # graded explanations reach learners in their feedback
            notes = trainer_notes(module, lang, audience)
            strings += [(f"item {item['id']!r} explanation (feedback)",
                         notes[item["id"]]["explanation"], True)
                        for item in items if notes[item["id"]].get("explanation")]
        problems += voice_problems(module.id, where, strings, audience)
    ease = reading_ease(_learner_text(notebook, items), lang)
    if ease is not None and ease < MIN_EASE[audience]:
        problems.append(Problem(module.id, where, f"reading ease {ease:.0f} is below "
                                f"{MIN_EASE[audience]:.0f}: shorter sentences, simpler words"))
    return problems


def _exercise_problems(module: Module, where: str, items: list[dict[str, Any]],
                       used: dict[str, set[str]]) -> list[Problem]:
    problems = []
    auto = [i["id"] for i in items if i["type"] != "written"]
    written = [i["id"] for i in items if i["type"] == "written"]
    for item_id in auto:
        if item_id not in used["check"]:
            problems.append(Problem(module.id, where, f"graded item {item_id!r} has no test"))
    for item_id in auto + written:
        if item_id not in used["answer"]:
            problems.append(Problem(module.id, where, f"item {item_id!r} has no solution"))
    if len(auto) < 6:
        problems.append(Problem(module.id, where, f"{len(auto)} autograded items; at least 6"))
    if not written:
        problems.append(Problem(module.id, where, "no written answer"))
    return problems


def _survey_problems(module: Module, where: str, items: list[dict[str, Any]],
                     keys: dict[str, Any]) -> list[Problem]:
    """A before/after questionnaire measures discernment: rating items only, as many true as
    false, every one with its key (see docs/AUTHORING.md, "Before and after")."""
    problems = [Problem(module.id, where, f"item {i['id']!r} is a {i['type']} item; a survey "
                        "has rating items only") for i in items if i["type"] != "rating"]
    if len(items) != SURVEY_SIZE:
        problems.append(Problem(module.id, where, f"{len(items)} items; a survey has "
                                f"{SURVEY_SIZE}"))
    sides = Counter(keys.get(i["id"]) for i in items)
    if set(sides) - set(RATING_KEYS):
        problems.append(Problem(module.id, where, "every item needs a hidden test "
                                "check(ID, \"reliable\") or check(ID, \"unreliable\")"))
    elif sides["reliable"] != sides["unreliable"]:
        problems.append(Problem(module.id, where, f"{sides['reliable']} reliable and "
                                f"{sides['unreliable']} unreliable items; a survey has as many "
                                "of each, so that doubting everything does not score"))
    return problems


def _judged_text(item: dict[str, Any], lang: str) -> str:
    """What a learner rates: the post's text, or the prompt of an item without a post."""
    field = item["post"]["text"] if "post" in item else item["prompt"]
    return field[lang]


def rated_posts(module: Module) -> list[RatedPost]:
    """The rating items of a module's exercise whose hidden test holds a reliable/unreliable
    key, as ``course.cues`` measures them (keys read from the source, never run)."""
    if not module.has("exercise"):
        return []
    cells = read_source(module.source("exercise")).cells
    keys = keys_in_tests(c.source for c in cells if c.cell_type == "code")
    return [RatedPost(module.id, item["id"], keys[item["id"]],
                      {lang: _judged_text(item, lang) for lang in LANGUAGES})
            for item in load_bank(item_bank(module, "exercise"), graded=True)
            if item["type"] == "rating" and keys.get(item["id"]) in RATING_KEYS]


def choice_questions(module: Module) -> list[ChoiceQuestion]:
    """The single-choice items of a module's exercise with their key (from the hidden tests)."""
    if not module.has("exercise"):
        return []
    cells = read_source(module.source("exercise")).cells
    keys = keys_in_tests(c.source for c in cells if c.cell_type == "code")
    return [ChoiceQuestion(module.id, item["id"], keys[item["id"]],
                           {lang: {o["id"]: o["label"][lang] for o in item["options"]}
                            for lang in LANGUAGES})
            for item in load_bank(item_bank(module, "exercise"), graded=True)
            if item["type"] == "single" and isinstance(keys.get(item["id"]), str)]


def survey_design(module: Module) -> Counter:
    """How many items of each theme (skills but ``discernment``), key and style (alarmed or
    calm, ``course.cues``) the survey holds."""
    styles = {post.item: post.style() for post in rated_posts(module)}
    notebook = build_notebook(module, "exercise", "fr", "youth")
    keys = keys_in_tests(c.source for c in notebook.cells if c.cell_type == "code")
    return Counter((tuple(sorted(set(i.get("skills", [])) - {"discernment"})), keys.get(i["id"]),
                    styles.get(i["id"], "calm"))
                   for i in load_bank(item_bank(module, "exercise"), graded=True))


def parallel_problems(module: Module) -> list[Problem]:
    """A survey that mirrors another (11 mirrors 00) must hold the same themes with the same
    keys and styles, item for item, so that the change between them is a change in the
    learners."""
    twin = Module(module.meta["parallel_to"], module.root)
    if not (twin.lesson_dir / "module.yml").is_file():
        return [Problem(module.id, "module.yml", f"parallel_to: no module {twin.id}")]
    try:
        ours, theirs = survey_design(module), survey_design(twin)
    except (ItemError, CourseError, OSError, ValueError):
        return []  # the build problem itself is reported by variant_problems
    return [Problem(module.id, "exercise", f"theme {'/'.join(theme) or 'none'} with key "
                    f"{key}, {style} style: {ours[theme, key, style]} item(s) here, "
                    f"{theirs[theme, key, style]} in {twin.id}")
            for theme, key, style in sorted(ours.keys() | theirs.keys(), key=str)
            if ours[theme, key, style] != theirs[theme, key, style]]


def reference_problems(module: Module) -> list[Problem]:
    """References whose address is not among the allowed facts (``docs/FACTS.md`` of the
    content folder): a module states only facts the project has verified. A reference marked
    ``data: true`` names where shipped data comes from, not a fact, and is not looked up."""
    facts_file = module.root / "docs" / "FACTS.md"
    if not facts_file.is_file():
        return []
    facts = facts_file.read_text(encoding="utf-8")
    problems = []
    for ref in module.meta.get("references") or []:
        url = str(ref.get("url", ""))
        doi = url.split("doi.org/", 1)[1] if "doi.org/" in url else None
        if ref.get("data") is True or url in facts or (doi and doi in facts):
            continue
        problems.append(Problem(module.id, "module.yml",
                                f"reference not in docs/FACTS.md: {url}"))
    return problems


def form_problems(module: Module) -> list[Problem]:
    """The surface cues of the module's rating items against their keys (``course.cues``)."""
    try:
        posts = rated_posts(module)
    except (ItemError, CourseError, OSError, ValueError):
        return []  # the build problem itself is reported by variant_problems
    where = say(f"exercice, {len(posts)} posts notés", f"exercise, {len(posts)} rated posts")
    return [Problem(module.id, where, message) for message in cue_problems(posts)]


def course_form_problems(modules: list[Module]) -> list[Problem]:
    """The same measure pooled over the rating items of every module (small modules, too few
    to judge alone, are judged here, and a cue spread thin over many modules adds up), and
    the length of the right option against its distractors over every single-choice item."""
    posts, questions = [], []
    for module in modules:
        try:
            posts += rated_posts(module)
            questions += choice_questions(module)
        except (ItemError, CourseError, OSError, ValueError):
            continue  # reported by that module's own check
    course = say("cours", "course")
    where = say(f"{len(posts)} posts notés de {len({p.module for p in posts})} modules",
                f"{len(posts)} rated posts of {len({p.module for p in posts})} modules")
    asked = say(f"{len(questions)} questions à choix unique",
                f"{len(questions)} single-choice items")
    return [Problem(course, where, message) for message in cue_problems(posts)] + \
        [Problem(course, asked, message) for message in longest_option_problems(questions)]


# Activity data whose texts are made-up content (pages, posts, captions), not the course's
# voice: typeset, but free to say "vous" as their fictional authors would.
FICTIONAL_FIELDS = frozenset({"text", "author", "caption", "name"})
FICTIONAL_FILES = frozenset({"pages.yml"})


def _texts_in(data: Any, path: str = "", audiences: tuple[str, ...] = AUDIENCES
              ) -> Iterator[tuple[str, dict[str, str], bool, tuple[str, ...]]]:
    """(where, texts, own voice, audiences) for every ``{fr: …, en: …}`` in a data file."""
    if isinstance(data, dict):
        if isinstance(data.get("fr"), str) and isinstance(data.get("en"), str):
            field = path.rsplit(".", 1)[-1]
            yield path, data, field not in FICTIONAL_FIELDS, audiences
            return
        audiences = tuple(data.get("audience", audiences))
        label = str(data.get("id", ""))
        for key, value in data.items():
            yield from _texts_in(value, f"{path}.{label}.{key}" if label else f"{path}.{key}",
                                 audiences)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts_in(value, f"{path}[{index}]", audiences)


def data_problems(module: Module) -> list[Problem]:
    """The French of a module's activity data (``data/*.yml``), for each audience."""
    problems = []
    for path in sorted((module.lesson_dir / "data").glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue  # the activity's own loader says what is wrong (tested per activity)
        own_file = path.name not in FICTIONAL_FILES
        for audience in AUDIENCES:
            strings = [(where.lstrip("."), pick(texts, "fr", audience), own_file and own)
                       for where, texts, own, audiences in _texts_in(data) if audience in audiences]
            problems += voice_problems(module.id, f"data/{path.name} fr/{audience}", strings,
                                       audience)
    return problems


def _activity_tables() -> dict[str, Any]:
    """Every activity's word table (importing the activities declares them)."""
    from . import activities

    for info in pkgutil.iter_modules(activities.__path__):
        importlib.import_module(f"{activities.__name__}.{info.name}")
    return WORD_TABLES


def interface_problems() -> list[Problem]:
    """The words the course itself says to learners, in French, for each audience: the
    learner keys of ``course/i18n.py`` and every activity's word table."""
    problems = []
    for audience in AUDIENCES:
        strings = [(f"i18n {key!r}", typeset(next(
            _TEXT[key][k] for k in variant_keys("fr", audience) if k in _TEXT[key]), "fr"), True)
            for key in LEARNER_KEYS]
        strings += [(f"{name} {key!r}", pick(entry, "fr", audience), True)
                    for name, table in sorted(_activity_tables().items())
                    for key, entry in table.items()]
        problems += voice_problems("interface", f"fr/{audience}", strings, audience)
    return problems


def module_problems(module: Module) -> list[Problem]:
    """All static checks of one module."""
    try:
        _ = module.meta
    except CourseError as exc:
        return [Problem(module.id, "module.yml", str(exc))]
    problems = [Problem(module.id, name, "missing") for name in GUIDES
                if not (module.lesson_dir / name).is_file()]
    problems += reference_problems(module)
    if module.has("exercise") and not module.is_survey and \
            not (module.exercise_dir / "rubric.yml").is_file():
        problems.append(Problem(module.id, "rubric.yml", "missing"))
    if "parallel_to" in module.meta:
        problems += parallel_problems(module)
    problems += form_problems(module)
    problems += data_problems(module)
    for kind in ("lesson", "exercise"):
        if not module.has(kind):
            if kind == "lesson":
                problems.append(Problem(module.id, module.source(kind).name, "missing"))
            continue
        problems += parity_problems(module, kind)
        for lang, audience in product(LANGUAGES, AUDIENCES):
            problems += variant_problems(module, kind, lang, audience)
    return problems
