"""The seed pages built into a real Virtuoso through ``--store http://…/sparql``: the CLI
build, stats, exports, validation and the GraphQL API against it match the embedded store.

Virtuoso runs on loopback from a temporary database, started and stopped by this module
(``kg.store.virtuoso_local``); the test is skipped only where ``virtuoso-t`` is missing
(``.ci/run`` installs ``virtuoso-opensource-7``).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.config import Settings, load_settings
from kg.export import write_export
from kg.pipeline import build
from kg.store import KGStore, open_store
from kg.store.virtuoso_local import LocalVirtuoso, local_virtuoso, virtuoso_available

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"

pytestmark = [
    pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed pages not found at {SEEDS}"),
    pytest.mark.skipif(not virtuoso_available(), reason="virtuoso-t is not installed "
                       "(apt-get install virtuoso-opensource-7; .ci/run does this as root)"),
]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalVirtuoso]:
    with local_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(scope="module")
def virtuoso_settings(virtuoso: LocalVirtuoso) -> Settings:
    """Built with ``kg build`` itself, credentials from the environment as a user would."""
    env = {**os.environ, "KG_SPARQL_UPDATE_URL": virtuoso.update_url,
           "KG_SPARQL_USER": virtuoso.user, "KG_SPARQL_PASSWORD": virtuoso.password}
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEEDS), "--store",
                          virtuoso.query_url], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    assert "built 5 articles" in run.stderr and "0 skipped" in run.stderr
    return virtuoso.settings(load_settings())


@pytest.fixture(scope="module")
def virtuoso_store(virtuoso_settings: Settings) -> Iterator[KGStore]:
    with open_store(virtuoso_settings.store, virtuoso_settings) as store:
        yield store


@pytest.fixture(scope="module")
def embedded_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KGStore]:
    settings = load_settings()
    with open_store(str(tmp_path_factory.mktemp("embedded")), settings) as store:
        build([SEEDS], store, settings)
        yield store


def export_text(store: KGStore, fmt: str, tmp_path: Path) -> str:
    path = tmp_path / f"export.{fmt}"
    write_export(store, fmt, path)
    return path.read_text(encoding="utf-8")


#: Fields of a JSONL statement line that come from the statement query alone.
STATEMENT_FIELDS = ("id", "source", "subject_id", "predicate", "object_id", "modality",
                    "confidence", "date", "place_id", "sentence", "char_start", "char_end", "rule")

def _rows(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_jsonl_export_states_the_embedded_stores_statements(
        virtuoso_store: KGStore, embedded_store: KGStore, tmp_path: Path) -> None:
    def statements(store: KGStore) -> list[tuple]:
        return sorted(tuple(row.get(f) for f in STATEMENT_FIELDS)
                      for row in _rows(export_text(store, "jsonl", tmp_path))
                      if row["kind"] == "statement")

    remote = statements(virtuoso_store)
    assert len(remote) > 40
    assert remote == statements(embedded_store)


def test_jsonl_export_is_the_embedded_stores_line_for_line(
        virtuoso_store: KGStore, embedded_store: KGStore, tmp_path: Path) -> None:
    assert export_text(virtuoso_store, "jsonl", tmp_path) == export_text(embedded_store, "jsonl", tmp_path)


def test_quad_export_holds_kgs_graphs_only(virtuoso_store: KGStore, tmp_path: Path) -> None:
    nquads = export_text(virtuoso_store, "nquads", tmp_path)
    graphs = {line.rsplit(" ", 2)[-2] for line in nquads.splitlines() if line.strip()}
    assert len([g for g in graphs if "/kg-news/article/" in g]) == 5
    assert not [g for g in graphs if "openlinksw" in g or "ldp#" in g]


def test_stats_and_validate_commands_work_against_the_endpoint(
        virtuoso_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_SPARQL_UPDATE_URL", virtuoso_settings.sparql_update_url)
    monkeypatch.setenv("KG_SPARQL_USER", virtuoso_settings.sparql_user)
    monkeypatch.setenv("KG_SPARQL_PASSWORD", virtuoso_settings.sparql_password)
    stats = CliRunner().invoke(app, ["stats", "--store", virtuoso_settings.store])
    assert stats.exit_code == 0, stats.output
    assert "articles" in stats.output and " 5 " in stats.output
    validated = CliRunner().invoke(app, ["validate", "--store", virtuoso_settings.store])
    assert validated.exit_code == 0, validated.output


def _graphql(client: httpx.Client, query: str) -> dict:
    response = client.post("/graphql", json={"query": query})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def _answers(store: KGStore, settings: Settings, queries: list[str],
             serve_store: Callable[[KGStore, Settings], AbstractContextManager[httpx.Client]]) -> list[dict]:
    with serve_store(store, settings) as client:
        return [_graphql(client, query) for query in queries]


def test_graphql_answers_as_over_the_embedded_store(
        virtuoso_store: KGStore, embedded_store: KGStore, virtuoso_settings: Settings,
        serve_store: Callable[[KGStore, Settings], AbstractContextManager[httpx.Client]]) -> None:
    queries = [
        '{ entity(id: "north_korea") { id relations(predicate: "recognised", direction: OUT) '
        '{ edges { node { object { id } sources { article } } } } } }',
        '{ shortestPath(from: "putin", to: "donetsk", maxLength: 4) { entities { id } } }',
    ]
    answers = _answers(virtuoso_store, virtuoso_settings, queries, serve_store)
    assert answers == _answers(embedded_store, load_settings(), queries, serve_store)
    assert "donetsk" in json.dumps(answers[0])


def test_graphql_search_by_name_answers_as_over_the_embedded_store(
        virtuoso_store: KGStore, embedded_store: KGStore, virtuoso_settings: Settings,
        serve_store: Callable[[KGStore, Settings], AbstractContextManager[httpx.Client]]) -> None:
    queries = ['{ searchEntities(query: "kim jong-un") { edges { node { id label } } } }']
    answers = _answers(virtuoso_store, virtuoso_settings, queries, serve_store)
    assert answers == _answers(embedded_store, load_settings(), queries, serve_store)
    assert "kim_jong_un" in json.dumps(answers)
