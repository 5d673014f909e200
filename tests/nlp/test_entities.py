"""kg.nlp.entities: mentions of known entities under every form German news uses, and new
people, places and organisations named by a given name or a type noun."""
from __future__ import annotations

import pytest

from kg.config import load_settings
from kg.model import EntityType
from kg.nlp.pipeline import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(load_settings())


@pytest.fixture(scope="module")
def mentions(nlp):
    """Surface text → (kind, entity id or new label, new type) of every mention in a text."""
    def run(text: str) -> dict[str, tuple[str, str | None, EntityType | None]]:
        doc = nlp(text)
        return {doc[m.start:m.end].text: (m.kind, m.entity_id or m.new_label, m.new_type)
                for m in doc._.kg_mentions}
    return run


# -- known entities --------------------------------------------------------------------------


def test_full_name_and_surname(mentions):
    found = mentions("Der Kanzler Olaf Scholz traf Macron in Paris.")
    assert found == {"Olaf Scholz": ("name", "scholz", None), "Macron": ("name", "macron", None),
                     "Paris": ("name", "paris", None)}


def test_longest_name_wins(mentions):
    found = mentions("Die Volksrepublik China und die Islamische Republik Iran verhandeln.")
    assert found == {"Volksrepublik China": ("name", "china", None),
                     "Islamische Republik Iran": ("name", "iran", None)}


@pytest.mark.parametrize("text, surface, entity", [
    ("Russlands Außenminister reiste ab.", "Russlands", "russia"),
    ("Selenskyjs Sprecher widersprach.", "Selenskyjs", "zelensky"),
    ("Wladimir Putins Reise endete.", "Wladimir Putins", "putin"),
    ("Die Politik Chinas bleibt vage.", "Chinas", "china"),
])
def test_genitive_s(mentions, text, surface, entity):
    assert mentions(text)[surface] == ("genitive", entity, None)


@pytest.mark.parametrize("text, surface, entity", [
    ("der russische Präsident", "russische", "russia"),
    ("die belarussischen Truppen", "belarussischen", "belarus"),
    ("mit dem iranischen Außenminister", "iranischen", "iran"),
    ("die ostukrainische Verwaltung", "ostukrainische", "ukraine"),
    ("Nordkoreanische Soldaten kämpfen.", "Nordkoreanische", "north_korea"),
])
def test_state_adjectives(mentions, text, surface, entity):
    assert mentions(text)[surface] == ("adjective", entity, None)


def test_capitalised_adjective_inside_a_sentence_is_not_a_state(mentions):
    assert "Russische" not in mentions("Er sprach über Russische Eisenbahnen.")


@pytest.mark.parametrize("text, surface, entity", [
    ("Belarus dankte den Nordkoreanern.", "Nordkoreanern", "north_korea"),
    ("Die Ukrainer feierten.", "Ukrainer", "ukraine"),
    ("Die Chinesen schwiegen.", "Chinesen", "china"),
])
def test_demonyms(mentions, text, surface, entity):
    assert mentions(text)[surface] == ("demonym", entity, None)


def test_metonym(mentions):
    assert mentions("Der Kreml schwieg.")["Kreml"] == ("metonym", "russia", None)


@pytest.mark.parametrize("surface, entity", [
    ("Kim Jong-un", "kim_jong_un"), ("Kim Jong Un", "kim_jong_un"), ("Selensky", "zelensky"),
    ("Zelensky", "zelensky"), ("Pyongyang", "pyongyang"), ("Pjöngjang", "pyongyang"),
    ("Erdogan", "erdogan"), ("Erdoğan", "erdogan"), ("Lukaschenko", "lukashenko"),
    ("Weißrussland", "belarus"),
])
def test_transliteration_variants(mentions, surface, entity):
    assert mentions(f"Gestern sprach man über {surface} in Genf.")[surface] == ("name", entity, None)


def test_short_forms_must_match_case(mentions):
    found = mentions("Die USA und die UN reagierten; die usa-Fans jubelten.")
    assert found["USA"] == ("name", "usa", None)
    assert found["UN"][1] == "un"
    assert "usa" not in found


def test_long_names_match_in_capitals(mentions):
    assert mentions("ERDOGAN UND PUTIN IN SOTSCHI")["ERDOGAN"] == ("name", "erdogan", None)


def test_name_inside_a_hyphen_compound(mentions):
    assert mentions("Die Nordkorea-Reise war lang.")["Nordkorea"] == ("name", "north_korea", None)


# -- new entities ----------------------------------------------------------------------------


def test_given_name_and_surname_make_a_new_person(mentions):
    found = mentions("Der Oppositionspolitiker Pawel Latuschko lebt in Warschau.")
    assert found["Pawel Latuschko"] == ("new", "Pawel Latuschko", EntityType.PERSON)


def test_given_name_with_two_surnames(mentions):
    found = mentions("Auch die Juristin Olena Kowalenko Marchuk sprach.")
    assert found["Olena Kowalenko Marchuk"] == ("new", "Olena Kowalenko Marchuk", EntityType.PERSON)


def test_capitalised_noun_after_a_given_name_word_is_only_a_name_when_listed(mentions):
    assert mentions("Die Grüne Woche in Berlin beginnt.") == {"Berlin": ("name", "berlin", None)}


def test_new_person_at_sentence_start(mentions):
    found = mentions("Swetlana Tichanowskaja traf Macron in Paris.")
    assert found["Swetlana Tichanowskaja"] == ("new", "Swetlana Tichanowskaja", EntityType.PERSON)


def test_new_person_stops_before_a_known_name(mentions):
    found = mentions("Am Montag traf Swetlana Tichanowskaja Macron in Paris.")
    assert found["Swetlana Tichanowskaja"] == ("new", "Swetlana Tichanowskaja", EntityType.PERSON)
    assert found["Macron"] == ("name", "macron", None)


@pytest.mark.parametrize("text, surface, etype", [
    ("Die Kleinstadt Schklou liegt in Belarus.", "Schklou", EntityType.CITY),
    ("Der Sender Belsat berichtete.", "Belsat", EntityType.ORGANISATION),
    ("Der Landkreis Oberhavel liegt bei Berlin.", "Oberhavel", EntityType.REGION),
])
def test_type_noun_names_a_new_entity(mentions, text, surface, etype):
    assert mentions(text)[surface] == ("new", surface, etype)


def test_type_noun_before_a_known_name_keeps_the_known_entity(mentions):
    assert mentions("Die Hauptstadt Minsk ist abgeriegelt.")["Minsk"] == ("name", "minsk", None)


def test_doc_ents_carry_type_and_gazetteer_id(nlp):
    doc = nlp("Der Sender Belsat zeigte Lukaschenko in Minsk.")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Belsat", "Organisation", ""), ("Lukaschenko", "Person", "lukashenko"),
        ("Minsk", "City", "minsk")]
