"""Text normalisation shared by matching, search and ids: one definition of "the same name"."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case-, umlaut- and accent-insensitive key: "Pjöngjang" → "pjoengjang", "Erdoğan" → "erdogan"."""
    s = text.casefold().translate(_UMLAUTS)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def fold_words(text: str) -> tuple[str, ...]:
    """Folded words of a name, ignoring hyphens and punctuation: "Kim Jong-un" → (kim, jong, un)."""
    return tuple(w for w in _NON_WORD.split(fold(text).replace("_", " ")) if w)


def folded_forms(text: str) -> frozenset[str]:
    """Both ways German readers fold a name: "Pjöngjang" → {"pjoengjang", "pjongjang"}
    (umlauts expanded, and umlauts dropped like any accent), words joined by one space."""
    return frozenset(" ".join(fold_words(form)) for form in (text, unicodedata.normalize("NFD", text)))


def slug(text: str) -> str:
    """An id from a name: "Christoph Wanner" → "christoph_wanner"."""
    return "_".join(fold_words(text)) or "entity"
