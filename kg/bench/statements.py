"""Synthetic :class:`ArticleExtraction` values: a store of a million statements with
provenance, without running the extractor (which would take hours at that size).

Every value is what the extractor would hand the store: an article (source, title, date,
outlet), its entities (known ones from the gazetteer, invented ones with ``known=False``) and
statements with sentence, offsets, rule, modality, confidence, and sometimes date and place.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from kg.bench.entities import EntityPool
from kg.bench.templates import relation_types, sentence
from kg.model import (PREDICATES, Article, ArticleExtraction, Entity, EntityType, Modality,
                      Provenance, Statement)
from pathlib import Path

SYNTHETIC_RULE = "synthetic"
SYNTHETIC_OUTLET = "kg bench (synthetic)"
_MODALITIES = (Modality.ASSERTED, Modality.ALLEGED, Modality.PLANNED, Modality.DENIED)
_MODALITY_WEIGHTS = (0.7, 0.15, 0.1, 0.05)
_FIRST_DAY = date(2019, 1, 1)


def synthetic_extractions(pool: EntityPool, relations_toml: Path, statements: int,
                          per_article: int = 10, seed: int = 11) -> Iterator[ArticleExtraction]:
    """Articles of ``per_article`` statements each until ``statements`` are made (streamed, so
    a million statements never sit in memory at once)."""
    rng = random.Random(seed)
    types = relation_types(relations_toml)
    predicates = [p for p in PREDICATES if p in types]
    made = 0
    number = 0
    while made < statements:
        count = min(per_article, statements - made)
        yield _article(rng, pool, types, predicates, number, count)
        made += count
        number += 1


def _article(rng: random.Random, pool: EntityPool, types: dict, predicates: list[str],
             number: int, count: int) -> ArticleExtraction:
    published = _FIRST_DAY + timedelta(days=rng.randrange(7 * 365))
    article = Article(source=f"synthetic-{number:07d}.txt", text="",
                      title=f"Synthetischer Artikel {number}", published=published,
                      outlet=SYNTHETIC_OUTLET)
    entities: dict[str, Entity] = {}
    found: list[Statement] = []
    offset = 0
    for _ in range(count):
        predicate = rng.choice(predicates)
        subject_types, object_types = types[predicate]
        subject = pool.pick(rng, subject_types)
        obj = pool.pick(rng, object_types)
        while obj.id == subject.id:
            obj = pool.pick(rng, object_types)
        place = pool.pick(rng, [EntityType.CITY]) if rng.random() < 0.3 else None
        text = sentence(rng, predicate, subject.label, obj.label, place.label if place else "Berlin")
        found.append(Statement(
            subject=subject.id, predicate=predicate, object=obj.id,
            provenance=Provenance(article.source, text, offset, offset + len(text), SYNTHETIC_RULE),
            modality=rng.choices(_MODALITIES, weights=_MODALITY_WEIGHTS)[0],
            confidence=round(rng.uniform(0.4, 0.95), 2),
            date=published.isoformat() if rng.random() < 0.5 else None,
            place=place.id if place else None))
        for entity in (subject, obj, place):
            if entity is not None:
                entities[entity.id] = entity
        offset += len(text) + 1
    sentences = [(s.provenance.start, s.provenance.end) for s in found]
    return ArticleExtraction(article=article, sentences=sentences, entities=entities,
                             statements=found)
