"""``kg serve --workers N``: N server processes on one port, each with its own read-only view
of the store, for read-heavy use.

Why: one server process answers on one core; with 20 clients every request waits for the
ones ahead of it, however little each costs. More processes answer in parallel, but only one
process may write an embedded store, and RocksDB makes no promise to a read-only reader next
to a writer. So workers serve read-only, and mutations are off (they answer FORBIDDEN with
what to do): a front end that writes runs one worker, the default.

First a short-lived process opens the store for writing, which undoes an interrupted bulk
write, brings the ontology up to date and saves the graph view and entity index where they
are missing, then closes it. Each worker (spawned by uvicorn, which shares the listening socket)
opens the store read-only and starts from those files. While workers serve, a write from
another process (``kg build``) is refused (:mod:`kg.store.store_lock`), and the other way
round.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import uvicorn
from starlette.applications import Starlette

from kg.api.app import create_app
from kg.api.collector import settle_for_serving
from kg.api.slow_clients import uvicorn_options
from kg.config import Settings, load_settings
from kg.graph.view import prepare_for_serving
from kg.store import open_store

#: Tells a worker process which store to open (settings travel by environment to spawned
#: processes).
_STORE_VARIABLE = "KG_STORE"


class WorkersError(ValueError):
    """Settings under which more than one worker cannot serve."""


def serve_workers(settings: Settings, host: str, port: int, workers: int,
                  log_level: str = "info", announce: Callable[[], None] = lambda: None) -> None:
    """Prepare the store's derived files, then serve it from ``workers`` read-only processes
    until interrupted; ``announce`` is called in between, once the store is known to serve."""
    if settings.api_token:
        raise WorkersError("more than one worker serves read-only, so mutations would be off; "
                           "unset KG_API_TOKEN, or serve with one worker to accept writes")
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn) as preparing:
        if not preparing.submit(_prepare, settings).result():
            raise WorkersError("more than one worker needs an embedded store (a folder); for a "
                               "SPARQL endpoint run one worker per machine")
    announce()
    os.environ[_STORE_VARIABLE] = settings.store
    uvicorn.run("kg.api.workers:worker_app", factory=True, host=host, port=port,
                workers=workers, log_level=log_level, **uvicorn_options(settings))


def _prepare(settings: Settings) -> bool:
    """Open the store for writing (see the module's docstring) and make sure its derived files
    are there; whether it is an embedded store. Run in a process of its own, so the view it
    may compute does not stay in the supervisor's memory beside every worker's copy."""
    with open_store(settings.store, settings) as store:
        if store.backend.directory is None:
            return False
        prepare_for_serving(store)
        return True


def worker_app() -> Starlette:
    """One worker's app (uvicorn calls it in each process): the store read-only, the view and
    entity index from the files the preparing process made sure of; the garbage collector
    settled as in :func:`kg.api.server.serve`."""
    settings = load_settings()
    app = create_app(open_store(settings.store, settings, read_only=True), settings=settings)
    settle_for_serving()
    return app
