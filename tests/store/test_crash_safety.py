"""``kg build`` killed with SIGKILL at random points leaves every article whole or absent.

A child process loads kg once, then forks, per kill, a process that runs ``kg build`` over a
small corpus again and again (so kills land anywhere in a build: opening the store, reading,
extracting, writing a batch of three articles) without paying the start-up for each kill;
every other kill hits a build into an empty store (new graphs), the others a rebuild (graphs
replaced). Half the kills hit builds whose batches take the bulk path
(``KG_BULK_WRITE_MIN_TRIPLES=0``: Oxigraph's bulk loader under an intent record), the others
builds whose batches are single transactions. After each SIGKILL the store is opened (which
drops the graphs of a bulk write left unfinished) and every graph must hold exactly the
triples a clean build gives it, or be absent. Finally an uninterrupted ``kg build`` completes
the store and ``kg validate`` passes.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.config import load_settings
from kg.pipeline import build
from kg.store import KGStore, open_store

REPO = Path(__file__).resolve().parents[2]
KILLS = 20
TIME_BUDGET_SECONDS = 60.0

#: Loads kg and warms the extractor up once; for each line read, forks a process that runs ``kg build``
#: in a loop (with the line, if any, as ``KG_BULK_WRITE_MIN_TRIPLES``), prints its PID and reaps
#: it once the test has killed it.
_BUILD_SERVER = """
import os, sys
from pathlib import Path
from kg.cli import app
from kg.config import load_settings
from kg.pipeline import extract_page, find_pages
for page in find_pages([Path(sys.argv[1])])[0][:2]:  # spaCy, simplemma, dateparser load lazily
    extract_page(page, load_settings())
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        if line.strip():
            os.environ["KG_BULK_WRITE_MIN_TRIPLES"] = line.strip()
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        while True:
            try:
                app(["build", sys.argv[1], "--store", sys.argv[2]], standalone_mode=False)
            except SystemExit:
                pass
    print(pid, flush=True)
    os.waitpid(pid, 0)
"""


def _sizes_once_released(store_dir: Path, pid: int) -> dict[str, int]:
    """Graph sizes once the killed process is gone (its directory lock goes with it)."""
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.02)
    if not store_dir.exists():
        return {}
    with open_store(str(store_dir), load_settings()) as survivor:
        return graph_sizes(survivor)


def graph_sizes(store: KGStore) -> dict[str, int]:
    rows = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {str(row["g"]): int(row["n"]) for row in rows}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample articles twice (the copies with a sentence of their own: new texts)."""
    folder = tmp_path_factory.mktemp("crash-corpus")
    for page in sorted(load_settings().sample_corpus_dir.glob("*.txt")):
        shutil.copy(page, folder / page.name)
        head, _, body = page.read_text(encoding="utf-8").partition("\n\n")
        (folder / f"copy_{page.name}").write_text(
            f"{head}\n\n" + body.replace(". ", ". Beobachter sprachen von einem wichtigen Tag. ", 1),
            encoding="utf-8")
    return folder


def test_sigkill_at_random_points_leaves_each_article_whole_or_absent(
        corpus: Path, tmp_path: Path) -> None:
    settings = load_settings()
    with open_store(str(tmp_path / "clean"), settings) as clean:
        assert build([corpus], clean, settings).articles >= 15
        expected = graph_sizes(clean)
    store_dir = tmp_path / "killed"
    env = {**os.environ, "KG_BUILD_BATCH_ARTICLES": "3", "PYTHONUNBUFFERED": "1"}
    rng = random.Random(8)
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    server = subprocess.Popen([sys.executable, "-c", _BUILD_SERVER, str(corpus), str(store_dir)],
                              cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    assert server.stdin and server.stdout
    partial = 0
    try:
        for kill in range(KILLS):
            assert time.monotonic() < deadline, f"only {kill} kills in {TIME_BUDGET_SECONDS:g} s"
            if kill % 2 == 0:  # every other build starts from nothing, the rest replace
                shutil.rmtree(store_dir, ignore_errors=True)
            server.stdin.write("0\n" if kill % 4 < 2 else "\n")  # bulk path or transactions
            server.stdin.flush()
            builder = int(server.stdout.readline())
            time.sleep(rng.uniform(0.05, 1.5))
            os.kill(builder, signal.SIGKILL)
            sizes = _sizes_once_released(store_dir, builder)
            for graph, size in sizes.items():
                assert size == expected.get(graph), (f"kill {kill}: {graph} holds {size} "
                                                     f"triples, a clean build {expected.get(graph)}")
            partial += 1 < len(sizes) < len(expected)
    finally:
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
    assert partial >= 3, "too few kills fell between the first and the last article write"
    rerun = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus), "--store",
                            str(store_dir)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    with open_store(str(store_dir), settings) as rebuilt:
        assert graph_sizes(rebuilt) == expected
    validated = CliRunner().invoke(app, ["validate", "--store", str(store_dir)])
    assert validated.exit_code == 0, validated.output
