"""The command line as a user meets it: help, a build with broken pages, export, stats."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()

PAGE = """Kanzler trifft Präsidenten

Bundeskanzler Olaf Scholz hat am Dienstag in Paris den französischen Präsidenten Emmanuel Macron getroffen.
Beide Politiker sprachen nach Angaben von Diplomaten über die Unterstützung für die Ukraine und neue Sanktionen.
"""


def test_help_names_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "serve", "quickstart", "export", "stats", "explain"):
        assert command in result.output


def test_build_reports_broken_pages_and_keeps_the_rest(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.txt").write_text(PAGE, encoding="utf-8")
    (pages / "empty.txt").write_text("", encoding="utf-8")
    (pages / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (pages / "latin1.txt").write_bytes(PAGE.replace("Kanzler trifft", "Kanzler trifft erneut")
                                       .encode("latin-1"))
    store = str(tmp_path / "store")
    result = runner.invoke(app, ["build", str(pages), "--store", store])
    assert result.exit_code == 0, result.output
    assert "empty.txt: file is empty" in result.output
    assert "binary.txt: looks like a binary file" in result.output
    assert "built 2 articles" in result.output and "2 skipped" in result.output

    out = tmp_path / "export.jsonl"
    result = runner.invoke(app, ["export", "--store", store, "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    met = {(r["subject_id"], r["object_id"]) for r in rows
           if r["kind"] == "statement" and r["predicate"] == "met"}
    assert ("macron", "scholz") in met or ("scholz", "macron") in met
    assert {r["source"] for r in rows} == {"good.txt", "latin1.txt"}


def test_stats_counts_articles(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text(PAGE, encoding="utf-8")
    store = str(tmp_path / "store")
    assert runner.invoke(app, ["build", str(page), "--store", store]).exit_code == 0
    result = runner.invoke(app, ["stats", "--store", store])
    assert result.exit_code == 0
    assert "articles" in result.output and " 1 " in result.output


def test_missing_path_is_reported(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path / "nope"), "--store", "memory"])
    assert result.exit_code == 0
    assert "no such file or folder" in result.output


def test_the_same_article_under_two_names_goes_in_once(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(PAGE, encoding="utf-8")
    (pages / "b.txt").write_text(PAGE, encoding="utf-8")
    store = str(tmp_path / "store")
    result = runner.invoke(app, ["build", str(pages), "--store", store])
    assert "b.txt: same article text as a.txt" in result.output
    assert "built 1 articles" in result.output
    # a later build of the copy alone is refused too, the original rebuilds fine
    again = runner.invoke(app, ["build", str(pages / "b.txt"), str(pages / "a.txt"), "--store", store])
    assert "b.txt: same article text as a.txt" in again.output and "built 1 articles" in again.output


def test_a_text_its_page_no_longer_holds_is_free_for_another_page(tmp_path: Path) -> None:
    """The stored fingerprints are read once per build; a page that changed gives its old
    text up, so a copy of that old text under another name is no duplicate."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(PAGE, encoding="utf-8")
    store = str(tmp_path / "store")
    assert "built 1 articles" in runner.invoke(app, ["build", str(pages), "--store", store]).output
    (pages / "a.txt").write_text(PAGE.replace("Dienstag", "Mittwoch"), encoding="utf-8")
    (pages / "b.txt").write_text(PAGE, encoding="utf-8")
    result = runner.invoke(app, ["build", str(pages / "a.txt"), str(pages / "b.txt"), "--store", store])
    assert "same article text" not in result.output and "built 2 articles" in result.output
    again = runner.invoke(app, ["build", str(pages / "b.txt"), "--store", store])
    assert "same article text" not in again.output and "built 1 articles" in again.output
