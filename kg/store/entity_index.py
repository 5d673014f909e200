"""Every entity the store knows, held in memory for search and rebuilt only after a write.

Reading all entities takes a query over every graph (about 0.3 s on the sample corpus with
the gazetteer), too slow for search-as-you-type; the index is cached per store and dropped
when :attr:`KGStore.generation` moves, i.e. on the next read after any write.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from weakref import WeakKeyDictionary

from rapidfuzz.distance import Levenshtein

from kg.model import EntityType
from kg.store import derived
from kg.store.kgstore import KGStore
from kg.store.name_keys import name_keys
from kg.store.records import EntityRecord

#: Queries shorter than this are matched exactly (as prefix or substring), never by typo.
MIN_TYPO_QUERY = 4


class Match(IntEnum):
    """How well a name matches a query; lower is better."""

    PREFIX = 0
    SUBSTRING = 1
    TYPO = 2


@dataclass(frozen=True)
class EntityIndex:
    """Entity records by id, with the spelling-blind keys of their names."""

    by_id: dict[str, EntityRecord]
    keys: dict[str, frozenset[str]]

    @classmethod
    def of(cls, records: list[EntityRecord]) -> EntityIndex:
        return cls(by_id={r.id: r for r in records},
                   keys={r.id: frozenset().union(*(name_keys(n) for n in (r.label, *r.aliases)))
                         for r in records})

    def search(self, text: str, type_: EntityType | None = None) -> list[EntityRecord]:
        """Entities a name of which starts with, contains, or (from four letters on) nearly
        starts with ``text``; exact matches before typo matches, then most mentioned first."""
        wanted = name_keys(text.strip())
        ranked = []
        for id_, record in self.by_id.items():
            if type_ is not None and record.type is not type_:
                continue
            match = best_match(wanted, self.keys[id_])
            if match is not None:
                ranked.append(((match is Match.TYPO, -record.article_count,
                                record.label.casefold(), id_), record))
        return [record for _, record in sorted(ranked, key=lambda pair: pair[0])]


def best_match(queries: frozenset[str], names: frozenset[str]) -> Match | None:
    """The best way any query key matches any name key, or ``None``."""
    found = [m for q in queries for n in names if (m := _match(q, n)) is not None]
    return min(found) if found else None


def _match(query: str, name: str) -> Match | None:
    words = name.split(" ")
    if name.startswith(query) or any(w.startswith(query) for w in words):
        return Match.PREFIX
    if query in name:
        return Match.SUBSTRING
    if len(query) >= MIN_TYPO_QUERY:
        allowed = 1 if len(query) < 8 else 2
        heads = {name[:len(query)], *(w[:len(query)] for w in words)}
        if any(Levenshtein.distance(query, head, score_cutoff=allowed) <= allowed for head in heads):
            return Match.TYPO
    return None


_CACHE: WeakKeyDictionary[KGStore, tuple[int, EntityIndex]] = WeakKeyDictionary()


def cached_entity_index(store: KGStore) -> EntityIndex | None:
    """The index if it is built and no write came since, without building it: lookups of a
    few ids answer from it when they can and ask the store otherwise."""
    cached = _CACHE.get(store)
    return cached[1] if cached is not None and cached[0] == store.generation else None


def entity_index(store: KGStore, load: Callable[[KGStore], list[EntityRecord]]) -> EntityIndex:
    """The store's index, built with ``load`` when missing or older than the last write."""
    cached = _CACHE.get(store)
    if cached is not None and cached[0] == store.generation:
        return cached[1]
    generation = store.generation
    index = EntityIndex.of(load(store))
    _CACHE[store] = (generation, index)
    return index


#: The index's derived file in the store's folder (see :mod:`kg.store.derived`), and the
#: version of its shape.
INDEX_NAME = "entity-index.pickle"
INDEX_VERSION = 1


def open_entity_index(store: KGStore, load: Callable[[KGStore], list[EntityRecord]]) -> EntityIndex:
    """The index as a server start wants it: from the store's derived file when there is a
    current one (reading every entity took longer than the rest of a start), else built with
    ``load`` and saved there for the next start."""
    cached = cached_entity_index(store)
    if cached is not None:
        return cached
    generation = store.generation
    saved = derived.load(store, INDEX_NAME, INDEX_VERSION)
    if isinstance(saved, EntityIndex):
        _CACHE[store] = (generation, saved)
        return saved
    index = entity_index(store, load)
    if store.generation == generation:  # no write came while it was read
        derived.save(store, INDEX_NAME, INDEX_VERSION, index, replace=True)
    return index
