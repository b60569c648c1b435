"""Alphabetical order and first letters as a reader of each language expects them.

Words are compared by the Unicode Collation Algorithm (pyuca, with the Unicode default
table): accents, case, spaces and punctuation count only to break ties, so "índice" sorts
among the i words and "coágulo" before "corticoesteroide". A language's `own_letters`
(Spanish ñ) are letters of their own, after the letter they are written on.
"""

import re
import unicodedata
from functools import cache

from pyuca import Collator

from implant_guide.kept_results import code_version, kept
from implant_guide.languages import LANGUAGES

AFTER_EVERY_LETTER = "\uffff"
"""A character the Unicode table weighs above every letter: a letter of its own is
compared as its base letter followed by it, so "ña" sorts after "nz" and before "o"."""
COLLATION = code_version(__file__, "pyuca")
"""What works out the keys: this module and pyuca with its Unicode table (Python's own
Unicode data, which normalizes the words, is among the inputs)."""


@cache
def _collator() -> Collator:
    """The collator, made once: it reads the Unicode table (a quarter of a second)."""
    return Collator()


def sort_key(words: str, lang: str) -> tuple[int, ...]:
    """The key that puts `words` in alphabetical order in `lang`, letter by letter
    (spaces and punctuation aside)."""
    text = re.sub(r"\W", "", unicodedata.normalize("NFC", words).casefold())
    for letter in LANGUAGES[lang].own_letters:
        text = text.replace(letter, _base(letter) + AFTER_EVERY_LETTER)
    return _collator().sort_key(text)


def sort_keys(texts: list[str], lang: str) -> dict[str, tuple[int, ...]]:
    """`sort_key` of each of `texts`, kept between builds: then the Unicode table is read
    only when the texts change."""
    unique = sorted(set(texts))
    inputs = [COLLATION, unicodedata.unidata_version, LANGUAGES[lang].own_letters, unique]
    return kept("collation", inputs, lambda: {text: sort_key(text, lang) for text in unique})


def initial(words: str, lang: str) -> str:
    """The letter `words` is listed under in `lang`: its first letter in capitals, without
    its accent unless it is a letter of its own ("índice" under I, "ñandú" under Ñ)."""
    first = next(char for char in unicodedata.normalize("NFC", words) if char.isalnum()).upper()
    return first if first.lower() in LANGUAGES[lang].own_letters else _base(first)


def _base(letter: str) -> str:
    """`letter` without its accent."""
    return unicodedata.normalize("NFD", letter)[0]
