"""What the read queries return: plain values the graph view, the API and the exports share."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from kg.model import EntityType, Modality


class Direction(str, Enum):
    """Which end of a relation the entity asked about sits on."""

    OUT = "out"
    IN = "in"
    BOTH = "both"


@dataclass(frozen=True)
class EntityRecord:
    id: str
    label: str
    type: EntityType | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    #: How many articles mention the entity: the search ranks by it.
    article_count: int = 0


@dataclass(frozen=True)
class StatementRecord:
    """One stored ``kg:Statement``: a fact as one sentence of one article states it."""

    id: str
    article: str
    subject: str
    predicate: str
    object: str
    modality: Modality
    confidence: float
    sentence: str
    start: int
    end: int
    rule: str
    date: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class SourceRecord:
    article: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class RelationRecord:
    """A fact with every sentence that states it: statements grouped by (s, p, o, modality)."""

    id: str
    subject: EntityRecord
    predicate: str
    object: EntityRecord
    modality: Modality
    confidence: float
    date: str | None
    place: EntityRecord | None
    sources: tuple[SourceRecord, ...]
    statement_ids: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class ArticleRecord:
    source: str
    title: str | None
    date: str | None
    outlet: str | None
    statement_count: int


@dataclass(frozen=True)
class MentionRecord:
    """An entity an article names (``kg:mentions``)."""

    article: str
    entity_id: str


@dataclass(frozen=True)
class StatsRecord:
    articles: int
    entities: int
    statements: int
    triples: int
