"""Reading ease of learner text, computed offline in both languages.

French uses Kandel & Moles, English Flesch (formulas in shared FACTS.md); both count syllables
with pyphen's hyphenation dictionaries, which ship with the package. textstat's English syllable
counter downloads a dictionary at run time, so it is not used here.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

FORMULAS = {  # base, per word-per-sentence, per syllable-per-word
    "fr": (207.0, 1.015, 73.6),
    "en": (206.835, 1.015, 84.6),
}
DICTIONARIES = {"fr": "fr_FR", "en": "en_US"}
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?…:;]+(?:\s|$)|\n\s*\n|\n\s*[-*]\s")


@lru_cache(maxsize=2)
def _hyphenator(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=DICTIONARIES[lang])


def plain_text(markdown: str) -> str:
    """Markdown without its markup: what a reader actually reads."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"^\s{0,3}(#+|>|\d+\.)\s*", "", text, flags=re.M)
    return re.sub(r"[*_|]", " ", text)


def syllables(word: str, lang: str) -> int:
    return len(_hyphenator(lang).positions(word.lower())) + 1


def reading_ease(text: str, lang: str) -> float | None:
    """Kandel-Moles (fr) or Flesch (en) score of ``text``; ``None`` if it has no words."""
    words: list[str] = []
    sentences = 0
    for chunk in SENTENCE_END.split(plain_text(text)):
        found = WORD.findall(chunk)
        if found:
            words.extend(found)
            sentences += 1
    if not words:
        return None
    base, per_sentence, per_syllable = FORMULAS[lang]
    total_syllables = sum(syllables(w, lang) for w in words)
    words_per_sentence = len(words) / sentences
    syllables_per_word = total_syllables / len(words)
    return base - per_sentence * words_per_sentence - per_syllable * syllables_per_word
