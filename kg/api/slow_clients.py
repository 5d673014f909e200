"""The HTTP/1.1 protocol ``kg serve`` runs: uvicorn's h11 protocol plus a deadline for the
request head, and the uvicorn options that bound slow and idle clients.

Why: uvicorn closes idle keep-alive connections, but a client that sends half a request line
or trickles header bytes is never timed out; enough of them exhaust the server's sockets
("slowloris"). Here every request head must be complete within ``header_timeout_seconds`` of
the connection opening or of the previous answer, else the connection gets a 408 and closes.
"""
from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from kg.config import Settings

_TIMEOUT_RESPONSE = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain\r\n"
                     b"content-length: 35\r\nconnection: close\r\n\r\n"
                     b"request headers took too long: 408\n")


class HeadDeadlineProtocol(H11Protocol):
    """h11 protocol whose request heads must arrive within ``header_timeout`` seconds."""

    def __init__(self, *args: Any, header_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = header_timeout
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        if not self.transport.is_closing():
            self._head_timer = self.loop.call_later(self.header_timeout, self._expire)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _expire(self) -> None:
        """Close the connection if the client is still sending (or not yet sending) a head;
        once a head is in, the body and the answer have limits of their own."""
        self._head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.cycle is not None and not self.cycle.response_complete:
            return  # a request is being answered (pipelined next head not yet due)
        self.transport.write(_TIMEOUT_RESPONSE)
        self.transport.close()


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """The ``uvicorn.Config`` keyword arguments that bound slow clients."""
    return {"http": partial(HeadDeadlineProtocol, header_timeout=settings.header_timeout_seconds),
            "timeout_keep_alive": settings.keep_alive_seconds,
            "h11_max_incomplete_event_size": settings.max_header_bytes,
            "limit_concurrency": settings.max_connections}
