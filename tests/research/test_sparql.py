"""``/sparql`` on a live server: read-only, content negotiation, limits, clear errors."""
from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import httpx
import pytest
from rdflib import Graph
from rdflib.plugins.sparql.results.tsvresults import TSVResultParser
from rdflib.plugins.sparql.results.xmlresults import XMLResultParser

from kg.config import Settings
from kg.store import KGStore
from kg.store.iris import entity_iri
from kg.vocab import KG

Serve = Callable[[KGStore, Settings], AbstractContextManager[httpx.Client]]

MET = """SELECT ?a ?b WHERE { ?st a kg:Statement ; rdf:subject ?a ; rdf:predicate kg:met ;
  rdf:object ?b } ORDER BY ?a ?b"""
MET_ROWS = {(str(entity_iri("kim_jong_un")), str(entity_iri("putin")))}


@pytest.fixture
def client(store: KGStore, serve_store: Serve) -> Iterator[httpx.Client]:
    with serve_store(store, Settings()) as http:
        yield http


def _json_rows(response: httpx.Response) -> set[tuple[str, ...]]:
    data = response.json()
    names = data["head"]["vars"]
    return {tuple(b[n]["value"] for n in names) for b in data["results"]["bindings"]}


def test_get_and_post_answer_the_same(client: httpx.Client) -> None:
    by_get = client.get("/sparql", params={"query": MET})
    by_form = client.post("/sparql", data={"query": MET})
    by_body = client.post("/sparql", content=MET, headers={"content-type": "application/sparql-query"})
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        assert _json_rows(response) == MET_ROWS


def test_the_default_graph_is_the_union_of_all_graphs(client: httpx.Client) -> None:
    """The gazetteer's label (ontology graph) and the article's statement join without GRAPH."""
    query = 'SELECT ?label WHERE { ?st rdf:subject ?p ; rdf:predicate kg:thanked . ?st rdf:object ?o . ?o rdfs:label ?label FILTER(lang(?label) = "de") }'
    assert _json_rows(client.get("/sparql", params={"query": query})) == {("Wladimir Putin",)}


@pytest.mark.parametrize(("accept", "media_type"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/html;q=0.9, text/csv;q=0.2, application/sparql-results+xml;q=0.5",
     "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
])
def test_select_results_in_the_accepted_format(client: httpx.Client, accept: str, media_type: str) -> None:
    response = client.get("/sparql", params={"query": MET}, headers={"accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media_type
    assert _rows(response.content, media_type) == MET_ROWS


@pytest.mark.parametrize(("fmt", "media_type"), [("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
                                                 ("xml", "application/sparql-results+xml")])
def test_the_format_parameter_beats_the_accept_header(client: httpx.Client, fmt: str, media_type: str) -> None:
    response = client.get("/sparql", params={"query": MET, "format": fmt},
                          headers={"accept": "application/sparql-results+json"})
    assert response.headers["content-type"].split(";")[0] == media_type
    assert _rows(response.content, media_type) == MET_ROWS


def _rows(body: bytes, media_type: str) -> set[tuple[str, ...]]:
    if media_type == "text/csv":
        return {tuple(row) for row in list(csv.reader(io.StringIO(body.decode())))[1:]}
    if media_type == "application/sparql-results+json":
        data = json.loads(body)
        return {tuple(b[n]["value"] for n in data["head"]["vars"]) for b in data["results"]["bindings"]}
    parser = TSVResultParser() if media_type == "text/tab-separated-values" else XMLResultParser()
    source = io.StringIO(body.decode()) if media_type == "text/tab-separated-values" else io.BytesIO(body)
    result = parser.parse(source)
    return {tuple(str(row[v]) for v in result.vars) for row in result.bindings}


def test_tsv_escapes_tabs_and_newlines_in_literals(client: httpx.Client) -> None:
    query = 'SELECT ?x WHERE { BIND("a\\tb\\nc" AS ?x) }'
    response = client.get("/sparql", params={"query": query, "format": "tsv"})
    assert response.text == '?x\n"a\\tb\\nc"\n'


def test_construct_answers_rdf_in_the_accepted_syntax(client: httpx.Client) -> None:
    query = "CONSTRUCT { ?a kg:met ?b } WHERE { ?a kg:met ?b }"
    for accept, rdflib_format in (("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                  ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")):
        response = client.get("/sparql", params={"query": query}, headers={"accept": accept})
        assert response.headers["content-type"].split(";")[0] == accept
        graph = Graph().parse(data=response.text, format=rdflib_format)
        assert set(graph) == {(entity_iri("kim_jong_un"), KG.met, entity_iri("putin"))}


def test_ask(client: httpx.Client) -> None:
    yes = client.get("/sparql", params={"query": "ASK { ent:kim_jong_un kg:met ent:putin }"})
    no = client.get("/sparql", params={"query": "ASK { ent:putin kg:invaded ent:kim_jong_un }"},
                    headers={"accept": "application/sparql-results+xml"})
    assert yes.json()["boolean"] is True
    assert b"<boolean>false</boolean>" in no.content


def test_an_unavailable_format_is_406(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": MET}, headers={"accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text


UPDATES = [
    "INSERT DATA { ent:a kg:met ent:b }",
    "DELETE DATA { ent:kim_jong_un kg:met ent:putin }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <https://w3id.org/kg-news/ontology#ontology-graph>",
    "CREATE GRAPH <http://example.org/g>",
    "ADD DEFAULT TO <http://example.org/g>",
    "MOVE DEFAULT TO <http://example.org/g>",
    "COPY DEFAULT TO <http://example.org/g>",
]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_and_change_nothing(client: httpx.Client, update: str) -> None:
    for response in (client.get("/sparql", params={"query": update}),
                     client.post("/sparql", data={"query": update}),
                     client.post("/sparql", data={"update": update}),
                     client.post("/sparql", content=update,
                                 headers={"content-type": "application/sparql-update"})):
        assert response.status_code == 400
        assert "read-only" in response.text
    assert _json_rows(client.get("/sparql", params={"query": MET})) == MET_ROWS


def test_service_is_refused(client: httpx.Client) -> None:
    query = "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://example.org/sparql> { ?s ?q ?r } } }"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "SERVICE" in response.text


def test_from_is_refused_with_a_pointer_to_graph(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * FROM <http://example.org/x> WHERE { ?s ?p ?o }"})
    assert response.status_code == 400
    assert "GRAPH" in response.text


@pytest.mark.parametrize(("query", "message"), [
    ("SELECT * WHERE { ?s ?p }", "line 1, column"),
    ("SELECT * WHERE { ?s nope:p ?o }", "nope"),
    ("", "no query"),
])
def test_a_bad_query_is_400_with_a_message(client: httpx.Client, query: str, message: str) -> None:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert message in response.text


def test_results_are_cut_at_the_limit_and_say_so(store: KGStore, serve_store: Serve) -> None:
    with serve_store(store, Settings(sparql_max_results=3)) as http:
        many = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        few = http.get("/sparql", params={"query": MET})
        triples = http.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert len(many.json()["results"]["bindings"]) == 3
    assert many.headers["kg-results-truncated"] == "true"
    assert "kg-results-truncated" not in few.headers
    assert len(Graph().parse(data=triples.text, format="turtle")) == 3


def test_a_slow_query_hits_the_time_limit(store: KGStore, serve_store: Serve) -> None:
    cross_product = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with serve_store(store, Settings(sparql_time_limit_seconds=0.5, sparql_max_results=10**9)) as http:
        response = http.get("/sparql", params={"query": cross_product})
    assert response.status_code == 503
    assert "time limit" in response.text


def test_the_void_description_and_the_context_are_served(client: httpx.Client) -> None:
    void = Graph().parse(data=client.get("/.well-known/void").text, format="turtle")
    endpoints = {str(o) for o in void.objects(None, None) if str(o).endswith("/sparql")}
    assert endpoints == {str(client.base_url).rstrip("/") + "/sparql"}
    context = client.get("/context.jsonld")
    assert context.headers["content-type"] == "application/ld+json"
    assert context.json()["@context"]["kg"] == str(KG)


def test_literals_keep_their_language(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?l WHERE { ent:putin rdfs:label ?l }"})
    labels = {(b["l"]["value"], b["l"].get("xml:lang")) for b in response.json()["results"]["bindings"]}
    assert ("Wladimir Putin", "de") in labels


def test_a_query_waits_for_a_write_in_progress(store: KGStore, client: httpx.Client) -> None:
    """The endpoint takes the store's read guard like kg's own reads: on the memory store
    (no transactions) a query must not run while a write holds it, and runs once it ends."""
    if store.backend.directory is not None:
        pytest.skip("Oxigraph reads a snapshot; only the memory store has a guard to wait on")
    answered = threading.Event()
    rows: list[set[tuple[str, ...]]] = []

    def ask() -> None:
        rows.append(_json_rows(client.get("/sparql", params={"query": MET})))
        answered.set()

    with store.backend.read_guard():  # what replace_graphs holds while it writes
        asker = threading.Thread(target=ask)
        asker.start()
        assert not answered.wait(0.5)
    asker.join(timeout=10)
    assert answered.is_set() and rows == [MET_ROWS]
