"""Reading printed pages back: the text a PDF shows, compared without layout noise."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader

LEFTOVERS = ("{{", "}}", "{%", "%}", "&#", "&amp;", "&nbsp;", "Undefined", ":::")


def flat(text: str) -> str:
    """Text with ligatures, non-breaking spaces and line breaks evened out."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_pages(path: Path) -> list[str]:
    """The flattened text of each page of a PDF."""
    return [flat(page.extract_text()) for page in PdfReader(path).pages]


def plain(fragment: str) -> str:
    """The words of an HTML fragment, as a reader sees them."""
    return flat(html.unescape(re.sub(r"<[^>]+>", "", fragment)))


def missing(parts: list[str], text: str) -> list[str]:
    """The parts not found in ``text``, spaces ignored: PDF readers split kerned words."""
    squeezed = re.sub(r"\s+", "", flat(text))
    return [part for part in parts if re.sub(r"\s+", "", flat(part)) not in squeezed]


def leftovers(text: str) -> list[str]:
    """Template or escaping debris that must never reach paper."""
    return [mark for mark in LEFTOVERS if mark in text]
