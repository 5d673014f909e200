"""Access: the token unlocks mutations, is compared in constant time and never reaches a log;
SPARQL stays read-only whatever the spelling of an update."""
from __future__ import annotations

import hmac
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from kg.config import Settings
from kg.store import KGStore

from .conftest import TOKEN

PAGE = ("Putin trifft Kim\n\nBerlin, 5. Dezember 2024\n\nWladimir Putin hat Kim Jong Un am Mittwoch "
        "in Moskau getroffen. Nordkorea hat Soldaten nach Kursk geschickt.\n")
INGEST = """mutation($text: String!) { ingestArticle(text: $text, source: "tok.txt") { source } }"""


@pytest.fixture
def verbose_client(store: KGStore, limit_settings: Settings, serve_store) -> Iterator[httpx.Client]:  # noqa: ANN001
    """A server logging everything uvicorn can log (trace level, access log on)."""
    with serve_store(store, limit_settings, log_level="trace") as client:
        yield client


def _mutate(client: httpx.Client, token: str | None, query: str = INGEST, **variables: Any) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post("/graphql", json={"query": query, "variables": variables or {"text": PAGE}},
                       headers=headers).json()


def test_the_token_never_appears_in_logs_or_answers(verbose_client: httpx.Client,
                                                    caplog: pytest.LogCaptureFixture,
                                                    capfd: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = _mutate(verbose_client, TOKEN[:-1] + "X")
    assert wrong["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    right = _mutate(verbose_client, TOKEN)
    assert right["data"]["ingestArticle"]["source"] == "tok.txt"
    crashed = _mutate(verbose_client, TOKEN, 'mutation { deleteArticle(source: 12) { deleted } }')
    assert crashed["errors"]
    output = capfd.readouterr()
    logged = caplog.text + output.out + output.err
    assert "POST /graphql" in logged or caplog.records, "nothing was logged: the test would prove nothing"
    for text in (logged, str(wrong), str(right), str(crashed)):
        assert TOKEN not in text and TOKEN[:-1] not in text


def test_the_token_is_compared_in_constant_time(client: httpx.Client,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert _mutate(client, "nope")["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert compared, "the token check does not go through hmac.compare_digest"


@pytest.mark.parametrize("header", ["Bearer", "Basic " + TOKEN, TOKEN, "Bearer  " + TOKEN + "x", "bearer"])
def test_malformed_authorization_headers_are_refused(client: httpx.Client, header: str) -> None:
    answer = client.post("/graphql", json={"query": INGEST, "variables": {"text": PAGE}},
                         headers={"Authorization": header}).json()
    assert answer["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_cors_is_closed_by_default_on_every_route(client: httpx.Client) -> None:
    for path in ("/graphql", "/sparql", "/health"):
        response = client.options(path, headers={"Origin": "https://evil.example.org",
                                                 "Access-Control-Request-Method": "POST",
                                                 "Access-Control-Request-Headers": "authorization"})
        assert "access-control-allow-origin" not in response.headers
        assert response.status_code < 500


@pytest.mark.parametrize("query", [
    "insert data { <http://evil> <http://evil> <http://evil> }",
    "PREFIX x: <http://x/>\nINSERT DATA { x:a x:b x:c }",
    "# comment\nDELETE WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "LOAD SILENT <http://example.org/x> INTO GRAPH <http://example.org/g>",
    "CLEAR SILENT DEFAULT",
    "DROP SILENT NAMED",
    "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } } } }",
    "ASK { SERVICE ?endpoint { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
])
def test_sparql_refuses_every_spelling_of_updates_and_service(client: httpx.Client, query: str) -> None:
    before = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    for response in (client.get("/sparql", params={"query": query}),
                     client.post("/sparql", content=query,
                                 headers={"content-type": "application/sparql-query"})):
        assert response.status_code == 400, (query, response.status_code, response.text)
    after = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    assert after == before
