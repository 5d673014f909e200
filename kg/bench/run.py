"""``kg bench`` end to end: every stage measured in one run, one row each (see
:data:`kg.bench.report.ROW_NAMES`). Synthetic data only, in a temporary folder."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from kg.bench.corpus import write_corpus
from kg.bench.entities import entity_pool
from kg.bench.extraction import extraction_rates
from kg.bench.load import LoadPlan, Scenario
from kg.bench.report import Row, check
from kg.bench.server import running_server
from kg.bench.statements import synthetic_extractions
from kg.bench.store_load import LoadTimes, load_side_by_side
from kg.bench.timing import (CpuReading, CpuUse, peak_rss_mib, percentile, rate,
                             tree_rss_mib)
from kg.config import BenchSettings, Settings
from kg.export import write_export
from kg.model import ArticleExtraction
from kg.ontology import load_gazetteer
from kg.store import KGStore, open_store
from kg.store.kgstore import DERIVED_PREFIX
from kg.store import queries

ENTITY_QUERY = "query($id: ID!) { entity(id: $id) { id label type aliases wikidata } }"
RELATIONS_QUERY = ("query($id: ID!) { entity(id: $id) { relations(first: 20) { totalCount edges "
                   "{ node { id predicate modality confidence subject { id label } "
                   "object { id label } } } } } }")
NEIGHBOURS_QUERY = ("query($id: ID!) { entity(id: $id) { neighbours(depth: 3, first: 20) "
                    "{ totalCount edges { node { id label } } } } }")
PATH_QUERY = ("query($a: ID!, $b: ID!) { shortestPath(from: $a, to: $b) "
              "{ length entities { id label } } }")


class _Enough(Exception):
    """Raised by the sink when an export has run its measured time."""


class _CountingSink(io.TextIOBase):
    """A text stream that only counts what is written (exports measured without disk) and
    stops the export once ``seconds`` have passed: a full N-Triples export of a million
    statements would take longer than the rest of the bench."""

    def __init__(self, seconds: float) -> None:
        self.characters = 0
        self.lines = 0
        self._deadline = time.perf_counter() + seconds

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.characters += len(text)
        self.lines += text.count("\n")
        if time.perf_counter() > self._deadline:
            raise _Enough
        return len(text)


#: In a kept bench folder: the entity ids the lookups use, for ``--server-only`` runs.
SAMPLE_IDS = "sample-ids.json"


class BenchFolderError(ValueError):
    """A ``--keep`` folder that is not empty, or a ``--server-only`` one a kept run did not leave."""


def run_bench(settings: Settings, bench: BenchSettings, keep: Path | None = None,
              on_stage=print) -> list[Row]:  # noqa: ANN001 - a progress callback
    """Measure everything; ``on_stage`` hears the name of each stage as it starts. The data
    lives in a temporary folder, or in ``keep`` (new or empty), which is then left behind."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        if any(keep.iterdir()):
            raise BenchFolderError(f"{keep} is not empty; give a new folder for --keep")
        return _run_in(keep, settings, bench, on_stage)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        return _run_in(Path(tmp), settings, bench, on_stage)


def _run_in(root: Path, settings: Settings, bench: BenchSettings,
            on_stage) -> list[Row]:  # noqa: ANN001
    pool = entity_pool(load_gazetteer(settings.ontology_dir), bench.entities)
    relations_toml = settings.lexicon_dir / "relations.toml"
    rows: list[Row] = []
    on_stage("extraction")
    rows += _extraction_rows(root, pool, relations_toml, settings, bench)
    on_stage("store load")
    store_dir = root / "store"
    times = _load(store_dir, root / "raw", pool, relations_toml, settings, bench)
    rows += _load_rows(times, bench)
    ids = list(dict.fromkeys(times.sample_entities))[:50]
    (root / SAMPLE_IDS).write_text(json.dumps(ids), encoding="utf-8")
    on_stage("exports")
    rows += _export_rows(store_dir, settings, bench)
    rows += _query_and_server_rows(root, settings, bench, ids, on_stage)
    rows.append(Row("bench process memory (peak RSS)", "", f"{peak_rss_mib():,.0f} MiB"))
    return rows


def server_only(settings: Settings, bench: BenchSettings, kept: Path, on_stage=print) -> list[Row]:  # noqa: ANN001
    """The raw lookups, server start and GraphQL rows again, on the store a ``--keep`` run
    left in ``kept``: to measure a server change without loading the store again."""
    if not (kept / "store").is_dir() or not (kept / SAMPLE_IDS).is_file():
        raise BenchFolderError(f"{kept} holds no store a `kg bench --keep` run left")
    ids = json.loads((kept / SAMPLE_IDS).read_text(encoding="utf-8"))
    return _query_and_server_rows(kept, settings, bench, ids, on_stage)


def _query_and_server_rows(root: Path, settings: Settings, bench: BenchSettings,
                           ids: list[str], on_stage) -> list[Row]:  # noqa: ANN001
    for derived_file in (root / "store").glob(f"{DERIVED_PREFIX}*"):
        derived_file.unlink()  # so the first server start reads everything from the store
    on_stage("raw queries")
    raw = _raw_lookups(root / "store", settings, ids, bench)
    rows = [Row("raw store query: entity by id", f"{len(ids)} ids",
                f"p50 {raw.query * 1000:.2f} ms (SPARQL, queries.entity_by_id)"),
            Row("raw lookup: entity index", f"{len(ids)} ids",
                f"p50 {raw.index * 1000:.3f} ms (what the server answers from)")]
    on_stage("server and GraphQL load")
    return rows + _server_rows(root / "store", root, ids, raw, bench)


def _extraction_rows(root: Path, pool, relations_toml: Path, settings: Settings,  # noqa: ANN001
                     bench: BenchSettings) -> list[Row]:
    pages = write_corpus(root / "corpus", pool, relations_toml, bench.articles)
    cores = os.cpu_count() or 1
    one, many = extraction_rates(pages, settings, bench.extraction_seconds, cores)
    one_rate = rate(one.words, one.seconds)
    many_rate = rate(many.words, many.seconds)
    size = f"{bench.articles:,} pages written"
    return [
        Row("extraction, 1 process", size,
            f"{one_rate:,.0f} words/s, {rate(one.articles, one.seconds):,.1f} articles/s",
            "≥ 10,000 words/s", check(one_rate >= 10_000)),
        Row(f"extraction, all cores", f"{cores} processes",
            f"{many_rate:,.0f} words/s, {rate(many.articles, many.seconds):,.1f} articles/s "
            f"({rate(many_rate, one_rate):.2f}×)", "≥ 1.8× one process",
            check(many_rate >= 1.8 * one_rate)),
    ]


def _load(store_dir: Path, raw_dir: Path, pool, relations_toml: Path,  # noqa: ANN001
          settings: Settings, bench: BenchSettings) -> LoadTimes:
    def extractions() -> Iterator[ArticleExtraction]:
        return synthetic_extractions(pool, relations_toml, bench.statements,
                                     bench.statements_per_article)

    return load_side_by_side(open_store(str(store_dir), settings), raw_dir, extractions,
                             settings.build_batch_articles, bench.rdflib_memory_statements)


def _load_rows(times: LoadTimes, bench: BenchSettings) -> list[Row]:
    size = f"{times.statements:,} statements, {times.triples:,} triples"
    default = rate(times.triples, times.default_seconds)
    bulk = rate(times.triples, times.bulk_extend_seconds)
    memory = rate(times.memory_triples, times.memory_seconds)
    end_to_end = times.build_seconds + times.default_seconds
    return [
        Row("triples built from statements", size,
            f"{rate(times.triples, times.build_seconds):,.0f} triples/s (article_triples, rdflib terms)"),
        Row("store load: kg default (KGStore.replace_graphs)", size,
            f"{default:,.0f} triples/s, {rate(times.statements, times.default_seconds):,.0f} statements/s",
            "≥ 100,000 triples/s and ≥ ½ bulk_extend",
            check(default >= 100_000 and default >= bulk / 2)),
        Row("store load: pyoxigraph bulk_extend (quads ready)", size,
            f"{bulk:,.0f} triples/s"),
        Row("store load: rdflib memory (addN)", f"{times.memory_triples:,} triples (prefix)",
            f"{memory:,.0f} triples/s"),
        Row("store load: kg build write, end to end", size,
            f"{rate(times.statements, end_to_end):,.0f} statements/s, "
            f"{rate(times.triples, end_to_end):,.0f} triples/s (build + write)"),
    ]


def _export_rows(store_dir: Path, settings: Settings, bench: BenchSettings) -> list[Row]:
    """The exports on the store as ``kg build`` leaves it: with the entity index saved next to
    it (timed as a row of its own), which a JSON Lines export takes its labels from."""
    with open_store(str(store_dir), settings) as store:
        total = queries.stats(store)
        started = time.perf_counter()
        queries.open_known_entities(store)
        rows = [Row("entity index, read from the store and saved", f"{total.entities:,} entities",
                    f"{time.perf_counter() - started:,.1f} s (kg build's last step, with the view)")]
        for fmt, unit, count in (("nt", "triples", total.triples),
                                 ("jsonl", "statements", total.statements)):
            sink = _CountingSink(bench.export_seconds)
            started = time.perf_counter()
            try:
                write_export(store, fmt, sink)
                done = "all"
            except _Enough:
                done = f"first {bench.export_seconds:g} s"
            seconds = time.perf_counter() - started
            rows.append(Row(f"export {fmt}", f"{count:,} {unit} ({done})",
                            f"{rate(sink.lines, seconds):,.0f} lines/s, "
                            f"{sink.characters / seconds / 1e6:,.1f} M chars/s"))
    return rows


def _raw_lookups(store_dir: Path, settings: Settings, ids: list[str],
                 bench: BenchSettings) -> RawLookups:
    """An entity lookup by SPARQL (in a fresh process's store: nothing has built the index)
    and from the index a server start reads."""
    with open_store(str(store_dir), settings) as store:
        query = _p50_entity_lookup(store, ids, bench.raw_query_repeats)
        queries.known_entities(store)
        return RawLookups(query, _p50_entity_lookup(store, ids, bench.raw_query_repeats))


@dataclass
class RawLookups:
    """Median seconds of an entity lookup without GraphQL: by SPARQL, and from the index."""

    query: float
    index: float


def _p50_entity_lookup(store: KGStore, ids: list[str], repeats: int) -> float:
    latencies = []
    for i in range(repeats):
        started = time.perf_counter()
        queries.entity_by_id(store, ids[i % len(ids)])
        latencies.append(time.perf_counter() - started)
    return percentile(sorted(latencies), 0.5)


def _scenarios(ids: list[str]) -> list[Scenario]:
    pairs = [{"a": a, "b": b} for a, b in zip(ids, reversed(ids)) if a != b]
    by_id = [{"id": i} for i in ids]
    return [Scenario("graphql entity lookup", ENTITY_QUERY, by_id),
            Scenario("graphql relations page", RELATIONS_QUERY, by_id),
            Scenario("graphql 3-hop neighbours", NEIGHBOURS_QUERY, by_id),
            Scenario("graphql shortest path", PATH_QUERY, pairs)]


_P99_TARGETS_MS = {"graphql entity lookup": 20, "graphql relations page": 30,
                   "graphql shortest path": 100}


def _server_rows(store_dir: Path, root: Path, ids: list[str], raw: RawLookups,
                 bench: BenchSettings) -> list[Row]:
    rows = []
    log = root / "serve.log"
    with running_server(store_dir, bench.server_start_timeout_seconds, log) as cold:
        rows.append(Row("server start, no snapshot", "reads the view from the store, saves it",
                        f"{cold.start_seconds:.1f} s"))
    scenarios = _scenarios(ids)
    with running_server(store_dir, bench.server_start_timeout_seconds, log) as server:
        rows.append(Row("server start", "to first /health answer, view from its snapshot",
                        f"{server.start_seconds:.1f} s", "≤ 10 s",
                        check(server.start_seconds <= 10)))
        firsts = {s.name: _graphql_load(server.url, 1, len(s.variables), [s], bench)[s.name]
                  for s in scenarios}
        single = _graphql_load(server.url, 1, bench.requests_per_scenario // 4, scenarios[:1],
                               bench, bench.seconds_per_scenario / 2)
        loaded = _run_loaded(server.url, scenarios, bench, server.process.pid)
        _, peak = tree_rss_mib(server.process.pid)
    rows.append(_memory_row("server memory (RSS peak)", "after the load", peak))
    one = single["graphql entity lookup"]
    one_p50 = percentile(sorted(one["latencies"]), 0.5)
    rows.append(Row("graphql entity lookup, 1 client", f"{len(one['latencies'])} requests",
                    f"p50 {one_p50 * 1000:.2f} ms = {rate(one_p50, raw.query):.1f}× the SPARQL "
                    f"query, {rate(one_p50, raw.index):,.0f}× the index lookup",
                    "≤ 3× raw store query", check(one_p50 <= 3 * raw.query)))
    rows += [_first_request_row(s.name, firsts[s.name]) for s in scenarios]
    rows += [_latency_row(s.name, loaded[s.name], f"{bench.clients} clients") for s in scenarios]
    return rows + _workers_rows(store_dir, log, scenarios, bench)


def _first_request_row(name: str, result: dict) -> Row:
    """The first request for each entity (or pair) on a server that has answered none of
    them: what the caches the timed load meets warm cost to fill, one request at a time."""
    latencies = sorted(result["latencies"])
    errors = f", {result['errors']} failed" if result["errors"] else ""
    figures = (f"p50 {percentile(latencies, 0.5) * 1000:.1f} / max {latencies[-1] * 1000:.1f} "
               f"ms, {sum(latencies) * 1000:,.0f} ms in all" if latencies else "none answered")
    asked = len(latencies) + result["errors"]
    return Row(f"{name}, first request", f"1 client, each of {asked} once, before the load",
               figures + errors)


def _workers_rows(store_dir: Path, log: Path, scenarios: list[Scenario],
                  bench: BenchSettings) -> list[Row]:
    """The same load on ``kg serve --workers`` (one read-only process per core)."""
    workers = bench.server_workers or os.cpu_count() or 1
    with running_server(store_dir, bench.server_start_timeout_seconds, log, workers) as server:
        started = server.start_seconds
        loaded = _run_loaded(server.url, scenarios, bench, server.process.pid)
        _, peak = tree_rss_mib(server.process.pid)
    size = f"{bench.clients} clients, {workers} workers"
    return [Row(f"server start, {WORKERS}", f"{workers} workers, to every one answering",
                f"{started:.1f} s", "≤ 10 s", check(started <= 10)),
            _memory_row(f"server memory, {WORKERS}", f"{workers} workers and their supervisor, "
                        "added up", peak),
            *(_latency_row(f"{s.name}, {WORKERS}", loaded[s.name], size, s.name)
              for s in scenarios)]


#: How rows measured on ``kg serve --workers`` are named.
WORKERS = "read-only workers"


def _memory_row(name: str, size: str, peak: float) -> Row:
    return Row(name, size, f"{peak:,.0f} MiB", "≤ 2 GB", check(peak <= 2000))


def _latency_row(name: str, result: dict, size: str, scenario: str | None = None) -> Row:
    latencies = sorted(result["latencies"])
    p50, p95, p99 = (percentile(latencies, f) * 1000 for f in (0.5, 0.95, 0.99))
    errors = (f", {result['errors']} failed (first: {result['first_error'][:90]})"
              if result["errors"] else "")
    figures = (f"p50 {p50:.0f} / p95 {p95:.0f} / p99 {p99:.0f} ms, "
               f"{rate(len(latencies), result['seconds']):,.1f} req/s{_cpu(result)}{errors}")
    target = _P99_TARGETS_MS.get(scenario or name)
    ok = bool(latencies) and not result["errors"] and target is not None and p99 <= target
    return Row(name, f"{size}, {len(latencies)} ok", figures,
               f"p99 ≤ {target} ms" if target else "", check(ok) if target else "")


def _cpu(result: dict) -> str:
    """The server's CPU time per answered request and the machine's stolen share, if read."""
    use: CpuUse | None = result.get("cpu")
    answered = len(result["latencies"]) + result["errors"]
    if use is None or not answered:
        return ""
    stolen = f", {use.stolen:.0%} of the CPU stolen" if use.stolen is not None else ""
    return f"; server CPU {use.tree_seconds / answered * 1000:.2f} ms/request{stolen}"


def _run_loaded(url: str, scenarios: list[Scenario], bench: BenchSettings,
                server_pid: int) -> dict[str, dict]:
    """Every scenario under ``bench.clients`` concurrent clients, one load process each, with
    the server's CPU time (all its processes) and the machine's stolen time while it ran.
    Each timed load follows ``bench.warm_up_rounds`` untimed rounds over the scenario's
    entities: with fifty entities, the first answer for each would otherwise be a fortieth of
    the timed requests, and with a read-only worker per core every worker must see each."""
    results = {}
    for scenario in scenarios:
        _graphql_load(url, bench.clients, bench.warm_up_rounds * len(scenario.variables),
                      [scenario], bench)
        before = CpuReading.now(server_pid)
        result = _graphql_load(url, bench.clients, bench.requests_per_scenario, [scenario],
                               bench)[scenario.name]
        result["cpu"] = CpuUse.between(before, CpuReading.now(server_pid))
        results[scenario.name] = result
    return results


def _graphql_load(url: str, clients: int, requests: int, scenarios: list[Scenario],
                  bench: BenchSettings, seconds: float | None = None) -> dict[str, dict]:
    """``requests`` by ``clients`` over ``scenarios``, bounded by ``seconds`` (the bench's
    time per scenario unless given) and its request timeout."""
    return _run_load(LoadPlan(url, clients, requests, seconds or bench.seconds_per_scenario,
                              bench.request_timeout_seconds, scenarios))


def _run_load(plan: LoadPlan) -> dict[str, dict]:
    """The load generator in its own process; its JSON report back."""
    completed = subprocess.run([sys.executable, "-m", "kg.bench.load"],
                               input=json.dumps(asdict(plan)), capture_output=True, text=True,
                               check=True)
    return json.loads(completed.stdout)


def quick_or_full(quick: bool, articles: int | None, statements: int | None) -> BenchSettings:
    from kg.config import QUICK_BENCH
    bench = QUICK_BENCH if quick else BenchSettings()
    return replace(bench, **{k: v for k, v in (("articles", articles), ("statements", statements))
                             if v is not None})


def machine() -> str:
    """What the numbers were measured on: cores, memory, Python."""
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores, {memory_gib:.0f} GiB, Python "
            f"{sys.version_info.major}.{sys.version_info.minor}, load average "
            f"{os.getloadavg()[0]:.1f} at the end")


def bench_and_print(settings: Settings, quick: bool, articles: int | None,
                    statements: int | None, console, markdown_out: Path | None = None,  # noqa: ANN001
                    keep: Path | None = None, server_only_in: Path | None = None) -> list[Row]:
    """What ``kg bench`` does: run, then print the table (and write it as Markdown if asked)."""
    from kg.bench.report import markdown, table
    bench = quick_or_full(quick, articles, statements)
    on_stage = lambda s: console.print(f"[dim]bench: {s}…[/]")  # noqa: E731
    rows = (server_only(settings, bench, server_only_in, on_stage) if server_only_in is not None
            else run_bench(settings, bench, keep, on_stage))
    console.print(table(rows, f"kg bench (synthetic data) on {machine()}"), width=max(console.width, 150))
    if markdown_out is not None:
        markdown_out.write_text(f"Measured on {machine()}.\n\n{markdown(rows)}\n", encoding="utf-8")
    return rows
