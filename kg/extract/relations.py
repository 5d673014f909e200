"""Statements from cue words: verbs with their subject and object, and nominalisations.

The cues and their argument frames are data (``data/lexicons/relations.toml``); this module
only knows German clause shape: a verb's subject is the first unmarked noun phrase of its
clause, its object the next one or the one after the frame's preposition; a passive's agent
stands after *von*; a separable verb's particle stands at the clause end (*erkannte … an*);
a nominalisation's agent stands before it (*Putins Besuch*, *die russische Invasion*) and its
object after a preposition (*Besuch in Nordkorea*, *Sanktionen gegen Pjöngjang*).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.config import load_settings
from kg.extract.clauses import Arg, Clause
from kg.extract.coref import Ref
from kg.extract.lexicon import Lexicon, NounCue, VerbCue
from kg.nlp.sentences import sentence_bounds
from kg.text import fold

PASSIVE_AGENT = {"prep:von", "prep:durch"}
#: Relations whose object is a place: "besuchte Peking" is a visit to the city.
PLACE_OBJECTS = {"visited"}
ALSO = {"ebenfalls", "auch"}
LIGHT_VERB_OBJECTS = {"vereinbarung", "vereinbarungen", "entscheidung", "entscheidungen",
                      "massnahmen", "vorkehrungen", "absprachen", "auswahl", "vorbereitungen"}


@dataclass(frozen=True)
class Candidate:
    """A statement before modality, time and place are attached."""

    subject: str
    predicate: str
    object: str
    cue: int  # token index of the cue word
    rule: str
    confidence: float


_VERB_ENDINGS = ("test", "tet", "ten", "te", "et", "st", "t", "en", "e", "n")


def verb_keys(tok: Token) -> list[str]:
    """Infinitives a verb form may belong to: the lemmatiser's, then ones built from the
    surface form, since a lookup lemmatiser can mistake "weiten" for the adjective "weit"."""
    return _verb_keys(tok.text, tok.lemma_)


@lru_cache(maxsize=1)
def _strong_verbs() -> dict[str, str]:
    path = load_settings().lexicon_dir / "strong_verbs.toml"
    return {fold(k): fold(v) for k, v in tomllib.loads(path.read_text("utf-8")).items()}


@lru_cache(maxsize=50_000)
def _verb_keys(surface: str, lemma: str) -> list[str]:
    text = fold(surface)
    keys = [fold(lemma)] if lemma else []
    keys.append(text)
    strong = _strong_verbs()
    for stem in (text, text[:-2] if text.endswith("en") else text, text[:-1] if text.endswith(("t", "n")) else text,
                 text[:-2] if text.endswith("st") else text):
        if stem in strong:
            keys.append(strong[stem])
    if text.startswith("ge") and len(text) > 5:  # participles: "gedankt" → "danken"
        if text.endswith("t"):
            keys.append(text[2:-1] + "en")
        elif text.endswith("en"):
            keys.append(text[2:])
    for ending in _VERB_ENDINGS:
        if text.endswith(ending) and len(text) - len(ending) >= 3:
            stem = text[: -len(ending)]
            keys += [stem + "en", stem + "n"]
    return list(dict.fromkeys(keys))


_NOUN_CACHE: dict[tuple[int, str], list[NounCue]] = {}


def noun_cues_for(lex: Lexicon, word: str) -> list[NounCue]:
    """Cues for a folded noun, also as the head of a compound ("Staatsbesuch" → Besuch)."""
    cache_key = (id(lex), word)
    if cache_key not in _NOUN_CACHE:
        cues = lex.noun_index.get(word)
        if cues is None:
            cues = next((value for key, value in lex.noun_index.items()
                         if len(key) >= 5 and len(word) - len(key) >= 4 and word.endswith(key)), [])
        _NOUN_CACHE[cache_key] = cues
    return _NOUN_CACHE[cache_key]


class RelationReader:
    """Reads the statements of one sentence's clauses."""

    def __init__(self, doc: Doc, lex: Lexicon, etype, state_of_leader=None) -> None:  # noqa: ANN001
        self.doc = doc
        self.lex = lex
        self.etype = etype
        #: "Kim schickte Soldaten": a leader acting where only states act stands for his state
        self.state_of_leader = state_of_leader or (lambda person: None)

    # -- shared ---------------------------------------------------------------------------
    def _emit(self, out: list[Candidate], relation: str, subjects: list[str], objects: list[str],
              cue: int, rule: str, confidence: float) -> None:
        subject_types = self.lex.types[relation][0]
        for s in subjects:
            if self.etype(s) is not None and self.etype(s).value == "Person" and \
                    "Person" not in subject_types:
                s = self.state_of_leader(s) or s
            for o in objects:
                if s == o:
                    continue
                st, ot = self.etype(s), self.etype(o)
                if st is None or ot is None or not self.lex.allows(relation, st.value, ot.value):
                    continue
                out.append(Candidate(s, relation, o, cue, rule, confidence))

    def _pairwise(self, out: list[Candidate], relation: str, ids: list[str], cue: int,
                  rule: str, confidence: float) -> None:
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                self._emit(out, relation, [ids[a]], [ids[b]], cue, rule, confidence)

    @staticmethod
    def _ids(group: list[Arg], places: bool = False) -> list[str]:
        """Entity ids of a group; with ``places``, a capital stands for itself, not its state."""
        return [arg.ref.place if places and arg.ref.place else i for arg in group for i in arg.ids]

    # -- verbs ----------------------------------------------------------------------------
    def verb_cues(self, clause: Clause) -> list[tuple[Token, VerbCue]]:
        doc, lex = self.doc, self.lex
        tokens = doc[clause.start:clause.end]
        bounds = sentence_bounds(doc)
        found = []
        for tok in tokens:
            if not tok.is_alpha or (tok.text[0].isupper() and bounds[tok.i][0] != tok.i):
                continue
            cues: list[VerbCue] = []
            keys = verb_keys(tok)
            if not any(k in lex.verb_index or k in lex.separable_bases for k in keys):
                continue
            particle = self._particle_after(tok, clause) if any(
                k in lex.separable_bases for k in keys) else None
            if particle:
                cues = next((lex.verb_index[f"{particle}|{k}"] for k in keys
                             if f"{particle}|{k}" in lex.verb_index), [])
            if not cues:
                cues = next((lex.verb_index[k] for k in keys if k in lex.verb_index), [])
            for cue in cues:
                if self._requirements_met(cue, clause, tok):
                    found.append((tok, cue))
        return found

    def _particle_after(self, tok: Token, clause: Clause) -> str | None:
        """The separable particle of a finite verb: a particle word that closes the clause
        or stands before a comma (*sicherte … zu.*, *werfen … vor, …*)."""
        doc = self.doc
        for j in range(tok.i + 1, clause.end):
            t = doc[j]
            low = fold(t.text)
            if low in self.lex.particles:
                nxt = doc[j + 1] if j + 1 < len(doc) else None
                if nxt is None or nxt.is_punct or nxt.is_space or fold(nxt.text) in {"und", "sowie"} \
                        or j + 1 >= clause.end:
                    return low
        return None

    def _requirements_met(self, cue: VerbCue, clause: Clause, tok: Token) -> bool:
        words = [fold(t.text) for t in self.doc[clause.start:clause.end] if t.is_alpha]
        start, end = sentence_bounds(self.doc)[tok.i]
        if cue.relation == "met" and any(fold(t.text) in LIGHT_VERB_OBJECTS for t in self.doc[start:end]):
            return False  # "Vereinbarungen, die … getroffen hätten": making, not meeting
        if not cue.requires:
            return True
        return any(w.endswith(req) for w in words for req in cue.requires)

    def is_passive(self, tok: Token, clause: Clause) -> bool:
        doc = self.doc
        aux = self.lex.grammar.passive_aux
        if not (tok.text.startswith("ge") or tok.text.endswith(("t", "en"))):
            return False
        window = [fold(t.text) for t in doc[max(clause.start, tok.i - 12):min(clause.end, tok.i + 3)]]
        return any(w in aux for w in window)

    def read_verb(self, clause: Clause, tok: Token, cue: VerbCue,
                  controller: tuple[list[str], int] | None) -> list[Candidate]:
        """Subject and object of one verb cue in its clause.

        ``controller`` is the object of an earlier *vorwerfen*-type verb and where its
        infinitive clause starts: "X wirft Y vor, Z zu beliefern" makes Y the subject there.
        """
        out: list[Candidate] = []
        groups = [g for g in clause.groups() if g[0].case != "gen"]
        agents = [g for g in groups if g[0].case in PASSIVE_AGENT]
        if self.is_passive(tok, clause) and (agents or self.doc[tok.i].text != self.doc[tok.i].lemma_):
            patients = [g for g in groups if g[0].case in {"", "acc", "dat"}]
            if agents and patients:
                self._emit(out, cue.relation, self._ids(agents[0]), self._ids(patients[0]),
                           tok.i, "verb-passive", 0.75)
            elif agents and len(self._ids(agents[0])) > 1 and cue.relation in SYMMETRIC:
                self._pairwise(out, cue.relation, self._ids(agents[0]), tok.i, "verb-passive", 0.7)
            return out
        attributive = self._attributive_agent(tok, clause, groups)
        if attributive is not None:
            agent, after = attributive
            obj = self._object(cue, [g for g in groups if g[0].ref.start > tok.i], after, agent, tok)
            if obj:
                self._emit(out, cue.relation, agent, obj, tok.i, "verb-attributive", 0.7)
            return out
        bare = [g for g in groups if g[0].case in {"", "acc", "dat"}]
        infinitive = self.is_infinitive(tok)
        if controller and infinitive and not cue.embedded:
            subjects, after = controller
            groups = [g for g in groups if g[0].ref.start > after]
            objects_pool = [g for g in bare if g[0].ref.start > after]
        elif not bare:
            return out
        else:
            subject = bare[0]
            subjects = self._ids(subject)
            objects_pool = [g for g in bare if g is not subject]
        particle_at = self._particle_position(tok, clause)
        if particle_at is not None:
            inside = [g for g in groups if tok.i < g[0].ref.start < particle_at]
            obj = self._object(cue, inside, [g for g in objects_pool if g in inside], subjects, tok)
        else:
            obj = self._object(cue, groups, objects_pool, subjects, tok)
        reciprocal = any(fold(t.text) == "sich" for t in self.doc[clause.start:clause.end])
        distant = obj is not None and self._distance(obj, tok) > 5
        if cue.relation in SYMMETRIC and len(subjects) > 1 and (reciprocal or not obj or distant):
            # "Die beiden sprachen … über einen Austausch mit Russland": they met each other
            self._pairwise(out, cue.relation, subjects, tok.i, "verb-coordinated", 0.8)
        elif cue.reverse and obj:
            self._emit(out, cue.relation, obj, subjects, tok.i, "verb-reverse", 0.7)
        elif obj:
            self._emit(out, cue.relation, subjects, obj, tok.i, "verb", 0.8)
        elif cue.adjective_object:
            adjective = self._adjective_after(tok, clause)
            if adjective:
                self._emit(out, cue.relation, subjects, [adjective], tok.i, "verb-adjective", 0.6)
        return out

    def is_infinitive(self, tok: Token) -> bool:
        """"zu liefern", "anzuerkennen", "geliefert zu haben"."""
        doc = self.doc
        before = fold(doc[tok.i - 1].text) if tok.i > 0 else ""
        after = [fold(t.text) for t in doc[tok.i + 1:tok.i + 3]]
        return before == "zu" or "zu" in fold(tok.text)[2:-2] and fold(tok.text) != fold(tok.lemma_) \
            or after[:1] == ["zu"]

    def _attributive_agent(self, tok: Token, clause: Clause,
                           groups: list[list[Arg]]) -> tuple[list[str], list[list[Arg]]] | None:
        """A participle used as an adjective: "die von Russland unterstützten Volksrepubliken
        Donezk und Luhansk" gives the agent (before) and the bare groups after it."""
        text = fold(tok.text)
        if not text.endswith(("te", "ten", "tes", "ter", "tem", "ene", "enen")):
            return None
        nxt = next((t for t in self.doc[tok.i + 1:clause.end] if t.text not in {"„", "“", "«", "»", '"'}), None)
        if nxt is None or not nxt.is_alpha or not nxt.text[0].isupper():
            return None
        agents = [g for g in groups if g[0].case in PASSIVE_AGENT and tok.i - 4 <= g[-1].ref.end <= tok.i]
        if not agents and not text.startswith("ge"):
            return None
        after = [g for g in groups if g[0].case in {"", "acc", "dat"} and tok.i < g[0].ref.start <= tok.i + 4]
        return (self._ids(agents[0]) if agents else [], after)

    def _distance(self, ids: list[str], tok: Token) -> int:
        """Tokens between a cue and the nearest reference to one of ``ids``."""
        refs = getattr(self, "refs", [])
        return min((abs(r.start - tok.i) for r in refs if set(r.ids) & set(ids)), default=0)

    def embedded_object(self, clause: Clause, tok: Token) -> list[str]:
        """Whom "wirft … vor" accuses: the nearest bare noun phrase after the verb, also
        when the accuser is no entity ("Ein Sprecher warf Peking vor, …")."""
        after = [g for g in clause.groups() if g[0].case in {"", "acc", "dat"} and g[0].ref.start > tok.i]
        return self._ids(after[0]) if after else []

    def _particle_position(self, tok: Token, clause: Clause) -> int | None:
        particle = self._particle_after(tok, clause)
        if particle is None:
            return None
        return next((t.i for t in self.doc[tok.i + 1:clause.end] if fold(t.text) == particle), None)

    def _object(self, cue: VerbCue, groups: list[list[Arg]], bare: list[list[Arg]],
                subjects: list[str], tok: Token | None = None) -> list[str] | None:
        """The object group nearest the cue among those its frame allows."""
        options: list[tuple[int, int, list[str]]] = []
        for rank, slot in enumerate(cue.objects):
            pool = bare if slot == "np" else [g for g in groups if g[0].case == slot]
            for g in pool:
                ids = [i for i in self._ids(g, places=cue.relation in PLACE_OBJECTS)
                       if i not in subjects]
                if ids and self._fits(cue.relation, ids):
                    distance = abs(g[0].ref.start - tok.i) if tok is not None else 0
                    options.append((distance, rank, ids))
        return min(options, key=lambda o: (o[0], o[1]))[2] if options else None

    def _fits(self, relation: str, objects: list[str]) -> bool:
        object_types = self.lex.types[relation][1]
        return any((self.etype(o) is not None and self.etype(o).value in object_types)
                   for o in objects)

    def _adjective_after(self, tok: Token, clause: Clause) -> str | None:
        refs = getattr(self, "refs", [])
        for ref in refs:
            if ref.kind == "adjective" and tok.i < ref.start < min(tok.i + 6, clause.end):
                return ref.ids[0]
        return None

    # -- nouns ----------------------------------------------------------------------------
    def noun_cues(self, clause: Clause) -> list[tuple[Token, NounCue]]:
        found = []
        for tok in self.doc[clause.start:clause.end]:
            if not tok.is_alpha or not tok.text[0].isupper():
                continue
            for cue in noun_cues_for(self.lex, fold(tok.text)):
                found.append((tok, cue))
        return found

    def read_noun(self, clause: Clause, tok: Token, cue: NounCue, refs: list[Ref],
                  subject_ids: list[str] | None) -> list[Candidate]:
        """Agent and object of a nominalisation."""
        out: list[Candidate] = []
        doc = self.doc
        agent: list[str] = []
        obj: list[str] = []
        genitive: list[str] = []
        args_after = [a for a in clause.args if a.ref.start > tok.i]
        # compound: "Nordkorea-Besuch", "UN-Sanktionen"
        if tok.i >= 2 and doc[tok.i - 1].text in {"-", "‐", "‑"}:
            mod = next((r for r in refs if r.end == tok.i - 1 and r.modifier), None)
            if mod and cue.compound == "object":
                obj = list(mod.ids)
            elif mod and cue.compound == "agent":
                agent = list(mod.ids)
        # before the noun: genitive, possessive or adjective ("Putins", "seine", "russische")
        compound_tokens = {i for r in refs if r.modifier and r.end == tok.i - 1
                           for i in range(r.start, r.end + 1)}
        for ref in reversed([r for r in refs if r.end <= tok.i and r.start >= tok.i - 5
                             and r.start >= clause.start]):
            if ref.start in compound_tokens:
                continue
            if ref.kind in {"genitive", "partial-genitive", "possessive", "adjective"} and not agent:
                if all(t.i in compound_tokens or (t.is_alpha and t.text[0].islower())
                       for t in doc[ref.end:tok.i]):
                    agent = list(ref.ids)
            break
        # prenominal participle phrase: "vom UN-Sicherheitsrat gegen Nordkorea verhängte Sanktionen"
        for arg in reversed([a for a in clause.args if a.ref.end <= tok.i and a.ref.start >= tok.i - 8]):
            if not self._attributive_path(arg.ref.end, tok.i, refs):
                break
            if arg.case in {"prep:von", "prep:durch"} and not agent:
                agent = list(arg.ids)
            elif arg.case.startswith("prep:") and arg.case[5:] in cue.object_preps and not obj:
                obj = list(arg.ids)
        # after the noun: "zwischen X und Y", "von X", "in X", genitive "Russlands"
        for arg in args_after:
            if arg.ref.start > tok.i + 9:
                break
            if arg.case == "prep:zwischen" and cue.symmetric_between:
                group = [i for a in clause.args if a.group == arg.group for i in a.ids]
                self._pairwise(out, cue.relation, group, tok.i, "noun-between", 0.75)
                return out
            if arg.case == "prep:von" and not agent:
                agent = list(arg.ids)
            elif arg.case.startswith("prep:") and arg.case[5:] in cue.object_preps and not obj:
                obj = [i for a in clause.args if a.group == arg.group for i in a.ids]
            elif arg.case == "gen" and arg.ref.start <= tok.i + 3 and cue.genitive_after:
                genitive = genitive or list(arg.ids)
        if genitive:
            # "die Invasion der Ukraine" (object), "der Einmarsch Russlands in die Ukraine"
            # (agent, since a preposition already names the object), "Besuch Putins" (agent)
            wants_object = cue.genitive_after == "object" or (
                cue.genitive_after == "object_if_agent" and agent)
            if wants_object and not obj:
                obj = genitive
            elif not agent:
                agent = genitive
        if not obj and cue.genitive_after:
            adj = self._genitive_adjective(tok, refs)
            if adj and (cue.genitive_after == "object" or agent):
                obj = [adj]
        if cue.only_between:
            return out
        if not agent and cue.agent_from_subject and subject_ids:
            agent = [i for i in subject_ids if i not in obj]
        if agent and obj:
            self._emit(out, cue.relation, agent, obj, tok.i, "noun", 0.7)
        return out

    def _attributive_path(self, start: int, noun: int, refs: list[Ref]) -> bool:
        """Whether ``doc[start:noun]`` can be the rest of an attribute before a noun:
        prepositions, names and inflected participles ("gegen Nordkorea verhängte")."""
        covered = {i for r in refs for i in range(r.start, r.end)}
        preps = self.lex.grammar.prepositions
        for t in self.doc[start:noun]:
            low = fold(t.text)
            if t.i in covered or low in preps or t.text in {"-", "‐", "‑"}:
                continue
            if t.is_alpha and t.text[0].islower() and low.endswith(("te", "ten", "ene", "enen", "ter", "tes")):
                continue
            return False
        return True

    def _genitive_adjective(self, tok: Token, refs: list[Ref]) -> str | None:
        """"Unterstützung des russischen Vorgehens": the state in a genitive noun phrase."""
        doc = self.doc
        if tok.i + 2 < len(doc) and fold(doc[tok.i + 1].text) in {"des", "der", "eines"}:
            ref = next((r for r in refs if r.start == tok.i + 2 and r.kind == "adjective"), None)
            if ref:
                return ref.ids[0]
        return None


SYMMETRIC = {"met", "signedAgreementWith", "cooperatesWith", "brokeRelationsWith"}


def also_subjects(clause: Clause, doc: Doc) -> list[str]:
    """"nach Russland und Syrien ebenfalls": further subjects that did the same before."""
    for group in clause.groups():
        if group[0].case != "prep:nach":
            continue
        end = group[-1].ref.end
        following = [fold(t.text) for t in doc[end:end + 2]]
        if any(w in ALSO for w in following):
            return [i for a in group for i in a.ids]
    return []


