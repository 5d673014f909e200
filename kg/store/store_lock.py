"""Who may open an embedded store's folder at once: one process that may write, or any number
of read-only server workers, never both.

Why: ``kg serve --workers N`` opens the store once per worker process, read-only (RocksDB
lets only one process open a folder for writing). A read-only open next to a process that
writes is undefined behaviour in RocksDB: its compactions delete files the readers still use.
So every open takes an advisory ``flock`` on a file in the folder, exclusive to write and
shared to read, and a conflicting open fails at once with an error that says which is in the
way, instead of RocksDB's lock message or worse, a reader that fails later.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

#: The lock file in the store's folder (empty; only its lock matters).
LOCK_FILE = "kg-store.lock"


class StoreInUseError(RuntimeError):
    """The folder is open in another process in a way this open cannot share."""


class StoreLock:
    """An advisory lock on a store folder, held until :meth:`release` or the process ends."""

    def __init__(self, directory: Path, shared: bool) -> None:
        self._fd: int | None = os.open(directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            self.release()
            raise StoreInUseError(_in_use(directory, shared)) from exc

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None


def _in_use(directory: Path, shared: bool) -> str:
    if shared:
        return (f"the store {directory} is open for writing in another process (kg build, or "
                "kg serve with one worker); read-only workers can open it once that has ended")
    return (f"the store {directory} is open in another process (kg serve, kg build or kg "
            "export); stop it first, then run this again")
