"""The GraphQL API over real HTTP against uvicorn: filters, search, timeline, paths, rankings,
batching, guard rails, error codes, mutations and CORS."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from kg.config import Settings
from kg.store import KGStore

GraphQL = Callable[..., dict[str, Any]]
TOKEN = "s3cret-test-token"


@pytest.fixture
def store_uri(tmp_path: Path) -> str:
    return str(tmp_path / "kg-data")


@pytest.fixture
def api_settings(settings: Settings) -> Settings:
    """Mutations run the real pipeline, so they read the real gazetteer."""
    return replace(settings, api_token=TOKEN, cors_origins=("https://app.example.org",),
                   ontology_dir=Settings().ontology_dir)


@pytest.fixture
def client(store: KGStore, api_settings: Settings, serve_store) -> Iterator[httpx.Client]:  # noqa: ANN001
    with serve_store(store, api_settings) as http:
        yield http


def _ids(connection: dict[str, Any], key: str = "id") -> list[str]:
    return [edge["node"][key] for edge in connection["edges"]]


def _code(answer: dict[str, Any]) -> str:
    return answer["errors"][0]["extensions"]["code"]


# -- relations: filters and order ---------------------------------------------------------------

RELATIONS = """query($f: RelationFilterInput, $o: RelationOrder! = SUPPORT) {
  relations(filter: $f, orderBy: $o) { totalCount edges { node { predicate confidence
    earliestDate modality sources { article } } } } }"""


def _predicates(client: httpx.Client, graphql: GraphQL, **filters: object) -> list[str]:
    answer = graphql(client, RELATIONS, f=filters.pop("f", None), **filters)
    return [e["node"]["predicate"] for e in answer["data"]["relations"]["edges"]]


def test_relations_filter_by_predicates_modality_article_and_confidence(
        client: httpx.Client, graphql: GraphQL) -> None:
    assert _predicates(client, graphql, f={"predicates": ["met", "thanked"]}) == ["met", "thanked"]
    assert _predicates(client, graphql, f={"modalities": ["ALLEGED"]}) == ["suppliesWeaponsTo"]
    assert set(_predicates(client, graphql, f={"article": "002_donezk.txt"})) == {
        "sentTroopsTo", "met", "thanked"}
    assert _predicates(client, graphql, f={"minConfidence": 0.85}) == ["met"]


def test_relations_filter_by_date_range_using_article_dates_for_undated_facts(
        client: httpx.Client, graphql: GraphQL) -> None:
    june = _predicates(client, graphql, f={"dateFrom": "2024-06", "dateTo": "2024-06"})
    assert set(june) == {"met", "suppliesWeaponsTo", "leaderOf"}
    assert set(_predicates(client, graphql, f={"dateFrom": "2024-10-01"})) == {
        "met", "sentTroopsTo", "thanked"}


def test_relations_sort_by_date_and_confidence(client: httpx.Client, graphql: GraphQL) -> None:
    by_date = graphql(client, RELATIONS, o="DATE_DESCENDING")["data"]["relations"]["edges"]
    dates = [e["node"]["earliestDate"] for e in by_date]
    assert dates == sorted(dates, reverse=True)
    by_confidence = graphql(client, RELATIONS, o="CONFIDENCE")["data"]["relations"]["edges"]
    confidences = [e["node"]["confidence"] for e in by_confidence]
    assert confidences == sorted(confidences, reverse=True)


def test_entity_relations_filter_by_direction(client: httpx.Client, graphql: GraphQL) -> None:
    answer = graphql(client, """{ entity(id: "kim_jong_un") {
        out: relations(filter: {direction: OUT, predicates: ["leaderOf"]}) { totalCount }
        in: relations(filter: {direction: IN}) { edges { node { predicate } } } } }""")
    assert answer["data"]["entity"]["out"]["totalCount"] == 1
    assert _ids(answer["data"]["entity"]["in"], "predicate") == ["met"]


@pytest.mark.parametrize("filters, fix", [
    ({"predicates": ["befriended"]}, "use one of"),
    ({"dateFrom": "June 2024"}, "write 2024, 2024-06 or 2024-06-19"),
    ({"minConfidence": 2}, "between 0 and 1"),
])
def test_bad_filters_are_bad_user_input_saying_what_to_write(
        client: httpx.Client, graphql: GraphQL, filters: dict[str, object], fix: str) -> None:
    answer = graphql(client, RELATIONS, f=filters)
    assert _code(answer) == "BAD_USER_INPUT" and fix in answer["errors"][0]["message"]


# -- pagination ----------------------------------------------------------------------------------

def test_relations_page_through_with_cursors(client: httpx.Client, graphql: GraphQL) -> None:
    query = """query($after: String) { relations(first: 2, after: $after) { totalCount
        pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }"""
    seen: list[str] = []
    after = None
    while True:
        page = graphql(client, query, after=after)["data"]["relations"]
        seen += _ids(page)
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"] == 5


def test_a_page_past_the_maximum_size_is_refused(client: httpx.Client, graphql: GraphQL) -> None:
    answer = graphql(client, '{ articles(first: 101) { totalCount } }')
    assert _code(answer) == "LIMIT_EXCEEDED" and "at most 100" in answer["errors"][0]["message"]


def test_a_forged_cursor_is_bad_user_input(client: httpx.Client, graphql: GraphQL) -> None:
    assert _code(graphql(client, '{ articles(after: "nonsense") { totalCount } }')) == "BAD_USER_INPUT"


# -- search ------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, found", [
    ("Pyongyang", "pyongyang"), ("PJÖNG", "pyongyang"), ("Donetsk", "donetsk"),
    ("Nordkorae", "north_korea"), ("kim jong-un", "kim_jong_un"), ("Vladimir", "putin")])
def test_search_is_blind_to_case_umlauts_transliteration_and_a_typo(
        client: httpx.Client, graphql: GraphQL, query: str, found: str) -> None:
    answer = graphql(client, 'query($q: String!) { searchEntities(query: $q) { edges { node { id } } } }', q=query)
    assert _ids(answer["data"]["searchEntities"])[0] == found


def test_search_filters_by_type_and_ranks_by_mentions(client: httpx.Client, graphql: GraphQL) -> None:
    answer = graphql(client, '{ searchEntities(query: "", type: PERSON) { edges { node { id mentionCount } } } }')
    nodes = [e["node"] for e in answer["data"]["searchEntities"]["edges"]]
    assert {n["id"] for n in nodes} == {"putin", "kim_jong_un"}
    assert [n["mentionCount"] for n in nodes] == sorted((n["mentionCount"] for n in nodes), reverse=True)


# -- timeline, paths, ego network, rankings, co-mentions ----------------------------------------------

def test_timeline_orders_statements_by_date_with_sources(client: httpx.Client, graphql: GraphQL) -> None:
    answer = graphql(client, """{ entity(id: "putin") { timeline { edges { node {
        date predicate subject { id } object { id } source { article sentence } } } } } }""")
    entries = [e["node"] for e in answer["data"]["entity"]["timeline"]["edges"]]
    assert [e["date"] for e in entries] == ["2024-06-19", "2024-10-20", "2024-10-20"]
    assert entries[0]["source"]["article"] == "001_gipfel.txt"
    assert entries[0]["source"]["sentence"].startswith("Wladimir Putin hat Kim")


def test_paths_filter_by_predicate_and_modality(client: httpx.Client, graphql: GraphQL) -> None:
    query = """query($f: PathFilterInput) { shortestPath(from: "russia", to: "putin", filter: $f) {
        length hops { predicate modality relationId } } }"""
    path = graphql(client, query)["data"]["shortestPath"]
    assert [h["predicate"] for h in path["hops"]] == ["suppliesWeaponsTo", "leaderOf", "met"]
    assert path["hops"][0]["modality"] == "ALLEGED" and path["hops"][0]["relationId"]
    assert graphql(client, query, f={"modalities": ["ASSERTED"]})["data"]["shortestPath"] is None


def test_k_shortest_and_all_paths(client: httpx.Client, graphql: GraphQL) -> None:
    answer = graphql(client, """{ kShortestPaths(from: "donetsk", to: "putin", k: 3) { length }
        allPaths(from: "donetsk", to: "putin", maxLength: 3) { totalCount edges { node {
          entities { id } } } } }""")["data"]
    assert answer["kShortestPaths"] == [{"length": 3}]
    assert answer["allPaths"]["totalCount"] == 1
    assert [e["id"] for e in answer["allPaths"]["edges"][0]["node"]["entities"]] == [
        "donetsk", "north_korea", "kim_jong_un", "putin"]


def test_unknown_ids_in_walks_are_not_found(client: httpx.Client, graphql: GraphQL) -> None:
    answer = graphql(client, '{ shortestPath(from: "nobody", to: "putin") { length } }')
    assert _code(answer) == "NOT_FOUND" and "searchEntities" in answer["errors"][0]["message"]


def test_ego_network_gives_nodes_and_edges_to_draw(client: httpx.Client, graphql: GraphQL) -> None:
    answer = graphql(client, """{ egoNetwork(id: "north_korea", radius: 1) { truncated
        center { id } nodes { id } edges { subject { id } predicate object { id } } } }""")
    ego = answer["data"]["egoNetwork"]
    assert ego["center"] == {"id": "north_korea"} and ego["nodes"][0] == {"id": "north_korea"}
    assert {n["id"] for n in ego["nodes"]} == {"north_korea", "donetsk", "kim_jong_un", "russia"}
    assert {e["predicate"] for e in ego["edges"]} == {"sentTroopsTo", "leaderOf", "suppliesWeaponsTo"}
    small = graphql(client, '{ egoNetwork(id: "north_korea", maxNodes: 2) { truncated nodes { id } } }')
    assert small["data"]["egoNetwork"]["truncated"] is True


@pytest.mark.parametrize("measure", ["DEGREE", "PAGERANK", "BETWEENNESS"])
def test_most_connected_ranks_the_hub_first(client: httpx.Client, graphql: GraphQL, measure: str) -> None:
    answer = graphql(client, 'query($m: Centrality!) { mostConnected(measure: $m, first: 2) { '
                             'totalCount edges { node { entity { id } score } } } }', m=measure)
    ranked = answer["data"]["mostConnected"]
    assert ranked["totalCount"] == 5  # every entity with a fact; Pjöngjang is only a place
    assert ranked["edges"][0]["node"]["entity"]["id"] in {"kim_jong_un", "north_korea"}


def test_co_mentions_count_shared_articles(client: httpx.Client, graphql: GraphQL) -> None:
    answer = graphql(client, """{ coMentions(a: "putin", b: "donetsk") { count articles }
        coMentionedWith(id: "putin", first: 1) { edges { node { entityB { id } count } } } }""")["data"]
    assert answer["coMentions"] == {"count": 1, "articles": ["002_donezk.txt"]}
    assert answer["coMentionedWith"]["edges"][0]["node"] == {"entityB": {"id": "kim_jong_un"}, "count": 2}


# -- no N+1 --------------------------------------------------------------------------------------

NESTED = """query($n: Int!) { searchEntities(query: "", first: $n) { edges { node {
  relations { edges { node { subject { label } sources { article } } } }
  timeline { edges { node { subject { label } object { label } } } }
  neighbours { edges { node { label } } } } } } }"""


def test_nested_fields_cost_the_same_store_round_trips_for_two_or_six_entities(
        client: httpx.Client, graphql: GraphQL, store: KGStore, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    for name in ("select", "construct"):
        original = getattr(KGStore, name)

        def counted(self: KGStore, query: str, _original: Any = original) -> Any:
            calls.append(query)
            return _original(self, query)
        monkeypatch.setattr(KGStore, name, counted)
    graphql(client, NESTED, n=1)  # warms the entity index, which is cached until a write

    def round_trips(n: int) -> int:
        calls.clear()
        answer = graphql(client, NESTED, n=n)
        assert len(answer["data"]["searchEntities"]["edges"]) == n
        return len(calls)

    assert round_trips(2) == round_trips(6) <= 4


# -- guard rails -----------------------------------------------------------------------------------

def test_too_deep_queries_are_refused(client: httpx.Client, graphql: GraphQL) -> None:
    nested = "id"
    for _ in range(4):
        nested = f"neighbours(first: 1) {{ edges {{ node {{ {nested} }} }} }}"
    answer = graphql(client, '{ entity(id: "putin") { %s } }' % nested)
    assert _code(answer) == "LIMIT_EXCEEDED" and "depth" in answer["errors"][0]["message"]


def test_too_costly_queries_are_refused_before_running(client: httpx.Client, graphql: GraphQL) -> None:
    answer = graphql(client, """{ searchEntities(query: "", first: 100) { edges { node {
        relations(first: 100) { edges { node { subject { neighbours(first: 100) { totalCount } } } } } } } } }""")
    assert _code(answer) == "LIMIT_EXCEEDED" and "smaller `first`" in answer["errors"][0]["message"]
    assert answer["data"] is None


def test_very_long_documents_are_refused(client: httpx.Client, graphql: GraphQL) -> None:
    answer = graphql(client, "{ " + " ".join(f"a{i}: stats {{ articles }}" for i in range(800)) + " }")
    assert _code(answer) == "LIMIT_EXCEEDED"


def test_queries_stop_at_the_time_limit(store: KGStore, api_settings: Settings, graphql: GraphQL,
                                        serve_store) -> None:  # noqa: ANN001
    with serve_store(store, replace(api_settings, api_time_limit_seconds=0.0)) as http:
        answer = graphql(http, '{ articles { edges { node { source } } } }')
        assert _code(answer) == "LIMIT_EXCEEDED" and "time limit" in answer["errors"][0]["message"]


def test_schema_mismatches_are_validation_errors(client: httpx.Client, graphql: GraphQL) -> None:
    assert _code(graphql(client, "{ nothing }")) == "GRAPHQL_VALIDATION_FAILED"


# -- mutations ----------------------------------------------------------------------------------------

PAGE = """Nordkorea schickt Soldaten nach Kursk

Berlin, 5. Dezember 2024

Wladimir Putin hat Kim Jong Un am Mittwoch in Moskau getroffen. Nordkorea hat Soldaten nach Kursk geschickt.
"""
INGEST = """mutation($text: String!, $source: String!) { ingestArticle(text: $text, source: $source,
    date: "2024-12-05") { source date statementCount } }"""


def _post(client: httpx.Client, query: str, token: str | None = TOKEN, **variables: object) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/graphql", json={"query": query, "variables": variables}, headers=headers).json()


def test_mutations_need_the_token(client: httpx.Client) -> None:
    for token in (None, "wrong"):
        answer = _post(client, INGEST, token, text=PAGE, source="x.txt")
        assert _code(answer) == "UNAUTHENTICATED" and TOKEN not in str(answer)
    assert _post(client, '{ articles { totalCount } }')["data"]["articles"]["totalCount"] == 2


def test_mutations_are_off_without_a_configured_token(store: KGStore, api_settings: Settings,
                                                      serve_store) -> None:  # noqa: ANN001
    with serve_store(store, replace(api_settings, api_token="")) as http:
        answer = _post(http, 'mutation { deleteArticle(source: "001_gipfel.txt") { deleted } }')
        assert _code(answer) == "FORBIDDEN" and "KG_API_TOKEN" in answer["errors"][0]["message"]


def test_ingest_and_delete_show_at_once_in_queries_and_paths(client: httpx.Client) -> None:
    reach = '{ shortestPath(from: "kursk", to: "putin") { length } searchEntities(query: "Kursk") { totalCount } }'
    first = _post(client, INGEST, text=PAGE, source="003_kursk.txt")["data"]["ingestArticle"]
    assert first["source"] == "003_kursk.txt" and first["date"] == "2024-12-05"
    assert first["statementCount"] >= 1
    again = _post(client, INGEST, text=PAGE, source="003_kursk.txt")["data"]["ingestArticle"]
    assert again == first
    after = _post(client, reach)["data"]
    assert after["shortestPath"]["length"] >= 1 and after["searchEntities"]["totalCount"] >= 1
    assert _post(client, '{ stats { articles } }')["data"]["stats"]["articles"] == 3

    delete = 'mutation { deleteArticle(source: "003_kursk.txt") { source deleted } }'
    assert _post(client, delete)["data"]["deleteArticle"] == {"source": "003_kursk.txt", "deleted": True}
    assert _post(client, delete)["data"]["deleteArticle"]["deleted"] is False
    assert _code(_post(client, reach)) == "NOT_FOUND"
    assert _post(client, '{ stats { articles } }')["data"]["stats"]["articles"] == 2


def test_ingesting_a_page_without_prose_is_bad_user_input(client: httpx.Client) -> None:
    answer = _post(client, INGEST, text="Menü | Login | Suche", source="junk.txt")
    assert _code(answer) == "BAD_USER_INPUT" and "news page" in answer["errors"][0]["message"]


# -- CORS and GraphiQL --------------------------------------------------------------------------------

def test_cors_admits_only_configured_origins(client: httpx.Client) -> None:
    def preflight(origin: str) -> httpx.Response:
        return client.options("/graphql", headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
    assert preflight("https://app.example.org").headers["access-control-allow-origin"] == "https://app.example.org"
    assert "access-control-allow-origin" not in preflight("https://evil.example.org").headers


def test_cors_is_closed_by_default(store: KGStore, settings: Settings, serve_store) -> None:  # noqa: ANN001
    with serve_store(store, settings) as http:
        response = http.options("/graphql", headers={"Origin": "https://app.example.org",
                                                     "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in response.headers


def test_a_browser_gets_graphiql(client: httpx.Client) -> None:
    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
