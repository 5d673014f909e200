"""The HTML page in a real browser (headless Chromium): it lays out and paints every node and
edge, logs no error, loads nothing from the network, and shows the sentences behind an edge."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from kg.viz.formats import VizFormat
from kg.viz.writer import render_viz

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (Debian package chromium; "
                             ".ci/run installs it with apt-get)")

#: Flags for a throw-away headless browser; the dead proxy makes any network load fail.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--proxy-server=http://127.0.0.1:9", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=15000"]
SCREEN = (1400, 900)


def chromium(url: str, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    result = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, url],  # type: ignore[list-item]
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def body_attributes(dom: str) -> dict[str, str]:
    body = re.search(r"<body([^>]*)>", dom)
    assert body, dom[:500]
    return dict(re.findall(r'(data-kg-[\w-]+)="([^"]*)"', body.group(1)))


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture
def store_uri() -> str:
    """The browser sees the same page from either backend: one run is enough."""
    return "memory"


@pytest.fixture
def page(whole_graph: nx.MultiDiGraph, tmp_path: Path) -> Path:
    path = tmp_path / "graph.html"
    path.write_bytes(render_viz(whole_graph, VizFormat.HTML))
    return path


def test_the_page_needs_nothing_from_the_network(page: Path) -> None:
    html = page.read_text("utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html, re.IGNORECASE)
    assert "cytoscape" in html and "Wladimir Putin" in html


def test_nodes_and_edges_are_laid_out_and_painted_without_errors(
        page: Path, whole_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    result = chromium(page.as_uri(), tmp_path, "--dump-dom")
    marks = body_attributes(result.stdout)
    assert marks["data-kg-state"] == "rendered"
    assert int(marks["data-kg-nodes"]) == whole_graph.number_of_nodes() > 0
    assert int(marks["data-kg-edges"]) == whole_graph.number_of_edges() > 0
    assert int(marks["data-kg-painted-pixels"]) > 1000
    assert "data-kg-errors" not in marks
    assert console_lines(result.stderr) == []


def test_a_screenshot_shows_the_graph(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "graph.png"
    chromium(page.as_uri(), tmp_path, f"--window-size={SCREEN[0]},{SCREEN[1]}",
             f"--screenshot={shot}")
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == SCREEN
    assert len(png) > 20_000  # a blank page of that size compresses to a few kilobytes


def test_opening_an_edge_shows_its_sentences_and_articles(
        page: Path, whole_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    (troops,) = [d for *_, d in whole_graph.edges(data=True) if d["predicate"] == "sentTroopsTo"]
    result = chromium(f"{page.as_uri()}#edge={troops['id']}", tmp_path, "--dump-dom")
    marks = body_attributes(result.stdout)
    assert marks["data-kg-shown-edge"] == troops["id"]
    details = re.search(r'<aside id="details">(.*?)</aside>', result.stdout, re.DOTALL)
    assert details
    assert "Nordkorea hat Soldaten nach Donezk geschickt." in details.group(1)
    assert "Nordkoreanische Soldaten in Donezk" in details.group(1)
    assert "002_donezk.txt" in details.group(1)
    assert console_lines(result.stderr) == [] and "data-kg-errors" not in marks


def test_an_empty_selection_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(render_viz(nx.MultiDiGraph(selection="nothing"), VizFormat.HTML))
    result = chromium(path.as_uri(), tmp_path, "--dump-dom")
    marks = body_attributes(result.stdout)
    assert marks["data-kg-state"] == "rendered" and marks["data-kg-nodes"] == "0"
    assert 'id="empty" style="display: block;"' in result.stdout
