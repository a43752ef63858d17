"""Items as data: questions, posts and options, in both languages, validated on load.

A module's item bank is YAML written by authors (see docs/AUTHORING.md). The build turns it into
a small JSON file in one language next to each notebook, which is all the learner's kernel reads.
Graded items never carry their key: the loader refuses a ``correct`` field in an exercise bank,
and the build drops explanations from graded items (they reach learners only as feedback).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from .i18n import AUDIENCES, LANGUAGES
from .localize import pick

TYPES = ("single", "multiple", "rating", "written", "post")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
RATING_KEYS = ("reliable", "unreliable")


class ItemError(ValueError):
    """An item bank breaks the authoring rules; the message lists every problem."""


VARIANTS = tuple(f"{lang}-{audience}" for lang in LANGUAGES for audience in AUDIENCES)


def _bilingual(value: Any, where: str, problems: list[str]) -> None:
    """A text in each language, with optional audience variants (``fr-youth``: "tu")."""
    if not isinstance(value, dict) or any(
        not isinstance(value.get(lang), str) or not value[lang].strip() for lang in LANGUAGES
    ):
        problems.append(f"{where}: needs a non-empty text in each of {', '.join(LANGUAGES)}")
        return
    for key in sorted(set(value) - set(LANGUAGES)):
        if key not in VARIANTS:
            problems.append(f"{where}: unknown text {key!r} (languages: {', '.join(LANGUAGES)}; "
                            f"audience variants: {', '.join(VARIANTS)})")
        elif not isinstance(value[key], str) or not value[key].strip():
            problems.append(f"{where}: {key} must be a non-empty text")


def _check_item(item: Any, graded: bool, problems: list[str]) -> None:
    if not isinstance(item, dict):
        problems.append(f"an entry is not a table: {item!r:.60}")
        return
    item_id = item.get("id")
    where = f"item {item_id!r}"
    if not isinstance(item_id, str) or not ID_PATTERN.match(item_id):
        problems.append(f"{where}: id must be lower-case letters, digits and dashes")
    kind = item.get("type")
    if kind not in TYPES:
        problems.append(f"{where}: type must be one of {', '.join(TYPES)}")
        return
    if graded and "correct" in item:
        problems.append(f"{where}: a graded item must not hold its key ('correct'); "
                        "the key belongs in the hidden test cell")
    if graded and kind == "post":
        problems.append(f"{where}: an exercise has no use for a post-only item")
    for lang_field in ("prompt", "explanation"):
        if lang_field in item:
            _bilingual(item[lang_field], f"{where} {lang_field}", problems)
    if kind != "post" and "prompt" not in item:
        problems.append(f"{where}: missing prompt")
    audience = item.get("audience", list(AUDIENCES))
    if not isinstance(audience, list) or not set(audience) <= set(AUDIENCES) or not audience:
        problems.append(f"{where}: audience must be a list drawn from {', '.join(AUDIENCES)}")
    if "post" in item or kind == "post":
        _check_post(item.get("post"), where, problems)
    if kind in ("single", "multiple"):
        _check_options(item, where, problems)


def _check_post(post: Any, where: str, problems: list[str]) -> None:
    if not isinstance(post, dict):
        problems.append(f"{where}: post must be a table")
        return
    if post.get("fictional") is not True:
        problems.append(f"{where}: every post must say 'fictional: true' (only made-up content)")
    for field in ("author", "text"):
        _bilingual(post.get(field), f"{where} post {field}", problems)


def _check_options(item: dict[str, Any], where: str, problems: list[str]) -> None:
    options = item.get("options")
    if not isinstance(options, list) or len(options) < 2:
        problems.append(f"{where}: needs at least two options")
        return
    ids = []
    for option in options:
        if not isinstance(option, dict) or not ID_PATTERN.match(str(option.get("id", ""))):
            problems.append(f"{where}: every option needs an id of letters, digits and dashes")
            continue
        ids.append(option["id"])
        _bilingual(option.get("label"), f"{where} option {option['id']!r} label", problems)
        if "feedback" in option:
            _bilingual(option["feedback"], f"{where} option {option['id']!r} feedback", problems)
    if len(set(ids)) != len(ids):
        problems.append(f"{where}: option ids repeat")
    correct = item.get("correct")
    if correct is not None:
        wanted = correct if isinstance(correct, list) else [correct]
        if not set(wanted) <= set(ids):
            problems.append(f"{where}: 'correct' names an option that does not exist")


def load_bank(path: Path, graded: bool) -> list[dict[str, Any]]:
    """Read and validate an item bank; raises ``ItemError`` naming the file and every problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ItemError(f"{path}: cannot be read as YAML ({exc})") from exc
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ItemError(f"{path}: expected a top-level 'items:' list")
    problems: list[str] = []
    for item in items:
        _check_item(item, graded, problems)
    ids = [item.get("id") for item in items if isinstance(item, dict)]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        problems.append(f"item ids used twice: {', '.join(map(str, repeated))}")
    if problems:
        raise ItemError(f"{path}:\n  - " + "\n  - ".join(problems))
    return items


def localize(item: dict[str, Any], lang: str, graded: bool,
             audience: str | None = None) -> dict[str, Any]:
    """The item as a learner's kernel sees it: one language in the audience's register
    (``fr-youth`` when there is one), typeset, and no feedback text if graded."""
    def _pick(value: Any) -> Any:
        return pick(value, lang, audience)

    out: dict[str, Any] = {"id": item["id"], "type": item["type"], "graded": graded}
    if "prompt" in item:
        out["prompt"] = _pick(item["prompt"])
    if "post" in item:
        post = item["post"]
        out["post"] = {k: _pick(post[k]) for k in ("platform", "author", "text", "date")
                       if k in post}
    if "options" in item:
        out["options"] = [
            {"id": o["id"], "label": _pick(o["label"])}
            | ({"feedback": _pick(o["feedback"])} if "feedback" in o and not graded else {})
            for o in item["options"]
        ]
    if not graded:
        for field in ("correct", "explanation"):
            if field in item:
                out[field] = _pick(item[field])
    return out


def in_audience(item: dict[str, Any], audience: str) -> bool:
    """Whether the item belongs to the given audience's build."""
    return audience in item.get("audience", AUDIENCES)


def write_localized(items: list[dict[str, Any]], path: Path) -> None:
    """Write the items a notebook needs, as the kernel will read them."""
    path.write_text(json.dumps({"items": items}, ensure_ascii=False, indent=1), encoding="utf-8")


def read_localized(path: Path) -> dict[str, dict[str, Any]]:
    """Items by id from a built items file (the kernel's side)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {item["id"]: item for item in data["items"]}
