"""JSON Lines export in the shape ``../shared/eval/score.py`` reads, plus ids and provenance.

A ``statement`` line per stored statement, then an ``entity`` line per entity per article
that mentions it; labels are canonical labels (the gazetteer's for known entities).

Order: articles by source file name; within an article, statements strongest modality first,
then in text order (ties by statement id); entity lines after every statement line, by article
then entity id. The export streams: it lists the article graphs, then reads and writes
:data:`ARTICLES_PER_BATCH` articles at a time, statements in a first pass and mentions in a
second, so memory is bounded by a batch (plus the article list and the entity index) and the
first line comes after one batch, not after the whole store (a million statements took more
than 15 minutes to read in one query). Each batch is one query, so a write while an export runs
can leave the export with some articles before it and some after it.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Any, TextIO

from kg.model import MODALITY_ORDER
from kg.store import KGStore
from kg.store.queries import (article_graphs, entity_or_bare, mentions_in_articles,
                              open_known_entities, statements_in_articles)
from kg.store.records import EntityRecord, MentionRecord, StatementRecord

Row = dict[str, Any]

#: Articles read per query: a few thousand statements, read in one to three seconds on the
#: million-statement bench store; bigger batches are no faster and delay the first line.
ARTICLES_PER_BATCH = 200

#: Called after each batch with the pass (``statements`` or ``entities``), the articles done
#: in that pass and the number of articles: what a progress bar shows.
Progress = Callable[[str, int, int], None]

#: Characters Python's ``str.splitlines`` (and some JSON Lines readers) take for line ends.
_LINE_BREAKS = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def write_jsonl(store: KGStore, out: TextIO, on_progress: Progress | None = None) -> None:
    """One JSON object a line; line-breaking characters inside strings are escaped, so any
    reader's idea of a line agrees with ours."""
    for row in jsonl_rows(store, on_progress=on_progress):
        out.write(json.dumps(row, ensure_ascii=False).translate(_LINE_BREAKS) + "\n")


def jsonl_rows(store: KGStore, batch: int = ARTICLES_PER_BATCH,
               on_progress: Progress | None = None) -> Iterator[Row]:
    """Statement rows of every article, then entity rows, read ``batch`` articles a query."""
    graphs = article_graphs(store)
    entities = open_known_entities(store).by_id
    for done, graphs_batch in _batches(graphs, batch):
        statements = sorted(statements_in_articles(store, graphs_batch), key=_export_order)
        for statement in statements:
            yield statement_row(statement, entities)
        _report(on_progress, "statements", done, len(graphs))
    for done, graphs_batch in _batches(graphs, batch):
        for mention in mentions_in_articles(store, graphs_batch):
            yield entity_row(mention, entity_or_bare(entities, mention.entity_id))
        _report(on_progress, "entities", done, len(graphs))


def _export_order(statement: StatementRecord) -> tuple[str, int, int, str]:
    """Strongest modality first, then text order (the id breaks ties between facts read from
    one position)."""
    return (statement.article, MODALITY_ORDER[statement.modality], statement.start, statement.id)


def _batches(graphs: Sequence[str], size: int) -> Iterator[tuple[int, list[str]]]:
    """Consecutive slices of ``graphs``, each with how many graphs are done after it."""
    iterator = iter(graphs)
    done = 0
    while chunk := list(islice(iterator, size)):
        done += len(chunk)
        yield done, chunk


def _report(on_progress: Progress | None, stage: str, done: int, total: int) -> None:
    if on_progress is not None:
        on_progress(stage, done, total)


def statement_row(statement: StatementRecord, entities: dict[str, EntityRecord]) -> Row:
    place = entity_or_bare(entities, statement.place) if statement.place else None
    return {
        "kind": "statement",
        "subject": entity_or_bare(entities, statement.subject).label,
        "predicate": statement.predicate,
        "object": entity_or_bare(entities, statement.object).label,
        "source": statement.article,
        "modality": statement.modality.value,
        "subject_id": statement.subject,
        "object_id": statement.object,
        "confidence": statement.confidence,
        "date": statement.date,
        "place": place.label if place else None,
        "place_id": statement.place,
        "sentence": statement.sentence,
        "char_start": statement.start,
        "char_end": statement.end,
        "rule": statement.rule,
        "id": statement.id,
    }


def entity_row(mention: MentionRecord, entity: EntityRecord) -> Row:
    return {"kind": "entity", "label": entity.label, "source": mention.article, "id": entity.id,
            "type": entity.type.value if entity.type else None}
