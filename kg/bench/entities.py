"""The entity pool synthetic data draws from: the gazetteer's entities plus invented ones.

Invented entities (``known=False``) get made-up German-sounding names, so a store of synthetic
statements holds both kinds the way real builds do. Popularity follows a Zipf-like curve: a few
entities (the Putins and Russlands of the pool) appear in many articles, most in few.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import accumulate

from kg.model import Entity, EntityType
from kg.ontology import Gazetteer

_SYLLABLES = ("ber", "brand", "dorf", "fel", "gar", "hal", "kirch", "lan", "mer", "nau", "ros",
              "stein", "tal", "wald", "win", "zel", "mar", "bur", "len", "hof")
_FIRST_NAMES = ("Anna", "Jonas", "Miriam", "Lukas", "Petra", "Stefan", "Ines", "Tobias", "Olga",
                "Wiktor", "Lena", "Dmitri", "Sabine", "Ilja", "Greta", "Farid")
_ORG_KINDS = ("Allianz", "Union", "Rat", "Bund", "Agentur", "Kommission")
_PLACE_ENDINGS = ("burg", "hausen", "stadt", "dorf", "au")
#: Zipf exponent of entity popularity; below 1 so the long tail still gets statements.
POPULARITY_EXPONENT = 0.8


@dataclass
class EntityPool:
    """Entities by type, each list with cumulative popularity weights for ``random.choices``."""

    by_type: dict[EntityType, list[Entity]]
    cum_weights: dict[EntityType, list[float]]

    def pick(self, rng: random.Random, types: list[EntityType]) -> Entity:
        """A popularity-weighted entity of one of ``types`` (chosen in proportion to size)."""
        candidates = [t for t in types if self.by_type.get(t)]
        kind = rng.choices(candidates, weights=[len(self.by_type[t]) for t in candidates])[0]
        return rng.choices(self.by_type[kind], cum_weights=self.cum_weights[kind])[0]

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.by_type.values())


def _invented_name(rng: random.Random, kind: EntityType, number: int) -> str:
    stem = "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize()
    if kind is EntityType.PERSON:
        return f"{rng.choice(_FIRST_NAMES)} {stem}"
    if kind is EntityType.ORGANISATION:
        return f"{stem}-{rng.choice(_ORG_KINDS)}"
    if kind is EntityType.COUNTRY:
        return f"Republik {stem}ien"
    return f"{stem}{rng.choice(_PLACE_ENDINGS)}"


def invented_entity(rng: random.Random, kind: EntityType, number: int) -> Entity:
    label = _invented_name(rng, kind, number)
    return Entity(id=f"synth-{kind.value.lower()}-{number}", label=label, type=kind, known=False)


def entity_pool(gazetteer: Gazetteer, total: int, seed: int = 7) -> EntityPool:
    """``total`` entities: every gazetteer entity (as many as fit) topped up with invented ones,
    invented persons and organisations mostly, as in news."""
    rng = random.Random(seed)
    known = sorted(gazetteer.entities.values(), key=lambda e: e.id)[:total]
    invented_kinds = [EntityType.PERSON] * 6 + [EntityType.ORGANISATION] * 2 + [EntityType.CITY]
    invented = [invented_entity(rng, rng.choice(invented_kinds), n)
                for n in range(max(total - len(known), 0))]
    by_type: dict[EntityType, list[Entity]] = {}
    for entity in known + invented:
        by_type.setdefault(entity.type, []).append(entity)
    for entities in by_type.values():
        rng.shuffle(entities)
    cum_weights = {kind: list(accumulate(1.0 / (rank ** POPULARITY_EXPONENT)
                                         for rank in range(1, len(entities) + 1)))
                   for kind, entities in by_type.items()}
    return EntityPool(by_type, cum_weights)
