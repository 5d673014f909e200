"""kg.extract.article: one article through extraction — entities used, de-duplicated
statements, and provenance that points into the page file."""
from __future__ import annotations


import pytest

from kg.ingest import article_from_page
from kg.model import Article

BODY1 = ("Der ukrainische Präsident Wolodymyr Selenskyj hat sich bei Bundeskanzler Olaf Scholz für "
         "die Lieferung weiterer Luftabwehrsysteme bedankt und um zusätzliche Munition gebeten.")
BODY2 = ("Die Systeme sollen nach Angaben aus Regierungskreisen noch vor dem Sommer in der Ukraine "
         "eintreffen und vor allem die Energieversorgung im Osten des Landes schützen.")
PAGE = f"""Selenskyj dankt Scholz für Luftabwehrsysteme
12.03.2024

{BODY1}
1 / 4
Selenskyj und Scholz bei einer Pressekonferenz im vergangenen Herbst.
Bild: Imago
{BODY2}
"""


def test_provenance_names_article_sentence_and_rule(extract):
    result = extract("Iran liefert Drohnen an Russland. Belarus unterstützt Russland.")
    by_predicate = {s.predicate: s.provenance for s in result.statements}
    assert by_predicate["suppliesWeaponsTo"].sentence == "Iran liefert Drohnen an Russland."
    assert by_predicate["supports"].sentence == "Belarus unterstützt Russland."
    assert by_predicate["supports"].article == "t.txt"
    assert by_predicate["supports"].rule == "verb"


def test_offsets_of_plain_text_are_those_of_the_text(extract):
    text = "Iran liefert Drohnen an Russland. Belarus unterstützt Russland."
    for s in extract(text).statements:
        assert text[s.provenance.start:s.provenance.end].strip() == s.provenance.sentence


def test_same_fact_twice_in_one_sentence_is_one_statement(extract):
    result = extract("Scholz traf Macron, und Macron traf Scholz.")
    assert [(s.subject, s.predicate, s.object) for s in result.statements] == [
        ("macron", "met", "scholz")]


def test_same_fact_in_two_sentences_keeps_both_provenances(extract):
    result = extract("Scholz traf Macron in Berlin. Am Montag traf Macron Scholz erneut.")
    assert [s.provenance.sentence for s in result.statements if s.predicate == "met"] == [
        "Scholz traf Macron in Berlin.", "Am Montag traf Macron Scholz erneut."]


def test_entities_hold_what_statements_and_mentions_use(extract):
    result = extract("Der Politiker Pawel Latuschko traf Scholz in Berlin.")
    for s in result.statements:
        for eid in (s.subject, s.object, s.place):
            if eid:
                assert eid in result.entities
    assert {m.entity_id for m in result.mentions} <= set(result.entities)


def test_sentences_are_listed_in_order(extract):
    text = "Putin reiste nach Minsk. Dort traf er Lukaschenko. Beide lobten die Zusammenarbeit."
    result = extract(text)
    assert [text[a:b].strip() for a, b in result.sentences] == [
        "Putin reiste nach Minsk.", "Dort traf er Lukaschenko.",
        "Beide lobten die Zusammenarbeit."]


def test_no_publication_date_still_extracts(extractor):
    result = extractor.extract(Article(source="t.txt", text="Iran liefert Drohnen an Russland."))
    assert [(s.subject, s.predicate, s.object, s.date) for s in result.statements] == [
        ("iran", "suppliesWeaponsTo", "russia", None)]


def test_sentence_offsets_in_the_page_stop_at_the_sentence(extractor):
    article = article_from_page(PAGE, "p.txt")
    result = extractor.extract(article)
    assert result.statements
    for s in result.statements:
        assert PAGE[s.provenance.start:s.provenance.end].strip() == s.provenance.sentence
