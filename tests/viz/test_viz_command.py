"""``kg viz`` as a user runs it: options in, a file out, a clear refusal for bad options."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import KGStore

runner = CliRunner()


@pytest.fixture
def store_uri(tmp_path: Path) -> str:
    """The command opens a store directory, as a user's would be."""
    return str(tmp_path / "store")


def test_viz_writes_the_selected_subgraph(store: KGStore, store_uri: str, tmp_path: Path) -> None:
    store.close()
    out = tmp_path / "out" / "ego.graphml"
    result = runner.invoke(app, ["viz", "--format", "graphml", "--out", str(out), "--store",
                                 store_uri, "--focus", "Donezk", "--depth", "2",
                                 "--predicate", "sentTroopsTo", "--predicate", "leaderOf"])
    assert result.exit_code == 0, result.output
    assert "3 entities, 2 facts" in result.output
    graph = nx.read_graphml(out)
    assert set(graph) == {"donetsk", "north_korea", "kim_jong_un"}


def test_viz_takes_a_path_of_two_entities(store: KGStore, store_uri: str, tmp_path: Path) -> None:
    store.close()
    out = tmp_path / "path.dot"
    result = runner.invoke(app, ["viz", "-f", "dot", "-o", str(out), "--store", store_uri,
                                 "--path", "donetsk", "putin", "--until", "2024-12"])
    assert result.exit_code == 0, result.output
    assert '"donetsk"' in out.read_text("utf-8") and '"putin"' in out.read_text("utf-8")


def test_viz_refuses_contradictory_options(store: KGStore, store_uri: str, tmp_path: Path) -> None:
    store.close()
    result = runner.invoke(app, ["viz", "-f", "html", "-o", str(tmp_path / "x.html"), "--store",
                                 store_uri, "--since", "gestern"])
    assert result.exit_code == 2
    assert "must be a date" in result.output
    assert not (tmp_path / "x.html").exists()
