"""Hand-made extraction results for two short articles, a tiny gazetteer, and stores holding them.

The graph they make: Putin met Kim Jong Un (in both articles, named in opposite orders),
Kim leads North Korea, Russia allegedly supplies North Korea with weapons, North Korea sent
troops to Donetsk, Kim thanked Putin. Putin and Russia are gazetteer entities
(``known=True``), described by the test ontology; the rest are new.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from rdflib import Graph, Literal

from kg.loadtest import served
from kg.config import Settings
from kg.model import (Article, ArticleExtraction, Entity, EntityType, Mention, Modality,
                      Provenance, Statement)
from kg.store import KGStore, open_store
from kg.vocab import ENT, KG, OWL, RDF, RDFS, SKOS, WD

ENTITIES: dict[str, Entity] = {e.id: e for e in (
    Entity("putin", "Putin", EntityType.PERSON, known=True),
    Entity("russia", "Russland", EntityType.COUNTRY, known=True),
    Entity("kim_jong_un", "Kim Jong Un", EntityType.PERSON, aliases=("Kim", "Kim Jong-un"),
           wikidata="Q56226", known=False),
    Entity("north_korea", "Nordkorea", EntityType.COUNTRY, aliases=("Nordkoreas",), known=False),
    Entity("pyongyang", "Pjöngjang", EntityType.CITY, known=False),
    Entity("donetsk", "Donezk", EntityType.REGION, aliases=("Donetsk",), known=False),
)}

ARTICLE_ONE = "001_gipfel.txt"
ARTICLE_TWO = "002_donezk.txt"

#: (sentence index, subject, predicate, object, options) per article.
Fact = tuple[int, str, str, str, dict[str, object]]


def gazetteer_graph() -> Graph:
    """The test ontology: Putin and Russia with canonical German labels and aliases."""
    graph = Graph()
    for node, cls, label, aliases, qid in (
        (ENT.putin, KG.Person, "Wladimir Putin", ("Putin",), "Q7747"),
        (ENT.russia, KG.Country, "Russland", ("Russische Föderation",), "Q159"),
    ):
        graph.add((node, RDF.type, cls))
        graph.add((node, RDFS.label, Literal(label, lang="de")))
        graph.add((node, OWL.sameAs, WD[qid]))
        for alias in aliases:
            graph.add((node, SKOS.altLabel, Literal(alias, lang="de")))
    graph.add((ENT.putin, RDFS.label, Literal("Vladimir Putin", lang="en")))
    return graph


def make_extraction(source: str, title: str, published: date, text: str,
                    entity_ids: list[str], facts: list[Fact]) -> ArticleExtraction:
    """An extraction whose sentences, mentions and provenance really point into ``text``."""
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    statements = []
    for index, subject, predicate, obj, options in facts:
        start, end = sentences[index]
        provenance = Provenance(source, text[start:end].strip(), start, end, rule="test-rule")
        statements.append(Statement(subject, predicate, obj, provenance, **options))  # type: ignore[arg-type]
    mentions = [Mention(entity_id, ENTITIES[entity_id].label, 0, 0, 0, "test-rule")
                for entity_id in entity_ids]
    return ArticleExtraction(
        article=Article(source=source, text=text, title=title, published=published,
                        outlet="Testzeitung", url=f"https://example.org/{source}"),
        sentences=sentences, entities={i: ENTITIES[i] for i in entity_ids},
        mentions=mentions, statements=statements)


def article_one() -> ArticleExtraction:
    return make_extraction(
        ARTICLE_ONE, "Putin trifft Kim in Pjöngjang", date(2024, 6, 19),
        "Wladimir Putin hat Kim Jong Un in Pjöngjang getroffen. Russland soll Nordkorea "
        "Waffen liefern. Kim ist Machthaber Nordkoreas.",
        ["putin", "kim_jong_un", "pyongyang", "russia", "north_korea"],
        [(0, "putin", "met", "kim_jong_un",
          {"confidence": 0.9, "date": "2024-06-19", "place": "pyongyang"}),
         (1, "russia", "suppliesWeaponsTo", "north_korea",
          {"confidence": 0.6, "modality": Modality.ALLEGED}),
         (2, "kim_jong_un", "leaderOf", "north_korea", {"confidence": 0.8})])


def article_two() -> ArticleExtraction:
    return make_extraction(
        ARTICLE_TWO, "Nordkoreanische Soldaten in Donezk", date(2024, 10, 20),
        "Nordkorea hat Soldaten nach Donezk geschickt. Kim Jong Un traf Putin erneut. "
        "Kim dankte Putin.",
        ["north_korea", "donetsk", "kim_jong_un", "putin"],
        [(0, "north_korea", "sentTroopsTo", "donetsk", {"confidence": 0.7, "date": "Oktober 2024"}),
         (1, "kim_jong_un", "met", "putin", {"confidence": 0.8}),
         (2, "kim_jong_un", "thanked", "putin", {"confidence": 0.7})])


@pytest.fixture
def extraction_factory() -> Callable[..., ArticleExtraction]:
    """:func:`make_extraction`, for tests that need an article of their own."""
    return make_extraction


@pytest.fixture
def extractions() -> list[ArticleExtraction]:
    return [article_one(), article_two()]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose ontology directory holds only the test gazetteer."""
    ontology_dir = tmp_path / "ontologies"
    ontology_dir.mkdir()
    gazetteer_graph().serialize(ontology_dir / "gazetteer.ttl", format="turtle")
    return Settings(ontology_dir=ontology_dir)


@pytest.fixture(params=["memory", "disk"])
def store_uri(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every store test runs on both backends: their query engines differ."""
    return "memory" if request.param == "memory" else str(tmp_path / "store")


@pytest.fixture
def empty_store(store_uri: str, settings: Settings) -> Iterator[KGStore]:
    with open_store(store_uri, settings) as store:
        yield store


@pytest.fixture
def store(empty_store: KGStore, extractions: list[ArticleExtraction]) -> KGStore:
    """A store holding both articles."""
    for extraction in extractions:
        empty_store.replace_article(extraction)
    return empty_store


GraphQLPost = Callable[..., dict[str, Any]]


def post_graphql(client: httpx.Client, query: str, **variables: object) -> dict[str, Any]:
    """The JSON answer to a GraphQL request over HTTP (``data`` and maybe ``errors``)."""
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


@pytest.fixture
def graphql() -> GraphQLPost:
    """:func:`post_graphql`, for the API and end-to-end tests."""
    return post_graphql


# -- a real server on a free port ---------------------------------------------------------


@contextmanager
def live_server(store: KGStore, settings: Settings | None = None,
                log_level: str = "warning") -> Iterator[httpx.Client]:
    """Serve ``store`` in a thread (:func:`kg.loadtest.served`); yield a client bound to it."""
    with served(store, settings, log_level) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


@pytest.fixture
def serve_store() -> Callable[[KGStore, Settings], AbstractContextManager[httpx.Client]]:
    """:func:`live_server`, for tests that serve a store of their own."""
    return live_server


@pytest.fixture(scope="module")
def serve_store_module() -> Callable[[KGStore, Settings], AbstractContextManager[httpx.Client]]:
    """:func:`live_server` for module-scoped fixtures."""
    return live_server
