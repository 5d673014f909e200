"""Malformed requests, oversized bodies, huge pages and slow clients against a real uvicorn:
each gets an error or a limit, never a hang, a 5xx or a server that stops answering others."""
from __future__ import annotations

import asyncio
import json
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from kg.api.limits import RequestLimits
from kg.config import Settings

from .conftest import raw_socket, read_all

STATS = '{ stats { articles } }'


def _still_serving(client: httpx.Client) -> None:
    answer = client.post("/graphql", json={"query": STATS}, timeout=5)
    assert answer.status_code == 200 and answer.json()["data"]["stats"]["articles"] == 2


# -- malformed GraphQL ---------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "content_type"), [
    (b"{not json", "application/json"),
    (b'{"query": 42}', "application/json"),
    (b'{"variables": {}}', "application/json"),
    (b"[]", "application/json"),
    (b"null", "application/json"),
    (b'"{ stats { articles } }"', "application/json"),
    (b"query=%7B%7D", "text/plain"),
    (b"\xff\xfe\x00garbage", "application/json"),
    (b'{"query": "{ stats { articles } }", "variables": "nope"}', "application/json"),
    (b'{"query": "{ stats {"}', "application/json"),
    (b"[1, 2]", "application/json"),
])
def test_malformed_graphql_requests_are_client_errors(client: httpx.Client, body: bytes,
                                                      content_type: str) -> None:
    response = client.post("/graphql", content=body, headers={"content-type": content_type})
    assert 400 <= response.status_code < 500 or (
        response.status_code == 200 and response.json()["errors"]), response.text
    _still_serving(client)


def test_a_get_without_a_query_is_a_client_error(client: httpx.Client) -> None:
    response = client.get("/graphql", headers={"accept": "application/json"})
    assert 400 <= response.status_code < 500
    _still_serving(client)


@pytest.mark.parametrize("first", ["101", "1000000000", "2147483648", "-1", "99999999999999999999"])
def test_huge_or_negative_page_sizes_are_refused_with_a_code(client: httpx.Client, first: str) -> None:
    response = client.post("/graphql", json={"query": "{ articles(first: %s) { totalCount } }" % first})
    assert response.status_code == 200
    codes = {error["extensions"]["code"] for error in response.json()["errors"]}
    assert codes <= {"LIMIT_EXCEEDED", "BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"}, codes


def test_huge_paths_and_neighbourhoods_are_refused(client: httpx.Client) -> None:
    query = """{ kShortestPaths(from: "putin", to: "donetsk", k: 100000) { length }
                 entity(id: "putin") { neighbours(first: 100000) { totalCount } } }"""
    response = client.post("/graphql", json={"query": query})
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] in {"LIMIT_EXCEEDED", "GRAPHQL_VALIDATION_FAILED"}


# -- body size -------------------------------------------------------------------------------------

def test_an_oversized_body_is_413_and_the_server_keeps_serving(client: httpx.Client,
                                                                  limit_settings: Settings) -> None:
    padding = "#" * (limit_settings.max_request_bytes + 1)
    response = client.post("/graphql", json={"query": padding + "\n" + STATS})
    assert response.status_code == 413
    assert "larger than the limit" in response.json()["errors"][0]["message"]
    _still_serving(client)


def test_a_body_just_under_the_limit_is_served(client: httpx.Client, limit_settings: Settings) -> None:
    padding = "#" * (limit_settings.max_request_bytes - 200)
    response = client.post("/graphql", json={"query": padding + "\n" + STATS})
    assert response.status_code == 200 and response.json()["data"]["stats"]["articles"] == 2


def test_a_declared_huge_length_is_refused_before_the_body_is_sent(client: httpx.Client) -> None:
    with raw_socket(client) as sock:
        sock.sendall(b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 10000000000\r\n\r\n")
        assert read_all(sock).startswith(b"HTTP/1.1 413")


def test_an_oversized_chunked_body_is_413(client: httpx.Client, limit_settings: Settings) -> None:
    def chunks():  # noqa: ANN202 - no length known up front: sent chunked
        for _ in range(limit_settings.max_request_bytes // 8192 + 2):
            yield b" " * 8192
    response = client.post("/sparql", content=chunks(), headers={"content-type": "application/sparql-query"})
    assert response.status_code == 413


def test_an_oversized_sparql_form_is_413(client: httpx.Client, limit_settings: Settings) -> None:
    response = client.post("/sparql", data={"query": "#" * limit_settings.max_request_bytes})
    assert response.status_code == 413


# -- slow and stalled clients -------------------------------------------------------------------------

def test_a_client_stalling_after_its_headers_blocks_nobody_and_gets_408(client: httpx.Client) -> None:
    with raw_socket(client) as stalled:
        stalled.sendall(b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        b"Content-Length: 100\r\n\r\n{\"query\"")
        started = time.monotonic()
        _still_serving(client)
        assert time.monotonic() - started < 1.0
        answer = read_all(stalled)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]


def test_a_client_trickling_its_headers_is_cut_off(client: httpx.Client,
                                                   limit_settings: Settings) -> None:
    limit = limit_settings.header_timeout_seconds
    with raw_socket(client) as slow:
        slow.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        slow.settimeout(0.2)
        started = time.monotonic()
        answer = None
        while answer is None and time.monotonic() - started < limit + 3:
            try:
                slow.sendall(b"X-Slow: a\r\n")  # a header line every 0.2 s, never the blank line
                answer = slow.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                answer = b""
        assert answer is not None, "the server kept a never-ending request head open"
        assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer[:100]
        assert time.monotonic() - started < limit + 2


def test_many_stalled_connections_do_not_block_others(client: httpx.Client) -> None:
    sockets = [raw_socket(client) for _ in range(50)]
    try:
        for index, sock in enumerate(sockets):
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n" if index % 2 else
                         b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{")
        with ThreadPoolExecutor(8) as pool:
            times = list(pool.map(lambda _: _timed_stats(client), range(16)))
        assert max(times) < 2.0, times
    finally:
        for sock in sockets:
            sock.close()


def _timed_stats(client: httpx.Client) -> float:
    started = time.monotonic()
    _still_serving(client)
    return time.monotonic() - started


def test_an_idle_keep_alive_connection_is_closed(client: httpx.Client,
                                                 limit_settings: Settings) -> None:
    with raw_socket(client) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        started = time.monotonic()
        answer = read_all(sock)  # returns once the server closes the idle connection
        assert answer.startswith(b"HTTP/1.1 200")
        assert time.monotonic() - started < limit_settings.keep_alive_seconds + 3


@pytest.mark.parametrize("extra", [1024, 512 * 1024])
def test_an_oversized_header_block_is_431(client: httpx.Client, limit_settings: Settings,
                                          extra: int) -> None:
    with raw_socket(client) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: "
                     + b"a" * (limit_settings.max_header_bytes + extra) + b"\r\n\r\n")
        answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 431"), answer[:100]
    _still_serving(client)


def test_a_header_block_under_the_limit_is_served(client: httpx.Client,
                                                  limit_settings: Settings) -> None:
    with raw_socket(client) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: "
                     + b"a" * (limit_settings.max_header_bytes - 200) + b"\r\n\r\n")
        assert read_all(sock).startswith(b"HTTP/1.1 200")


def test_garbage_instead_of_http_is_400(client: httpx.Client) -> None:
    with raw_socket(client) as sock:
        sock.sendall(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http at all\r\n\r\n")
        assert read_all(sock).startswith(b"HTTP/1.1 400")
    _still_serving(client)


# -- the request time limit (backstop behind the per-query limits) ---------------------------------------

def test_a_request_past_the_time_limit_is_503(settings: Settings) -> None:
    async def slow_app(scope, receive, send) -> None:  # noqa: ANN001
        await receive()
        await asyncio.sleep(5)

    async def call() -> httpx.Response:
        limited = RequestLimits(slow_app, Settings(request_time_limit_seconds=0.2))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=limited),
                                     base_url="http://kg") as http:
            return await http.post("/graphql", content=b"{}")

    started = time.monotonic()
    response = asyncio.run(call())
    assert response.status_code == 503 and "time limit" in json.dumps(response.json())
    assert time.monotonic() - started < 2
