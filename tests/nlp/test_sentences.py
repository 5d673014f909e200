"""kg.nlp.sentences: sentence boundaries in German news text — abbreviations, ordinals and
numeric dates, quotes, thousands separators and line breaks."""
from __future__ import annotations

import pytest
import spacy

from kg.config import load_settings
from kg.nlp.pipeline import build_nlp
from kg.nlp.sentences import GermanSentencizer, abbreviations


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(load_settings())


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


@pytest.mark.parametrize("first, second", [
    ("Die Gespräche fanden am 25. April in Minsk statt.", "Danach reiste Lukaschenko ab."),
    ("Der Vertrag wurde am 15.08.2022 in Teheran unterzeichnet.", "Er tritt sofort in Kraft."),
    ("Experten wie Dr. Anna Berger warnen vor einer Eskalation.", "Sie fordern Gespräche."),
    ("Einige Staaten, z. B. Belarus, unterstützen Moskau offen.", "Andere schweigen."),
    ("Das Treffen dauerte ca. drei Stunden.", "Beide Seiten zeigten sich zufrieden."),
    ("Lukaschenko sprach mit Prof. Iwanow über die Lage.", "Dann folgte ein Empfang."),
    ("Rund 10'000 Soldaten wurden an die Grenze verlegt.", "Die Lage bleibt angespannt."),
    ("Die Kämpfe begannen im 3. Quartal erneut.", "Kiew meldete Verluste."),
    ("Nach Art. 4 des Vertrags leisten sich beide Staaten Beistand.", "Das betonte Minsk."),
])
def test_no_split_inside_abbreviations_ordinals_and_numbers(nlp, first, second):
    assert sentences(nlp, f"{first} {second}") == [first, second]


@pytest.mark.parametrize("first, second", [
    ("«Wir stehen fest an der Seite Russlands», sagte Lukaschenko.", "Er lächelte."),
    ("„Das ist ein historischer Tag“, erklärte Xi Jinping.", "Danach reiste er ab."),
    ("Er sagte: «Wir sind bereit.»", "Danach verließ er den Saal."),
    ("Selenskyj fragte: „Wo bleibt die Hilfe?“", "Niemand antwortete."),
])
def test_quotes_close_with_their_sentence(nlp, first, second):
    assert sentences(nlp, f"{first} {second}") == [first, second]


def test_sentence_end_inside_a_quote_before_a_lower_case_continuation_does_not_split(nlp):
    text = "«Wir sind bereit!», rief Erdoğan in Ankara."
    assert sentences(nlp, text) == [text]


def test_every_line_is_at_least_one_sentence(nlp):
    text = "Lukaschenko empfängt Xi Jinping\nDer Staatsgast landete am Abend in Minsk"
    assert sentences(nlp, text) == ["Lukaschenko empfängt Xi Jinping",
                                    "Der Staatsgast landete am Abend in Minsk"]


def test_question_and_exclamation_marks_end_sentences(nlp):
    assert sentences(nlp, "Wer hilft Kiew? Niemand! Das sagt Selenskyj.") == [
        "Wer hilft Kiew?", "Niemand!", "Das sagt Selenskyj."]


def test_abbreviation_list_is_read_from_the_lexicon():
    abbrevs = abbreviations()
    assert {"dr", "z", "ca", "prof", "bzw"} <= abbrevs
    assert all(a == a.lower() and not a.endswith(".") for a in abbrevs)


@pytest.mark.parametrize("abbrevs, expected", [
    (frozenset(), ["Putin reiste ab.", "Belarus schickte rd.", "500 Soldaten."]),
    (frozenset({"rd"}), ["Putin reiste ab.", "Belarus schickte rd. 500 Soldaten."]),
])
def test_sentencizer_uses_its_abbreviations_and_keeps_tokens(abbrevs, expected):
    blank = spacy.blank("de")
    text = "Putin reiste ab. Belarus schickte rd. 500 Soldaten."
    doc = GermanSentencizer(abbrevs)(blank(text))
    assert doc.text == text
    assert [s.text for s in doc.sents] == expected
