"""A load test with faults: concurrent GraphQL readers (entity lookup, relations, search,
shortest path) against a real uvicorn while a writer ingests and deletes articles through the
mutations; afterwards every kept article must have all its statements and every deleted one
none. ``kg loadtest`` runs it; the test suite runs a short one.

The numbers are measured and reported, never asserted as timings: what must hold is zero
5xx and zero lost or half-written articles.
"""
from __future__ import annotations

import asyncio
import random
import secrets
import socket
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import httpx

from kg.api import make_server
from kg.config import Settings
from kg.store import KGStore
from kg.store.iris import article_iri
from kg.store.queries import all_statements, article_by_source

ENTITY = 'query($id: ID!) { entity(id: $id) { id label mentionCount relations(first: 5) { totalCount } } }'
RELATIONS = '{ relations(first: 20) { totalCount edges { node { predicate confidence } } } }'
SEARCH = 'query($q: String!) { searchEntities(query: $q, first: 10) { totalCount edges { node { id } } } }'
PATH = 'query($a: ID!, $b: ID!) { shortestPath(from: $a, to: $b) { length } }'
INGEST = ('mutation($text: String!, $source: String!) { ingestArticle(text: $text, source: $source) '
          '{ source statementCount } }')
DELETE = 'mutation($source: String!) { deleteArticle(source: $source) { deleted } }'

ENTITIES = ("putin", "kim_jong_un", "north_korea", "russia", "pyongyang", "shoigu", "ukraine")
SEARCHES = ("Putin", "Pjöngjang", "nordkorea", "Kim", "Schoigu", "Moskau", "Kursk")


@dataclass
class LoadReport:
    seconds: float = 0.0
    requests: int = 0
    server_errors: int = 0  # 5xx
    transport_errors: int = 0  # no answer at all (timeouts, resets)
    graphql_errors: int = 0  # answered with errors (NOT_FOUND for a deleted entity is normal)
    latencies: list[float] = field(default_factory=list)
    ingested: int = 0
    deleted: int = 0
    failed_mutations: int = 0
    articles_checked: int = 0
    inconsistent: list[str] = field(default_factory=list)  # lost or half-written articles

    def percentile(self, p: float) -> float:
        """Latency in milliseconds at percentile ``p`` (0–100)."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    def summary(self) -> str:
        rate = self.requests / self.seconds if self.seconds else 0.0
        return (f"{self.requests} requests in {self.seconds:.1f} s ({rate:.0f}/s); "
                f"5xx: {self.server_errors}; no answer: {self.transport_errors}; "
                f"GraphQL errors: {self.graphql_errors}; latency ms p50 {self.percentile(50):.0f} "
                f"p95 {self.percentile(95):.0f} p99 {self.percentile(99):.0f} "
                f"(mean {1000 * statistics.fmean(self.latencies or [0]):.0f}); "
                f"articles ingested {self.ingested}, deleted {self.deleted}, failed mutations "
                f"{self.failed_mutations}; articles checked {self.articles_checked}, "
                f"inconsistent {len(self.inconsistent)}")


@dataclass
class _Ledger:
    """What the writer was told: kept articles and their statement counts; deleted ones."""

    kept: dict[str, int] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)


async def _reader(client: httpx.AsyncClient, report: LoadReport, stop: float, seed: int) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop:
        kind = rng.randrange(4)
        if kind == 0:
            body = {"query": ENTITY, "variables": {"id": rng.choice(ENTITIES)}}
        elif kind == 1:
            body = {"query": RELATIONS}
        elif kind == 2:
            body = {"query": SEARCH, "variables": {"q": rng.choice(SEARCHES)}}
        else:
            a, b = rng.sample(ENTITIES, 2)
            body = {"query": PATH, "variables": {"a": a, "b": b}}
        await _send(client, body, report)


async def _send(client: httpx.AsyncClient, body: dict[str, object], report: LoadReport,
                token: str | None = None) -> dict[str, object] | None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    started = time.monotonic()
    try:
        response = await client.post("/graphql", json=body, headers=headers)
    except httpx.TransportError:
        report.transport_errors += 1
        return None
    finally:
        report.requests += 1
    report.latencies.append(time.monotonic() - started)
    if response.status_code >= 500:
        report.server_errors += 1
        return None
    answer = response.json()
    if answer.get("errors"):
        report.graphql_errors += 1
    return answer  # type: ignore[no-any-return]


async def _writer(client: httpx.AsyncClient, report: LoadReport, ledger: _Ledger, stop: float,
                  pages: list[str], token: str, seed: int) -> None:
    rng = random.Random(seed)
    number = 0
    while time.monotonic() < stop:
        number += 1
        source = f"load-{number:05d}.txt"
        answer = await _send(client, {"query": INGEST, "variables": {
            "text": rng.choice(pages), "source": source}}, report, token)
        data = (answer or {}).get("data") or {}
        if answer is None or answer.get("errors") or not data:
            report.failed_mutations += 1
            ledger.kept.pop(source, None)
            ledger.deleted.discard(source)
            continue
        ledger.kept[source] = int(data["ingestArticle"]["statementCount"])  # type: ignore[index]
        report.ingested += 1
        if ledger.kept and rng.random() < 0.5:
            victim = rng.choice(sorted(ledger.kept))
            answer = await _send(client, {"query": DELETE, "variables": {"source": victim}},
                                 report, token)
            if answer is None or answer.get("errors"):
                report.failed_mutations += 1
                continue
            ledger.kept.pop(victim)
            ledger.deleted.add(victim)
            report.deleted += 1


def check_articles(store: KGStore, kept: dict[str, int], deleted: set[str]) -> list[str]:
    """What is wrong with the store: a kept article missing statements, a deleted one with any."""
    problems = []
    for source, expected in kept.items():
        record = article_by_source(store, source)
        found = len(all_statements(store, article=source))
        if record is None or record.statement_count != expected or found != expected:
            problems.append(f"{source}: expected {expected} statements, found {found} "
                            f"(article {'missing' if record is None else 'present'})")
    for source in deleted:
        leftover = len(store.dataset.graph(article_iri(source)))
        if leftover or article_by_source(store, source) is not None:
            problems.append(f"{source}: deleted but {leftover} triples remain")
    return problems


async def run_load(base_url: str, token: str, seconds: float, clients: int,
                   pages: list[str]) -> tuple[LoadReport, _Ledger]:
    report, ledger = LoadReport(), _Ledger()
    started = time.monotonic()
    stop = started + seconds
    limits = httpx.Limits(max_connections=clients + 2, max_keepalive_connections=clients + 2)
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as client:
        await asyncio.gather(_writer(client, report, ledger, stop, pages, token, seed=0),
                             *(_reader(client, report, stop, seed=i + 1) for i in range(clients)))
    report.seconds = time.monotonic() - started
    return report, ledger


@contextmanager
def served(store: KGStore, settings: Settings | None = None,
           log_level: str = "warning") -> Iterator[str]:
    """Serve ``store`` on a free loopback port in a thread; yield its base URL once the
    server listens. The load test and the test suite's live servers both use it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = make_server(store, "127.0.0.1", port, log_level=log_level, settings=settings)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def load_test(store: KGStore, settings: Settings, seconds: float, clients: int = 20,
              pages: list[str] | None = None) -> LoadReport:
    """Run the load against ``store`` (which should already hold some articles) and check it."""
    token = settings.api_token or secrets.token_urlsafe(16)
    settings = replace(settings, api_token=token)
    pages = pages or sample_pages(settings)
    with served(store, settings) as url:
        report, ledger = asyncio.run(run_load(url, token, seconds, clients, pages))
    report.inconsistent = check_articles(store, ledger.kept, ledger.deleted)
    report.articles_checked = len(ledger.kept) + len(ledger.deleted)
    return report


def sample_pages(settings: Settings) -> list[str]:
    return [p.read_text("utf-8") for p in sorted(Path(settings.sample_corpus_dir).glob("*.txt"))]
