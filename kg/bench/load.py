"""The GraphQL load generator, run as its own process (``python -m kg.bench.load``) so the
client's work never shares an interpreter with the server or the bench.

It reads a :class:`LoadPlan` as JSON on standard input and writes, per scenario, every
request's latency in seconds and the number of failed requests as JSON on standard output.
Each scenario runs ``clients`` concurrent clients until ``requests`` are done or ``seconds``
have passed, whichever comes first; only 127.0.0.1 is accepted as the target.

The client is a few lines of HTTP/1.1 over asyncio streams (a connection per client, kept
alive; the request bytes made once per variables), not a general HTTP client, because on two
cores the load generator takes its CPU from the server it measures: httpx's async client spent
about 4.8 ms of CPU a request, so with 20 clients it, not the server, set the pace; aiohttp
about 0.5 ms, most of a core at 1,500 requests/s; this one about 0.2 ms, its process's start
included (measured with ``getrusage`` over 4,000 requests).
"""
from __future__ import annotations

import asyncio
import json
import sys
import time
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

LOOPBACK = "127.0.0.1"


@dataclass
class Scenario:
    name: str
    query: str
    #: Variables for successive requests, used round-robin.
    variables: list[dict[str, object]]


@dataclass
class LoadPlan:
    url: str
    clients: int
    requests: int
    seconds: float
    timeout: float
    scenarios: list[Scenario] = field(default_factory=list)


@dataclass
class ScenarioResult:
    latencies: list[float]
    errors: int
    seconds: float
    first_error: str = ""


class _Connection:
    """One keep-alive HTTP/1.1 connection sending the same kind of POST again and again."""

    def __init__(self, host: str, port: int, path: str) -> None:
        self._host, self._port = host, port
        self._head = (f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                      "Content-Type: application/json\r\nAccept: application/json\r\n"
                      "Content-Length: ").encode()
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post(self, body: bytes) -> tuple[int, bytes]:
        """The answer's status and body; connects (again) when there is no open connection."""
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        assert self._reader is not None
        self._writer.write(self._head + str(len(body)).encode() + b"\r\n\r\n" + body)
        try:
            head = await self._reader.readuntil(b"\r\n\r\n")
            status, length, chunked, close = _parse_head(head)
            payload = (await _read_chunked(self._reader) if chunked
                       else await self._reader.readexactly(length))
        except BaseException:
            self.close()
            raise
        if close:
            self.close()
        return status, payload

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = self._reader = None


def _parse_head(head: bytes) -> tuple[int, int, bool, bool]:
    """Status, content length, whether the body is chunked, whether the server closes."""
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length, chunked, close = 0, False, False
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value
        elif name == b"connection":
            close = b"close" in value
    return status, length, chunked, close


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts = []
    while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)
    await reader.readuntil(b"\r\n")  # the empty trailer
    return b"".join(parts)


async def _run_scenario(plan: LoadPlan, scenario: Scenario) -> ScenarioResult:
    result = ScenarioResult([], 0, 0.0)
    target = urlsplit(plan.url)
    bodies = [json.dumps({"query": scenario.query, "variables": v}).encode()
              for v in scenario.variables]
    issued = 0
    started = time.perf_counter()

    async def one_client() -> None:
        nonlocal issued
        connection = _Connection(target.hostname or LOOPBACK, target.port or 80,
                                 target.path or "/")
        try:
            while issued < plan.requests and time.perf_counter() - started < plan.seconds:
                body = bodies[issued % len(bodies)]
                issued += 1
                sent = time.perf_counter()
                try:
                    async with asyncio.timeout(plan.timeout):
                        status, payload = await connection.post(body)
                    answer = json.loads(payload)
                    failed = status != 200 or not isinstance(answer, dict) or bool(answer.get("errors"))
                    error = "" if not failed else str(
                        answer.get("errors") if isinstance(answer, dict) else status)[:300]
                except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError,
                        asyncio.LimitOverrunError) as exc:
                    failed, error = True, f"{type(exc).__name__}: {exc}"[:300]
                if failed:
                    result.errors += 1
                    result.first_error = result.first_error or error
                else:
                    result.latencies.append(time.perf_counter() - sent)
        finally:
            connection.close()

    await asyncio.gather(*(one_client() for _ in range(plan.clients)))
    result.seconds = time.perf_counter() - started
    return result


async def run_plan(plan: LoadPlan) -> dict[str, ScenarioResult]:
    if urlsplit(plan.url).hostname != LOOPBACK:
        raise ValueError("the load generator only targets 127.0.0.1")
    return {s.name: await _run_scenario(plan, s) for s in plan.scenarios}


def plan_from_json(text: str) -> LoadPlan:
    data = json.loads(text)
    data["scenarios"] = [Scenario(**s) for s in data["scenarios"]]
    return LoadPlan(**data)


def main() -> None:
    try:
        from uvloop import run  # the server's event loop too; a little less client CPU a request
    except ImportError:
        from asyncio import run
    results = run(run_plan(plan_from_json(sys.stdin.read())))
    json.dump({name: asdict(r) for name, r in results.items()}, sys.stdout)


if __name__ == "__main__":
    main()
