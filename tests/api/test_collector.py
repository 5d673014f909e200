"""The server process settles the garbage collector before it answers (kg.api.collector)."""
from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from kg.api import collector, server


@pytest.fixture
def restored_collector() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_serving_freezes_the_built_app_and_makes_full_collections_rarer(
        restored_collector: None, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}
    first, second, _ = gc.get_threshold()

    class Server:
        def run(self) -> None:
            seen["frozen"] = gc.get_freeze_count()
            seen["threshold"] = gc.get_threshold()

    monkeypatch.setattr(server, "make_server", lambda *args: Server())
    tracked_before = len(gc.get_objects())
    server.serve(None, "127.0.0.1", 0)  # type: ignore[arg-type]
    assert seen["frozen"] >= tracked_before  # type: ignore[operator]
    assert seen["threshold"] == (first, second, collector.YOUNG_COLLECTIONS_PER_FULL)
    assert collector.YOUNG_COLLECTIONS_PER_FULL > 10  # rarer than CPython's default
