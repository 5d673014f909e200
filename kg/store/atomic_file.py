"""Files next to a store written whole or not at all: a reader, or the next process after a
crash, sees the old file or the new one, never half (written aside, synced, renamed)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_write(path: Path, mode: str = "wb") -> Iterator[IO[Any]]:
    """A file to write ``path``'s new content to; it replaces ``path`` once the block ends
    without an error (a failed block leaves ``path`` as it was and ``<path>.partial`` behind)."""
    partial = path.with_name(path.name + ".partial")
    with partial.open(mode, encoding=None if "b" in mode else "utf-8") as out:
        yield out
        out.flush()
        os.fsync(out.fileno())
    partial.replace(path)
    _sync_directory(path.parent)


def _sync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable (where the platform can open a directory)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
