"""What the graph layer keeps of its work on a view until the view changes: relation rankings
and records, neighbour lists, walk arrays, centrality scores. One shape serves them all: per
view a map for the view's current version only (:class:`PerView`), bounded and emptied least
recently used first (:class:`Bounded`).

A value is put for the version it was computed from: one computed while a write changed the
view (a build in a background thread) is handed to its caller but not kept, so nothing stale
is ever served. Each map has a lock: the server's event loop reads what a background thread
puts.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar
from weakref import WeakKeyDictionary

from kg.graph.view import GraphView

KeyT = TypeVar("KeyT", bound=Hashable)
ValueT = TypeVar("ValueT")


def _one(_: object) -> int:
    return 1


class Bounded(Generic[KeyT, ValueT]):
    """A map that drops its least recently used entries once it holds more than
    ``max_entries`` or they weigh more than ``max_weight`` together (``weigh``: the items a
    value holds; ``None``: no bound). The entry put last always stays, however heavy."""

    def __init__(self, max_entries: int | None = None, max_weight: int | None = None,
                 weigh: Callable[[ValueT], int] = _one) -> None:
        self._max_entries = max_entries
        self._max_weight = max_weight
        self._weigh = weigh
        self._entries: OrderedDict[KeyT, ValueT] = OrderedDict()
        self._weights: dict[KeyT, int] = {}
        self.weight = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> list[KeyT]:
        with self._lock:
            return list(self._entries)

    def get(self, key: KeyT) -> ValueT | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: KeyT, value: ValueT) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            self._count(key)

    def reweigh(self, key: KeyT, value: ValueT) -> None:
        """Count ``value`` again after it grew in place, if it is still the one kept."""
        with self._lock:
            if self._entries.get(key) is value:
                self._count(key)

    def _count(self, key: KeyT) -> None:
        weight = self._weigh(self._entries[key])
        self.weight += weight - self._weights.get(key, 0)
        self._weights[key] = weight
        while len(self._entries) > 1 and self._over():
            dropped, _ = self._entries.popitem(last=False)
            self.weight -= self._weights.pop(dropped)

    def _over(self) -> bool:
        return ((self._max_entries is not None and len(self._entries) > self._max_entries)
                or (self._max_weight is not None and self.weight > self._max_weight))


class PerView(Generic[KeyT, ValueT]):
    """A :class:`Bounded` map per view (made by ``make``, so bounds are read when a version
    starts), for the view's current version only: a change starts an empty one."""

    def __init__(self, make: Callable[[], Bounded[KeyT, ValueT]]) -> None:
        self._make = make
        self._maps: WeakKeyDictionary[GraphView, tuple[int, Bounded[KeyT, ValueT]]] = \
            WeakKeyDictionary()
        self._lock = threading.Lock()

    def of(self, view: GraphView) -> Bounded[KeyT, ValueT]:
        """The map of the view's current version."""
        with self._lock:
            return self._for(view, view.version)

    def get_or_make(self, view: GraphView, key: KeyT, make: Callable[[], ValueT]) -> ValueT:
        """The value kept for ``key``, or one ``make`` computes from the view now, then kept
        (unless the view changed meanwhile: see :meth:`put`)."""
        version = view.version
        found = self.of(view).get(key)
        if found is None:
            found = make()
            self.put(view, version, key, found)
        return found

    def put(self, view: GraphView, version: int, key: KeyT, value: ValueT) -> None:
        """Keep ``value``, computed from ``version`` of the view, if that is still current
        (should the view change meanwhile, the map it goes to is labelled ``version`` and
        the next :meth:`of` replaces it)."""
        with self._lock:
            if view.version == version:
                self._for(view, version).put(key, value)

    def _for(self, view: GraphView, version: int) -> Bounded[KeyT, ValueT]:
        found = self._maps.get(view)
        if found is None or found[0] != version:
            found = self._maps[view] = (version, self._make())
        return found[1]
