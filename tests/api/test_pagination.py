"""Cursor pagination: pages join up, sizes are capped, bad cursors are refused."""
from __future__ import annotations

import pytest

from kg.api.pagination import MAX_PAGE_SIZE, page
from kg.graph import LimitExceededError


def test_pages_join_up_without_gaps_or_overlap() -> None:
    items = list(range(7))
    first = page(items, 3)
    second = page(items, 3, first.end_cursor)
    third = page(items, 3, second.end_cursor)
    assert [i for p in (first, second, third) for _, i in p.items] == items
    assert (first.has_next_page, third.has_next_page) == (True, False)
    assert third.total_count == 7


def test_page_size_past_the_maximum_is_refused_naming_it() -> None:
    assert len(page(list(range(500)), MAX_PAGE_SIZE).items) == MAX_PAGE_SIZE
    with pytest.raises(LimitExceededError, match=f"at most {MAX_PAGE_SIZE}"):
        page(list(range(500)), MAX_PAGE_SIZE + 1)


def test_an_empty_page_has_no_end_cursor() -> None:
    assert page([], 10).end_cursor is None


@pytest.mark.parametrize("cursor", ["not-a-cursor", "b2Zmc2V0Onh4"])
def test_invalid_cursors_are_refused(cursor: str) -> None:
    with pytest.raises(ValueError, match="invalid cursor"):
        page([1, 2], 1, cursor)
