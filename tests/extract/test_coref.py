"""kg.extract.coref: how an article refers to an entity again — capitals as governments or
places, surnames alone, pronouns, role nouns, groups — and new people named in it."""
from __future__ import annotations

from datetime import date

import pytest

from kg.model import Article, EntityType


def refs_by_text(extractor, text: str) -> dict[str, tuple[tuple[str, ...], str]]:
    """Surface text of each resolved reference → (entity ids, kind)."""
    reading = extractor.read(Article(source="t.txt", text=text, published=date(2024, 6, 19)))
    doc = reading.doc
    return {doc[r.start:r.end].text: (r.ids, r.kind) for r in reading.resolution.refs}


# -- capitals: government or place -----------------------------------------------------------


def test_capital_as_subject_stands_for_the_government(facts):
    assert ("north_korea", "supports", "russia", "asserted") in facts(
        "Pjöngjang unterstützt Moskau politisch und militärisch.")


def test_capital_after_in_is_a_place(extractor, facts):
    text = "Putin traf Kim Jong Un am Mittwoch in Pjöngjang."
    assert refs_by_text(extractor, text)["Pjöngjang"] == (("pyongyang",), "name")
    found = facts(text)
    assert ("kim_jong_un", "met", "putin", "asserted") in found
    assert not any("north_korea" in (f[0], f[2]) for f in found)


def test_capital_after_government_noun_is_the_state(facts):
    assert ("iran", "thanked", "china", "asserted") in facts(
        "Die Führung in Teheran dankte Peking für die Hilfe.")


def test_capital_as_object_of_a_visit_stays_the_city(facts):
    assert facts("Lukaschenko besuchte im Frühjahr Teheran.") == {
        ("lukashenko", "visited", "tehran", "asserted")}


def test_kreml_is_russia(extractor, facts):
    assert refs_by_text(extractor, "Der Kreml unterstützt Belarus.")["Kreml"] == (
        ("russia",), "metonym")
    assert ("russia", "supports", "belarus", "asserted") in facts("Der Kreml unterstützt Belarus.")


def test_coordinated_capitals_after_nach_are_all_places(facts):
    assert facts("Xi Jinping reiste im Mai nach Belgrad und Budapest.") == {
        ("xi_jinping", "visited", "belgrade", "asserted"),
        ("xi_jinping", "visited", "budapest", "asserted")}


# -- demonyms, genitives, adjectives ----------------------------------------------------------


def test_demonym_in_dative_plural_is_the_state(facts):
    assert ("belarus", "thanked", "north_korea", "asserted") in facts(
        "Belarus dankte den Nordkoreanern für die Solidarität.")
    assert ("ukraine", "thanked", "germany", "asserted") in facts(
        "Die Ukrainer danken den Deutschen für die Hilfe.")


def test_genitive_state_before_role_noun_names_the_state_not_an_argument(facts):
    found = facts("Russlands Präsident reiste nach Minsk.")
    assert ("putin", "leaderOf", "russia", "asserted") in found
    assert not any(f[0] == "russia" and f[1] != "leaderOf" for f in found)


# -- role nouns -------------------------------------------------------------------------------


def test_kremlchef_is_putin(facts):
    assert ("putin", "visited", "tehran", "asserted") in facts("Der Kremlchef reiste nach Teheran.")


def test_adjective_role_phrase_is_the_office_holder(facts):
    assert ("putin", "visited", "minsk", "asserted") in facts(
        "Der russische Präsident traf am Abend in Minsk ein.")


def test_role_holder_depends_on_the_publication_date(facts):
    text = "Der US-Präsident empfing Selenskyj in Washington."
    assert ("biden", "met", "zelensky", "asserted") in facts(text, date(2024, 6, 19))
    assert ("trump", "met", "zelensky", "asserted") in facts(text, date(2025, 6, 19))


# -- names again: surnames, pronouns, groups ----------------------------------------------------


def test_surname_alone_after_full_name_of_a_new_person(extractor, facts):
    text = ("Am Montag traf die Oppositionsführerin Swetlana Tichanowskaja in Berlin ein. "
            "Tichanowskaja dankte Scholz für die Unterstützung.")
    ids, kind = refs_by_text(extractor, text)["Tichanowskaja"]
    assert (ids, kind) == (("swetlana_tichanowskaja",), "partial")
    assert ("swetlana_tichanowskaja", "thanked", "scholz", "asserted") in facts(text)


def test_pronoun_er_is_the_last_person(facts):
    found = facts("Wladimir Putin landete am Abend in Teheran. Er traf dort Chamenei.")
    assert ("khamenei", "met", "putin", "asserted") in found


def test_pronoun_without_antecedent_gives_nothing(facts):
    assert facts("Er traf dort Chamenei.") == set()


def test_die_beiden_are_the_last_two_people(facts):
    found = facts("Xi Jinping und Putin trafen sich in Moskau. Die beiden unterzeichneten "
                  "ein Abkommen.")
    assert ("putin", "signedAgreementWith", "xi_jinping", "asserted") in found


def test_beide_laender_are_the_last_two_states(facts):
    found = facts("Belarus und Iran wollen enger kooperieren. Beide Länder unterzeichneten "
                  "ein Abkommen.")
    assert ("belarus", "signedAgreementWith", "iran", "asserted") in found


# -- spellings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text, fact", [
    ("Kim Jong-un traf Lukaschenko.", ("kim_jong_un", "met", "lukashenko", "asserted")),
    ("Selensky dankte Macron.", ("zelensky", "thanked", "macron", "asserted")),
    ("Zelensky dankte Macron.", ("zelensky", "thanked", "macron", "asserted")),
    ("Putin reiste nach Pyongyang.", ("putin", "visited", "pyongyang", "asserted")),
    ("Erdogan empfing Lukaschenko.", ("erdogan", "met", "lukashenko", "asserted")),
])
def test_transliteration_variants_resolve_to_one_entity(facts, text, fact):
    assert fact in facts(text)


# -- new people --------------------------------------------------------------------------------


def test_unknown_person_becomes_a_new_person_entity(extract):
    result = extract("Der belarussische Oppositionspolitiker Pawel Latuschko traf Scholz in Berlin.")
    entity = result.entities["pawel_latuschko"]
    assert (entity.label, entity.type, entity.known) == ("Pawel Latuschko", EntityType.PERSON, False)
    assert {(s.subject, s.predicate, s.object) for s in result.statements} >= {
        ("pawel_latuschko", "met", "scholz")}


def test_capitalised_words_without_a_given_name_are_no_person(extract):
    result = extract("Die Grüne Woche in Berlin lockte Besucher aus Belarus an.")
    assert not any(e.type == EntityType.PERSON for e in result.entities.values())
