"""The subgraph of the shared two-article test store, as the format tests read it."""
from __future__ import annotations

import networkx as nx
import pytest

from kg.graph import GraphView
from kg.store import KGStore
from kg.viz.selection import Selection
from kg.viz.subgraph import select_subgraph


@pytest.fixture
def whole_graph(store: KGStore) -> nx.MultiDiGraph:
    return select_subgraph(store, GraphView(store), Selection())
