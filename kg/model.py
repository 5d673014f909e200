"""The pipeline's currency: small typed values that one stage hands to the next.

Every stage imports from here and from nowhere else in the pipeline, so a stage can be
replaced without touching its neighbours.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import Enum


class EntityType(str, Enum):
    """Entity classes of the ontology (``kg:Person`` …)."""

    PERSON = "Person"
    COUNTRY = "Country"
    CITY = "City"
    REGION = "Region"
    ORGANISATION = "Organisation"


class Modality(str, Enum):
    """How the article presents a statement."""

    ASSERTED = "asserted"
    ALLEGED = "alleged"
    DENIED = "denied"
    PLANNED = "planned"


#: Strongest reading first: where one article both asserts and plans a fact, lists show the
#: assertion before the plan.
MODALITY_ORDER: dict[Modality, int] = {Modality.ASSERTED: 0, Modality.ALLEGED: 1,
                                       Modality.PLANNED: 2, Modality.DENIED: 3}

#: The scored relation inventory (``../shared/eval/README.md``); the ontology may hold more.
PREDICATES: tuple[str, ...] = (
    "met", "visited", "signedAgreementWith", "cooperatesWith", "recognised",
    "brokeRelationsWith", "supports", "suppliesWeaponsTo", "sentTroopsTo", "thanked",
    "praised", "wroteTo", "accused", "sanctioned", "invaded", "leaderOf", "parentOf",
    "advisorOf",
)
SYMMETRIC_PREDICATES: frozenset[str] = frozenset(
    {"met", "signedAgreementWith", "cooperatesWith", "brokeRelationsWith"}
)


@dataclass(frozen=True)
class Article:
    """One news page after ingest: the article's own text, boilerplate removed.

    ``segments`` maps the kept text back to the page: each entry is
    ``(text_start, page_start, length)``, so an offset in ``text`` can be turned into an
    offset in the original file with :meth:`page_offset`.
    """

    source: str
    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    segments: tuple[tuple[int, int, int], ...] = ()

    @property
    def digest(self) -> str:
        """Fingerprint of the kept text: the same article saved under two names has one."""
        return hashlib.sha256(" ".join(self.text.split()).encode("utf-8")).hexdigest()[:24]

    def page_span(self, start: int, end: int) -> tuple[int, int]:
        """Page offsets of ``text[start:end]``, trailing whitespace left out, so a span never
        reaches into the next kept line (and the furniture dropped before it)."""
        end = start + len(self.text[start:end].rstrip())
        return self.page_offset(start), self.page_offset(max(start, end - 1)) + (1 if end > start else 0)

    def page_offset(self, text_offset: int) -> int:
        """Offset in the original page for an offset in ``text``."""
        for text_start, page_start, length in self.segments:
            if text_start <= text_offset <= text_start + length:
                return page_start + (text_offset - text_start)
        return text_offset


@dataclass(frozen=True)
class Entity:
    """A resolved node of the graph: known from the gazetteer or new from an article."""

    id: str
    label: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    known: bool = True


@dataclass(frozen=True)
class Mention:
    """One place in the article text where an entity is named or referred to."""

    entity_id: str
    text: str
    start: int
    end: int
    sentence: int
    rule: str


@dataclass(frozen=True)
class Provenance:
    """Where a statement came from: article, sentence, offsets and the rule that read it.

    ``start``/``end`` are character offsets of the sentence in the original page file.
    """

    article: str
    sentence: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Statement:
    """A subject–predicate–object fact between entity ids, with how and where it was read."""

    subject: str
    predicate: str
    object: str
    provenance: Provenance
    modality: Modality = Modality.ASSERTED
    confidence: float = 0.5
    date: str | None = None
    place: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of the fact, with symmetric predicates in a canonical order."""
        s, o = self.subject, self.object
        if self.predicate in SYMMETRIC_PREDICATES and o < s:
            s, o = o, s
        return (s, self.predicate, o)


@dataclass
class ArticleExtraction:
    """Everything extraction read from one article; the unit the store writes atomically."""

    article: Article
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
