"""A short load run with faults (the full 60-s run is ``kg loadtest``): 20 readers and a
writer that ingests and deletes; zero 5xx, zero lost or half-written articles. Timings are
printed, not asserted."""
from __future__ import annotations

from pathlib import Path

from kg.config import Settings
from kg.loadtest import load_test
from kg.pipeline import build
from kg.store import open_store

SECONDS = 10.0


def test_readers_and_a_writer_together_lose_nothing(tmp_path: Path) -> None:
    settings = Settings(store=str(tmp_path / "store"))
    with open_store(settings.store, settings) as store:
        build([settings.sample_corpus_dir], store, settings)
        report = load_test(store, settings, SECONDS, clients=20)
    print("\nload:", report.summary())
    assert report.requests > 100 and report.ingested >= 3 and report.deleted >= 1
    assert report.server_errors == 0 and report.transport_errors == 0
    assert report.failed_mutations == 0
    assert report.articles_checked == report.ingested
    assert report.inconsistent == []
