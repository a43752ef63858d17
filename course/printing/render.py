"""From Markdown and Jinja templates to print-friendly HTML and PDF, offline.

WeasyPrint lays out the pages; its URL fetcher is limited to ``file:`` so that rendering can
never reach the network, whatever a module's Markdown links to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

COURSE_NAME = {"fr": "Esprit critique", "en": "Critical thinking"}
AUDIENCE_NAME = {
    "fr": {"youth": "jeunes (13-18 ans)", "senior": "seniors (60 ans et plus)"},
    "en": {"youth": "young people (13-18)", "senior": "seniors (60 and over)"},
}
# French puts a non-breaking space before a colon, English does not.
COLON = {"fr": "\u00a0:", "en": ":"}
MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}

_markdown = MarkdownIt("commonmark", {"typographer": False}).enable("table")
_templates = Environment(
    loader=PackageLoader("course", "templates"),
    autoescape=select_autoescape(["j2"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def css_string(value: object) -> Markup:
    """``value`` as a quoted CSS string, for page headers written in a ``<style>`` block."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    return Markup(f'"{text}"')


_templates.filters["css_string"] = css_string


def markdown_html(source: str) -> str:
    """Module Markdown (CommonMark with tables) as HTML; "15 min" never splits across lines."""
    return re.sub(r"(\d) (min|h)\b", "\\1\u00a0\\2", _markdown.render(source))


def long_date(day: date, lang: str) -> str:
    """A date as people write it, whatever the machine's locale: « 1er mai 2026 », "1 May 2026"."""
    number = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{number} {MONTHS[lang][day.month - 1]} {day.year}"


def render_page(template: str, lang: str, **values: Any) -> str:
    """Fill a template of ``course/templates``; a missing value is an error, never blank."""
    return _templates.get_template(template).render(
        lang=lang, course_name=COURSE_NAME[lang], colon=COLON[lang], **values)


def _offline_fetcher():
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"file"}, timeout=1)


def layout(html: str):
    """WeasyPrint's laid-out document of ``html`` (pages counted, not written yet)."""
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_offline_fetcher()).render()


def write_pdf(html: str, target: Path) -> int:
    """Write ``html`` as PDF to ``target`` and return its number of pages."""
    document = layout(html)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target)
    return len(document.pages)


def write_fitted(make_html: Callable[[float], str], sizes: list[float],
                 target: Path) -> tuple[float, int]:
    """Write the PDF (and HTML) of the largest font size, in points, that fits one page.

    ``sizes`` go from largest to smallest; if none fits, the smallest is written. Returns the
    size used and the number of pages written.
    """
    for size in sizes:
        document = layout(make_html(size))
        if len(document.pages) == 1:
            break
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target)
    target.with_suffix(".html").write_text(make_html(size), encoding="utf-8")
    return size, len(document.pages)


def write_both(html: str, target: Path) -> int:
    """Write ``target`` (``.pdf``) and the same page as ``.html``; returns the PDF's pages."""
    pages = write_pdf(html, target)
    target.with_suffix(".html").write_text(html, encoding="utf-8")
    return pages
