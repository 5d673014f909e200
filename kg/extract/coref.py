"""Resolve every way an article refers to an entity into :class:`Ref` values.

Mentions found by the NLP stage are names; news text also refers by capital city
(*Pjöngjang* for North Korea's government), by surname alone (*Kim* after *Kim Jong Un*),
by office (*der Kremlchef*, *der russische Präsident*), by pronoun (*er*, *sein*), and by
group (*die beiden*, *beide Länder*). Resolution is within the article, left to right.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token

from kg.extract.lexicon import Lexicon
from kg.model import Entity, EntityType
from kg.nlp.entities import RawMention
from kg.ontology import Gazetteer
from kg.text import fold, slug

LOCATIVE = {"in", "nach", "aus", "bei", "nahe", "richtung"}
HYPHENS = {"-", "‐", "‑"}


@dataclass
class Ref:
    """A resolved reference: tokens ``start:end`` of the doc stand for ``ids``."""

    start: int
    end: int
    ids: tuple[str, ...]
    kind: str
    sentence: int
    modifier: bool = False  # first part of a hyphen compound ("UN-Sanktionen")
    role: str | None = None
    place: str | None = None  # the city behind a capital read as its state ("besuchte Peking")


@dataclass(frozen=True)
class RoleFact:
    """"Der russische Präsident Wladimir Putin": person, office and state, as the text says."""

    person: str
    office: str
    country: str | None
    sentence: int
    start: int
    end: int
    former: bool = False
    possessor: str | None = None  # "Putins Berater Juri Uschakow" → putin


@dataclass
class Resolution:
    refs: list[Ref] = field(default_factory=list)
    roles: list[RoleFact] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    state_of_leader: Callable[[str | None], str | None] = lambda person: None


class Resolver:
    """One article's coreference state; call :meth:`run` once."""

    def __init__(self, doc: Doc, raw: list[RawMention], gaz: Gazetteer, lex: Lexicon,
                 published: date | None) -> None:
        self.doc = doc
        self.raw = raw
        self.gaz = gaz
        self.lex = lex
        self.published = published
        self.sent_of = [0] * len(doc)
        for i, sent in enumerate(doc.sents):
            for t in sent:
                self.sent_of[t.i] = i
        self.out = Resolution()

    # -- helpers -------------------------------------------------------------------------
    def etype(self, eid: str) -> EntityType | None:
        entity = self.out.entities.get(eid) or self.gaz.entities.get(eid)
        return entity.type if entity else None

    def _use(self, eid: str) -> None:
        if eid not in self.out.entities and eid in self.gaz.entities:
            self.out.entities[eid] = self.gaz.entities[eid]

    def _prev_words(self, i: int, n: int) -> list[Token]:
        words = []
        j = i - 1
        while j >= 0 and len(words) < n:
            if not self.doc[j].is_space:
                words.append(self.doc[j])
            j -= 1
        return words

    def _is_modifier(self, end: int) -> bool:
        doc = self.doc
        return end + 1 < len(doc) and doc[end].text in HYPHENS and doc[end + 1].is_alpha

    def _governing_prep(self, start: int) -> str | None:
        """The preposition a noun phrase starting at ``start`` stands under, if any."""
        gram = self.lex.grammar
        for tok in self._prev_words(start, 4):
            low = fold(tok.text)
            if low in gram.prepositions:
                return gram.prepositions[low]
            if low in gram.np_fillers or (tok.is_alpha and tok.text[0].islower() and
                                          (low.endswith(("en", "e", "er", "es", "em")))):
                continue
            return None
        return None

    # -- passes --------------------------------------------------------------------------
    def run(self) -> Resolution:
        refs = [self._from_raw(m) for m in self.raw]
        refs = [r for r in refs if r is not None]
        refs += self._partial_names(refs)
        refs.sort(key=lambda r: r.start)
        self._role_and_pronoun_pass(refs)
        self.out.refs.sort(key=lambda r: r.start)
        return self.out

    def _from_raw(self, m: RawMention) -> Ref | None:
        sentence = self.sent_of[m.start]
        modifier = self._is_modifier(m.end)
        if m.entity_id is None:
            assert m.new_label and m.new_type
            eid = slug(m.new_label)
            if eid in self.gaz.entities:
                eid = f"{eid}_{m.new_type.value.lower()}"
            self.out.entities.setdefault(eid, Entity(eid, m.new_label, m.new_type, known=False))
            return Ref(m.start, m.end, (eid,), "new", sentence, modifier)
        eid = m.entity_id
        kind = m.kind
        country = self.gaz.capitals.get(eid)
        if kind == "metonym":
            pass
        elif country and kind in {"name", "genitive"}:
            prep = self._governing_prep(m.start)
            government = any(fold(t.text) in self.lex.roles.government
                             for t in self._prev_words(m.start, 3))
            if government:
                eid, kind = country, "government"
            elif prep not in LOCATIVE:
                self._use(eid)
                place, eid = eid, country
                kind = "genitive" if kind == "genitive" else "metonym"
                self._use(eid)
                return Ref(m.start, m.end, (eid,), kind, sentence, modifier, place=place)
        self._use(eid)
        return Ref(m.start, m.end, (eid,), kind, sentence, modifier)

    def _partial_names(self, refs: list[Ref]) -> list[Ref]:
        """Surnames and given names alone, for people named in full somewhere in the article."""
        counts = Counter(r.ids[0] for r in refs if self.etype(r.ids[0]) == EntityType.PERSON)
        by_word: dict[str, str] = {}
        for eid, _ in counts.most_common():
            entity = self.out.entities.get(eid)
            if entity is None:
                continue
            parts = entity.label.split()
            for word in {parts[0], parts[-1]} if len(parts) > 1 else set():
                if len(word) >= 2 and word[0].isupper():  # "Xi", "Li" stand alone too
                    by_word.setdefault(word, eid)
        if not by_word:
            return []
        covered = {i for r in refs for i in range(r.start, r.end)}
        found = []
        for tok in self.doc:
            if tok.i in covered or not tok.is_alpha or not tok.text[0].isupper() or tok.is_stop:
                continue
            eid = by_word.get(tok.text)
            kind = "partial"
            if eid is None and tok.text.endswith("s"):
                eid = by_word.get(tok.text[:-1])
                kind = "partial-genitive"
            if eid:
                found.append(Ref(tok.i, tok.i + 1, (eid,), kind, self.sent_of[tok.i],
                                 self._is_modifier(tok.i + 1)))
        return found

    def _role_and_pronoun_pass(self, refs: list[Ref]) -> None:
        """Left to right: role nouns, pronouns and groups, each against what came before."""
        roles = self.lex.roles
        doc = self.doc
        by_start = {r.start: r for r in refs}
        covered = {i for r in refs for i in range(r.start, r.end)}
        out = self.out.refs
        i = 0
        while i < len(doc):
            if i in by_start:
                ref = by_start[i]
                out.append(ref)
                i = ref.end
                continue
            tok = doc[i]
            low = fold(tok.text)
            if i in covered or not tok.is_alpha:
                i += 1
                continue
            office = roles.office_of(tok.text)
            if office and tok.text[0].isupper():
                i = self._role_phrase(i, office, by_start)
                continue
            if low in roles.he and tok.text[0] in "eE" and len(tok.text) == 2:
                person = self._recent(EntityType.PERSON)
                if person:
                    out.append(Ref(i, i + 1, (person,), "pronoun", self.sent_of[i]))
            elif low in roles.his and i + 1 < len(doc):
                nxt = doc[i + 1]
                if fold(nxt.text) in {"land", "landes", "lande"}:
                    country = self._country_led_by(self._recent(EntityType.PERSON))
                    if country:
                        out.append(Ref(i, i + 2, (country,), "description", self.sent_of[i]))
                        i += 2
                        continue
                kin = fold(nxt.text) in roles.parent | roles.child
                owner = self._recent(EntityType.PERSON) if kin else \
                    self._recent_of({EntityType.PERSON, EntityType.COUNTRY})
                if owner:
                    out.append(Ref(i, i + 1, (owner,), "possessive", self.sent_of[i]))
            elif low in roles.both:
                i = self._group(i)
                continue
            elif low in {"land", "landes"} and i > 0 and fold(doc[i - 1].text) in {"das", "dem", "des"}:
                country = self._recent(EntityType.COUNTRY)
                if country:
                    out.append(Ref(i - 1, i + 1, (country,), "description", self.sent_of[i]))
            i += 1

    def _recent(self, etype: EntityType, skip: set[str] | None = None) -> str | None:
        """The entity of type ``etype`` referred to last (before the current position)."""
        for ref in reversed(self.out.refs):
            if len(ref.ids) == 1 and ref.ids[0] not in (skip or set()) and \
                    self.etype(ref.ids[0]) == etype:
                return ref.ids[0]
        return None

    def _recent_of(self, etypes: set[EntityType]) -> str | None:
        """The entity of one of ``etypes`` referred to last ("sein" may be a state's)."""
        for ref in reversed(self.out.refs):
            if len(ref.ids) == 1 and ref.kind != "adjective" and self.etype(ref.ids[0]) in etypes:
                return ref.ids[0]
        return None

    def country_led_by(self, person: str | None) -> str | None:
        """The state ``person`` leads, as the article says or the gazetteer knows."""
        country = self._country_led_by(person)
        if country:
            self._use(country)
        return country

    def _country_led_by(self, person: str | None) -> str | None:
        if person is None:
            return None
        for fact in reversed(self.out.roles):
            if fact.person == person and fact.office == "leader" and fact.country:
                return fact.country
        return next((p.of for p in self.gaz.positions.get(person, [])
                     if p.role in {"HeadOfState", "HeadOfGovernment"} and p.held_on(self.published)),
                    None) or next((p.of for p in self.gaz.positions.get(person, [])
                                   if p.role in {"HeadOfState", "HeadOfGovernment"}), None)

    def _group(self, i: int) -> int:
        """"die beiden", "beide Länder": the two most recent distinct persons or states."""
        doc = self.doc
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        roles = self.lex.roles
        if nxt is not None and nxt.is_alpha and fold(nxt.text) in roles.country_nouns:
            wanted, end = EntityType.COUNTRY, i + 2
        elif nxt is None or not nxt.is_alpha or not nxt.text[0].isupper() or \
                fold(nxt.text) in roles.person_nouns:
            wanted = EntityType.PERSON
            end = i + 2 if nxt is not None and fold(nxt.text) in roles.person_nouns else i + 1
        else:
            return i + 1
        first = self._recent(wanted)
        second = self._recent(wanted, {first}) if first else None
        if first and second:
            self.out.refs.append(Ref(i, end, (second, first), "group", self.sent_of[i]))
        return end

    def _role_phrase(self, i: int, office: str, by_start: dict[int, Ref]) -> int:
        """A role noun at ``i``: find its state and its holder; record a RoleFact."""
        doc = self.doc
        roles = self.lex.roles
        country: str | None = roles.leader_of_state.get(fold(doc[i].text)) or None
        start = i
        former = False
        possessor: str | None = None
        for tok in self._prev_words(i, 4):
            low = fold(tok.text)
            ref = next((r for r in self.out.refs if r.start <= tok.i < r.end), None)
            if ref is not None:
                if ref.kind in {"adjective", "genitive", "metonym"} or ref.modifier:
                    if self.etype(ref.ids[0]) == EntityType.COUNTRY and country is None:
                        country = ref.ids[0]
                        start = min(start, ref.start)
                        continue
                if ref.kind in {"possessive", "partial-genitive", "genitive"} and \
                        self.etype(ref.ids[0]) == EntityType.PERSON:
                    start = min(start, ref.start)
                    possessor = ref.ids[0]
                    break
                break
            if tok.text in HYPHENS:
                continue
            if low in roles.former:
                former = True
                start = tok.i
                continue
            if low in self.lex.grammar.determiners or low in self.lex.grammar.np_fillers:
                start = tok.i
                break
            if tok.is_alpha and tok.text[0].islower():
                start = tok.i
                continue
            break
        end = i + 1
        # "Präsident Russlands"
        if end in by_start and by_start[end].kind == "genitive" and \
                self.etype(by_start[end].ids[0]) == EntityType.COUNTRY and country is None:
            country = by_start[end].ids[0]
            self.out.refs.append(by_start[end])
            end = by_start[end].end
        holder = self._apposition(end, by_start)
        sentence = self.sent_of[i]
        if country:
            self._use(country)
        if holder is not None:
            person = holder.ids[0]
            if holder.start != end:  # "dem damaligen Präsidenten, dem …Medvedev": the role
                self.out.refs.append(Ref(start, end, (person,), "role", sentence, role=office))
            if country is None and office == "leader":
                country = self._country_led_by(person)
            self.out.roles.append(RoleFact(person, office, country, sentence, start, holder.end,
                                          former, possessor))
            return end
        person = self._holder_from_context(office, country, former)
        if person:
            self._use(person)
            if country is None and office == "leader":
                country = self._country_led_by(person)
            self.out.refs.append(Ref(start, end, (person,), "role", sentence, role=office))
            self.out.roles.append(RoleFact(person, office, country, sentence, start, end, former,
                                          possessor))
        return end

    def _apposition(self, end: int, by_start: dict[int, Ref]) -> Ref | None:
        """The person named right after a role noun, or in an apposition after a comma."""
        doc = self.doc
        if end in by_start and self.etype(by_start[end].ids[0]) == EntityType.PERSON:
            return by_start[end]
        if end < len(doc) and doc[end].text == ",":
            for j in range(end + 1, min(end + 7, len(doc))):
                if doc[j].text in {",", ".", ";"}:
                    return None
                if j in by_start:
                    ref = by_start[j]
                    if ref.modifier:
                        continue
                    return ref if self.etype(ref.ids[0]) == EntityType.PERSON else None
        return None

    def _holder_from_context(self, office: str, country: str | None, former: bool) -> str | None:
        """Who "der russische Präsident" is: the article's own statement of who holds the
        office, else the gazetteer's holder on the publication date."""
        for fact in reversed(self.out.roles):
            if fact.office == office and (country is None or fact.country == country):
                return fact.person
        if country is None:
            if office != "leader":
                return None
            # "der Kanzler" after "Olaf Scholz": the last person named who led a state
            return next((r.ids[0] for r in reversed(self.out.refs) if len(r.ids) == 1
                         and self.etype(r.ids[0]) == EntityType.PERSON
                         and self.gaz.leaders_of_any(r.ids[0])), None)
        if office == "leader":
            for role in ("HeadOfState", "HeadOfGovernment"):
                holders = self.gaz.office_holders(role, country, self.published)
                if holders:
                    return holders[0]
        return None


def resolve(doc: Doc, raw: list[RawMention], gaz: Gazetteer, lex: Lexicon,
            published: date | None) -> Resolution:
    """All references of one article, in document order, and the role facts stated in it."""
    resolver = Resolver(doc, raw, gaz, lex, published)
    resolution = resolver.run()
    resolution.state_of_leader = resolver.country_led_by
    return resolution
