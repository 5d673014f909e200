"""Cut the subgraph a :class:`Selection` asks for out of the store: one NetworkX graph that
every format writer reads, so the formats cannot disagree about what is in it.

The statements come from the query layer, narrowed by its filter (predicates, dates); the
structure (who is linked to whom) from the :class:`GraphView` restricted to those statements,
walked by :func:`kg.graph.ego_network` (focus) and :func:`kg.graph.k_shortest_paths` (path).

Nodes are entity ids with ``label``, ``type``, ``wikidata`` (when known), ``selected`` (the
focus or a path end) and ``first_date`` (when every edge of the node is dated). Edges are
facts (subject, predicate, object, modality) keyed by their relation id, with ``id``,
``label`` and ``predicate``, ``modality``, ``weight`` (supporting sentences), ``confidence``,
``first_date`` (first day of the earliest date, when dated), ``dates`` and ``articles``
(``; ``-joined) and ``sources`` (per sentence: article, title, published, sentence, date).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx

from kg.graph import GraphView, ego_network, k_shortest_paths
from kg.graph.paths import MAX_EGO_NODES
from kg.store import KGStore
from kg.store.queries import (all_statements, articles, entity_or_bare, filter_statements,
                              group_relations, known_entities, statement_date)
from kg.store.records import EntityRecord, RelationRecord, StatementRecord
from kg.viz.dates import first_day
from kg.viz.selection import PATHS_DRAWN, Selection, SelectionError, resolve_entity

UNKNOWN_TYPE = "Unknown"


@dataclass(frozen=True)
class _Structure:
    """A GraphView's graph seen through the statement filters (dates included, which
    :class:`kg.graph.FactFilter` does not cover); the walks of :mod:`kg.graph.paths` read only
    ``.graph``, so they run unchanged on the filtered links."""

    graph: nx.MultiDiGraph


def select_subgraph(store: KGStore, view: GraphView, selection: Selection) -> nx.MultiDiGraph:
    """The entities and facts ``selection`` asks for, with what every format needs to draw them."""
    statements = filter_statements(all_statements(store), selection.statement_filter)
    keeps, selected = _walk(store, _restricted(view, {s.id for s in statements}), selection)
    statements = [s for s in statements if keeps(s)]
    entities = known_entities(store).by_id
    titles = {a.source: a.title for a in articles(store)}
    by_id = {s.id: s for s in statements}
    graph = nx.MultiDiGraph(selection=selection.describe())
    for relation in group_relations(statements, entities):
        _add_relation(graph, relation, [by_id[i] for i in relation.statement_ids], titles)
    for id_ in selected:
        _add_entity(graph, entity_or_bare(entities, id_))
        graph.nodes[id_]["selected"] = True
    _date_nodes(graph)
    return graph


def _restricted(view: GraphView, statement_ids: set[str]) -> _Structure:
    def has_kept_statement(u: str, v: str, key: str) -> bool:
        return not statement_ids.isdisjoint(view.graph.edges[u, v, key]["statement_ids"])
    return _Structure(nx.subgraph_view(view.graph, filter_edge=has_kept_statement))


def _walk(store: KGStore, structure: _Structure,
          selection: Selection) -> tuple[Callable[[StatementRecord], bool], list[str]]:
    """Which statements the focus or path keeps, and the entities the user asked about."""
    try:
        if selection.focus:
            focus = resolve_entity(store, selection.focus)
            ego = ego_network(structure, focus, selection.ego_depth,  # type: ignore[arg-type]
                              max_nodes=MAX_EGO_NODES)
            members = set(ego.nodes) if ego else {focus}
            return (lambda s: s.subject in members and s.object in members), [focus]
        if selection.path:
            ends = [resolve_entity(store, end) for end in selection.path]
            found = k_shortest_paths(structure, ends[0], ends[1],  # type: ignore[arg-type]
                                     PATHS_DRAWN, selection.path_length)
            links = {frozenset(pair) for p in found for pair in zip(p.entities, p.entities[1:])}
            return (lambda s: frozenset((s.subject, s.object)) in links), ends
    except ValueError as exc:
        raise SelectionError(str(exc)) from exc
    return (lambda s: True), []


def _add_entity(graph: nx.MultiDiGraph, entity: EntityRecord) -> None:
    if entity.id in graph:
        return
    attributes: dict[str, object] = {
        "label": entity.label, "type": entity.type.value if entity.type else UNKNOWN_TYPE}
    if entity.wikidata:
        attributes["wikidata"] = entity.wikidata
    graph.add_node(entity.id, **attributes)


def _add_relation(graph: nx.MultiDiGraph, relation: RelationRecord,
                  statements: list[StatementRecord], titles: dict[str, str | None]) -> None:
    _add_entity(graph, relation.subject)
    _add_entity(graph, relation.object)
    attributes: dict[str, object] = {
        "id": relation.id, "label": relation.predicate, "predicate": relation.predicate,
        "modality": relation.modality.value, "weight": len(statements),
        "confidence": relation.confidence,
        "dates": _joined(statement_date(s) for s in statements),
        "articles": _joined(s.article for s in statements),
        "sources": [_source(s, titles.get(s.article)) for s in statements]}
    start = first_day(relation.earliest_date)
    if start is not None:
        attributes["first_date"] = start.isoformat()
    graph.add_edge(relation.subject.id, relation.object.id, key=relation.id, **attributes)


def _source(statement: StatementRecord, title: str | None) -> dict[str, object]:
    return {"article": statement.article, "title": title, "published": statement.article_date,
            "sentence": statement.sentence, "date": statement.date,
            "start": statement.start, "end": statement.end}


def _joined(values: Iterable[str | None]) -> str:
    return "; ".join(sorted({v for v in values if v}))


def _date_nodes(graph: nx.MultiDiGraph) -> None:
    """A node enters a timeline with its first dated edge, unless an undated edge keeps it
    there from the start."""
    for node in graph:
        edges = [data for *_, data in graph.in_edges(node, data=True)] + \
                [data for *_, data in graph.out_edges(node, data=True)]
        if edges and all("first_date" in data for data in edges):
            graph.nodes[node]["first_date"] = min(str(data["first_date"]) for data in edges)
