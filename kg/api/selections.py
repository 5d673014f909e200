"""Walking a GraphQL document's selections, for the checks made once per parsed document."""
from __future__ import annotations

from collections.abc import Iterator

from graphql import Node


def nodes_under(*roots: Node) -> Iterator[Node]:
    """``roots`` and every field, fragment spread and inline fragment selected under them."""
    pending = list(roots)
    while pending:
        node = pending.pop()
        yield node
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            pending.extend(selection_set.selections)
