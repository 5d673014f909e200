"""The graph view saved next to an embedded store, so ``kg serve`` starts without reading
every statement back (a full read took about 20 s at 100,000 statements and grows with the
store).

Why a pickle: the view is NetworkX's own dicts plus two indexes; pickle writes and reads them
as they are, several times faster than rebuilding the graph edge by edge. The file is only
ever read from the store's own folder, which holds nothing a user of that store does not
already trust.

Staleness is decided by the store, not by the snapshot: every write through
:meth:`kg.store.KGStore.replace_graphs` first deletes the store's derived files (see
:meth:`kg.store.KGStore.derived_file`), so a snapshot that exists was saved after the last write.
A process killed between the deletion and the write leaves no snapshot and the store as it
was; the next start rebuilds the view from the store.
"""
from __future__ import annotations

import gc
import logging
import os
import pickle
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: The name under which the store keeps it (see :meth:`kg.store.KGStore.derived_file`).
SNAPSHOT_NAME = "graph-view.pickle"
#: Bumped whenever what the view keeps changes shape; an older snapshot is then ignored.
SNAPSHOT_FORMAT = 1


def save_state(path: Path, state: tuple[Any, ...]) -> None:
    """Write ``state`` atomically: a reader sees the old file or the new one, never half."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as file:
        pickle.dump((SNAPSHOT_FORMAT, state), file, protocol=pickle.HIGHEST_PROTOCOL)
        file.flush()
        os.fsync(file.fileno())
    os.replace(partial, path)


def load_state(path: Path) -> tuple[Any, ...] | None:
    """The saved state, or ``None`` when there is none or it cannot be used (an older format,
    a damaged file: the caller then rebuilds from the store)."""
    if not path.is_file():
        return None
    gc.disable()  # millions of small dicts: collections during the load would dominate it
    try:
        with path.open("rb") as file:
            version, state = pickle.load(file)
    except Exception as exc:  # noqa: BLE001 - any unreadable snapshot is rebuilt, not fatal
        log.warning("ignoring the graph view snapshot %s (%s); rebuilding it from the store",
                    path, exc)
        return None
    finally:
        gc.enable()
    if version != SNAPSHOT_FORMAT:
        log.info("graph view snapshot %s has format %s, not %s; rebuilding", path, version,
                 SNAPSHOT_FORMAT)
        return None
    return state
