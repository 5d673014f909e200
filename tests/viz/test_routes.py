"""``kg serve`` offers the view at /viz and the dumps at /viz/graph.*, with the CLI's options
as query parameters."""
from __future__ import annotations

import json
from collections.abc import Iterator

import networkx as nx
import pytest
from starlette.testclient import TestClient

from kg.api.app import create_app
from kg.store import KGStore


@pytest.fixture
def client(store: KGStore) -> Iterator[TestClient]:
    with TestClient(create_app(store)) as test_client:
        yield test_client


def test_viz_serves_the_interactive_page(client: TestClient) -> None:
    response = client.get("/viz")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "cytoscape" in response.text and "Wladimir Putin" in response.text


def test_graphml_dump_takes_focus_and_depth(client: TestClient) -> None:
    response = client.get("/viz/graph.graphml", params={"focus": "donetsk", "depth": 1})
    assert response.status_code == 200
    assert "graphml" in response.headers["content-type"]
    graph = nx.parse_graphml(response.text)
    assert set(graph) == {"donetsk", "north_korea"}


def test_cytoscape_dump_takes_repeated_predicates_and_dates(client: TestClient) -> None:
    response = client.get("/viz/graph.json", params=[("predicate", "met"), ("predicate", "thanked"),
                                                     ("since", "2024-10")])
    assert response.status_code == 200
    edges = json.loads(response.text)["elements"]["edges"]
    assert {e["data"]["predicate"] for e in edges} == {"met", "thanked"}
    assert {s["article"] for e in edges for s in e["data"]["sources"]} == {"002_donezk.txt"}


def test_path_takes_two_entities(client: TestClient) -> None:
    response = client.get("/viz/graph.dot", params=[("path", "donetsk"), ("path", "putin")])
    assert response.status_code == 200 and "digraph" in response.text
    assert client.get("/viz/graph.dot", params={"path": "donetsk"}).status_code == 400


def test_bad_requests_say_why(client: TestClient) -> None:
    response = client.get("/viz/graph.gexf", params={"focus": "putin", "depth": 9})
    assert response.status_code == 400 and "depth" in response.text
    assert client.get("/viz", params={"focus": "Atlantis"}).status_code == 400
    assert client.get("/viz/graph.png").status_code == 404
