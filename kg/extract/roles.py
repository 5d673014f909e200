"""Statements stated by naming: offices (*der russische Präsident Putin* → leaderOf),
advisers (*Putins Berater Uschakow* → advisorOf) and kinship (*sein Vater, Kim Jong Il*)."""
from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.coref import Ref, RoleFact
from kg.extract.lexicon import Lexicon
from kg.extract.relations import Candidate
from kg.text import fold


def role_statements(facts: list[RoleFact]) -> list[Candidate]:
    """leaderOf and advisorOf from the role facts coreference collected."""
    out = []
    for fact in facts:
        if fact.office == "leader" and fact.country:
            out.append(Candidate(fact.person, "leaderOf", fact.country, fact.start, "role-noun", 0.9))
        elif fact.office == "advisor" and fact.possessor:
            out.append(Candidate(fact.person, "advisorOf", fact.possessor, fact.start, "role-noun", 0.85))
    return out


def kinship_statements(doc: Doc, refs: list[Ref], lex: Lexicon, etype) -> list[Candidate]:  # noqa: ANN001
    """"Sein Vater, der verstorbene Kim Jong Il" and "Kim Jong Un, Sohn von Kim Jong Il"."""
    out = []
    roles = lex.roles
    persons = [r for r in refs if len(r.ids) == 1 and etype(r.ids[0]) is not None
               and etype(r.ids[0]).value == "Person"]
    for tok in doc:
        low = fold(tok.text)
        if low not in roles.parent and low not in roles.child:
            continue
        owner = next((r for r in persons if r.end == tok.i and
                      r.kind in {"possessive", "genitive", "partial-genitive"}), None)
        if owner is None:
            after_von = next((r for r in persons if r.start in {tok.i + 2, tok.i + 3}
                              and fold(doc[tok.i + 1].text) == "von"), None)
            owner = after_von
        named = None
        for r in persons:
            if tok.i < r.start <= tok.i + 6 and r is not owner and \
                    all(not t.is_punct or t.text == "," for t in doc[tok.i + 1:r.start]):
                named = r
                break
        if named is None and owner is not None and owner.kind not in {"possessive", "genitive",
                                                                      "partial-genitive"}:
            # "Kim Yo Jong, die Tochter von Kim Jong Il": the apposition's head is named first
            named = next((r for r in reversed(persons) if r.end <= tok.i - 1 and
                          all(t.text == "," or fold(t.text) in {"der", "die", "des", "dem"}
                              for t in doc[r.end:tok.i])), None)
        if owner is None or named is None or owner.ids[0] == named.ids[0]:
            continue
        if low in roles.parent:
            out.append(Candidate(named.ids[0], "parentOf", owner.ids[0], tok.i, "kinship", 0.8))
        else:
            out.append(Candidate(owner.ids[0], "parentOf", named.ids[0], tok.i, "kinship", 0.8))
    return out
