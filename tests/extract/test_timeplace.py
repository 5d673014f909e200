"""kg.extract.timeplace and the place attached in kg.extract.article: when a statement happened,
resolved against the publication date, and where a meeting or visit took place."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract.timeplace import date_of

WEDNESDAY = date(2024, 6, 19)


def statement(extract, text: str, predicate: str, published: date | None = WEDNESDAY):
    found = [s for s in extract(text, published).statements if s.predicate == predicate]
    assert len(found) == 1, found
    return found[0]


# -- date_of ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Das Abkommen wurde am 15.08.2022 in Minsk unterzeichnet.", "2022-08-15"),
    ("Erdoğan traf Putin am 25. April 2019 in Sotschi.", "2019-04-25"),
    ("Die Gespräche begannen am 3. Okt. 2023 in Ankara.", "2023-10-03"),
    ("Erdoğan traf Putin im September 2023 in Sotschi.", "2023-09"),
    ("Iran erkannte 2008 Abchasien nicht an.", "2008"),
])
def test_explicit_dates_need_no_publication_date(text, expected):
    assert date_of(text, None) == expected
    assert date_of(text, WEDNESDAY) == expected


def test_day_and_month_without_year_take_the_publication_year():
    assert date_of("Erdoğan traf Putin am 25. April in Sotschi.", WEDNESDAY) == "2024-04-25"


@pytest.mark.parametrize("text, expected", [
    ("am Montag", "2024-06-17"),
    ("am Sonntag", "2024-06-16"),
    ("am Donnerstag", "2024-06-13"),
])
def test_weekday_is_the_last_such_day_before_publication(text, expected):
    assert date_of(f"Xi Jinping empfing Lukaschenko {text} in Peking.", WEDNESDAY) == expected


def test_weekday_of_the_publication_day_is_that_day():
    assert date_of("Xi Jinping empfing Lukaschenko am Mittwoch in Peking.", WEDNESDAY) == "2024-06-19"


@pytest.mark.parametrize("phrase, expected", [
    ("im vergangenen Jahr", "2023"),
    ("im Vorjahr", "2023"),
    ("in diesem Jahr", "2024"),
])
def test_relative_years(phrase, expected):
    assert date_of(f"Lukaschenko reiste {phrase} nach Peking.", WEDNESDAY) == expected


def test_ago_phrases():
    assert date_of("Putin war vor drei Tagen in Minsk.", WEDNESDAY) == "2024-06-16"


def test_relative_dates_without_publication_date_are_unknown():
    assert date_of("Xi Jinping empfing Lukaschenko am Montag.", None) is None
    assert date_of("Lukaschenko reiste im vergangenen Jahr nach Peking.", None) is None


def test_explicit_date_wins_over_a_weekday():
    assert date_of("Am Montag, dem 15.08.2022, traf Lukaschenko Putin.", WEDNESDAY) == "2022-08-15"


def test_no_date_words_no_date():
    assert date_of("Iran liefert Drohnen an Russland.", WEDNESDAY) is None


# -- dates on statements ------------------------------------------------------------------------


def test_statement_gets_the_date_of_its_clause(extract):
    s = statement(extract, "Xi Jinping empfing Lukaschenko am Montag in Peking.", "met")
    assert s.date == "2024-06-17"


def test_statement_date_from_relative_year(extract):
    s = statement(extract, "Lukaschenko reiste im vergangenen Jahr nach Peking.", "visited")
    assert s.date == "2023"


def test_date_belongs_to_its_own_sentence(extract):
    result = extract("Xi Jinping empfing Lukaschenko in Peking. Am Montag reiste Lukaschenko "
                     "weiter nach Schanghai.")
    dates = {s.predicate: s.date for s in result.statements}
    assert dates == {"met": None, "visited": "2024-06-17"}


# -- places ------------------------------------------------------------------------------------


def test_place_of_a_meeting(extract):
    s = statement(extract, "Erdoğan empfing Selenskyj am Freitag in Istanbul.", "met")
    assert (s.place, s.date) == ("istanbul", "2024-06-14")


def test_place_of_a_meeting_in_peking(extract):
    assert statement(extract, "Emmanuel Macron traf sich am Dienstag in Peking mit Xi Jinping.",
                     "met").place == "beijing"


def test_place_of_an_agreement(extract):
    assert statement(extract, "Belarus und Iran unterzeichneten in Minsk ein Abkommen über "
                     "militärische Zusammenarbeit.", "signedAgreementWith").place == "minsk"


def test_place_is_only_attached_to_meetings_visits_and_agreements(extract):
    assert statement(extract, "Iran unterstützt Russland in Teheran.", "supports").place is None


def test_place_from_a_pronoun_sentence(extract):
    result = extract("Macron besuchte China. In Peking traf er Xi Jinping.")
    met = [s for s in result.statements if s.predicate == "met"]
    assert [(s.subject, s.object, s.place) for s in met] == [("macron", "xi_jinping", "beijing")]


def test_visited_place_is_the_object_not_a_place(extract):
    s = statement(extract, "Lukaschenko reiste am Montag nach Peking.", "visited")
    assert (s.object, s.place) == ("beijing", None)
