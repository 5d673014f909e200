"""The HTTP server ``kg serve`` runs; tests run the same one in a thread."""
from __future__ import annotations

import gc

import uvicorn

from kg.api.app import create_app
from kg.api.slow_clients import uvicorn_options
from kg.config import Settings, load_settings
from kg.store import KGStore


def make_server(store: KGStore, host: str, port: int, log_level: str = "info",
                settings: Settings | None = None) -> uvicorn.Server:
    """The server with kg's limits on slow clients (:mod:`kg.api.slow_clients`)."""
    settings = settings or load_settings()
    return uvicorn.Server(uvicorn.Config(create_app(store, settings=settings), host=host,
                                         port=port, log_level=log_level,
                                         **uvicorn_options(settings)))


def serve(store: KGStore, host: str, port: int) -> None:
    """Serve ``store`` until interrupted. What exists once the app is built (the graph view:
    millions of objects at a million statements) is frozen out of the garbage collector's
    full collections, which would otherwise walk all of it while requests wait."""
    server = make_server(store, host, port)
    gc.freeze()
    server.run()
