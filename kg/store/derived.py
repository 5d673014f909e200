"""Files computed from an embedded store's content and kept in its folder (the graph view,
the entity index), so ``kg serve`` starts without reading every statement back: a full read
took about 20 s at 100,000 statements and grows with the store.

Staleness is decided by the store, not by the file: every write through
:meth:`kg.store.KGStore.replace_graphs` first deletes the store's derived files (see
:meth:`kg.store.KGStore.derived_file`), so a file that exists was saved after the last write.
A process killed between the deletion and the write leaves no file and the store as it was;
the next start computes the value from the store again.

Why pickle: the values are dicts, sets and NetworkX graphs, which pickle writes and reads as
they are, several times faster than rebuilding them. A file is only ever read from the store's
own folder, which holds nothing a user of that store does not already trust.
"""
from __future__ import annotations

import gc
import logging
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kg.store.atomic_file import atomic_write
from kg.store.kgstore import KGStore

log = logging.getLogger(__name__)


@contextmanager
def without_collections() -> Iterator[None]:
    """No garbage collection meanwhile: while millions of small containers are made (a derived
    value loaded or unpacked), collections would walk all of them again and again and take
    most of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def save(store: KGStore, name: str, version: int, value: Any, replace: bool = False) -> bool:
    """Keep ``value`` as the store's derived file ``name`` (embedded stores opened for writing
    only) unless one is there already (or ``replace``: one that could not be used); whether it
    was written.
    The write is atomic: a reader sees the old file or the new one, never half."""
    path = store.derived_file(name)
    if path is None or store.backend.read_only or (path.exists() and not replace):
        return False
    with atomic_write(path) as file:
        pickle.dump((version, value), file, protocol=pickle.HIGHEST_PROTOCOL)
    return True


def load(store: KGStore, name: str, version: int) -> Any | None:
    """The derived file's value, or ``None`` when there is none or it cannot be used (another
    ``version`` of its shape, a damaged file: the caller computes it from the store)."""
    path = store.derived_file(name)
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as file, without_collections():
            saved_version, value = pickle.load(file)
    except Exception as exc:  # noqa: BLE001 - an unreadable file is recomputed, not fatal
        log.warning("ignoring %s (%s); computing it from the store again", path, exc)
        return None
    if saved_version != version:
        log.info("%s has version %s, not %s; computing it from the store again", path,
                 saved_version, version)
        return None
    return value
