"""kg.extract.modality: whether the article asserts a statement, reports it as alleged, denies
it or announces it as planned."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract.modality import clause_modality
from kg.model import Article, Modality

# -- alleged ----------------------------------------------------------------------------------


def test_alleged_infinitive_after_vorwerfen(facts):
    found = facts("Die USA werfen China vor, Russland mit Militärgerät zu beliefern.")
    assert ("china", "suppliesWeaponsTo", "russia", "alleged") in found
    assert ("usa", "accused", "china", "asserted") in found


def test_alleged_infinitive_after_vorwerfen_by_an_unnamed_accuser(facts):
    found = facts("Ein Sprecher des Pentagons warf Peking vor, Russland mit Drohnen zu beliefern.")
    assert ("china", "suppliesWeaponsTo", "russia", "alleged") in found
    assert not any(f[3] == "asserted" for f in found)


def test_alleged_sollen(facts):
    assert facts("Belarus soll Russland mit Munition versorgt haben.") == {
        ("belarus", "suppliesWeaponsTo", "russia", "alleged")}


def test_alleged_angeblich(facts):
    assert facts("Nordkorea hat angeblich Raketen an Russland geliefert.") == {
        ("north_korea", "suppliesWeaponsTo", "russia", "alleged")}


def test_alleged_laut_source(facts):
    found = facts("Laut Kiew hat Belarus Russland mit Munition beliefert.")
    assert ("belarus", "suppliesWeaponsTo", "russia", "alleged") in found


def test_alleged_hedge_es_heisst(facts):
    assert ("iran", "suppliesWeaponsTo", "russia", "alleged") in facts(
        "Es heißt, Iran habe Russland Raketen geliefert.")


def test_reported_speech_in_subjunctive_stays_asserted(facts):
    found = facts("Lukaschenko sagte, Belarus habe Russland Munition geliefert.")
    assert ("belarus", "suppliesWeaponsTo", "russia", "asserted") in found


# -- denied -----------------------------------------------------------------------------------


def test_denied_bestreiten_with_infinitive(facts):
    assert facts("Minsk bestreitet, Soldaten nach Russland geschickt zu haben.") == {
        ("belarus", "sentTroopsTo", "russia", "denied")}


def test_denied_zurueckgewiesen(facts):
    found = facts("Peking hat die Vorwürfe zurückgewiesen, Russland mit Waffen zu beliefern.")
    assert found == {("china", "suppliesWeaponsTo", "russia", "denied")}


def test_denied_nicht(facts):
    assert facts("Iran hat Russland nicht mit Raketen beliefert.") == {
        ("iran", "suppliesWeaponsTo", "russia", "denied")}


def test_denied_kein_in_reported_speech(facts):
    assert ("iran", "suppliesWeaponsTo", "russia", "denied") in facts(
        "Der Kreml erklärte, Iran habe Russland keine Raketen geliefert.")


def test_denied_bestreiten_dass_clause(facts):
    found = facts("Der Kreml bestritt, dass Nordkorea Soldaten nach Kursk geschickt habe.")
    assert found == {("north_korea", "sentTroopsTo", "kursk", "denied")}


@pytest.mark.parametrize("text", [
    "Scholz hat Selenskyj nicht getroffen.",
    "Macron traf Erdoğan nicht.",
    "Belarus hat keine Truppen in die Ukraine geschickt.",
    "Belarus hat niemals Soldaten in die Ukraine entsandt.",
    "Belarus hat Abchasien nicht anerkannt.",
    "Scholz wird nicht nach Peking reisen.",
    "Die Türkei unterstützt Russland nicht.",
])
def test_negation_never_yields_asserted(facts, text):
    found = facts(text)
    assert found, "the negated statement should still be read, as denied"
    assert {f[3] for f in found} == {"denied"}


# -- planned ----------------------------------------------------------------------------------


def test_planned_wollen_with_infinitive(facts):
    assert facts("Xi Jinping will im Herbst Belarus besuchen.") == {
        ("xi_jinping", "visited", "belarus", "planned")}


def test_planned_koennte(facts):
    assert facts("Scholz könnte Selenskyj bereits nächste Woche treffen.") == {
        ("scholz", "met", "zelensky", "planned")}


def test_planned_geplant(facts):
    assert facts("Für Juli ist ein Besuch Erdoğans in Moskau geplant.") == {
        ("erdogan", "visited", "moscow", "planned")}


def test_planned_planen_with_infinitive(facts):
    assert ("macron", "visited", "beijing", "planned") in facts(
        "Macron plant, im Juli nach Peking zu reisen.")


def test_planned_future_in_reported_speech(facts):
    assert ("china", "supports", "belarus", "planned") in facts(
        "Xi Jinping erklärte, China werde Belarus weiter unterstützen.")


def test_planned_geplant_far_after_the_noun(facts):
    found = facts("Ein Treffen zwischen Scholz und Xi Jinping ist für den Herbst geplant.")
    assert found == {("scholz", "met", "xi_jinping", "planned")}


def test_plain_past_is_asserted(facts):
    assert facts("Iran liefert Drohnen an Russland.") == {
        ("iran", "suppliesWeaponsTo", "russia", "asserted")}


# -- the function itself -----------------------------------------------------------------------


def test_clause_modality_prefers_denial_over_allegation(extractor):
    doc = extractor.nlp("Iran soll Russland angeblich keine Drohnen geliefert haben.")
    assert clause_modality(doc, 0, len(doc), extractor.lex) == Modality.DENIED


def test_clause_modality_soll_werden_is_a_plan(extractor):
    doc = extractor.nlp("Das Abkommen soll im Herbst unterzeichnet werden.")
    assert clause_modality(doc, 0, len(doc), extractor.lex) == Modality.PLANNED


def test_clause_modality_negation_counts_only_near_the_cue(extractor):
    doc = extractor.nlp("Nicht zuletzt wegen der Sanktionen und der schwierigen Lage im Land "
                        "beliefert Iran Russland mit Drohnen.")
    cue = next(t.i for t in doc if t.text == "beliefert")
    assert clause_modality(doc, 0, len(doc), extractor.lex, cue) == Modality.ASSERTED


def test_statement_confidence_is_lower_when_not_asserted(extractor):
    result = extractor.extract(Article(
        source="t.txt", published=date(2024, 6, 19),
        text="Iran liefert Drohnen an Russland. Belarus soll Russland Munition liefern."))
    confidence = {s.subject: s.confidence for s in result.statements}
    assert confidence["belarus"] < confidence["iran"]
