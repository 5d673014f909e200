"""Search spellings: umlauts written either way, accents, case and hyphens."""
from __future__ import annotations

import pytest

from kg.store.fold import matches_any


@pytest.mark.parametrize("query", ["pjongjang", "Pjöngjang", "PJOENGJANG", "jang"])
def test_umlaut_spellings_find_pjoengjang(query: str) -> None:
    assert matches_any(query, ["Pjöngjang"])


@pytest.mark.parametrize(("query", "name"), [
    ("strasse", "Straße"), ("Zelenskyj", "Zelenśkyj"), ("kim jong un", "Kim Jong-un"),
])
def test_other_spellings_match(query: str, name: str) -> None:
    assert matches_any(query, [name])


def test_unrelated_names_do_not_match() -> None:
    assert not matches_any("moskau", ["Pjöngjang", "Kim Jong Un"])
