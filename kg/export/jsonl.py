"""JSON Lines export in the shape ``../shared/eval/score.py`` reads, plus ids and provenance.

A ``statement`` line per stored statement, then an ``entity`` line per entity per article
that mentions it; labels are canonical labels (the gazetteer's for known entities).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from kg.model import MODALITY_ORDER
from kg.store import KGStore
from kg.store.queries import all_statements, article_mentions, entities_by_ids, entity_or_bare
from kg.store.records import EntityRecord, MentionRecord, StatementRecord

Row = dict[str, Any]


#: Characters Python's ``str.splitlines`` (and some JSON Lines readers) take for line ends.
_LINE_BREAKS = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def write_jsonl(store: KGStore, out: TextIO) -> None:
    """One JSON object a line; line-breaking characters inside strings are escaped, so any
    reader's idea of a line agrees with ours."""
    for row in jsonl_rows(store):
        out.write(json.dumps(row, ensure_ascii=False).translate(_LINE_BREAKS) + "\n")


def jsonl_rows(store: KGStore) -> Iterator[Row]:
    """Statements per article, strongest modality first, then in text order."""
    statements = sorted(all_statements(store),
                        key=lambda s: (s.article, MODALITY_ORDER[s.modality], s.start))
    mentions = article_mentions(store)
    ids = {m.entity_id for m in mentions}
    ids |= {i for s in statements for i in (s.subject, s.object, s.place) if i}
    entities = entities_by_ids(store, ids)
    for statement in statements:
        yield statement_row(statement, entities)
    for mention in mentions:
        yield entity_row(mention, entity_or_bare(entities, mention.entity_id))


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
