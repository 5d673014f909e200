"""``kg build`` over a folder of hostile pages: every bad page is named with its reason, every
good page is in, and the store is consistent afterwards (every export parses, ``kg validate``
passes). One build serves all the tests of this module."""
from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def _page(title: str, city: str, extra: str = "") -> str:
    return (f"{title}\n\nBundeskanzler Olaf Scholz hat am Dienstag in {city} den französischen "
            f"Präsidenten Emmanuel Macron getroffen.\n{extra}Beide Politiker sprachen nach Angaben "
            "von Diplomaten über die Unterstützung für die Ukraine und neue Sanktionen.\n")


EVIL_TITLE = ('Gipfel } INSERT DATA { <http://evil> <http://evil> <http://evil> } DROP ALL ; '
              '""" \'\'\' mutation { deleteArticle(source: "good.txt") { deleted } } ${x} \\u0000')
INJECTION = (f"{EVIL_TITLE}\n\nBundeskanzler Olaf Scholz hat am Dienstag in Rom den Präsidenten "
             "Emmanuel Macron getroffen.\n"
             "} INSERT DATA { <http://evil> <http://evil> <http://evil> } "
             '""" <http://evil> @prefix e: <http://evil/> . <script>alert(1)</script>\n'
             "Beide sprachen über neue Sanktionen und die Ukraine.\n")

#: file name → the page's bytes, for pages that must be built.
GOOD: dict[str, bytes] = {
    "good.txt": _page("Kanzler trifft Präsidenten", "Paris").encode(),
    "latin1.txt": _page("Kanzler trifft Präsidenten in Köln", "Köln").encode("latin-1"),
    "utf16.txt": codecs.BOM_UTF16_LE + _page("Treffen in München", "München").encode("utf-16-le"),
    "utf8bom.txt": codecs.BOM_UTF8 + _page("Treffen in Lyon", "Lyon").encode(),
    "a b<>.txt": _page("Treffen in Bonn", "Bonn").encode(),
    "%2F.txt": _page("Treffen in Hamburg", "Hamburg").encode(),
    "http:x.txt": _page("Treffen in Wien", "Wien").encode(),
    "q'uo\"te {#}?&.txt": _page("Treffen in Graz", "Graz").encode(),
    "Ünïcödé 北京.txt": _page("Treffen in Peking", "Peking").encode(),
    "injection.txt": INJECTION.encode(),
}

#: file name → (the page's bytes, what the report must say about it).
BAD: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "file is empty"),
    "blank.txt": (b"  \n\t\n", "file is empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 100, "looks like a binary file"),
    "controls.txt": (bytes(range(1, 32)) * 200, "looks like a binary file"),
    "oneline.txt": (b"Wort " * 210_000, "has a line of 1,050,000 characters"),
    "page.txt": (b"<!DOCTYPE html><html><head><title>x</title></head><body><div><p>"
                 + _page("x", "Paris").encode() + b"</p></div></body></html>", "looks like HTML"),
    "nav.txt": (b"Home\nPolitik\nSport\nWetter\n", "no article text found"),
}
BIG = "big.txt"  # 50 MB, written separately


@dataclass
class Built:
    output: str
    store: str
    root: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("bad-input")
    pages = root / "pages"
    pages.mkdir()
    for name, data in GOOD.items():
        (pages / name).write_bytes(data)
    for name, (data, _) in BAD.items():
        (pages / name).write_bytes(data)
    with (pages / BIG).open("wb") as big:
        line = _page("Gross", "Berlin").encode()
        big.write(line * (50 * 1024 * 1024 // len(line) + 1))
    store = str(root / "store")
    result = runner.invoke(app, ["build", str(pages), "--store", store])
    assert result.exit_code == 0, result.output
    return Built(result.output, store, root)


def test_every_bad_page_is_named_with_its_reason(built: Built) -> None:
    output = " ".join(built.output.split())  # rich may wrap long lines
    for name, (_, reason) in BAD.items():
        assert f"skipped {name}: {reason}" in output, (name, output)
    assert re.search(rf"skipped {BIG}: file is 5\d\.\d MB, above the limit", output), output


def test_every_good_page_is_in_and_nothing_else(built: Built) -> None:
    assert f"built {len(GOOD)} articles" in built.output
    assert f"{len(BAD) + 1} skipped" in built.output
    assert _export_sources(built) == set(GOOD)


def _export_sources(built: Built) -> set[str]:
    out = built.root / "export.jsonl"
    result = runner.invoke(app, ["export", "--store", built.store, "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    return {row["source"] for row in rows if row.get("source")}


@pytest.mark.parametrize(("fmt", "rdflib_format", "quads"), [
    ("turtle", "turtle", False), ("nt", "nt", False), ("trig", "trig", True),
    ("nquads", "nquads", True), ("jsonld", "json-ld", True)])
def test_every_rdf_export_parses_and_names_every_article(built: Built, fmt: str,
                                                         rdflib_format: str, quads: bool) -> None:
    out = built.root / f"export.{fmt}"
    result = runner.invoke(app, ["export", "--store", built.store, "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    graph: Graph = Dataset() if quads else Graph()
    graph.parse(out, format=rdflib_format)
    assert len(graph) > 100
    evil = URIRef("http://evil")
    assert (evil, None, None) not in graph and (None, evil, None) not in graph


def test_the_store_validates(built: Built) -> None:
    result = runner.invoke(app, ["validate", "--store", built.store])
    assert result.exit_code == 0, result.output


def test_injected_syntax_stays_text(built: Built) -> None:
    out = built.root / "injection.nq"
    runner.invoke(app, ["export", "--store", built.store, "--format", "nquads", "--out", str(out)])
    data = Dataset()
    data.parse(out, format="nquads")
    quads = list(data.quads((None, None, None, None)))
    literals = {str(o) for _, _, o, _ in quads if isinstance(o, Literal)}
    # The prose is kept, code-like syntax and all, as literal text, never as RDF terms.
    assert any(text.startswith("Bundeskanzler Olaf Scholz hat am Dienstag in Rom") for text in literals)
    terms = {str(t) for quad in quads for t in quad if not isinstance(t, Literal)}
    assert not any(term.startswith("http://evil") for term in terms)
    assert "good.txt" in _export_sources(built)


def test_a_rebuild_changes_nothing(built: Built) -> None:
    before = _export_sources(built)
    result = runner.invoke(app, ["build", str(built.root / "pages"), "--store", built.store])
    assert result.exit_code == 0 and f"built {len(GOOD)} articles" in result.output
    assert _export_sources(built) == before


def test_the_same_article_under_two_names_is_stored_once(tmp_path: Path) -> None:
    pages = tmp_path / "dups"
    pages.mkdir()
    text = _page("Kanzler trifft Präsidenten", "Paris").encode()
    (pages / "a.txt").write_bytes(text)
    (pages / "b.txt").write_bytes(text)
    (pages / "c.txt").write_bytes(text.decode().encode("latin-1"))  # same text, other bytes
    store = str(tmp_path / "store")
    result = runner.invoke(app, ["build", str(pages), "--store", store])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "skipped b.txt: same article text as a.txt" in output, output
    assert "built 1 articles" in output
    assert _export_sources(Built(result.output, store, tmp_path)) == {"a.txt"}
