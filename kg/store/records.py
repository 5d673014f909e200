"""What the read queries return: plain values the graph view, the API and the exports share."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from kg.model import PREDICATES, EntityType, Modality

#: An ISO date as precise as it is known: ``2024``, ``2024-06`` or ``2024-06-19``.
ISO_DATE_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class Direction(str, Enum):
    """Which end of a relation the entity asked about sits on."""

    OUT = "out"
    IN = "in"
    BOTH = "both"


class RelationOrder(str, Enum):
    """How a list of relations is sorted."""

    #: Most sources first, then most confident: the default, the best-supported facts on top.
    SUPPORT = "support"
    CONFIDENCE = "confidence"
    DATE_ASCENDING = "date_ascending"
    DATE_DESCENDING = "date_descending"


@dataclass(frozen=True)
class RelationFilter:
    """Which statements a relation list keeps; empty tuples and ``None`` mean "any".

    Dates are ISO prefixes (``2024``, ``2024-06``, ``2024-06-19``), compared at the
    precision both sides have, bounds included; a statement without a date of its own is
    dated by its article.
    """

    predicates: tuple[str, ...] = ()
    direction: Direction = Direction.BOTH
    modalities: tuple[Modality, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    article: str | None = None
    min_confidence: float = 0.0

    def __post_init__(self) -> None:
        """Refuse what could never match, saying what a valid value looks like."""
        unknown = sorted(set(self.predicates) - set(PREDICATES))
        if unknown:
            raise ValueError(f"unknown predicate {', '.join(unknown)}; use one of {', '.join(PREDICATES)}")
        for name, value in (("dateFrom", self.date_from), ("dateTo", self.date_to)):
            if value is not None and not ISO_DATE_PREFIX.fullmatch(value):
                raise ValueError(f"{name} {value!r} is not a date; write 2024, 2024-06 or 2024-06-19")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"minConfidence must be between 0 and 1; got {self.min_confidence}")


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
class StatementEdge:
    """The part of a statement the graph view keeps: its fact, article and confidence (the
    sentence and dates are read per page, for the statements a page shows)."""

    id: str
    article: str
    subject: str
    predicate: str
    object: str
    modality: Modality
    confidence: float


@dataclass(frozen=True)
class StatementRecord(StatementEdge):
    """One stored ``kg:Statement``: a fact as one sentence of one article states it."""

    sentence: str
    start: int
    end: int
    rule: str
    date: str | None = None
    place: str | None = None
    #: The article's publication date: what dates the statement when its sentence does not.
    article_date: str | None = None


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
    #: The earliest date among its statements (their own, else their article's): sorts by date.
    earliest_date: str | None = None


@dataclass(frozen=True)
class TimelineEntryRecord:
    """One statement about an entity, placed in time."""

    date: str | None
    statement: StatementRecord


@dataclass(frozen=True)
class CoMentionRecord:
    """Articles that name both of two entities."""

    entity_a: str
    entity_b: str
    articles: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.articles)


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
