"""Name matching for search, on top of :func:`kg.text.fold`: German readers write "Pjöngjang"
as "Pjoengjang" or "Pjongjang", so both spellings of each name and query are compared."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from kg.text import fold_words


def folded_forms(text: str) -> frozenset[str]:
    """"Pjöngjang" → {"pjoengjang", "pjongjang"}: umlauts expanded, and umlauts dropped
    (decomposed first, so :func:`kg.text.fold` strips them like any accent)."""
    return frozenset(" ".join(fold_words(form)) for form in (text, unicodedata.normalize("NFD", text)))


def matches_any(query: str, names: Iterable[str]) -> bool:
    """Whether ``query`` is a substring of one of ``names`` under either folded spelling."""
    wanted = folded_forms(query)
    return any(q in form for name in names for form in folded_forms(name) for q in wanted)
