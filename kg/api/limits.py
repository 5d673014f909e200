"""Request limits in front of every route: a body larger than ``max_request_bytes`` is 413, a
body that does not arrive within ``body_timeout_seconds`` is 408, and a request still without
an answer after ``request_time_limit_seconds`` is 503.

Why here and not per route: GraphQL and SPARQL have their own per-query limits, but both read
the whole body first, so without this a client could make the server buffer gigabytes or hold
a handler open forever by trickling bytes. Bodies are read completely before the app runs (a
megabyte at most), which also means a handler never waits on a slow client.
"""
from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from kg.api.errors import LIMIT_EXCEEDED
from kg.config import Settings

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Message, Receive, Send], Awaitable[None]]


class _Refusal(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class RequestLimits:
    """ASGI middleware enforcing the body size, body time and request time limits."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.max_bytes = settings.max_request_bytes
        self.body_seconds = settings.body_timeout_seconds
        self.request_seconds = settings.request_time_limit_seconds

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            self._check_declared_length(scope)
            body = await self._read_body(receive)
        except _Refusal as refusal:
            await _refuse(send, refusal.status, str(refusal))
            return
        if body is None:  # the client went away
            return
        await self._run(scope, replay(body, receive), send)

    def _check_declared_length(self, scope: Message) -> None:
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError as exc:
                    raise _Refusal(400, "Content-Length is not a number") from exc
                if length > self.max_bytes:
                    raise _Refusal(413, _too_large(length, self.max_bytes))

    async def _read_body(self, receive: Receive) -> bytes | None:
        """The whole body, or ``None`` if the client disconnected; refuses too slow or too
        large (chunked bodies carry no length, so the count is checked as they arrive)."""
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.body_seconds):  # no task per await, unlike wait_for
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return None
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise _Refusal(413, _too_large(size, self.max_bytes))
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        return b"".join(chunks)
        except TimeoutError as exc:
            raise _Refusal(408, f"the request body did not arrive within "
                                f"{self.body_seconds:g} s") from exc

    async def _run(self, scope: Message, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            async with asyncio.timeout(self.request_seconds):
                await self.app(scope, receive, tracking_send)
        except TimeoutError:
            if started:  # half an answer is out; closing the connection is all that is left
                raise
            await _refuse(send, 503, f"the request ran longer than the time limit of "
                                     f"{self.request_seconds:g} s")


def _too_large(size: int, maximum: int) -> str:
    return (f"the request body of {size:,} bytes is larger than the limit of {maximum:,} bytes; "
            "send smaller queries or articles")


def replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands the app the body already read, then waits for disconnect."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _refuse(send: Send, status: int, message: str) -> None:
    """A JSON answer in GraphQL's error shape, so every client can read it."""
    payload = json.dumps({"errors": [{"message": message,
                                      "extensions": {"code": LIMIT_EXCEEDED if status in (408, 413, 503)
                                                     else "BAD_REQUEST"}}]}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": payload})
