"""The maps the graph layer keeps its work in: bounded, least recently used out first, one per
view version."""
from __future__ import annotations

from dataclasses import dataclass

from kg.graph.kept import Bounded, PerView


@dataclass(eq=False)
class _View:
    """What :class:`PerView` reads of a view: a version (and it must be weakly referable)."""

    version: int = 0


def test_the_least_recently_used_entry_goes_first() -> None:
    kept: Bounded[str, int] = Bounded(max_entries=2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # now b is the least recently used
    kept.put("c", 3)
    assert kept.keys() == ["a", "c"] and kept.get("b") is None


def test_weight_bounds_what_is_held_but_the_last_entry_stays() -> None:
    kept: Bounded[str, list[int]] = Bounded(max_weight=4, weigh=len)
    kept.put("a", [1, 2])
    kept.put("b", [1, 2])
    assert kept.weight == 4
    kept.put("c", [1])
    assert kept.keys() == ["b", "c"] and kept.weight == 3
    kept.put("d", [1] * 10)  # heavier than the bound on its own: kept alone
    assert kept.keys() == ["d"] and kept.weight == 10


def test_putting_a_key_again_replaces_its_weight() -> None:
    kept: Bounded[str, list[int]] = Bounded(max_weight=10, weigh=len)
    kept.put("a", [1, 2, 3])
    kept.put("a", [1])
    assert kept.weight == 1 and len(kept) == 1


def test_a_value_that_grew_in_place_is_weighed_again() -> None:
    kept: Bounded[str, list[int]] = Bounded(max_weight=5, weigh=len)
    first, second = [1, 2], [1, 2]
    kept.put("a", first)
    kept.put("b", second)
    second.extend([3, 4])
    kept.reweigh("b", second)
    assert kept.keys() == ["b"] and kept.weight == 4
    kept.reweigh("a", first)  # no longer kept: nothing changes
    assert kept.keys() == ["b"] and kept.weight == 4


def test_a_new_view_version_starts_an_empty_map() -> None:
    per_view: PerView[str, int] = PerView(Bounded)
    view = _View()
    per_view.of(view).put("a", 1)
    assert per_view.of(view).get("a") == 1
    view.version += 1
    assert per_view.of(view).get("a") is None
    assert per_view.of(_View()).get("a") is None  # another view has a map of its own


def test_a_value_computed_from_an_older_version_is_not_kept() -> None:
    per_view: PerView[str, int] = PerView(Bounded)
    view = _View()
    computed_from = view.version
    view.version += 1  # a write while it was computed
    per_view.put(view, computed_from, "a", 1)
    assert per_view.of(view).get("a") is None
    per_view.put(view, view.version, "a", 2)
    assert per_view.of(view).get("a") == 2


def test_bounds_are_read_when_a_version_starts() -> None:
    """Module-level bounds may change (tests lower them): each new map reads them again."""
    bound = {"entries": 3}
    per_view: PerView[int, int] = PerView(lambda: Bounded(max_entries=bound["entries"]))
    view = _View()
    for key in range(5):
        per_view.of(view).put(key, key)
    assert len(per_view.of(view)) == 3
    bound["entries"] = 1
    view.version += 1
    for key in range(5):
        per_view.of(view).put(key, key)
    assert per_view.of(view).keys() == [4]


def test_get_or_make_makes_once_per_version() -> None:
    per_view: PerView[str, list[int]] = PerView(Bounded)
    view = _View()
    made: list[int] = []

    def make() -> list[int]:
        made.append(view.version)
        return [view.version]

    first = per_view.get_or_make(view, "a", make)
    assert per_view.get_or_make(view, "a", make) is first and made == [0]
    view.version += 1
    assert per_view.get_or_make(view, "a", make) == [1] and made == [0, 1]


def test_get_or_make_keeps_nothing_made_while_the_view_changed() -> None:
    per_view: PerView[str, int] = PerView(Bounded)
    view = _View()

    def make_during_a_write() -> int:
        view.version += 1
        return 7

    assert per_view.get_or_make(view, "a", make_during_a_write) == 7
    assert per_view.of(view).get("a") is None
