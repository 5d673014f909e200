"""``kg build`` killed with SIGKILL at random points leaves every article whole or absent.

A child process loads kg once, then forks, per kill, a process that runs ``kg build`` over a
small corpus again and again, without paying the start-up for each kill. Half the kills land
anywhere in a build (opening the store, reading, extracting, writing a batch of three articles,
writing the derived files), the others between its first and last article write, timed on one
build first: that stretch is a small part of a build, and the test must see kills inside it;
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

#: Loads kg and warms the extractor up once, and counts article writes in every process it forks
#: (``KGStore.replace_articles``). First it times one whole build into an empty store, in a fork
#: writing into the third argument, and prints when (seconds after the fork) the build ended, its
#: first article write ended and its last one began. Then, for each line read (``<bulk threshold
#: or nothing> <aim: 0 or 1>``), it forks a process that runs ``kg build`` in a loop (with
#: ``KG_BULK_WRITE_MIN_TRIPLES`` set to the threshold, if any), prints its PID, and, when aimed,
#: prints ``written`` once the first article write of the process has ended; it reaps the
#: process once the test has killed it.
_BUILD_SERVER = """
import os, sys, time
from pathlib import Path
from kg.cli import app
from kg.config import load_settings
from kg.pipeline import extract_page, find_pages
from kg.store import KGStore
for page in find_pages([Path(sys.argv[1])])[0][:2]:  # spaCy, simplemma, dateparser load lazily
    extract_page(page, load_settings())
report = os.dup(1)
writes = []  # (began, ended) of each article write, in the forked process
on_first_write = None
replace_articles = KGStore.replace_articles
def counted(store, results):
    began = time.monotonic()
    replace_articles(store, results)
    writes.append((began, time.monotonic()))
    if len(writes) == 1 and on_first_write:
        on_first_write()
KGStore.replace_articles = counted
started = time.monotonic()
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    app(["build", sys.argv[1], "--store", sys.argv[3]], standalone_mode=False)
    os.write(report, f"{time.monotonic() - started} {writes[0][1] - started} "
                     f"{writes[-1][0] - started}\\n".encode())
    os._exit(0)
os.waitpid(pid, 0)
for line in sys.stdin:
    threshold, aim = line.split(" ")
    gate, opened = os.pipe()  # the PID goes out before anything the process reports
    pid = os.fork()
    if pid == 0:
        os.read(gate, 1)
        if threshold:
            os.environ["KG_BULK_WRITE_MIN_TRIPLES"] = threshold
        if aim.strip() == "1":
            on_first_write = lambda: os.write(report, b"written\\n")
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        while True:
            try:
                app(["build", sys.argv[1], "--store", sys.argv[2]], standalone_mode=False)
            except SystemExit:
                pass
    print(pid, flush=True)
    os.write(opened, b"!")
    os.waitpid(pid, 0)
    os.close(gate)
    os.close(opened)
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
    server = subprocess.Popen([sys.executable, "-c", _BUILD_SERVER, str(corpus), str(store_dir),
                               str(tmp_path / "timed")],
                              cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    assert server.stdin and server.stdout
    partial = 0
    try:
        # Half the kills land anywhere in a build; the others are aimed between its first
        # and last article write, a short stretch of it (extraction, and the derived files
        # written last, take most of a build): once the first write has ended, within the
        # time the timed build took from there to its last write.
        build_ends, first_write_ends, last_write_begins = map(
            float, server.stdout.readline().split())
        deadline = time.monotonic() + TIME_BUDGET_SECONDS + KILLS * build_ends
        for kill in range(KILLS):
            assert time.monotonic() < deadline, f"only {kill} kills in {TIME_BUDGET_SECONDS:g} s"
            if kill % 2 == 0:  # every other build starts from nothing, the rest replace
                shutil.rmtree(store_dir, ignore_errors=True)
            aimed = rng.random() < 0.5
            threshold = "0" if kill % 4 < 2 else ""  # bulk path or transactions
            server.stdin.write(f"{threshold} {int(aimed)}\n")
            server.stdin.flush()
            builder = int(server.stdout.readline())
            if aimed:
                assert server.stdout.readline() == "written\n"
                time.sleep(rng.uniform(0, last_write_begins - first_write_ends))
            else:
                time.sleep(rng.uniform(0.05, build_ends))
            os.kill(builder, signal.SIGKILL)
            sizes = _sizes_once_released(store_dir, builder)
            for graph, size in sizes.items():
                assert size == expected.get(graph), (f"kill {kill}: {graph} holds {size} "
                                                     f"triples, a clean build {expected.get(graph)}")
            partial += 1 < len(sizes) < len(expected)
    finally:
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
    assert partial >= 3, (f"only {partial} of {KILLS} kills fell between the first and the last "
                          f"article write (from {first_write_ends:.2f} to {last_write_begins:.2f} s "
                          f"of a {build_ends:.2f}-s build)")
    rerun = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus), "--store",
                            str(store_dir)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    with open_store(str(store_dir), settings) as rebuilt:
        assert graph_sizes(rebuilt) == expected
    validated = CliRunner().invoke(app, ["validate", "--store", str(store_dir)])
    assert validated.exit_code == 0, validated.output
