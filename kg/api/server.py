"""The HTTP server ``kg serve`` runs; tests run the same one in a thread."""
from __future__ import annotations

import uvicorn

from kg.api.app import create_app
from kg.store import KGStore


def make_server(store: KGStore, host: str, port: int, log_level: str = "info") -> uvicorn.Server:
    return uvicorn.Server(uvicorn.Config(create_app(store), host=host, port=port,
                                         log_level=log_level))


def serve(store: KGStore, host: str, port: int) -> None:
    """Serve ``store`` until interrupted."""
    make_server(store, host, port).run()
