"""One definition of "the same name": folding for matching, search keys and ids."""
from __future__ import annotations

import pytest

from kg.store.name_keys import name_keys
from kg.text import fold, fold_words, folded_forms, slug


def test_fold_ignores_case_umlauts_and_accents() -> None:
    assert fold("Pjöngjang") == "pjoengjang"
    assert fold("Erdoğan") == "erdogan"
    assert fold("Straße") == "strasse"


def test_fold_words_ignores_hyphens_and_punctuation() -> None:
    assert fold_words("Kim Jong-un") == ("kim", "jong", "un")
    assert fold_words("«UN-Sicherheitsrat»") == ("un", "sicherheitsrat")


def test_folded_forms_cover_both_umlaut_spellings() -> None:
    assert folded_forms("Pjöngjang") == {"pjoengjang", "pjongjang"}


@pytest.mark.parametrize(("a", "b"), [("Pjöngjang", "Pyongyang"), ("Selenskyj", "Zelensky"),
                                      ("Wostotschny", "Vostochny"), ("Kim Jong-un", "kim jong un")])
def test_transliterations_share_a_search_key(a: str, b: str) -> None:
    assert name_keys(a) & name_keys(b)


def test_different_names_do_not_share_a_key() -> None:
    assert not name_keys("Moskau") & name_keys("Pjöngjang")


def test_slug_makes_ids_from_names() -> None:
    assert slug("Christoph Wanner") == "christoph_wanner"
    assert slug("Kim Jong-un") == "kim_jong_un"
