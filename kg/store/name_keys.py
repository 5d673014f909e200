"""Spelling-blind keys for names: German and English transliterations of the same name
(Pjöngjang / Pyongyang, Selenskyj / Zelensky, Wostotschny / Vostochny) fold to one key.

Built on :func:`kg.text.folded_forms` (case, accents, both umlaut spellings), then a
small rule list for the letters German and English transliterate differently, then double
letters collapsed. The rules are deliberately coarse: a key is for finding, never for ids.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.text import folded_forms

#: Applied in order: longer clusters before the letters inside them.
_TRANSLITERATION: tuple[tuple[str, str], ...] = (
    ("tsch", "ch"), ("sch", "sh"), ("ck", "k"), ("ph", "f"), ("ts", "z"), ("tz", "z"),
    ("z", "s"), ("j", "y"), ("w", "v"), ("k", "c"),
)
_DOUBLE_LETTERS = re.compile(r"(.)\1+")


@lru_cache(maxsize=100_000)
def name_keys(text: str) -> frozenset[str]:
    """Every key ``text`` folds to: one per umlaut spelling, words joined by one space."""
    return frozenset(transliterate(form) for form in folded_forms(text))


def transliterate(folded: str) -> str:
    """"pjongjang" → "pyongyang", "selenskyj" → "selenscy", "donetsk" → "donesc"."""
    for german, common in _TRANSLITERATION:
        folded = folded.replace(german, common)
    return _DOUBLE_LETTERS.sub(r"\1", folded)
