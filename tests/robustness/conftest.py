"""Shared pieces of the robustness tests: a served two-article store with small limits, raw
sockets for clients that misbehave below HTTP."""
from __future__ import annotations

import socket
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from kg.config import Settings
from kg.store import KGStore

TOKEN = "robust-test-token-9f8e7d"

# Hypothesis caches Unicode tables in ./.hypothesis; keep the working tree clean.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "kg-hypothesis")


@pytest.fixture
def store_uri() -> str:
    """The in-memory store: these tests are about the HTTP layer, not the backend."""
    return "memory"


@pytest.fixture
def limit_settings(settings: Settings) -> Settings:
    """Limits small enough to hit within a test: 64 KB bodies, one-second deadlines."""
    return replace(settings, api_token=TOKEN, ontology_dir=Settings().ontology_dir,
                   max_request_bytes=64 * 1024, header_timeout_seconds=1.0,
                   body_timeout_seconds=1.0, keep_alive_seconds=1)


@pytest.fixture
def client(store: KGStore, limit_settings: Settings, serve_store) -> Iterator[httpx.Client]:  # noqa: ANN001
    with serve_store(store, limit_settings) as http:
        yield http


def raw_socket(client: httpx.Client, timeout: float = 10.0) -> socket.socket:
    """A plain TCP connection to the server ``client`` talks to."""
    url = client.base_url
    return socket.create_connection((url.host, url.port), timeout=timeout)


def read_all(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (or the socket times out)."""
    chunks = []
    try:
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    except (TimeoutError, ConnectionResetError):
        pass
    return b"".join(chunks)
