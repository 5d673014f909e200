"""The Relay connection types every growing list is served as."""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

import strawberry

from kg.api.pagination import Page, page

NodeT = TypeVar("NodeT")
ItemT = TypeVar("ItemT")


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeT]):
    node: NodeT
    cursor: str


@strawberry.type(description="A page of results (`first` at most 100); pass `pageInfo.endCursor` "
                             "as `after` for the next.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo
    total_count: int


def connection(items: Sequence[ItemT], first: int, after: str | None,
               node: Callable[[ItemT], NodeT]) -> Connection[NodeT]:
    """A page of ``items`` turned into GraphQL nodes."""
    return batched_connection(items, first, after, lambda chosen: [node(i) for i in chosen])


def batched_connection(items: Sequence[ItemT], first: int, after: str | None,
                       nodes: Callable[[list[ItemT]], list[NodeT]]) -> Connection[NodeT]:
    """A page of ``items`` whose nodes are made together (what they need read at once)."""
    window = page(items, first, after)
    return _connection(window, nodes([item for _, item in window.items]))


async def loaded_connection(items: Sequence[ItemT], first: int, after: str | None,
                            nodes: Callable[[list[ItemT]], Awaitable[list[NodeT]]]) -> Connection[NodeT]:
    """A page of ``items`` whose nodes are loaded together (one batch for the whole page)."""
    window = page(items, first, after)
    return _connection(window, await nodes([item for _, item in window.items]))


def _connection(window: Page[Any], nodes: list[NodeT]) -> Connection[NodeT]:
    """The window's items, in order, as ``nodes`` under their cursors."""
    return Connection(edges=[Edge(node=n, cursor=c) for (c, _), n in zip(window.items, nodes)],
                      page_info=PageInfo(has_next_page=window.has_next_page,
                                         has_previous_page=window.has_previous_page,
                                         start_cursor=window.start_cursor,
                                         end_cursor=window.end_cursor),
                      total_count=window.total_count)
