"""``kg serve --workers 2``: two read-only server processes on one port answer GraphQL, refuse
mutations, keep kg build (any writer) out while they serve, and refuse to start with an API
token (mutations would silently be off)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from kg.bench.server import running_server
from kg.bench.timing import process_tree
from kg.config import Settings
from kg.model import ArticleExtraction
from kg.store import open_store
from kg.store.store_lock import StoreInUseError


@pytest.fixture
def folder(tmp_path: Path, settings: Settings, extractions: list[ArticleExtraction],
           monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store holding both articles, closed, and served with the test gazetteer."""
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(settings.ontology_dir))
    monkeypatch.delenv("KG_API_TOKEN", raising=False)
    path = tmp_path / "store"
    with open_store(str(path), settings) as store:
        for extraction in extractions:
            store.replace_article(extraction)
    return path


def test_two_workers_answer_read_only_and_keep_writers_out(folder: Path, tmp_path: Path,
                                                          settings: Settings) -> None:
    with running_server(folder, 120, tmp_path / "serve.log", workers=2) as server:
        assert len(process_tree(server.process.pid)) >= 3  # the supervisor and two workers
        with httpx.Client(timeout=30) as client:
            for _ in range(6):  # connections land on either worker; each answers the same
                answer = client.post(server.url, json={
                    "query": '{ entity(id: "kim_jong_un") { label relations { totalCount } } }'},
                    headers={"Connection": "close"}).json()
                assert answer == {"data": {"entity": {"label": "Kim Jong Un",
                                                      "relations": {"totalCount": 3}}}}
            refused = client.post(server.url, json={
                "query": 'mutation { deleteArticle(source: "001_gipfel.txt") { deleted } }'}).json()
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        with pytest.raises(StoreInUseError, match="stop it first"):
            open_store(str(folder), settings)
    with open_store(str(folder), settings) as store:  # served, nothing was written or lost
        assert len(store.article_sources()) == 2


def test_workers_refuse_to_start_with_an_api_token(folder: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", str(folder),
                           "--workers", "2", "--port", "9"],
                          env={**os.environ, "KG_API_TOKEN": "secret"}, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2
    assert "KG_API_TOKEN" in done.stderr and "one worker" in done.stderr
    assert "GraphQL at" not in done.stdout  # no address announced for a server that never starts
