"""The HTTP/1.1 protocol ``kg serve`` runs: uvicorn's httptools protocol plus a deadline and a
size limit for the request head, and the uvicorn options that bound slow and idle clients.

Why: uvicorn closes idle keep-alive connections, but a client that sends half a request line
or trickles header bytes is never timed out; enough of them exhaust the server's sockets
("slowloris"). Here every request head must be complete within ``header_timeout_seconds`` of
the connection opening or of the previous answer, else the connection gets a 408 and closes;
a head larger than ``max_header_bytes`` gets a 431. httptools rather than h11: h11's pure-Python
parsing and framing was about a seventh of the server's time per small GraphQL request.
"""
from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from kg.config import Settings

_TIMEOUT_RESPONSE = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain\r\n"
                     b"content-length: 35\r\nconnection: close\r\n\r\n"
                     b"request headers took too long: 408\n")
_TOO_LARGE_RESPONSE = (b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
                       b"content-type: text/plain\r\ncontent-length: 31\r\n"
                       b"connection: close\r\n\r\nrequest headers too large: 431\n")


class _HeadTooLarge(Exception):
    """Raised from a parser callback to stop reading a head past the size limit."""


class HeadDeadlineProtocol(HttpToolsProtocol):
    """httptools protocol whose request heads must arrive within ``header_timeout`` seconds
    and stay under ``max_header_bytes``."""

    def __init__(self, *args: Any, header_timeout: float, max_header_bytes: int,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = header_timeout
        self.max_header_bytes = max_header_bytes
        self._head_bytes = 0
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_bytes = 0

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value))
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        """uvicorn answers any parser error 400; a head past the limit gets its own 431."""
        if self._head_bytes > self.max_header_bytes:
            self.transport.write(_TOO_LARGE_RESPONSE)
            self.transport.close()
            return
        super().send_400_response(msg)

    def _count(self, size: int) -> None:
        self._head_bytes += size
        if self._head_bytes > self.max_header_bytes:
            raise _HeadTooLarge

    def _arm(self) -> None:
        self._disarm()
        if not self.transport.is_closing():
            self._head_timer = self.loop.call_later(self.header_timeout, self._expire)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _expire(self) -> None:
        """Close the connection: no complete head came since the timer was armed (at the
        connection's opening or the previous answer); once a head is in, the body and the
        answer have limits of their own."""
        self._head_timer = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete:
            return  # a request is being answered (pipelined next head not yet due)
        self.transport.write(_TIMEOUT_RESPONSE)
        self.transport.close()


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """The ``uvicorn.Config`` keyword arguments that bound slow clients."""
    return {"http": partial(HeadDeadlineProtocol, header_timeout=settings.header_timeout_seconds,
                            max_header_bytes=settings.max_header_bytes),
            "timeout_keep_alive": settings.keep_alive_seconds,
            "limit_concurrency": settings.max_connections}
