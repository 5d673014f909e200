"""An entity's relations served from the graph view: one edge per fact already carries what
the default orders sort by (how many statements, highest confidence, predicate), so a page
is ranked in memory and only its own statements are read from the store.

Reading and grouping every statement about a popular entity (thousands of articles) before
taking the first page was what made relation pages time out. The same list comes back as
:func:`kg.store.queries.relations_of` returns; where the view cannot rank alone (a filter or
an order that needs each statement's date, article or confidence, or a store write the view
was not told of) that function answers instead.

Ranking walks every fact of the entity once, without sorting them all: a hub has tens of
thousands (about 30 ms at a million statements). A page's statements cost more to read (the
best-supported facts have the most: 800 statements, about 200 ms to 2 s, for the largest hubs
at a million), so they are read only for what shows them: :meth:`RankedRelations.as_facts` gives
a page without reading the store at all (what a relation is but its sources, dates and
place), and :func:`fact_records` completes the facts of a page, or of several, in one read
(the API does so only when a query asks for sources, dates or places). Slicing a
:class:`RankedRelations` does both. Front ends page through the same entities again and
again, so rankings and the records read are kept per view (bounded, least recently used
first out) until the view's next change (:attr:`GraphView.version`): any write the view
follows drops them all.
"""
from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, overload

from kg.graph.kept import Bounded, PerView
from kg.graph.view import GraphView
from kg.model import SYMMETRIC_PREDICATES, Modality
from kg.store import queries
from kg.store.records import (Direction, EntityRecord, RelationFilter, RelationOrder,
                              RelationRecord, StatementRecord)

_RANKED_BY_EDGE = (RelationOrder.SUPPORT, RelationOrder.CONFIDENCE)

#: A fact as ranked: the coarse sort key, then relation id (unique, so sorting plain tuples
#: never compares further), subject and object.
#: ``(-statements, -confidence, predicate, key, subject, object)`` for SUPPORT,
#: ``(-confidence, -statements, predicate, key, subject, object)`` for CONFIDENCE.
_Entry = tuple[float, float, str, str, str, str]
#: Sorts after every relation id (hex): ``(*coarse, _AFTER_ANY_KEY)`` bounds a tie group.
_AFTER_ANY_KEY = "\U0010ffff"

#: How many facts a ranking first puts in order (the first pages); a page past them ranks
#: more. Ordering all of a hub's tens of thousands of facts for its first page of twenty
#: cost more than finding them.
FIRST_RANKED = 100
#: Rankings kept per view: at most this many, holding at most :data:`MAX_CACHED_FACTS`
#: ordered facts together.
MAX_CACHED_RANKINGS = 1_000
MAX_CACHED_FACTS = 300_000
#: Relation records (with their sources) kept per view, so sources shown again are read
#: from memory.
MAX_CACHED_RECORDS = 5_000


@dataclass(frozen=True)
class Fact:
    """A fact as the view has it: what a relation shows but its sources, dates and place."""

    subject: str
    object: str
    key: str
    predicate: str
    modality: str
    confidence: float
    statement_ids: tuple[str, ...]


def relations_of(view: GraphView, id_: str, where: RelationFilter | None = None,
                 order: RelationOrder = RelationOrder.SUPPORT) -> Sequence[RelationRecord]:
    """The entity's facts in ``order``, as :func:`queries.relations_of`; pages are built
    when sliced."""
    where = where or RelationFilter()
    if not (view.in_step() and order in _RANKED_BY_EDGE and _edge_level(where)):
        return queries.relations_of(view.store, id_, where=where, order=order)
    return RankedRelations(view, _RANKINGS.get_or_make(
        view, (id_, where, order), lambda: _rank(view, id_, where, order, FIRST_RANKED)))


def _edge_level(where: RelationFilter) -> bool:
    """Whether the filter keeps or drops whole facts (never some of a fact's statements)."""
    return (where.article is None and where.min_confidence == 0.0 and where.date_from is None
            and where.date_to is None)


_RankingKey = tuple[str, RelationFilter, RelationOrder]


@dataclass
class _Ranking:
    """The entity's kept facts: how many, and the first of them in coarse order (``head``:
    every fact up to the coarse key of its last, so the ties of the last are all there);
    then, once a page needed it, the exact order of a prefix (names read for it only)."""

    id: str
    where: RelationFilter
    order: RelationOrder
    count: int
    head: list[_Entry]
    exact: list[_Entry] = field(default_factory=list)

    @property
    def key(self) -> _RankingKey:
        return (self.id, self.where, self.order)


#: Rankings per view version, bounded in count and in ordered facts held.
_RANKINGS: PerView[_RankingKey, _Ranking] = PerView(lambda: Bounded(
    MAX_CACHED_RANKINGS, MAX_CACHED_FACTS, weigh=lambda ranking: len(ranking.head)))
#: Records per view version: relation id → (the statement ids it was read for, the record).
_RECORDS: PerView[str, tuple[tuple[str, ...], RelationRecord]] = PerView(
    lambda: Bounded(MAX_CACHED_RECORDS))


def _kept_record(records: Bounded[str, tuple[tuple[str, ...], RelationRecord]],
                 fact: Fact) -> RelationRecord | None:
    """The record read for this very fact (the same statements), if it is kept."""
    found = records.get(fact.key)
    return found[1] if found is not None and found[0] == fact.statement_ids else None


def _rank(view: GraphView, id_: str, where: RelationFilter, order: RelationOrder,
          wanted: int) -> _Ranking:
    """Count the facts at ``id_`` that ``where`` keeps and put at least the first ``wanted``
    in coarse order, in one pass over the entity's edges.

    By support, a fact backed by fewer statements than ``wanted`` facts already found cannot
    rank among the first ``wanted``, nor tie with the last of them: it is counted and passed
    over without building its entry (most of a hub's facts rest on one statement)."""
    graph = view.graph
    if id_ not in graph:
        return _Ranking(id_, where, order, 0, [])
    predicates = where.predicates
    modalities = where.modalities
    # Which facts face the right way: a symmetric predicate faces both.
    outgoing = where.direction is not Direction.IN
    incoming = where.direction is not Direction.OUT
    by_support = order is RelationOrder.SUPPORT
    wanted = max(wanted, 1)
    count = 0
    floor = 1  # fewest statements a fact must have to be a candidate
    at_floor_or_more = 0  # candidates with at least ``floor`` statements
    with_support: dict[int, int] = {}  # candidates by number of statements
    candidates: list[_Entry] = []
    append = candidates.append
    # NetworkX's own adjacency dicts: its read-only views wrap every level of them, which
    # cost as much as the ranking itself for an entity with thousands of facts.
    for edges, facing, outward in ((graph._succ[id_], outgoing, True),
                                   (graph._pred[id_], incoming, False)):
        for other, keyed in edges.items():
            if not outward and other == id_:
                continue  # a loop, already met as an outgoing edge
            subject, obj = (id_, other) if outward else (other, id_)
            for key, data in keyed.items():
                predicate = data["predicate"]
                if ((predicates and predicate not in predicates)
                        or (modalities and data["modality"] not in modalities)
                        or not (facing or predicate in SYMMETRIC_PREDICATES)):
                    continue
                count += 1
                support = len(data["statement_ids"])
                if by_support:
                    if support < floor:
                        continue
                    with_support[support] = with_support.get(support, 0) + 1
                    at_floor_or_more += 1
                    while at_floor_or_more - with_support.get(floor, 0) >= wanted:
                        at_floor_or_more -= with_support.pop(floor, 0)
                        floor += 1
                    append((-support, -data["confidence"], predicate, key, subject, obj))
                else:
                    append((-data["confidence"], -support, predicate, key, subject, obj))
    return _Ranking(id_, where, order, count, _head(candidates, wanted))


def _head(candidates: list[_Entry], wanted: int) -> list[_Entry]:
    """The first ``wanted`` candidates in coarse order and every one tying with the last of
    them: a partial selection (``heapq``) when that is a small part of them, else a sort."""
    if len(candidates) <= wanted:
        candidates.sort()
        return candidates
    if wanted * 8 < len(candidates):
        bound = (*_coarse(heapq.nsmallest(wanted, candidates)[-1]), _AFTER_ANY_KEY)
        return sorted(e for e in candidates if e < bound)
    candidates.sort()
    last = _coarse(candidates[wanted - 1])
    end = wanted
    while end < len(candidates) and _coarse(candidates[end]) == last:
        end += 1
    return candidates[:end]


def _coarse(entry: _Entry) -> tuple[float, float, str]:
    return entry[:3]


#: Statements read per query. Oxigraph answers a ``VALUES`` of a few hundred statements in
#: well under a second, but past about a thousand (at a million statements) it plans the
#: query otherwise and takes minutes: a hub's first page can hold thousands of statements.
STATEMENTS_PER_READ = 400


def fact_records(view: GraphView, facts: Sequence[Fact]) -> list[RelationRecord]:
    """The facts as relation records, with their sources, dates and places, in the same order:
    those read since the view's last change from memory, the rest from one read of just their
    statements (:func:`queries.statements_by_ids`, in parts of :data:`STATEMENTS_PER_READ`),
    whatever pages or entities the facts come from.

    A fact some of whose statements the store no longer holds (a write after the fact was
    taken from the view) shows those it still has, and is not kept."""
    records = _RECORDS.of(view)
    found: dict[Fact, RelationRecord] = {}
    missing: dict[Fact, None] = {}
    for fact in facts:
        if fact not in found:
            record = _kept_record(records, fact)
            if record is None:
                missing[fact] = None
            else:
                found[fact] = record
    if missing:
        statements = _statements(view, [i for f in missing for i in f.statement_ids])
        entities = queries.entities_by_ids(view.store, {
            i for s in statements for i in (s.subject, s.object, s.place) if i is not None} | {
            i for f in missing for i in (f.subject, f.object)})
        wanted: dict[str, list[Fact]] = {}
        for fact in missing:
            for i in fact.statement_ids:
                wanted.setdefault(i, []).append(fact)
        by_fact: dict[Fact, list[StatementRecord]] = {f: [] for f in missing}
        for statement in statements:
            for fact in wanted.get(statement.id, ()):
                if _states(statement, fact):
                    by_fact[fact].append(statement)
        for fact, group in by_fact.items():
            if not group:
                found[fact] = _bare_record(fact, entities)
                continue
            [record] = queries.group_relations(group, entities)
            found[fact] = record
            if len(group) == len(fact.statement_ids):
                records.put(fact.key, (fact.statement_ids, record))
    return [found[f] for f in facts]


def kept_records(view: GraphView, facts: Sequence[Fact]) -> list[RelationRecord | None]:
    """The records :func:`fact_records` read for these facts since the view's last change,
    ``None`` for the others: nothing is read."""
    records = _RECORDS.of(view)
    return [_kept_record(records, f) for f in facts]


def _states(statement: StatementRecord, fact: Fact) -> bool:
    return (statement.subject, statement.predicate, statement.object,
            statement.modality.value) == (fact.subject, fact.predicate, fact.object, fact.modality)


def _bare_record(fact: Fact, entities: dict[str, EntityRecord]) -> RelationRecord:
    """A fact none of whose statements the store holds any more: no sources, dates or place."""
    return RelationRecord(
        id=fact.key, subject=queries.entity_or_bare(entities, fact.subject),
        predicate=fact.predicate, object=queries.entity_or_bare(entities, fact.object),
        modality=Modality(fact.modality), confidence=fact.confidence, date=None, place=None,
        sources=())


def _statements(view: GraphView, ids: list[str]) -> list[StatementRecord]:
    """:func:`queries.statements_by_ids` in reads of :data:`STATEMENTS_PER_READ`, in the
    order one read gives (article, position, id): the order a relation's sources keep."""
    if len(ids) <= STATEMENTS_PER_READ:
        return queries.statements_by_ids(view.store, ids)
    wanted = sorted(set(ids))
    found = [s for start in range(0, len(wanted), STATEMENTS_PER_READ)
             for s in queries.statements_by_ids(view.store,
                                                wanted[start:start + STATEMENTS_PER_READ])]
    return sorted(found, key=queries.text_order)


ItemT = TypeVar("ItemT")


class _Slices(Sequence[ItemT]):
    """A sequence made a plain slice at a time (what pagination asks for), so only the items
    of a page are ever made; indexes and stepped slices go through plain slices too."""

    def _slice(self, start: int, stop: int) -> list[ItemT]:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> ItemT: ...

    @overload
    def __getitem__(self, index: slice) -> list[ItemT]: ...

    def __getitem__(self, index: int | slice) -> ItemT | list[ItemT]:
        if isinstance(index, int):
            position = range(len(self))[index]  # IndexError as a list gives it
            return self._slice(position, position + 1)[0]
        start, stop, step = index.indices(len(self))
        if step != 1:
            return [self[i] for i in range(start, stop, step)]
        return self._slice(start, stop) if start < stop else []


class RankedRelations(_Slices[RelationRecord]):
    """Facts ranked as :func:`queries.sort_relations` ranks them, made into records only for
    the slice asked for. Names break ties, so they are read only for the facts that tie with
    the slice's last one and those before it."""

    def __init__(self, view: GraphView, ranking: _Ranking) -> None:
        self._view = view
        self._ranking = ranking

    def __len__(self) -> int:
        return self._ranking.count

    def _slice(self, start: int, stop: int) -> list[RelationRecord]:
        return self._records(self._ranked_prefix(stop)[start:stop])

    @property
    def key(self) -> _RankingKey:
        """Which entity's facts, filtered and ordered how: what the ranking is kept by."""
        return self._ranking.key

    def as_facts(self) -> Sequence[Fact]:
        """The same list as facts, without their statements: sliced, it reads nothing from
        the store but names, when ties need them."""
        return _Facts(self)

    def _facts(self, start: int, stop: int) -> list[Fact]:
        return [self._fact(e) for e in self._ranked_prefix(stop)[start:stop]]

    def _deepen(self, stop: int) -> None:
        """Rank at least ``stop`` facts (in place: pages already made keep the ranking)."""
        ranking = self._ranking
        deeper = _rank(self._view, ranking.id, ranking.where, ranking.order,
                       max(stop, 2 * len(ranking.head)))
        ranking.head, ranking.exact = deeper.head, []
        _RANKINGS.of(self._view).reweigh(ranking.key, ranking)

    def _ranked_prefix(self, stop: int) -> list[_Entry]:
        """The first ``stop`` facts in exact order: the coarse order extended over the ties
        of the last one, then sorted with names as :func:`queries.sort_relations` does. Kept
        on the ranking, so the next page of the same entity reuses it."""
        ranking = self._ranking
        if stop <= len(ranking.exact):
            return ranking.exact
        if stop > len(ranking.head):
            self._deepen(stop)
        head = ranking.head
        last = _coarse(head[stop - 1])
        end = stop
        while end < len(head) and _coarse(head[end]) == last:
            end += 1
        prefix = head[:end]
        entities = queries.entities_by_ids(self._view.store,
                                           {i for e in prefix for i in (e[4], e[5])})

        def label(id_: str) -> str:
            return queries.entity_or_bare(entities, id_).label

        ranking.exact = sorted(prefix, key=lambda e: (*_coarse(e), label(e[4]), label(e[5]),
                                                      self._modality(e), e[3]))
        return ranking.exact

    def _modality(self, entry: _Entry) -> str:
        modality: str = self._edge_data(entry)["modality"]
        return modality

    def _edge_data(self, entry: _Entry) -> dict[str, Any]:
        """The fact's edge attributes, from NetworkX's own dicts, as :func:`_rank` reads them
        (its edge view cost 1.7 µs a fact)."""
        return self._view.graph._succ[entry[4]][entry[5]][entry[3]]

    def _records(self, entries: list[_Entry]) -> list[RelationRecord]:
        return fact_records(self._view, [self._fact(e) for e in entries])

    def _fact(self, entry: _Entry) -> Fact:
        data = self._edge_data(entry)
        return Fact(entry[4], entry[5], entry[3], data["predicate"], data["modality"],
                    data["confidence"], data["statement_ids"])


class _Facts(_Slices[Fact]):
    """:meth:`RankedRelations.as_facts`: the ranked facts as a sequence (what pagination
    slices)."""

    def __init__(self, ranked: RankedRelations) -> None:
        self._ranked = ranked

    def __len__(self) -> int:
        return len(self._ranked)

    def _slice(self, start: int, stop: int) -> list[Fact]:
        return self._ranked._facts(start, stop)
