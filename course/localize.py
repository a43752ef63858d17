"""French as it is printed, in the register of its audience: one place for both.

Every learner-visible string the course writes in French passes through here:

- **Register.** A text given in both languages may also carry an audience variant,
  ``fr-youth`` or ``fr-senior`` (and ``en-…``): youth read "tu", seniors "vous", from one
  source. ``pick`` takes the variant of the audience when there is one, else the language's text.
- **Typography.** ``typeset`` puts the non-breaking spaces of French print where they belong:
  a narrow one (U+202F) before ``; ! ?``, inside « » and between the groups of a number
  (45 000); a full one (U+00A0) before ``:``, before % and units, and after n°. Code,
  addresses and HTML tags are left alone.

``course check`` uses the two detectors below on every built variant: ``vous_words`` (a youth
text that says "vous") and ``typography_problems`` (a French text that missed ``typeset``).
Activity widgets declare their interface words with ``words``, which typesets them and lets
the check read them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

NBSP = "\u00a0"
NNBSP = "\u202f"
SPACES = f" \t{NBSP}{NNBSP}"
AUDIENCE_VARIANTS = ("youth", "senior")

# What typography never touches: code, web addresses, Markdown link targets, HTML tags.
_PROTECTED = re.compile(r"(?s:```.*?```)|`[^`\n]*`|https?://[^\s)>\]]+|\]\([^)\n]*\)"
                        r"|<[^<>\n]+>")
_UNITS = r"%|€|h|min|km|ans?|mois|jours?|heures?|minutes?|euros?|points?"


def variant_keys(lang: str, audience: str | None) -> tuple[str, ...]:
    """The keys a bilingual text is read by, most specific first."""
    return (f"{lang}-{audience}", lang) if audience else (lang,)


def pick(value: Any, lang: str, audience: str | None = None) -> Any:
    """``value`` in ``lang`` (audience variant first), typeset; anything else unchanged."""
    if not isinstance(value, Mapping):
        return value
    for key in variant_keys(lang, audience):
        if key in value:
            return typeset(value[key], lang)
    return value


def _unprotected(text: str) -> Iterator[tuple[bool, str]]:
    """``text`` cut into (is_prose, piece) runs."""
    start = 0
    for match in _PROTECTED.finditer(text):
        if match.start() > start:
            yield True, text[start:match.start()]
        yield False, match.group(0)
        start = match.end()
    if start < len(text):
        yield True, text[start:]


def _typeset_prose(text: str) -> str:
    text = re.sub(rf"[{SPACES}]+([;!?])", NNBSP + r"\1", text)
    text = re.sub(r"(?<=[\w»*)])([;!?])(?=[\s»)*]|$)", NNBSP + r"\1", text)
    text = re.sub(rf"[{SPACES}]+:(?=[\s»)*]|$)", NBSP + ":", text)
    text = re.sub(r"(?<=[\w»*)]):(?=[ \n]|$)", NBSP + ":", text)
    text = re.sub(rf"«[{SPACES}]*", "«" + NNBSP, text)
    text = re.sub(rf"[{SPACES}]*»", NNBSP + "»", text)
    text = re.sub(r"(?<![\d,.])(\d{1,3})((?:[ \u00a0]\d{3})+)(?!\d)",
                  lambda m: m.group(1) + m.group(2).replace(" ", NNBSP).replace(NBSP, NNBSP),
                  text)
    text = re.sub(rf"(?<=[\d}}])[ ](?=(?:{_UNITS})(?![\w]))", NBSP, text)
    return re.sub(r"\bn° ", "n°" + NBSP, text)


def typeset(text: str, lang: str) -> str:
    """``text`` with French non-breaking spaces (unchanged in other languages)."""
    if lang != "fr" or not isinstance(text, str):
        return text
    return "".join(_typeset_prose(piece) if prose else piece
                   for prose, piece in _unprotected(text))


_TYPO_RULES = (
    (re.compile(r"[ \t][;:!?](?=\s|$|[»)*])"), "espace ordinaire avant {sign} : mettre une "
     "espace insécable"),
    (re.compile(r"(?<=[A-Za-zÀ-ÿ0-9])[;:!?](?=\s|$)"), "pas d'espace avant {sign}"),
    (re.compile(r"«(?![\u00a0\u202f])"), "pas d'espace insécable après «"),
    (re.compile(r"(?<![\u00a0\u202f])»"), "pas d'espace insécable avant »"),
    (re.compile(r"(?<![\d,.])\d{1,3} \d{3}(?!\d)"), "espace ordinaire dans un nombre ({sign})"),
    (re.compile(r"\d (?:%|€)"), "espace ordinaire avant {sign}"),
    (re.compile(r"\bn° "), "espace ordinaire après « n° »"),
)


def typography_problems(text: str) -> list[str]:
    """What in a French text breaks the course's typography (empty when it is right)."""
    problems = []
    for prose, piece in _unprotected(text):
        if not prose:
            continue
        for rule, message in _TYPO_RULES:
            for match in rule.finditer(piece):
                problems.append(message.format(sign=f"« {match.group(0).strip()} »"))
    return problems


# The youth register: "tu". A youth text that addresses the reader as "vous" says one of these
# words, or starts a sentence with a verb in -ez (an imperative: « Cochez », « Lisez »).
# Words inside « » or “ ” are quotations (a fictional post, a scam SMS) and are not counted.
_VOUS = re.compile(r"\b(vous|votre|vos|vôtre|vôtres)\b"
                   r"|(?:^|(?<=[.!?:;]\s)|(?<=[.!?:;][\u00a0\u202f\s]\s)|(?<=\bpuis\s)"
                   r"|(?<=^[-*]\s)|(?<=\d\.\s))"
                   r"(?!(?:chez|assez|nez|rez)\b)([A-Za-zÀ-ÿ]{2,}ez)\b",
                   re.IGNORECASE | re.MULTILINE)
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"")


def vous_words(text: str) -> list[str]:
    """The words of ``text`` that address the reader as "vous", quotations left out."""
    unquoted = _QUOTED.sub(" ", "".join(p for prose, p in _unprotected(text) if prose))
    return [match.group(0) for match in _VOUS.finditer(unquoted)]


class Words(dict):
    """An activity's interface words: ``{key: {"fr": …, "en": …, "fr-youth": …}}``.

    Built by ``words``: the French is typeset once, and ``course check`` finds every table.
    """

    def say(self, key: str, lang: str, audience: str | None = None, **values: object) -> str:
        """The words ``key`` in ``lang`` for ``audience``, placeholders filled."""
        return pick(self[key], lang, audience).format(**values)

    def voiced(self, lang: str, audience: str | None = None) -> dict[str, str]:
        """Every entry in ``lang`` for ``audience`` (what a widget sends its front end)."""
        return {key: pick(entry, lang, audience) for key, entry in self.items()}


WORD_TABLES: dict[str, Words] = {}


def words(name: str, table: dict[str, dict[str, str]]) -> Words:
    """Declare an activity's word table (``name`` says where it is, for the check)."""
    typed = Words({key: {lang: typeset(text, lang.split("-")[0]) for lang, text in entry.items()}
                   for key, entry in table.items()})
    WORD_TABLES[name] = typed
    return typed
