"""Clauses and the arguments in them: where a cue's subject and object may stand.

German marks a noun phrase's role by preposition and determiner more than by position, so
each reference in a clause gets a *case*: the preposition that governs it (``prep:nach``),
``dat``/``acc``/``gen`` from its determiner, or ``""`` when nothing marks it (then it may be
a subject or a bare object). References joined by *und*, *sowie* or commas form a group.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.coref import Ref
from kg.extract.lexicon import Lexicon
from kg.text import fold

# In long unpunctuated text (transcripts), these words open a new clause even without a comma.
SPOKEN_BOUNDARIES = {"dass", "weil", "also", "aber", "wenn", "obwohl", "da", "ich", "und zwar"}
#: Kinds of reference that can fill a verb's subject or object slot.
ARGUMENT_KINDS = {"name", "metonym", "demonym", "role", "pronoun", "group", "partial", "new",
                  "description", "government", "genitive", "partial-genitive"}


@dataclass
class Arg:
    """A reference as a possible argument in one clause."""

    ref: Ref
    case: str
    group: int

    @property
    def ids(self) -> tuple[str, ...]:
        return self.ref.ids


@dataclass
class Clause:
    start: int
    end: int
    args: list[Arg] = field(default_factory=list)

    def groups(self) -> list[list[Arg]]:
        out: dict[int, list[Arg]] = {}
        for arg in self.args:
            out.setdefault(arg.group, []).append(arg)
        return list(out.values())


def is_unpunctuated(sent: Span) -> bool:
    """A long stretch with almost no commas: spoken text transcribed without punctuation."""
    commas = sum(1 for t in sent if t.text == ",")
    return len(sent) > 60 and commas * 30 < len(sent)


def clause_spans(sent: Span, lex: Lexicon) -> list[tuple[int, int]]:
    """Token ranges of the clauses of a sentence."""
    gram = lex.grammar
    spoken = is_unpunctuated(sent)
    bounds = [sent.start]
    for tok in sent:
        if tok.i == sent.start:
            continue
        low = fold(tok.text)
        if tok.text in gram.clause_breaks:
            bounds.append(tok.i + 1)
        elif low in gram.subordinators and tok.i > sent.start and sent.doc[tok.i - 1].text == ",":
            bounds.append(tok.i)
        elif low in RELATIVE_PRONOUNS and sent.doc[tok.i - 1].text == "," and \
                _relative_clause(sent, tok.i):
            bounds.append(tok.i)
        elif tok.text == "," and tok.i > sent.start and \
                fold(sent.doc[tok.i - 1].lemma_ or sent.doc[tok.i - 1].text) in gram.speech_verbs:
            bounds.append(tok.i + 1)
        elif spoken and low in SPOKEN_BOUNDARIES:
            bounds.append(tok.i)
    bounds.append(sent.end)
    spans = []
    for a, b in zip(bounds, bounds[1:]):
        if b > a:
            spans.append((a, b))
    return spans


RELATIVE_PRONOUNS = {"der", "die", "das", "dem", "den", "deren", "dessen", "denen", "welche",
                     "welcher", "welches", "welchem", "welchen"}


def _relative_clause(sent: Span, i: int) -> bool:
    """", die Russland beliefern sollen," is a relative clause (it ends in a verb);
    ", der verstorbene Kim Jong-il," is an apposition (it ends in a name)."""
    doc = sent.doc
    j = i + 1
    while j < sent.end and doc[j].text not in {",", ".", ";", ":", "!", "?"}:
        j += 1
    last = doc[j - 1] if j - 1 > i else None
    if last is None or not last.is_alpha:
        return False
    after_hyphen = j - 2 > i and doc[j - 2].text in {"-", "‐", "‑"}
    return last.text[0].islower() and not after_hyphen


def case_of(doc: Doc, ref: Ref, lex: Lexicon, attributes: set[int] | None = None) -> str:
    """The preposition or determiner case that marks the noun phrase of ``ref``.

    ``attributes`` are token positions inside the same noun phrase that scanning passes
    over: genitive names and adjectives of states ("Russlands Präsident", "der russische").
    """
    gram = lex.grammar
    genitive = ref.kind in {"genitive", "partial-genitive"}
    j = ref.start - 1
    seen = 0
    while j >= 0 and seen < 6:
        tok: Token = doc[j]
        low = fold(tok.text)
        if tok.is_space or tok.text in {"«", "»", "„", "“", '"'} or j in (attributes or ()) \
                or (not genitive and lex.roles.office_of(tok.text)):
            j -= 1
            seen += 1
            continue
        if low in gram.prepositions:
            return "prep:" + gram.prepositions[low]
        if genitive:
            return "gen"
        if low in gram.determiners:
            mark = gram.determiners[low]
            prev = doc[j - 1] if j > 0 else None
            if prev is not None and fold(prev.text) in gram.prepositions:
                return "prep:" + gram.prepositions[fold(prev.text)]
            if low == "der" and prev is not None and prev.is_alpha and prev.text[0].isupper() \
                    and j - 1 not in (attributes or ()):
                return "gen"  # "im Osten der Ukraine": a genitive attribute of the noun before
            return mark
        if low in gram.np_fillers or (tok.is_alpha and tok.text[0].islower() and
                                      low not in gram.coordinators and not _verbish(tok)):
            j -= 1
            seen += 1
            continue
        return "gen" if genitive else ""
    return "gen" if genitive else ""


def _possessor(doc: Doc, ref: Ref) -> bool:
    """A genitive before a noun ("Russlands Präsident", "Putins Besuch") names an owner,
    not an argument of the verb."""
    nxt = doc[ref.end] if ref.end < len(doc) else None
    return nxt is not None and nxt.is_alpha and nxt.text[0].isupper()


def _verbish(tok: Token) -> bool:
    """Rough test for a finite verb or participle, so case scanning stops at it."""
    lemma = tok.lemma_ or tok.text
    return lemma != tok.text.lower() and lemma.endswith(("en", "ern", "eln")) and \
        not tok.text.endswith(("e", "en", "er", "es", "em")) or tok.text.startswith("ge")


def build_clause(doc: Doc, start: int, end: int, refs: list[Ref], lex: Lexicon) -> Clause:
    """The clause ``start:end`` with its argument references, cased and grouped."""
    clause = Clause(start, end)
    group = -1
    prev_end = None
    gram = lex.grammar
    words_used: dict[int, set[str]] = {}
    attributes = {i for r in refs if r.kind in {"genitive", "partial-genitive", "adjective"}
                  or r.modifier for i in range(r.start, r.end + (1 if r.modifier else 0))}
    for ref in refs:
        if not (start <= ref.start < end) or ref.kind not in ARGUMENT_KINDS or ref.modifier:
            continue
        case = case_of(doc, ref, lex, attributes)
        if case == "gen" and _possessor(doc, ref):
            continue
        if ref.kind == "government":
            case = ""
        joined = False
        if prev_end is not None and clause.args:
            between = [t for t in doc[prev_end:ref.start] if not t.is_space]
            has_coord = any(fold(t.text) in gram.coordinators for t in between)
            allowed = all(t.i in attributes or fold(t.text) in gram.coordinators
                          or fold(t.text) in gram.np_fillers
                          or fold(t.text) in gram.determiners or lex.roles.office_of(t.text)
                          or (t.is_alpha and t.text[0].islower() and fold(t.text) not in
                              gram.prepositions and not _verbish(t)) or t.text in {"-", "«", "»"}
                          for t in between)
            joined = has_coord and allowed and len(between) <= 6 and case != "gen"
            if joined:
                words_used.setdefault(group, set()).update(
                    fold(t.text) for t in between if fold(t.text) in gram.coordinators)
        if joined:
            case = clause.args[-1].case
        else:
            group += 1
        clause.args.append(Arg(ref, case, group))
        prev_end = ref.end
    _split_comma_only_groups(clause, words_used)
    return clause


def _split_comma_only_groups(clause: Clause, words_used: dict[int, set[str]]) -> None:
    """"Donezk, Luhansk und Cherson" is a list; "China, Russland zu beliefern" is not: a group
    joined by commas alone is taken apart again."""
    comma_only = {g for g, words in words_used.items() if words == {","}}
    if not comma_only:
        return
    next_group = max(a.group for a in clause.args) + 1
    seen: set[int] = set()
    for arg in clause.args:
        if arg.group in comma_only:
            if arg.group in seen:
                arg.group = next_group
                next_group += 1
            else:
                seen.add(arg.group)
