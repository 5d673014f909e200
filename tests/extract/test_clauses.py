"""kg.extract.clauses: clause boundaries in a sentence, and each argument's case and group."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract.clauses import build_clause, clause_spans, is_unpunctuated
from kg.model import Article


@pytest.fixture(scope="module")
def clauses(extractor):
    """Clause texts of the first sentence, each with its arguments as (text, ids, case, group)."""
    def run(text: str) -> list[tuple[str, list[tuple[str, tuple[str, ...], str, int]]]]:
        reading = extractor.read(Article(source="t.txt", text=text, published=date(2024, 6, 19)))
        doc = reading.doc
        sent = next(iter(doc.sents))
        out = []
        for a, b in clause_spans(sent, extractor.lex):
            clause = build_clause(doc, a, b, reading.resolution.refs, extractor.lex)
            out.append((doc[a:b].text, [(doc[g.ref.start:g.ref.end].text, g.ids, g.case, g.group)
                                        for g in clause.args]))
        return out
    return run


def test_dass_opens_a_clause(clauses):
    found = clauses("Die Regierung in Kiew teilte mit, dass Belarus Russland unterstützt.")
    assert [text for text, _ in found] == ["Die Regierung in Kiew teilte mit,",
                                           "dass Belarus Russland unterstützt."]
    subject, obj = found[1][1]
    assert (subject[1], obj[1]) == (("belarus",), ("russia",))
    assert subject[3] != obj[3], "subject and object are separate groups"


def test_comma_after_a_speech_verb_opens_the_reported_clause(clauses):
    found = clauses("Lukaschenko erklärte, Minsk stehe fest an der Seite Moskaus.")
    assert [text for text, _ in found] == ["Lukaschenko erklärte,",
                                           "Minsk stehe fest an der Seite Moskaus."]


def test_semicolon_breaks_a_clause(clauses):
    found = clauses("Xi Jinping sprach mit Putin; danach reiste er nach Minsk.")
    assert len(found) == 2
    assert found[1][1][-1][1:3] == (("minsk",), "prep:nach")


def test_comma_inside_a_noun_phrase_list_does_not_open_a_clause(clauses):
    found = clauses("Iran, Belarus und Nordkorea unterstützen Russland.")
    assert len(found) == 1
    args = found[0][1]
    assert [a[1] for a in args] == [("iran",), ("belarus",), ("north_korea",), ("russia",)]
    assert len({a[3] for a in args[:3]}) == 1, "the coordinated states form one group"
    assert args[3][3] != args[0][3]


def test_cases_from_prepositions_and_determiners(clauses):
    [(_, args)] = clauses("Deutschland sicherte dem Iran mit Frankreich Hilfe gegen Russland zu.")
    cases = {a[1][0]: a[2] for a in args}
    assert cases == {"germany": "", "iran": "dat", "france": "prep:mit", "russia": "prep:gegen"}


def test_genitive_attribute_after_a_noun(clauses):
    [(_, args)] = clauses("Im Osten der Ukraine kämpfen Soldaten aus Nordkorea.")
    assert [(a[1], a[2]) for a in args] == [(("ukraine",), "gen"), (("north_korea",), "prep:aus")]


def test_genitive_owner_before_a_noun_is_no_argument(clauses):
    [(_, args)] = clauses("Russlands Präsident traf Lukaschenko.")
    assert ("russia",) not in [a[1] for a in args]


def test_government_reference_is_a_bare_subject(clauses):
    [(_, args), _] = clauses("Die Führung in Teheran erklärte, man sei bereit.")
    assert [(a[1], a[2]) for a in args] == [(("iran",), "")]


def test_long_sentence_without_commas_is_unpunctuated(extractor):
    spoken = " ".join(["also ich glaube dass die Lage in Kursk sehr schwierig ist und dass"] * 6)
    written = "Iran liefert Drohnen an Russland, sagte ein Sprecher in Kiew."
    assert is_unpunctuated(next(iter(extractor.nlp(spoken).sents)))
    assert not is_unpunctuated(next(iter(extractor.nlp(written).sents)))
