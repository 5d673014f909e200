"""JSON-LD export with kg's published ``@context`` (``ontologies/context.jsonld``), streamed
graph by graph: one ``{"@id": <graph>, "@graph": [...]}`` object per named graph, so the
articles stay apart as they do in TriG.

The context is written inline (it is the content of the published file), so the export reads
back without fetching anything; rdflib's JSON-LD writer compacts each graph with it.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from kg.config import load_settings
from kg.export.rdf import graph_names, one_graph
from kg.store import KGStore

JsonObject = dict[str, Any]


def published_context(path: Path | None = None) -> JsonObject:
    """The ``@context`` object of the published context file."""
    return _read_context(path or load_settings().jsonld_context_path)


@lru_cache(maxsize=4)
def _read_context(path: Path) -> JsonObject:
    document: JsonObject = json.loads(path.read_text(encoding="utf-8"))
    return document["@context"]  # type: ignore[no-any-return]


def write_jsonld(store: KGStore, out: TextIO) -> None:
    context = published_context()
    out.write('{\n"@context": ' + json.dumps(context, ensure_ascii=False) + ',\n"@graph": [\n')
    for index, name in enumerate(graph_names(store)):
        named = {"@id": str(name), "@graph": compacted_nodes(one_graph(store, name), context)}
        out.write((",\n" if index else "") + json.dumps(named, ensure_ascii=False))
    out.write("\n]\n}\n")


def compacted_nodes(graph: Any, context: JsonObject) -> list[JsonObject]:
    """The node objects of one graph, compacted against ``context`` (without the context)."""
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    if isinstance(document, list):
        return document
    if "@graph" in document:
        return document["@graph"]  # type: ignore[no-any-return]
    return [{key: value for key, value in document.items() if key != "@context"}]
