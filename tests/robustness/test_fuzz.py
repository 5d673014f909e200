"""Properties over arbitrary input: the extractor never raises (a refused page is an
IngestError, nothing else), every export round-trips arbitrary entity labels, and queries
generated from the GraphQL schema never get a 5xx or an internal error."""
from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st
from hypothesis_graphql import from_schema
from rdflib import Dataset, Graph, Literal

from kg.config import Settings, load_settings
from kg.export import write_export
from kg.ingest import IngestError, article_from_page
from kg.model import Article, ArticleExtraction, Entity, EntityType, Mention, Provenance, Statement
from kg.pipeline import extractor_for
from kg.store import KGStore, open_store
from kg.store.iris import entity_iri

SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"
FUZZ = hypothesis_settings(max_examples=40, deadline=None, derandomize=True, database=None,
                           suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                  HealthCheck.too_slow])

WORDS = ["Putin", "Kim", "Jong", "Un", "hat", "traf", "in", "Pjöngjang", "Moskau", "getroffen",
         "nicht", "soll", "Nordkorea", "Russland", "Waffen", "geliefert", "am", "Mittwoch", "der",
         "die", "Präsident", "sagte", ",", ".", "?", "!", "„", "“", '"', "(", ")", "-", "\n", "\n\n",
         "} INSERT DATA {", '"""', "<http://evil>", "2024", "vor", "24", "Jahren", "er", "sie",
         "beide", "Machthaber", "Nordkoreas", "dessen", "Sprecher", "bestritt", "vorgeworfen"]

PROSE = ("Der russische Präsident Wladimir Putin hat am Mittwoch den nordkoreanischen "
         "Machthaber Kim Jong Un in Pjöngjang getroffen, wie die Nachrichtenagentur berichtete.")
pages = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=60).map(lambda ws: "Titel der Seite\n\n" + " ".join(ws)),
    # prose the ingest keeps, with arbitrary words and characters spliced in
    st.tuples(st.lists(st.sampled_from(WORDS), max_size=40), st.text(max_size=40)).map(
        lambda parts: "Putin trifft Kim in Pjöngjang\n\n" + PROSE + " " + " ".join(parts[0])
        + parts[1] + " " + PROSE),
)


EXTRACTED: list[int] = []


@FUZZ
@given(page=pages)
def test_the_extractor_never_raises_on_arbitrary_text(page: str) -> None:
    try:
        article = article_from_page(page, "fuzz.txt")
    except IngestError as refused:
        assert refused.source == "fuzz.txt" and refused.reason
        return
    extraction = extractor_for(load_settings()).extract(article)
    EXTRACTED.append(len(extraction.statements))
    for statement in extraction.statements:  # offsets point into the page as given
        where = statement.provenance
        assert 0 <= where.start <= where.end <= len(page)
        assert "".join(page[where.start:where.end].split()) == "".join(where.sentence.split())


labels = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda s: s.strip() == s and s.strip())


def _extraction(label: str) -> ArticleExtraction:
    text = "Ein Satz über etwas. Noch ein Satz."
    fuzz = Entity("fuzz_entity", label, EntityType.ORGANISATION, known=False)
    other = Entity("other_entity", "Andere", EntityType.COUNTRY, known=False)
    provenance = Provenance("fuzz.txt", "Ein Satz über etwas.", 0, 20, rule="test-rule")
    return ArticleExtraction(
        article=Article(source="fuzz.txt", text=text, title=label, published=date(2024, 1, 2)),
        sentences=[(0, 20), (21, 35)], entities={e.id: e for e in (fuzz, other)},
        mentions=[Mention(e.id, e.label, 0, 0, 0, "test-rule") for e in (fuzz, other)],
        statements=[Statement("fuzz_entity", "met", "other_entity", provenance, confidence=0.5)])


RDF_FORMATS = [("turtle", "turtle", False), ("nt", "nt", False), ("trig", "trig", True),
               ("nquads", "nquads", True), ("jsonld", "json-ld", True)]


@FUZZ
@given(label=labels)
def test_every_export_round_trips_arbitrary_labels(label: str, settings: Settings) -> None:
    with open_store("memory", settings) as store:
        store.replace_article(_extraction(label))
        # split at "\n" only: JSON Lines keeps U+0085 and U+2028 raw inside strings
        rows = [json.loads(line) for line in _export(store, "jsonl").split("\n") if line]
        assert label in {row.get("label") for row in rows if row.get("id") == "fuzz_entity"}
        for fmt, rdflib_format, quads in RDF_FORMATS:
            graph: Graph = Dataset() if quads else Graph()
            graph.parse(data=_export(store, fmt), format=rdflib_format)
            found = {str(q[2]) for q in _all(graph)
                     if q[0] == entity_iri("fuzz_entity") and isinstance(q[2], Literal)}
            assert label in found, (fmt, label, found)


def _all(graph: Graph) -> list[tuple]:
    return list(graph.quads((None, None, None, None)) if isinstance(graph, Dataset)
                else graph.triples((None, None, None)))


def _export(store: KGStore, fmt: str) -> str:
    out = io.StringIO()
    write_export(store, fmt, out)
    return out.getvalue()


@hypothesis_settings(max_examples=150, deadline=None, derandomize=True, database=None,
                     suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_schema_generated_queries_never_get_a_server_error(data: st.DataObject, store: KGStore,
                                                           limit_settings: Settings,
                                                           http_client_for) -> None:  # noqa: ANN001
    client = http_client_for(store, limit_settings)
    query = data.draw(from_schema(SCHEMA.read_text("utf-8")))
    response = client.post("/graphql", json={"query": query})
    assert response.status_code < 500, (query, response.text)
    for error in response.json().get("errors") or []:
        assert error["extensions"]["code"] != "INTERNAL_SERVER_ERROR", (query, error)


@pytest.fixture
def http_client_for(serve_store):  # noqa: ANN001, ANN201
    """One live server for all the examples of a test (started on first use)."""
    from contextlib import ExitStack
    stack = ExitStack()
    clients: dict[int, object] = {}

    def get(store: KGStore, settings: Settings):  # noqa: ANN202
        if id(store) not in clients:
            clients[id(store)] = stack.enter_context(serve_store(store, settings))
        return clients[id(store)]

    with stack:
        yield get


def test_the_extractor_fuzz_reached_the_extractor() -> None:
    """Guards the property above against a strategy whose pages the ingest all refuses."""
    if not EXTRACTED:
        pytest.skip("run together with test_the_extractor_never_raises_on_arbitrary_text")
    assert sum(1 for n in EXTRACTED if n) >= 5, EXTRACTED
