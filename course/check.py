"""``course check``: every module builds, in both languages, readably, with consistent items.

These are the checks that need no kernel. Running the solutions and blank releases through
nbgrader is the trainer side's job (``grading.module_check``); the command runs both.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import product
from typing import Any

from .build import build_items, build_notebook, cell_tags, item_bank, read_source
from .content import Module
from .cues import ChoiceQuestion, RatedPost, cue_problems, longest_option_problems
from .errors import CourseError
from .i18n import AUDIENCES, LANGUAGES, say
from .items import ItemError, load_bank
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
    """A survey that mirrors another (09 mirrors 00) must hold the same themes with the same
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
    for kind in ("lesson", "exercise"):
        if not module.has(kind):
            if kind == "lesson":
                problems.append(Problem(module.id, module.source(kind).name, "missing"))
            continue
        problems += parity_problems(module, kind)
        for lang, audience in product(LANGUAGES, AUDIENCES):
            problems += variant_problems(module, kind, lang, audience)
    return problems
