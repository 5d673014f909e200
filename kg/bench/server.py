"""``kg serve`` in a child process, as users run it: start time, memory, and its URL."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

LOOPBACK = "127.0.0.1"


@dataclass
class RunningServer:
    process: subprocess.Popen[bytes]
    url: str
    start_seconds: float


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(store_dir: Path, timeout: float, log: Path,
                   workers: int = 1) -> Iterator[RunningServer]:
    """Start ``kg serve`` (with ``workers`` processes) on loopback and wait until ``/health``
    answers; stop it after."""
    port = free_port()
    started = time.perf_counter()
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "serve", "--store", str(store_dir),
             "--host", LOOPBACK, "--port", str(port), "--workers", str(workers)],
            stdout=log_file, stderr=subprocess.STDOUT)
    try:
        base = f"http://{LOOPBACK}:{port}"
        _wait_ready(process, base, log, workers, started + timeout)
        yield RunningServer(process, f"{base}/graphql", time.perf_counter() - started)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _started_workers(log: Path) -> int:
    """How many server processes have said their app is ready (uvicorn logs it once each)."""
    return log.read_text(errors="replace").count("Application startup complete")


def _wait_ready(process: subprocess.Popen[bytes], base: str, log: Path, workers: int,
                deadline: float) -> None:
    """Until ``/health`` answers and every worker has started (the first answers before the
    others are ready), polling every 0.1 s up to ``deadline``."""
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kg serve exited with {process.returncode} before answering")
        try:
            if (_started_workers(log) >= workers
                    and httpx.get(f"{base}/health", timeout=5).status_code == 200):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError("kg serve did not answer /health in time")
