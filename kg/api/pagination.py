"""Relay-style slicing of an ordered list: opaque cursors, a page size of at most 100."""
from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from kg.graph import LimitExceededError

MAX_PAGE_SIZE = 100
_PREFIX = "offset:"

ItemT = TypeVar("ItemT")


@dataclass(frozen=True)
class Page(Generic[ItemT]):
    """Items with their cursors, and what a client needs to ask for the next page."""

    items: list[tuple[str, ItemT]]
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None
    total_count: int


def page(items: Sequence[ItemT], first: int, after: str | None = None) -> Page[ItemT]:
    """The ``first`` items after the cursor ``after``; more than :data:`MAX_PAGE_SIZE` is refused."""
    check_page_size(first)
    start = decode_cursor(after) + 1 if after else 0
    window = [(encode_cursor(start + i), item) for i, item in enumerate(items[start:start + first])]
    return Page(items=window, has_next_page=start + first < len(items), has_previous_page=start > 0,
                start_cursor=window[0][0] if window else None,
                end_cursor=window[-1][0] if window else None, total_count=len(items))


def check_page_size(first: int) -> None:
    if first > MAX_PAGE_SIZE:
        raise LimitExceededError(f"first must be at most {MAX_PAGE_SIZE}; ask for {MAX_PAGE_SIZE} "
                                 "and pass pageInfo.endCursor as `after` for the next page")
    if first < 0:
        raise ValueError(f"first must be between 0 and {MAX_PAGE_SIZE}; got {first}")


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    """The offset a cursor from :func:`encode_cursor` stands for."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if text.startswith(_PREFIX):
            return int(text[len(_PREFIX):])
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise ValueError(f"invalid cursor: {cursor!r}; pass a pageInfo.endCursor from an earlier answer")
