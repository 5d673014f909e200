"""The ``kg`` command line: each command parses its options and calls one function."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from kg.config import Settings, load_settings
from kg.viz.formats import VizFormat

app = typer.Typer(
    help="kg: build a knowledge graph from German news pages and serve it over GraphQL.\n\n"
         "Quick start: `kg quickstart` builds the bundled sample corpus into ./kg-data and serves it.",
    no_args_is_help=True, add_completion=False, rich_markup_mode="markdown")
console = Console(stderr=True)
out = Console()

StoreOption = Annotated[str, typer.Option(
    "--store", "-s", envvar="KG_STORE",
    help="Where the graph lives: a directory for the embedded on-disk store (created when "
         "missing), `memory` for a throw-away in-memory store, or a SPARQL 1.1 endpoint's query "
         "URL (`http://host:8890/sparql`; update URL and credentials from KG_SPARQL_UPDATE_URL, "
         "KG_SPARQL_USER, KG_SPARQL_PASSWORD).")]
HostOption = Annotated[str, typer.Option("--host", envvar="KG_HOST", help="Interface to listen on.")]
PortOption = Annotated[int, typer.Option("--port", "-p", envvar="KG_PORT", help="TCP port to listen on.")]


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    turtle = "turtle"
    nt = "nt"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"
    void = "void"


def _settings(store: str) -> Settings:
    return load_settings(store=store)


def _failed(error: Exception, code: int) -> typer.Exit:
    """Print ``error`` as one line (never wrapped mid-sentence, so logs can be searched) and
    give the exit to raise."""
    console.print(f"[red]error:[/] {error}", soft_wrap=True)
    return typer.Exit(code)


def _open(settings: Settings):  # noqa: ANN202
    from kg.store import open_store
    with _store_errors():
        return open_store(settings.store, settings)


@contextmanager
def _store_errors() -> Iterator[None]:
    """A store that cannot be opened as asked (in use by another process, an unreachable
    endpoint, …) is an error message and exit code 2, not a traceback."""
    from kg.store.backends import ReadOnlyStoreError
    from kg.store.sparql_http import SparqlEndpointError
    from kg.store.store_lock import StoreInUseError
    try:
        yield
    except (NotImplementedError, SparqlEndpointError, StoreInUseError, ReadOnlyStoreError) as exc:
        raise _failed(exc, 2) from exc


def _progress(label: str):  # noqa: ANN202 - a rich Progress, imported only when needed
    """A progress bar on standard error (so exported data on standard output stays clean),
    left on screen in a terminal and out of redirected logs."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    return Progress(TextColumn(f"[bold]{label}[/]"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.description}"), TimeElapsedColumn(),
                    console=console, transient=not console.is_terminal)


def _build(paths: list[Path], settings: Settings) -> int:
    """Build with a progress bar and print the summary; returns the number of skipped pages."""
    from kg.graph.view import open_for_serving
    from kg.pipeline import build, count_pages
    total = count_pages(paths)
    store = _open(settings)
    with store, _progress("building") as progress:
        task = progress.add_task("", total=total)
        report = build(paths, store, settings,
                       on_page=lambda p: progress.update(task, advance=1, description=p.name))
        progress.update(task, description="saving the graph view for kg serve")
        open_for_serving(store)
    for skipped in report.skipped:
        console.print(f"[yellow]skipped[/] {skipped.source}: {skipped.reason}", soft_wrap=True)
    console.print(
        f"built {report.articles} articles: {report.sentences} sentences, "
        f"{len(report.entities)} entities, {report.statements} statements; "
        f"{len(report.skipped)} skipped → store {settings.store}", soft_wrap=True)
    return len(report.skipped)


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Page files (.txt) or folders of them.")],
    store: StoreOption = "./kg-data",
    executor: Annotated[str, typer.Option(
        "--executor", envvar="KG_EXECUTOR",
        help="Where extraction runs: `local` (this process), `dask` (a local Dask cluster on "
             "every core) or `dask://HOST:PORT` (the Dask scheduler there); writes stay here.")] = "local",
    update_url: Annotated[Optional[str], typer.Option(
        "--update-url", envvar="KG_SPARQL_UPDATE_URL",
        help="With a SPARQL --store: the endpoint's update URL, when it is not the query URL.")] = None,
    user: Annotated[Optional[str], typer.Option(
        "--user", envvar="KG_SPARQL_USER",
        help="With a SPARQL --store: the user for updates (password from KG_SPARQL_PASSWORD).")] = None,
) -> None:
    """Read news pages, extract entities and statements, and write them to the store.

    Re-running on the same article replaces its statements (matched by file name), so builds
    are idempotent. Unreadable pages are reported with the reason and skipped.
    """
    _build(paths, load_settings(store=store, executor=executor, sparql_update_url=update_url,
                                sparql_user=user))


@app.command()
def serve(store: StoreOption = "./kg-data", host: HostOption = "127.0.0.1",
          port: PortOption = 8000,
          workers: Annotated[int, typer.Option(
              "--workers", "-w", envvar="KG_WORKERS", min=1,
              help="Server processes. Above 1, each serves the embedded store read-only and "
                   "mutations are off: for read-heavy use of several cores (one worker a core). "
                   "While they serve, kg build cannot write the store.")] = 1) -> None:
    """Serve the graph: GraphQL (and GraphiQL in a browser) at /graphql, health at /health."""
    settings = _settings(store)
    if workers > 1:
        from kg.api.workers import WorkersError, serve_workers
        def announce() -> None:
            console.print(f"GraphQL at [bold]http://{host}:{port}/graphql[/] (store "
                          f"{settings.store}, read-only, {workers} workers)")
        with _store_errors():
            try:
                serve_workers(settings, host, port, workers, announce=announce)
            except WorkersError as exc:
                raise _failed(exc, 2) from exc
        return
    from kg.api.server import serve as run_server
    graph_store = _open(settings)
    console.print(f"GraphQL at [bold]http://{host}:{port}/graphql[/] (store {settings.store})")
    run_server(graph_store, host, port)


@app.command()
def quickstart(store: StoreOption = "./kg-data", host: HostOption = "127.0.0.1",
               port: PortOption = 8000,
               no_serve: Annotated[bool, typer.Option("--no-serve", help="Build only.")] = False) -> None:
    """Build the bundled sample corpus into the store, then serve it."""
    settings = _settings(store)
    _build([settings.sample_corpus_dir], settings)
    if not no_serve:
        serve(store, host, port)


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    store: StoreOption = "./kg-data",
    out_file: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write; "
                                                     "standard output when omitted.")] = None,
) -> None:
    """Export the graph: `jsonl` (statements and entities, the form ../shared/eval reads),
    or RDF as `turtle`, `nt` (N-Triples), `trig` or `nquads` (one named graph per article),
    `jsonld` (kg's published @context), or `void` (the VoID description of the dataset)."""
    from kg.export import write_export
    graph_store = _open(_settings(store))
    with graph_store, _progress("exporting") as progress:
        task = progress.add_task("", total=None)  # a JSON Lines export counts its articles
        write_export(graph_store, fmt.value, sys.stdout if out_file is None else out_file,
                     on_progress=lambda stage, done, total: progress.update(
                         task, completed=done, total=total, description=stage))
    if out_file is not None:
        console.print(f"wrote {out_file}")


@app.command()
def validate(store: StoreOption = "./kg-data") -> None:
    """Check the graph against kg's SHACL shapes (ontologies/shapes/shapes.ttl) and print every
    violation; exits with 1 when there is one."""
    from kg.validate import print_report, validate_store
    settings = _settings(store)
    graph_store = _open(settings)
    with graph_store:
        report = validate_store(graph_store, settings.shapes_path)
    print_report(report, out)
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def stats(store: StoreOption = "./kg-data") -> None:
    """Counts of articles, entities, statements and triples in the store."""
    from rich.table import Table

    from kg.store import queries
    graph_store = _open(_settings(store))
    with graph_store:
        numbers = queries.stats(graph_store)
    table = Table("what", "count")
    for name, value in (numbers.__dict__ if hasattr(numbers, "__dict__") else numbers).items():
        table.add_row(name, str(value))
    out.print(table)


@app.command()
def explain(page: Annotated[Path, typer.Argument(help="One page file to read.")]) -> None:
    """Show, sentence by sentence, the entities and statements found in a page and the rule
    that found each, without writing anything to a store."""
    from kg.explain import explain_page
    from kg.ingest import IngestError
    try:
        explain_page(page, load_settings(), out)
    except IngestError as exc:
        raise _failed(exc, 1) from exc


@app.command()
def viz(
    fmt: Annotated[VizFormat, typer.Option("--format", "-f", help="`graphml` and `gexf` (Gephi, "
                                           "yEd; GEXF plays on Gephi's timeline), `cytoscape` "
                                           "(Cytoscape.js JSON), `dot` (Graphviz), `html` (one "
                                           "self-contained interactive page).")],
    out_file: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    store: StoreOption = "./kg-data",
    focus: Annotated[Optional[str], typer.Option(help="Draw only the entities around this one "
                                                 "(an id like `putin` or a name).")] = None,
    depth: Annotated[Optional[int], typer.Option(help="Links from --focus (default 1, at most 3), "
                                                 "or the longest --path (default 4, at most 6).")] = None,
    path: Annotated[Optional[tuple[str, str]], typer.Option(
        help="Draw the shortest paths between two entities: `--path putin zelensky`.")] = None,
    predicate: Annotated[Optional[list[str]], typer.Option(
        help="Keep only facts with this predicate (repeatable: `--predicate met --predicate visited`).")] = None,
    since: Annotated[Optional[str], typer.Option(help="Keep facts dated on or after this "
                                                 "(`2023`, `2023-07`, `2023-07-26`).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Keep facts dated on or before this.")] = None,
) -> None:
    """Draw the graph, or part of it, for Gephi, yEd, Cytoscape.js, Graphviz or a browser.

    Facts are dated by their sentence, else by their article; with --since/--until, undated
    facts are left out. Edges carry the number of supporting sentences as `weight`.
    """
    from kg.viz.dump import write_viz_file
    from kg.viz.selection import Selection, SelectionError
    graph_store = _open(_settings(store))
    try:
        selection = Selection(focus=focus, depth=depth, path=path,
                              predicates=frozenset(predicate or ()), since=since, until=until)
        with graph_store:
            graph = write_viz_file(graph_store, selection, fmt, out_file)
    except SelectionError as exc:
        raise _failed(exc, 2) from exc
    console.print(f"wrote {out_file}: {graph.number_of_nodes()} entities, "
                  f"{graph.number_of_edges()} facts ({selection.describe()})", soft_wrap=True)


@app.command()
def bench(
    articles: Annotated[Optional[int], typer.Option(help="Synthetic pages to write for the "
                                                    "extraction measurement.")] = None,
    statements: Annotated[Optional[int], typer.Option(help="Synthetic statements to load "
                                                      "(default 1,000,000).")] = None,
    quick: Annotated[bool, typer.Option("--quick", help="A small run that checks every stage "
                                        "works (what CI runs); its numbers mean little.")] = False,
    markdown: Annotated[Optional[Path], typer.Option("--markdown", help="Also write the table "
                                                     "as Markdown to this file.")] = None,
    keep: Annotated[Optional[Path], typer.Option("--keep", help="Work in this new folder and "
                                                 "leave the synthetic store there.")] = None,
    server_only: Annotated[Optional[Path], typer.Option(
        "--server-only", help="Only the lookup, server and GraphQL rows, on the store a "
                              "--keep run left in this folder.")] = None,
) -> None:
    """Measure extraction, store load, export, server start, memory and GraphQL latency under
    20 concurrent clients, on synthetic data in a temporary folder; print one table."""
    from kg.bench.run import BenchFolderError, bench_and_print
    try:
        bench_and_print(load_settings(), quick, articles, statements, out, markdown, keep,
                        server_only)
    except BenchFolderError as exc:
        raise _failed(exc, 2) from exc


@app.command()
def loadtest(
    seconds: Annotated[float, typer.Option(help="How long the load runs.")] = 60.0,
    clients: Annotated[int, typer.Option(help="Concurrent GraphQL readers.")] = 20,
) -> None:
    """Load with faults: readers query entities, relations, search and paths while a writer
    ingests and deletes articles through the mutations, on the sample corpus in a temporary
    store; then every kept article must be complete and every deleted one gone. Exits 1 on
    any 5xx or inconsistent article."""
    import tempfile

    from kg.loadtest import load_test
    from kg.pipeline import build as build_pages
    from kg.store import open_store
    with tempfile.TemporaryDirectory(prefix="kg-loadtest-") as folder:
        settings = load_settings(store=str(Path(folder) / "store"))
        with open_store(settings.store, settings) as graph_store:
            build_pages([settings.sample_corpus_dir], graph_store, settings)
            report = load_test(graph_store, settings, seconds, clients)
    out.print(report.summary(), soft_wrap=True)
    for problem in report.inconsistent:
        console.print(f"[red]inconsistent[/] {problem}", soft_wrap=True)
    if report.server_errors or report.transport_errors or report.inconsistent:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
