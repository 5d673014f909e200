"""How a clause presents what it says: asserted, alleged, denied or planned."""
from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.lexicon import Lexicon
from kg.nlp.sentences import sentence_bounds
from kg.model import Modality
from kg.text import fold


def _separable_denial(forms: set[str], pairs: tuple[tuple[str, str], ...]) -> bool:
    """"wies … zurück": a denial verb whose particle stands apart."""
    return any(particle in forms and stem in forms for particle, stem in pairs)


def clause_modality(doc: Doc, start: int, end: int, lex: Lexicon, cue: int | None = None,
                    lookback: int = 8, ahead: int = 6) -> Modality:
    """Modality from cue words in ``doc[start:end]`` (and hedges just before it).

    Denial and negation win over allegation, allegation over plans; a negated statement is
    never asserted. Negation counts near the cue (``cue``), since a long clause may negate
    something else; plans up to ``ahead`` words after it ("Ein Treffen … ist geplant").
    """
    # the cue word itself never qualifies its own statement ("beschuldigt" is an accusation)
    words = [t for t in doc[start:end] if t.is_alpha and t.i != cue]
    forms = {fold(t.text) for t in words} | {fold(t.lemma_) for t in words if t.lemma_}
    near = words if cue is None else [t for t in words if cue - 6 <= t.i <= cue + 3]
    wide = words if cue is None else [t for t in words if cue - 12 <= t.i <= cue + 4]
    mod = lex.modality
    wide_forms = {fold(t.text) for t in wide} | {fold(t.lemma_) for t in wide if t.lemma_}
    if wide_forms & mod.denied or {fold(t.text) for t in near} & lex.grammar.negation \
            or _separable_denial(wide_forms, mod.denied_separable):
        return Modality.DENIED
    sentence_start = sentence_bounds(doc)[start][0]
    context = " ".join(fold(t.text) for t in doc[max(sentence_start, start - lookback):end]
                       if not t.is_space)
    if forms & mod.alleged or any(h in context for h in mod.hedges):
        if "werden" in forms and forms & {"soll", "sollen"}:
            return Modality.PLANNED
        return Modality.ALLEGED
    around = words if cue is None else [t for t in words if cue - 8 <= t.i <= cue + ahead]
    if ({fold(t.text) for t in around} | {fold(t.lemma_) for t in around if t.lemma_}) & mod.planned:
        return Modality.PLANNED
    return Modality.ASSERTED


#: Verbs of saying that frame what follows as someone's claim or denial.
CLAIM_VERBS = frozenset({"behaupten", "vorwerfen", "beschuldigen", "werfen", "unterstellen",
                         "vermuten", "mutmassen", "spekulieren"})


def framing_modality(doc: Doc, start: int, end: int, lex: Lexicon) -> Modality | None:
    """How a clause frames the clause it introduces: "X bestritt, dass …" makes what follows
    denied, "X behauptet, dass …" alleged; None when it frames nothing."""
    words = [t for t in doc[start:end] if t.is_alpha]
    forms = {fold(t.text) for t in words} | {fold(t.lemma_) for t in words if t.lemma_}
    if forms & lex.modality.denied or _separable_denial(forms, lex.modality.denied_separable):
        return Modality.DENIED
    if forms & CLAIM_VERBS:
        return Modality.ALLEGED
    return None
