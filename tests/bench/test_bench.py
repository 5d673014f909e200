"""``kg bench``: the generators make what they promise, and the quick run prints every row.

No timing is asserted here: speed is what the benchmark reports, not what a test decides.
"""
from __future__ import annotations

import asyncio
import random
import re
import subprocess
import sys
import time
import types
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from kg.bench import extraction
from kg.bench import run as bench_run
from kg.bench.corpus import SYNTHETIC_HEADER, write_corpus
from kg.bench.entities import entity_pool
from kg.bench.load import LoadPlan, Scenario, run_plan
from kg.bench.report import ROW_NAMES
from kg.bench.server import RunningServer
from kg.bench.statements import synthetic_extractions
from kg.bench.templates import SENTENCES, relation_types
from kg.bench.timing import CpuReading, CpuUse, machine_ticks, percentile, tree_cpu_seconds
from kg.config import QUICK_BENCH, load_settings
from kg.ontology import load_gazetteer

SETTINGS = load_settings()
RELATIONS = SETTINGS.lexicon_dir / "relations.toml"


@pytest.fixture(scope="module")
def pool():  # noqa: ANN201
    return entity_pool(load_gazetteer(SETTINGS.ontology_dir), 1200)


def test_every_relation_of_the_lexicon_has_sentences() -> None:
    assert set(relation_types(RELATIONS)) <= set(SENTENCES)


def test_the_pool_mixes_gazetteer_and_invented_entities(pool) -> None:  # noqa: ANN001
    entities = [e for group in pool.by_type.values() for e in group]
    assert pool.size == 1200
    assert any(e.known for e in entities) and any(not e.known for e in entities)


def test_statements_come_to_the_number_asked_with_provenance_and_allowed_types(pool) -> None:  # noqa: ANN001
    extractions = list(synthetic_extractions(pool, RELATIONS, 1005, per_article=10))
    assert len(extractions) == 101
    statements = [s for e in extractions for s in e.statements]
    assert len(statements) == 1005
    types = relation_types(RELATIONS)
    for extraction in extractions:
        for statement in extraction.statements:
            assert statement.subject != statement.object
            assert extraction.entities[statement.subject].type in types[statement.predicate][0]
            assert extraction.entities[statement.object].type in types[statement.predicate][1]
            assert statement.provenance.article == extraction.article.source
            assert statement.provenance.end - statement.provenance.start == len(statement.provenance.sentence)


def test_corpus_pages_are_labelled_synthetic_and_readable_by_the_extractor(
        pool, tmp_path: Path) -> None:  # noqa: ANN001
    from kg.pipeline import extract_page
    paths = write_corpus(tmp_path, pool, RELATIONS, 3)
    assert all(p.read_text("utf-8").startswith(SYNTHETIC_HEADER + "\n") for p in paths)
    extraction = extract_page(paths[0], SETTINGS)
    assert extraction.article.published is not None
    assert extraction.statements


def test_percentile_is_nearest_rank() -> None:
    values = sorted(random.Random(1).sample(range(1, 101), 100))
    assert [percentile(values, f) for f in (0.5, 0.95, 0.99, 1.0)] == [50, 95, 99, 100]
    assert percentile([], 0.5) == 0.0


def test_the_cpu_time_of_a_server_counts_its_worker_processes() -> None:
    """A parent that only waits, with a child that spins for half a second: the tree's CPU
    time is the child's."""
    spin = "import time; end = time.process_time() + 0.5\nwhile time.process_time() < end: pass"
    parent = subprocess.Popen([sys.executable, "-c", "import subprocess, sys; "
                               f"subprocess.run([sys.executable, '-c', {spin!r}]); input()"],
                              stdin=subprocess.PIPE)
    try:
        before = CpuReading.now(parent.pid)
        deadline = time.monotonic() + 30
        while tree_cpu_seconds(parent.pid) - before.tree_seconds < 0.4:
            assert time.monotonic() < deadline, "the child's CPU time was never counted"
            time.sleep(0.05)
        assert CpuUse.between(before, CpuReading.now(parent.pid)).tree_seconds >= 0.4
    finally:
        parent.kill()
        parent.wait()


def test_stolen_cpu_is_the_steal_share_of_all_ticks(tmp_path: Path) -> None:
    stat = tmp_path / "stat"
    stat.write_text("cpu  600 0 200 1000 100 0 0 100 0 0\ncpu0 300 0 100 500 50 0 0 50 0 0\n")
    assert machine_ticks(stat) == (100, 2000)
    stat.write_text("cpu  800 0 300 1500 100 0 0 300 0 0\n")
    later = machine_ticks(stat)
    use = CpuUse.between(CpuReading(1.0, (100, 2000)), CpuReading(3.5, later))
    assert use.tree_seconds == 2.5 and use.stolen == pytest.approx(0.2)
    assert machine_ticks(tmp_path / "missing") is None
    assert CpuUse.between(CpuReading(1.0, None), CpuReading(2.0, later)).stolen is None


def test_the_load_generator_only_targets_loopback() -> None:
    with pytest.raises(ValueError, match="127.0.0.1"):
        asyncio.run(run_plan(LoadPlan("http://example.org/graphql", 1, 1, 1.0, 1.0)))


def test_every_timed_load_follows_untimed_rounds_over_its_entities(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The timed load meets a server that has answered each of the scenario's entities (by
    every client, so every worker of ``--workers``): only the last plan of each is timed."""
    plans: list[LoadPlan] = []
    readings: list[int] = []

    def load(plan: LoadPlan) -> dict:
        plans.append(plan)
        return {plan.scenarios[0].name: {"latencies": [0.001] * plan.requests, "errors": 0,
                                         "seconds": 1.0}}

    def reading(pid: int) -> CpuReading:
        readings.append(len(plans))
        return CpuReading(tree_seconds=float(len(plans)), machine=None)

    monkeypatch.setattr(bench_run, "_run_load", load)
    monkeypatch.setattr(CpuReading, "now", staticmethod(reading))
    scenarios = [Scenario("a", "{ a }", [{"id": i} for i in "xyz"]),
                 Scenario("b", "{ b }", [{"id": "x"}])]
    bench = replace(QUICK_BENCH, warm_up_rounds=3, requests_per_scenario=40)
    results = bench_run._run_loaded("http://127.0.0.1:1/graphql", scenarios, bench, 1)
    assert [(p.scenarios[0].name, p.clients, p.requests) for p in plans] == [
        ("a", 20, 9), ("a", 20, 40), ("b", 20, 3), ("b", 20, 40)]
    assert readings == [1, 2, 3, 4]  # around the timed plans only
    assert len(results["a"]["latencies"]) == 40 and results["b"]["cpu"].tree_seconds == 1.0


def test_the_first_requests_meet_a_server_that_has_answered_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each scenario's first-request pass (one client, each entity once) comes before any
    other request to the server, the one-client entity lookups included."""
    plans: list[LoadPlan] = []

    def load(plan: LoadPlan) -> dict:
        plans.append(plan)
        return {s.name: {"latencies": [0.001] * plan.requests, "errors": 0, "seconds": 1.0}
                for s in plan.scenarios}

    @contextmanager
    def server(*args: object, **kwargs: object) -> Iterator[RunningServer]:
        process = types.SimpleNamespace(pid=1)
        yield RunningServer(process, "http://127.0.0.1:1/graphql", 1.0)  # type: ignore[arg-type]

    monkeypatch.setattr(bench_run, "_run_load", load)
    monkeypatch.setattr(bench_run, "running_server", server)
    monkeypatch.setattr(bench_run, "tree_rss_mib", lambda pid: (1.0, 1.0))
    monkeypatch.setattr(bench_run, "_workers_rows", lambda *args: [])
    monkeypatch.setattr(CpuReading, "now", staticmethod(lambda pid: CpuReading(0.0, None)))
    ids = ["a", "b", "c"]
    rows = bench_run._server_rows(tmp_path, tmp_path, ids, bench_run.RawLookups(0.001, 0.001),
                                  QUICK_BENCH)
    scenarios = bench_run._scenarios(ids)
    assert [(p.clients, p.requests, [s.name for s in p.scenarios]) for p in plans[:len(scenarios)]] \
        == [(1, len(s.variables), [s.name]) for s in scenarios]
    assert plans[len(scenarios)].scenarios[0].name == "graphql entity lookup"
    assert plans[len(scenarios)].requests == QUICK_BENCH.requests_per_scenario // 4
    assert [r.name for r in rows if r.name.endswith("first request")] == [
        f"{s.name}, first request" for s in scenarios]


def test_one_and_many_workers_take_turns_so_drift_falls_on_both(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The two rates come from alternating turns (one, many, many, one, …) whose totals add
    up: a machine slowing down over the run slows both rates alike."""
    turns: list[int] = []

    class Workers:
        def __init__(self, pages: list[Path], settings: object, processes: int) -> None:
            self.processes = processes

        def run(self, seconds: float) -> extraction.ExtractionRate:
            turns.append(self.processes)
            speed = 100 - len(turns)  # the machine slows a little every turn
            return extraction.ExtractionRate(self.processes, self.processes,
                                             speed * self.processes, seconds)

        def close(self) -> None:
            pass

    monkeypatch.setattr(extraction, "_Workers", Workers)
    one, many = extraction.extraction_rates([Path("p")], load_settings(), 8.0, 2, slices=4)
    assert turns == [1, 2, 2, 1, 1, 2, 2, 1]
    assert (one.processes, one.articles, one.words, one.seconds) == (1, 4, 99 + 96 + 95 + 92, 8.0)
    assert (many.words, many.seconds) == (2 * (98 + 97 + 94 + 93), 8.0)
    assert many.words / one.words == 2.0


def test_quick_bench_prints_every_row_of_the_table(tmp_path: Path) -> None:
    markdown = tmp_path / "bench.md"
    completed = subprocess.run(
        [sys.executable, "-m", "kg.cli", "bench", "--quick", "--markdown", str(markdown)],
        capture_output=True, text=True, timeout=900)
    assert completed.returncode == 0, completed.stderr[-3000:]
    table = markdown.read_text("utf-8")
    names = re.findall(r"^\| ([^|]+?) \|", table, flags=re.MULTILINE)[2:]
    assert names == list(ROW_NAMES)
    assert re.search(r"graphql entity lookup \| 20 clients, [1-9]\d* ok", table)


def test_a_kept_store_can_be_measured_again_from_the_server_rows(tmp_path: Path) -> None:
    kept, markdown = tmp_path / "kept", tmp_path / "server.md"
    subprocess.run([sys.executable, "-m", "kg.cli", "bench", "--quick", "--keep", str(kept)],
                   capture_output=True, text=True, timeout=900, check=True)
    assert (kept / "store").is_dir() and (kept / "sample-ids.json").is_file()
    completed = subprocess.run(
        [sys.executable, "-m", "kg.cli", "bench", "--quick", "--server-only", str(kept),
         "--markdown", str(markdown)], capture_output=True, text=True, timeout=900)
    assert completed.returncode == 0, completed.stderr[-3000:]
    names = re.findall(r"^\| ([^|]+?) \|", markdown.read_text("utf-8"), flags=re.MULTILINE)[2:]
    assert names[0] == "raw store query: entity by id" and "server start, no snapshot" in names
    assert "extraction, 1 process" not in names
    refused = subprocess.run([sys.executable, "-m", "kg.cli", "bench", "--quick", "--keep",
                              str(kept)], capture_output=True, text=True, timeout=300)
    assert refused.returncode != 0 and "not empty" in refused.stdout + refused.stderr


def test_the_load_generator_reads_every_kind_of_answer_and_counts_failures() -> None:
    """Sized, chunked and closing answers are read whole (the next request on the same
    connection still works), and an answer with GraphQL errors or a 500 counts as failed."""
    answers = {
        b'"sized"': b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"data\":{}}",
        b'"chunked"': (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                       b"5\r\n{\"dat\r\n6\r\na\":{}}\r\n0\r\n\r\n"),
        b'"closing"': b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"data\":{}}",
        b'"failing"': (b"HTTP/1.1 200 OK\r\nContent-Length: 28\r\n\r\n"
                       b"{\"errors\":[{\"message\":\"x\"}]}"),
        b'"broken"': b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2\r\n\r\n{}",
    }
    seen: list[bytes] = []

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError:
                break
            length = int(re.search(rb"Content-Length: (\d+)", head).group(1))  # type: ignore[union-attr]
            body = await reader.readexactly(length)
            kind = next(k for k in answers if k in body)
            seen.append(kind)
            writer.write(answers[kind])
            await writer.drain()
            if kind == b'"closing"':
                break
        writer.close()

    async def run() -> dict:
        server = await asyncio.start_server(answer, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            plan = LoadPlan(f"http://127.0.0.1:{port}/graphql", 2, 10, 10.0, 5.0, [
                Scenario("fine", "{ a }", [{"v": k} for k in ("sized", "chunked", "closing")]),
                Scenario("bad", "{ a }", [{"v": "failing"}, {"v": "broken"}])])
            return await run_plan(plan)

    results = asyncio.run(run())
    assert len(results["fine"].latencies) == 10 and results["fine"].errors == 0
    assert results["bad"].errors == 10 and not results["bad"].latencies
    assert "message" in results["bad"].first_error or "500" in results["bad"].first_error
    assert seen.count(b'"closing"') >= 3  # closed connections were opened again
