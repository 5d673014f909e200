"""kg.extract.relations: verb and noun cues of every relation in the inventory, read with their
subject and object in active and passive voice, verb-second and verb-final clauses, separable
verbs, coordination and nominalisations."""
from __future__ import annotations

import pytest

# -- met ------------------------------------------------------------------------------------


def test_met_verb_with_accusative_object(facts):
    found = facts("Xi Jinping hat in Peking den belarussischen Machthaber Alexander Lukaschenko "
                  "getroffen.")
    assert ("lukashenko", "met", "xi_jinping", "asserted") in found


def test_met_separable_zusammentreffen_with_coordinated_subjects(facts):
    found = facts("Lukaschenko und Putin trafen am Freitag in Minsk zusammen.")
    assert found >= {("lukashenko", "met", "putin", "asserted")}


def test_met_separable_zusammentreffen_with_mit(facts):
    found = facts("Scholz traf in Berlin mit Macron zusammen.")
    assert ("macron", "met", "scholz", "asserted") in found


def test_met_is_symmetric_and_stored_in_one_order(facts):
    one = facts("Erdoğan empfing Selenskyj in Istanbul.")
    other = facts("Selenskyj empfing Erdoğan in Istanbul.")
    assert {f for f in one if f[1] == "met"} == {f for f in other if f[1] == "met"} \
        == {("erdogan", "met", "zelensky", "asserted")}


def test_met_sprechen_needs_mit(facts):
    assert ("macron", "met", "zelensky", "asserted") in facts(
        "Selenskyj sprach am Montag ausführlich mit Macron.")
    assert not any(f[1] == "met" for f in facts("Der Kreml spricht von einer Provokation Kiews."))


def test_met_in_reported_speech_with_pronoun_subject(facts):
    found = facts("Lukaschenko sagte, er habe Putin vergangene Woche in Sotschi getroffen.")
    assert ("lukashenko", "met", "putin", "asserted") in found


def test_met_light_verb_treffen_is_not_a_meeting(facts):
    found = facts("Putin traf mit Lukaschenko eine Vereinbarung über Gaslieferungen.")
    assert not any(f[1] == "met" for f in found)


def test_met_nominal_gipfeltreffen_zwischen(facts):
    found = facts("Das Gipfeltreffen zwischen Xi Jinping und Wladimir Putin fand in Peking statt.")
    assert ("putin", "met", "xi_jinping", "asserted") in found


def test_met_passive_with_participle_like_infinitive(facts):
    found = facts("Scholz wurde am Dienstag in Paris von Macron empfangen.")
    assert ("macron", "met", "scholz", "asserted") in found


def test_met_passive_with_von_agent(facts):
    found = facts("Lukaschenko wurde von Xi Jinping getroffen.")
    assert ("lukashenko", "met", "xi_jinping", "asserted") in found


# -- visited --------------------------------------------------------------------------------


def test_visited_reisen_nach(facts):
    assert ("erdogan", "visited", "tehran", "asserted") in facts(
        "Recep Tayyip Erdoğan reiste am Montag nach Teheran.")


def test_visited_separable_eintreffen(facts):
    found = facts("Am Montag traf die Oppositionsführerin Swetlana Tichanowskaja in Berlin ein.")
    assert ("swetlana_tichanowskaja", "visited", "berlin", "asserted") in found
    assert not any(f[1] == "met" for f in found)


def test_visited_needs_a_place_not_a_person(facts):
    assert not any(f[1] == "visited" for f in facts("Putin besuchte Lukaschenko."))


def test_visited_coordinated_places(facts):
    assert facts("Xi Jinping reiste im Mai nach Serbien und Ungarn.") == {
        ("xi_jinping", "visited", "serbia", "asserted"),
        ("xi_jinping", "visited", "hungary", "asserted")}


def test_visited_nominal_compound_besuch(facts):
    assert ("erdogan", "visited", "russia", "asserted") in facts(
        "Erdoğans Russland-Besuch sorgte in Brüssel für Aufsehen.")
    assert ("lukashenko", "visited", "iran", "asserted") in facts(
        "Der Iran-Besuch von Lukaschenko dauerte drei Tage.")


def test_visited_nominal_besuch_with_genitive_agent(facts):
    assert ("erdogan", "visited", "moscow", "planned") in facts(
        "Für Juli ist ein Besuch Erdoğans in Moskau geplant.")


# -- signedAgreementWith --------------------------------------------------------------------


def test_signed_agreement_coordinated_subjects(facts):
    found = facts("Belarus und Iran unterzeichneten in Minsk ein Abkommen über militärische "
                  "Zusammenarbeit.")
    assert ("belarus", "signedAgreementWith", "iran", "asserted") in found


def test_signed_agreement_mit_object_and_compound_noun(facts):
    found = facts("Iran hat mit Belarus ein Verteidigungsabkommen geschlossen.")
    assert ("belarus", "signedAgreementWith", "iran", "asserted") in found


def test_signed_agreement_needs_an_agreement_noun(facts):
    found = facts("Lukaschenko und Xi Jinping unterschrieben ein Gästebuch.")
    assert not any(f[1] == "signedAgreementWith" for f in found)


# -- cooperatesWith -------------------------------------------------------------------------


def test_cooperates_with_kooperieren(facts):
    assert ("china", "cooperatesWith", "iran", "asserted") in facts(
        "China und Iran kooperieren seit Jahren im Energiesektor.")


def test_cooperates_with_zusammenarbeit_ausbauen(facts):
    found = facts("Die Türkei baut die Zusammenarbeit mit Aserbaidschan weiter aus.")
    assert ("azerbaijan", "cooperatesWith", "turkey", "asserted") in found


# -- recognised -----------------------------------------------------------------------------


def test_recognised_separable_anerkennen(facts):
    assert facts("Nordkorea erkannte Abchasien an.") == {
        ("north_korea", "recognised", "abkhazia", "asserted")}


def test_recognised_coordinated_objects_in_perfect(facts):
    found = facts("Belarus hat Abchasien und Südossetien anerkannt.")
    assert found == {("belarus", "recognised", "abkhazia", "asserted"),
                     ("belarus", "recognised", "south_ossetia", "asserted")}


def test_recognised_passive(facts):
    assert ("russia", "recognised", "georgia", "asserted") in facts(
        "Georgien wurde 1991 von Russland anerkannt.")


# -- brokeRelationsWith ---------------------------------------------------------------------


def test_broke_relations_abbrechen(facts):
    found = facts("Die Ukraine hat die diplomatischen Beziehungen zu Iran abgebrochen.")
    assert ("iran", "brokeRelationsWith", "ukraine", "asserted") in found


def test_broke_relations_kappen_with_capitals_as_governments(facts):
    found = facts("Kiew kappte die diplomatischen Beziehungen mit Teheran.")
    assert ("iran", "brokeRelationsWith", "ukraine", "asserted") in found


def test_broke_relations_separable_strong_preterite(facts):
    found = facts("Georgien brach die Beziehungen zu Russland ab.")
    assert ("georgia", "brokeRelationsWith", "russia", "asserted") in found


# -- supports -------------------------------------------------------------------------------


def test_supports_verb_second(facts):
    found = facts("Iran unterstützt Russland im Krieg gegen die Ukraine.")
    assert ("iran", "supports", "russia", "asserted") in found
    assert not any(f[2] == "ukraine" for f in found)


def test_supports_verb_final_dass_clause(facts):
    found = facts("Die Regierung in Kiew teilte mit, dass Belarus Russland unterstützt.")
    assert ("belarus", "supports", "russia", "asserted") in found
    assert not any(f[0] == "ukraine" for f in found)


def test_supports_separable_zusichern(facts):
    assert ("china", "supports", "russia", "asserted") in facts(
        "China sicherte Russland seine volle Unterstützung zu.")


def test_supports_passive_with_coordinated_agents(facts):
    found = facts("Die Ukraine wird von Deutschland und Frankreich unterstützt.")
    assert found >= {("germany", "supports", "ukraine", "asserted"),
                     ("france", "supports", "ukraine", "asserted")}
    assert not any(f[0] == "ukraine" for f in found)


def test_supports_nominal_unterstuetzer_with_genitive(facts):
    assert ("belarus", "supports", "russia", "asserted") in facts(
        "Belarus gilt als wichtigster Unterstützer Russlands.")


# -- suppliesWeaponsTo ----------------------------------------------------------------------


def test_supplies_weapons_liefern_an(facts):
    assert facts("Iran liefert Drohnen an Russland.") == {
        ("iran", "suppliesWeaponsTo", "russia", "asserted")}


def test_supplies_weapons_needs_a_weapon_noun(facts):
    assert not any(f[1] == "suppliesWeaponsTo" for f in facts("Iran liefert Erdöl an China."))


def test_supplies_weapons_reverse_receiver_is_subject(facts):
    assert ("iran", "suppliesWeaponsTo", "russia", "asserted") in facts(
        "Russland bezieht Drohnen aus Iran.")
    assert ("north_korea", "suppliesWeaponsTo", "russia", "asserted") in facts(
        "Russland erhält Artilleriegeschosse von Nordkorea.")


def test_supplies_weapons_passive(facts):
    assert ("iran", "suppliesWeaponsTo", "russia", "asserted") in facts(
        "Russland wird von Iran mit Drohnen beliefert.")


def test_supplies_weapons_nominal_waffenlieferungen_an(facts):
    assert ("germany", "suppliesWeaponsTo", "ukraine", "asserted") in facts(
        "Deutschlands Waffenlieferungen an die Ukraine wurden ausgeweitet.")


# -- sentTroopsTo ---------------------------------------------------------------------------


def test_sent_troops_schicken_nach(facts):
    assert ("north_korea", "sentTroopsTo", "kursk", "asserted") in facts(
        "Nordkorea hat Tausende Soldaten nach Kursk geschickt.")


def test_sent_troops_verlegen_in_region(facts):
    assert ("north_korea", "sentTroopsTo", "kursk", "asserted") in facts(
        "Nordkorea verlegte Einheiten in die Region Kursk.")


def test_sent_troops_is_not_weapons(facts):
    found = facts("Belarus schickte Soldaten nach Russland.")
    assert ("belarus", "sentTroopsTo", "russia", "asserted") in found
    assert not any(f[1] == "suppliesWeaponsTo" for f in found)


# -- thanked --------------------------------------------------------------------------------


def test_thanked_danken_dative(facts):
    assert ("zelensky", "thanked", "scholz", "asserted") in facts(
        "Selenskyj dankte Scholz für die Unterstützung.")


def test_thanked_sich_bedanken_bei(facts):
    assert ("zelensky", "thanked", "macron", "asserted") in facts(
        "Selenskyj hat sich bei Macron für die Hilfe bedankt.")


# -- praised --------------------------------------------------------------------------------


def test_praised_loben(facts):
    assert ("xi_jinping", "praised", "lukashenko", "asserted") in facts(
        "Xi Jinping lobte Lukaschenko für seine Standhaftigkeit.")


def test_praised_state_named_by_adjective(facts):
    assert ("scholz", "praised", "france", "asserted") in facts(
        "Scholz lobte die französische Unterstützung.")


# -- wroteTo --------------------------------------------------------------------------------


def test_wrote_to_brief_an(facts):
    assert ("kim_jong_un", "wroteTo", "xi_jinping", "asserted") in facts(
        "Kim Jong Un schrieb einen Brief an Xi Jinping.")


def test_wrote_to_schreiben_richten(facts):
    assert ("scholz", "wroteTo", "zelensky", "asserted") in facts(
        "Scholz richtete ein Schreiben an Selenskyj.")


def test_wrote_to_needs_a_letter_noun(facts):
    assert not any(f[1] == "wroteTo" for f in facts("Macron wandte sich an Selenskyj."))


# -- accused --------------------------------------------------------------------------------


def test_accused_vorwerfen_with_infinitive(facts):
    found = facts("Selenskyj warf Lukaschenko vor, Russland zu unterstützen.")
    assert found == {("zelensky", "accused", "lukashenko", "asserted"),
                     ("lukashenko", "supports", "russia", "alleged")}


def test_accused_nominal_vorwuerfe_gegen(facts):
    found = facts("Kiews Vorwürfe gegen Minsk wiegen schwer.")
    assert {(s, p, o) for s, p, o, _ in found} == {("ukraine", "accused", "belarus")}


# -- sanctioned -----------------------------------------------------------------------------


def test_sanctioned_verhaengen_gegen(facts):
    assert ("usa", "sanctioned", "iran", "asserted") in facts(
        "Die USA verhängten neue Sanktionen gegen Iran.")


def test_sanctioned_coordinated_objects(facts):
    found = facts("Großbritannien beschloss neue Sanktionen gegen Iran und Belarus.")
    assert found >= {("uk", "sanctioned", "iran", "asserted"),
                     ("uk", "sanctioned", "belarus", "asserted")}


def test_sanctioned_passive_belegen(facts):
    assert ("eu", "sanctioned", "iran", "asserted") in facts(
        "Iran wurde von der EU mit Sanktionen belegt.")


def test_sanctioned_nominal_compound_agent(facts):
    assert ("eu", "sanctioned", "belarus", "asserted") in facts(
        "Die EU-Sanktionen gegen Belarus wurden verlängert.")


# -- invaded --------------------------------------------------------------------------------


def test_invaded_separable_einmarschieren(facts):
    assert ("russia", "invaded", "ukraine", "asserted") in facts(
        "Russland marschierte im Februar 2022 in die Ukraine ein.")


def test_invaded_separable_angreifen(facts):
    assert ("russia", "invaded", "ukraine", "asserted") in facts("Russland griff die Ukraine an.")


def test_invaded_nominal_russische_invasion_in(facts):
    assert ("russia", "invaded", "ukraine", "asserted") in facts(
        "Die russische Invasion in der Ukraine begann vor über zwei Jahren.")


def test_invaded_nominal_angriffskrieg_gegen(facts):
    assert ("russia", "invaded", "ukraine", "asserted") in facts(
        "Der russische Angriffskrieg gegen die Ukraine dauert an.")


def test_invaded_subject_must_be_a_state(facts):
    assert not any(f[1] == "invaded" for f in facts("Putin griff Selenskyj scharf an."))
