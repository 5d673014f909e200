"""``kg build --executor dask://…``: extraction on a Dask cluster (a LocalCluster of two worker
processes started here) builds exactly what the single-process build does."""
from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest

from kg.config import Settings, load_settings
from kg.executors import parse_executor
from kg.export import write_export
from kg.pipeline import build
from kg.store import open_store

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def corpus(settings: Settings) -> list[Path]:
    return [settings.sample_corpus_dir] + ([SEEDS] if SEEDS.is_dir() else [])


def export_without_timestamps(settings: Settings) -> tuple[list[dict], object]:
    """The JSONL export (nothing in it depends on when it was built) and the build report."""
    with open_store("memory", settings) as store:
        report = build(corpus(settings), store, settings)
        out = StringIO()
        write_export(store, "jsonl", out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    return [{k: v for k, v in row.items() if "time" not in k} for row in rows], report


def test_a_dask_build_is_the_single_process_build(scheduler: str) -> None:
    local = load_settings(executor="local")
    distributed = dataclasses.replace(local, executor="dask://" + scheduler.removeprefix("tcp://"))
    expected, local_report = export_without_timestamps(local)
    rows, report = export_without_timestamps(distributed)
    assert rows == expected
    assert (report.articles, report.statements, [s.source for s in report.skipped]) == (
        local_report.articles, local_report.statements, [s.source for s in local_report.skipped])
    assert report.articles >= 10


def test_executor_names() -> None:
    assert parse_executor("local") == ("local", None)
    assert parse_executor("dask") == ("dask", None)
    assert parse_executor("dask://10.0.0.5:8786") == ("dask", "tcp://10.0.0.5:8786")
    with pytest.raises(ValueError, match="unknown executor"):
        parse_executor("ray")
