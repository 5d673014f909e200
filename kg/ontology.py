"""The gazetteer: known entities of ``ontologies/*.ttl`` as Python values for the extractor.

The Turtle files are the single source of truth (the store loads the same files); this
module reads them once per process and keeps a pickled copy keyed by the files' content
hash next to them in the user's cache, so a build does not pay rdflib's Turtle parser each time.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from kg.model import Entity, EntityType
from kg.vocab import ENT, KG, OWL, RDF, RDFS, SKOS, WD


@dataclass(frozen=True)
class Position:
    """An office held: role (HeadOfState, HeadOfGovernment, …) of a country or organisation."""

    role: str
    of: str
    start: date | None = None
    end: date | None = None

    def held_on(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Gazetteer:
    """Known entities and the surface forms under which German news names them."""

    entities: dict[str, Entity] = field(default_factory=dict)
    #: surface form (as written) → entity ids, for labels and aliases
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    adjectives: dict[str, str] = field(default_factory=dict)  # "russisch" → russia
    demonyms: dict[str, str] = field(default_factory=dict)  # "Russen" → russia
    metonyms: dict[str, str] = field(default_factory=dict)  # "Kreml" → russia
    capitals: dict[str, str] = field(default_factory=dict)  # city id → country id
    located_in: dict[str, str] = field(default_factory=dict)  # city/region id → country id
    positions: dict[str, list[Position]] = field(default_factory=lambda: defaultdict(list))

    def office_holders(self, role: str, of: str, day: date | None) -> list[str]:
        """People who held ``role`` of ``of`` on ``day`` (today's holders when undated)."""
        return [pid for pid, plist in self.positions.items()
                for p in plist if p.role == role and p.of == of and p.held_on(day)]

    def leaders_of_any(self, person: str) -> bool:
        """Whether ``person`` ever led a state (head of state or government)."""
        return any(p.role in {"HeadOfState", "HeadOfGovernment"} for p in self.positions.get(person, []))

    def leaders_of(self, country: str) -> list[str]:
        """Everyone who ever led ``country`` (head of state or government)."""
        return [pid for pid, plist in self.positions.items()
                for p in plist if p.of == country and p.role in {"HeadOfState", "HeadOfGovernment"}]


_TYPES = {KG[t.value]: t for t in EntityType}


def _local(iri: URIRef, namespace: str) -> str:
    return str(iri)[len(namespace):]


def _date(value: object) -> date | None:
    if isinstance(value, Literal):
        py = value.toPython()
        return py if isinstance(py, date) else None
    return None


def gazetteer_from_graph(graph: Graph) -> Gazetteer:
    """Build the gazetteer from an rdflib graph holding ``ontologies/*.ttl``."""
    gaz = Gazetteer()
    for node, rdf_type in graph.subject_objects(RDF.type):
        etype = _TYPES.get(rdf_type)  # type: ignore[arg-type]
        if etype is None or not str(node).startswith(str(ENT)):
            continue
        eid = _local(node, str(ENT))  # type: ignore[arg-type]
        labels = {lit.language: str(lit) for lit in graph.objects(node, RDFS.label)
                  if isinstance(lit, Literal)}
        label = labels.get("de") or labels.get("en") or next(iter(labels.values()), eid)
        aliases = sorted({str(a) for a in graph.objects(node, SKOS.altLabel)}
                         | {v for v in labels.values() if v != label})
        wikidata = next((_local(o, str(WD)) for o in graph.objects(node, OWL.sameAs)
                         if str(o).startswith(str(WD))), None)  # type: ignore[arg-type]
        gaz.entities[eid] = Entity(eid, label, etype, tuple(aliases), wikidata, known=True)
        for name in [label, *aliases]:
            gaz.names[name].add(eid)
        for adj in graph.objects(node, KG.adjective):
            gaz.adjectives[str(adj).lower()] = eid
        for dem in graph.objects(node, KG.demonym):
            gaz.demonyms[str(dem)] = eid
        for met in graph.objects(node, KG.metonym):
            gaz.metonyms[str(met)] = eid
        for cap in graph.objects(node, KG.capital):
            gaz.capitals[_local(cap, str(ENT))] = eid  # type: ignore[arg-type]
        for loc in graph.objects(node, KG.locatedIn):
            gaz.located_in[eid] = _local(loc, str(ENT))  # type: ignore[arg-type]
        for pos in graph.objects(node, KG.position):
            role = graph.value(pos, KG.role)
            of = graph.value(pos, KG.country)
            if role is None or of is None:
                continue
            gaz.positions[eid].append(Position(
                _local(role, str(KG)), _local(of, str(ENT)),  # type: ignore[arg-type]
                _date(graph.value(pos, KG.startDate)), _date(graph.value(pos, KG.endDate))))
    return gaz


def ontology_files(ontology_dir: Path) -> list[Path]:
    return sorted(ontology_dir.glob("*.ttl"))


def ontology_hash(ontology_dir: Path) -> str:
    """Content hash of the ontology files: the store and the cache use it to see changes."""
    digest = hashlib.sha256()
    for path in ontology_files(ontology_dir):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def parse_ontology(ontology_dir: Path) -> Graph:
    graph = Graph()
    for path in ontology_files(ontology_dir):
        graph.parse(path, format="turtle")
    return graph


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kg"


@lru_cache(maxsize=4)
def load_gazetteer(ontology_dir: Path) -> Gazetteer:
    """The gazetteer for ``ontology_dir``, from the pickle cache when the files are unchanged."""
    cache = _cache_dir() / f"gazetteer-{ontology_hash(ontology_dir)}.pickle"
    try:
        with cache.open("rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, Gazetteer):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    gaz = gazetteer_from_graph(parse_ontology(ontology_dir))
    gaz.names = dict(gaz.names)  # type: ignore[assignment]
    gaz.positions = dict(gaz.positions)  # type: ignore[assignment]
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=cache.parent, delete=False) as tmp:
            pickle.dump(gaz, tmp)
        os.replace(tmp.name, cache)
    except OSError:
        pass
    return gaz
