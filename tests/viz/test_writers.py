"""Each format read back by the tools' own readers: what Gephi, yEd, Cytoscape.js and Graphviz
would see."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pydot
import pytest

from kg.viz.formats import VizFormat
from kg.viz.writer import render_viz

pytestmark = pytest.mark.filterwarnings("ignore:.* deprecated - use:DeprecationWarning")


def written(graph: nx.MultiDiGraph, fmt: VizFormat, tmp_path: Path) -> Path:
    path = tmp_path / f"graph.{fmt.suffix}"
    path.write_bytes(render_viz(graph, fmt))
    return path


def edge_facts(graph: nx.MultiDiGraph) -> set[tuple[str, str, str, str]]:
    return {(u, d["predicate"], v, d["modality"]) for u, v, d in graph.edges(data=True)}


def test_graphml_reads_back_with_labels_types_predicates_weights_and_dates(
        whole_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    back = nx.read_graphml(written(whole_graph, VizFormat.GRAPHML, tmp_path))
    assert set(back) == set(whole_graph)
    assert back.nodes["kim_jong_un"]["label"] == "Kim Jong Un"
    assert back.nodes["kim_jong_un"]["type"] == "Person"
    assert edge_facts(back) == edge_facts(whole_graph)
    (troops,) = [d for *_, d in back.edges(data=True) if d["predicate"] == "sentTroopsTo"]
    assert troops["weight"] == 1 and troops["first_date"] == "2024-10-20"
    assert troops["articles"] == "002_donezk.txt"
    assert sum(d["weight"] for *_, d in back.edges(data=True)) == \
        sum(d["weight"] for *_, d in whole_graph.edges(data=True))


def test_gexf_is_dynamic_with_start_days_for_gephis_timeline(
        whole_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = written(whole_graph, VizFormat.GEXF, tmp_path)
    text = path.read_text("utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    back = nx.read_gexf(path)
    assert back.nodes["donetsk"]["label"] == "Donezk"
    assert back.nodes["donetsk"]["type"] == "Region"
    assert back.nodes["donetsk"]["start"] == "2024-10-20"
    assert back.nodes["putin"]["viz"]["color"] == {"r": 230, "g": 159, "b": 0, "a": 1.0}
    starts = {(u, d["label"], v): d.get("start") for u, v, d in back.edges(data=True)}
    assert starts[("north_korea", "sentTroopsTo", "donetsk")] == "2024-10-20"
    assert {(u, d["label"], v, d["modality"]) for u, v, d in back.edges(data=True)} == \
        edge_facts(whole_graph)
    assert all(d["weight"] >= 1 for *_, d in back.edges(data=True))


def test_cytoscape_json_has_elements_a_front_end_can_add(whole_graph: nx.MultiDiGraph) -> None:
    document = json.loads(render_viz(whole_graph, VizFormat.CYTOSCAPE))
    nodes, edges = document["elements"]["nodes"], document["elements"]["edges"]
    ids = {n["data"]["id"] for n in nodes}
    assert ids == set(whole_graph)
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    assert len({e["data"]["id"] for e in edges}) == len(edges) == whole_graph.number_of_edges()
    putin = next(n["data"] for n in nodes if n["data"]["id"] == "putin")
    assert putin["label"] == "Wladimir Putin" and putin["type"] == "Person"
    for edge in edges:
        assert edge["data"]["label"] == edge["data"]["predicate"]
        assert len(edge["data"]["sources"]) == edge["data"]["weight"]
        assert all(s["sentence"] and s["article"] for s in edge["data"]["sources"])
    assert document["kg"]["typeColours"]["Person"].startswith("#")
    assert document["kg"]["edgeCount"] == len(edges)


def test_dot_parses_and_keeps_every_node_and_edge(whole_graph: nx.MultiDiGraph) -> None:
    text = render_viz(whole_graph, VizFormat.DOT).decode("utf-8")
    (dot,) = pydot.graph_from_dot_data(text)
    names = {n.get_name().strip('"') for n in dot.get_nodes()} - {"node", "edge"}
    assert names == set(whole_graph)
    edges = dot.get_edges()
    assert len(edges) == whole_graph.number_of_edges()
    labels = {e.get_label().strip('"') for e in edges}
    assert "sentTroopsTo" in labels and "met ×2" in labels
    alleged = [e for e in edges if e.get_label().strip('"') == "suppliesWeaponsTo"]
    assert alleged[0].get_style() == "dashed"


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed "
                    "(Debian package graphviz; .ci/run installs it)")
def test_graphviz_renders_the_dot(whole_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = written(whole_graph, VizFormat.DOT, tmp_path)
    result = subprocess.run(["dot", "-Tsvg", str(path)], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Wladimir Putin" in result.stdout and "sentTroopsTo" in result.stdout


def test_an_empty_selection_still_writes_every_format(tmp_path: Path) -> None:
    empty = nx.MultiDiGraph(selection="nothing")
    for fmt in VizFormat:
        assert render_viz(empty, fmt)
    assert nx.read_graphml(written(empty, VizFormat.GRAPHML, tmp_path)).number_of_nodes() == 0
