"""A module's facilitator guide and hand-out, ready to print.

The guide is the module's ``guide.<lang>.md`` under a header that says for whom and how long;
the notes meant for the other audience are left out. The hand-out is ``handout.<lang>.md`` on a
single A4 page: large print for seniors, the largest size that still fits one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..content import Module
from ..errors import CourseError
from ..i18n import say
from ..localize import typeset
from .render import AUDIENCE_NAME, markdown_html, render_page, write_both, write_fitted

KINDS = ("guide", "handout")
LARGE_PRINT_MIN = 14  # points
# Body sizes of a hand-out in points, largest first.
HANDOUT_SIZES = {"senior": [18, 17, 16, 15, LARGE_PRINT_MIN],
                 "youth": [13, 12, 11.5, 11, 10.5, 10]}
AUDIENCE_WORDS = {"youth": ("jeune", "young", "youth"), "senior": ("senior",)}
# A block of a guide or hand-out for one audience only (e.g. the helplines of a hand-out):
# ":::{youth}" (or ":::{senior}") on a line, the block, then ":::" on a line.
AUDIENCE_BLOCK = re.compile(r"^:::\{(youth|senior)\}[ \t]*\n(.*?)^:::[ \t]*(?:\n|\Z)", re.M | re.S)


def source_path(module: Module, kind: str, lang: str) -> Path:
    return module.lesson_dir / f"{kind}.{lang}.md"


def printable(module: Module, kind: str, lang: str) -> bool:
    """Whether the module has this document in this language."""
    return source_path(module, kind, lang).is_file()


def read_source(module: Module, kind: str, lang: str) -> str:
    path = source_path(module, kind, lang)
    if not path.is_file():
        raise CourseError(say(f"Le module {module.id} n'a pas de fichier {path.name}.",
                              f"Module {module.id} has no {path.name} file."))
    return path.read_text(encoding="utf-8")


def sections(source: str) -> list[tuple[str, str]]:
    """The Markdown cut at its level-2 headings: ``(heading, text)``, the preamble first."""
    parts = re.split(r"(?m)^(?=## )", source)
    return [(part.splitlines()[0][3:].strip() if part.startswith("## ") else "", part)
            for part in parts]


def audience_blocks(source: str, audience: str) -> str:
    """``source`` with the blocks of ``audience`` kept and the other audience's left out."""
    return AUDIENCE_BLOCK.sub(lambda m: m.group(2) if m.group(1) == audience else "", source)


def for_audience(source: str, audience: str) -> str:
    """The guide without the notes section or the blocks meant for the other audience."""
    source = audience_blocks(source, audience)
    others = [w for a, words in AUDIENCE_WORDS.items() if a != audience for w in words]
    kept = [text for heading, text in sections(source)
            if not (heading.lower().startswith("notes")
                    and any(w in heading.lower() for w in others))]
    return "".join(kept)


def total_minutes(module: Module) -> int:
    return sum(module.meta["minutes"].values())


def guide_html(module: Module, lang: str, audience: str) -> str:
    """The facilitator guide as one print-ready HTML page."""
    from .plain_guide import plain_guide

    text = plain_guide(for_audience(read_source(module, "guide", lang), audience), module, lang,
                       audience)
    body = markdown_html(typeset(text, lang))
    return render_page("guide.html.j2", lang, module=module, title=module.title(lang),
                       audience=AUDIENCE_NAME[lang][audience], minutes=total_minutes(module),
                       parts=module.meta["minutes"], body=body)


def handout_html(module: Module, lang: str, audience: str, size: float) -> str:
    """The hand-out as HTML, body text at ``size`` points."""
    body = markdown_html(typeset(audience_blocks(read_source(module, "handout", lang), audience),
                                 lang))
    return render_page("handout.html.j2", lang, module=module, title=module.title(lang),
                       audience=audience, size=size, body=body)


@dataclass(frozen=True)
class Printed:
    """A document written: its PDF (an HTML twin sits beside it), pages, body size if fitted."""

    path: Path
    pages: int
    size: float | None = None


def output_path(out: Path, module: Module, kind: str, lang: str, audience: str) -> Path:
    return out / f"{module.id}-{kind}-{lang}-{audience}.pdf"


def print_guide(module: Module, lang: str, audience: str, out: Path) -> Printed:
    """Write the guide's PDF and its HTML twin."""
    target = output_path(out, module, "guide", lang, audience)
    return Printed(target, write_both(guide_html(module, lang, audience), target))


def print_handout(module: Module, lang: str, audience: str, out: Path) -> Printed:
    """Write the hand-out's PDF and HTML at the largest size that fits one A4 page."""
    read_source(module, "handout", lang)  # a plain error before any layout work
    target = output_path(out, module, "handout", lang, audience)
    size, pages = write_fitted(lambda size: handout_html(module, lang, audience, size),
                               HANDOUT_SIZES[audience], target)
    return Printed(target, pages, size)


def print_document(module: Module, kind: str, lang: str, audience: str, out: Path) -> Printed:
    """Write one guide or hand-out."""
    if kind == "guide":
        return print_guide(module, lang, audience, out)
    return print_handout(module, lang, audience, out)
