"""The HTTP server ``kg serve`` runs; tests run the same one in a thread."""
from __future__ import annotations

import uvicorn

from kg.api.app import create_app
from kg.api.collector import settle_for_serving
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
    """Serve ``store`` until interrupted, the garbage collector settled once the app is
    built (:mod:`kg.api.collector`)."""
    server = make_server(store, host, port)
    settle_for_serving()
    server.run()
