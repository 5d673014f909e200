"""A throw-away Virtuoso on loopback: its own database folder, free ports, stopped by PID.

For the tests and for trying the SPARQL store on one machine (README, "Deployment"). Virtuoso's
anonymous ``/sparql`` refuses updates until the ``SPARQL`` user has the ``SPARQL_UPDATE`` role;
the authenticated ``/sparql-auth`` (Digest, ``dba``/``dba`` in a fresh database) accepts them
at once, so that is the update URL here and no grant is needed.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from kg.config import Settings

VIRTUOSO_BINARY = "virtuoso-t"
VAD_DIR = Path("/usr/share/virtuoso-opensource-7/vad")

_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {db}, {vad}
VADInstallDir = {vad}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
MaxQueryMem = 500M
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 10
MaxClientConnections = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
; the default 10,000 silently truncates kg's larger SELECTs (every statement of the store)
ResultSetMaxRows = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 300
DefaultGraph =
"""


@dataclass(frozen=True)
class LocalVirtuoso:
    """A running server: its query URL, its authenticated update URL and credentials."""

    query_url: str
    update_url: str
    user: str
    password: str
    pid: int

    def settings(self, base: Settings) -> Settings:
        """``base`` pointed at this server: the query URL as the store, Digest-authenticated
        updates."""
        return replace(base, store=self.query_url, sparql_update_url=self.update_url,
                       sparql_user=self.user, sparql_password=self.password)


def virtuoso_available() -> bool:
    return shutil.which(VIRTUOSO_BINARY) is not None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def local_virtuoso(folder: Path, start_timeout: float = 90.0) -> Iterator[LocalVirtuoso]:
    """Start ``virtuoso-t +foreground`` with a fresh database in ``folder``; stop it by PID."""
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_INI.format(db=folder, vad=VAD_DIR, sql_port=sql_port, http_port=http_port),
                   encoding="utf-8")
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen([VIRTUOSO_BINARY, "+foreground", "+configfile", str(ini)],
                               cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_for_sparql(f"{base}/sparql", process, folder, start_timeout)
        yield LocalVirtuoso(f"{base}/sparql", f"{base}/sparql-auth", "dba", "dba", process.pid)
    finally:
        _stop(process)
        log.close()


def _wait_for_sparql(url: str, process: subprocess.Popen[bytes], folder: Path,
                     timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {process.returncode}: "
                               f"{_tail(folder / 'virtuoso.log')}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"Virtuoso did not answer at {url} within {timeout:g} s: "
                       f"{_tail(folder / 'virtuoso.log')}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to this PID (Virtuoso checkpoints and exits), SIGKILL if it lingers."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
