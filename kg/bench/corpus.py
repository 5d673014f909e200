"""A synthetic corpus of German news-style pages, for measuring extraction speed.

Every page starts with :data:`SYNTHETIC_HEADER`, so no one mistakes it for press material.
Sentences come from :mod:`kg.bench.templates` (every relation cue family of
``relations.toml``) about entities from :func:`kg.bench.entities.entity_pool`.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from kg.bench.entities import EntityPool
from kg.bench.templates import FILLER, relation_types, sentence
from kg.model import EntityType

SYNTHETIC_HEADER = "SYNTHETISCH: von kg bench erzeugter Testtext, keine echte Nachricht."
SENTENCES_PER_PARAGRAPH = 4


def synthetic_page(rng: random.Random, pool: EntityPool, relations_toml: Path, number: int,
                   statements: int = 12) -> str:
    """One page: header line, title, date line, paragraphs of relation and filler sentences."""
    types = relation_types(relations_toml)
    predicates = sorted(types)
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(7 * 365))
    lines: list[str] = []
    for _ in range(statements):
        predicate = rng.choice(predicates)
        subject = pool.pick(rng, types[predicate][0])
        obj = pool.pick(rng, types[predicate][1])
        place = pool.pick(rng, [EntityType.CITY])
        lines.append(sentence(rng, predicate, subject.label, obj.label, place.label))
        if rng.random() < 0.4:
            lines.append(rng.choice(FILLER))
    paragraphs = [" ".join(lines[i:i + SENTENCES_PER_PARAGRAPH])
                  for i in range(0, len(lines), SENTENCES_PER_PARAGRAPH)]
    title = f"Bericht {number}: {lines[0].rstrip('.')}"
    return "\n\n".join([SYNTHETIC_HEADER, title, day.strftime("%d.%m.%Y, 12:00"), *paragraphs,
                        "(synthetisch)"]) + "\n"


def write_corpus(folder: Path, pool: EntityPool, relations_toml: Path, articles: int,
                 seed: int = 5) -> list[Path]:
    """Write ``articles`` pages into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for number in range(articles):
        path = folder / f"synthetic-{number:06d}.txt"
        path.write_text(synthetic_page(rng, pool, relations_toml, number), encoding="utf-8")
        paths.append(path)
    return paths
