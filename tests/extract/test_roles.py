"""kg.extract.roles: statements made by naming — offices (leaderOf), advisers (advisorOf) and
kinship (parentOf)."""
from __future__ import annotations

import pytest

from kg.extract.coref import RoleFact
from kg.extract.roles import role_statements

# -- leaderOf ---------------------------------------------------------------------------------


def test_leader_of_adjective_role_and_name(facts):
    found = facts("Der ukrainische Präsident Wolodymyr Selenskyj reiste nach Washington.")
    assert ("zelensky", "leaderOf", "ukraine", "asserted") in found
    assert ("zelensky", "visited", "washington", "asserted") in found


def test_leader_of_genitive_state_before_role(facts):
    assert ("pezeshkian", "leaderOf", "iran", "asserted") in facts(
        "Irans Präsident Massud Peseschkian traf Putin in Moskau.")


def test_leader_of_genitive_state_after_role(facts):
    found = facts("Der Präsident Frankreichs reiste nach Kiew.")
    assert ("macron", "leaderOf", "france", "asserted") in found
    assert ("macron", "visited", "kyiv", "asserted") in found


def test_leader_of_compound_role_carries_its_state(facts):
    assert ("putin", "leaderOf", "russia", "asserted") in facts(
        "Kremlchef Wladimir Putin empfing Lukaschenko.")


def test_leader_of_role_without_state_takes_the_gazetteer_office(facts):
    assert ("lukashenko", "leaderOf", "belarus", "asserted") in facts(
        "Präsident Lukaschenko traf Xi Jinping.")


def test_leader_of_new_person_named_after_state_role(facts):
    found = facts("Der moldauische Regierungschef Dorin Recean reiste nach Kiew.")
    assert ("dorin_recean", "leaderOf", "moldova", "asserted") in found


def test_other_offices_make_no_leader(facts):
    found = facts("Der russische Außenminister Sergej Lawrow reiste nach Pjöngjang.")
    assert not any(f[1] == "leaderOf" for f in found)
    assert ("lavrov", "visited", "pyongyang", "asserted") in found


# -- advisorOf --------------------------------------------------------------------------------


def test_advisor_of_genitive_owner(facts):
    found = facts("Putins Berater Juri Uschakow reiste nach Peking.")
    assert ("ushakov", "advisorOf", "putin", "asserted") in found


def test_advisor_of_new_person(facts):
    assert ("mychajlo_podoljak", "advisorOf", "zelensky", "asserted") in facts(
        "Selenskyjs Berater Mychajlo Podoljak kritisierte Minsk.")


def test_advisor_needs_an_owner(facts):
    assert not any(f[1] == "advisorOf" for f in facts("Der Berater Juri Uschakow traf Kim."))


# -- parentOf ---------------------------------------------------------------------------------


def test_parent_of_possessive_child(facts):
    assert ("kim_jong_un", "parentOf", "kim_ju_ae", "asserted") in facts(
        "Kim Jong Un und seine Tochter Kim Ju Ae besuchten eine Raketenfabrik.")


def test_parent_of_possessive_parent_in_apposition(facts):
    found = facts("Kim Jong Un besuchte Wladiwostok. Sein Vater, Kim Jong Il, war ebenfalls "
                  "dort gewesen.")
    assert ("kim_jong_il", "parentOf", "kim_jong_un", "asserted") in found


def test_parent_of_sohn_von_before_the_name(facts):
    assert ("kim_jong_il", "parentOf", "kim_jong_un", "asserted") in facts(
        "Der Sohn von Kim Jong Il, Kim Jong Un, regiert seit 2011.")


def test_parent_of_name_then_tochter_von(facts):
    assert ("kim_jong_il", "parentOf", "kim_yo_jong", "asserted") in facts(
        "Kim Yo Jong, die Tochter von Kim Jong Il, warnte Seoul vor Provokationen.")


# -- the function itself -----------------------------------------------------------------------


def test_role_statements_from_role_facts():
    facts_ = [RoleFact("macron", "leader", "france", 0, 0, 3),
              RoleFact("ushakov", "advisor", None, 0, 4, 7, possessor="putin"),
              RoleFact("lavrov", "foreign_minister", "russia", 0, 8, 10),
              RoleFact("someone", "leader", None, 0, 11, 12),
              RoleFact("other", "advisor", None, 0, 13, 14)]
    assert [(c.subject, c.predicate, c.object) for c in role_statements(facts_)] == [
        ("macron", "leaderOf", "france"), ("ushakov", "advisorOf", "putin")]
