"""HTTP routes for ``kg serve``: the interactive page at ``/viz`` and the dumps at
``/viz/graph.{graphml,gexf,json,dot,html}``, all taking the options of ``kg viz`` as query
parameters (``?focus=putin&depth=2``, ``?path=putin&path=zelensky``, ``?predicate=met``
repeatable, ``?since=2023&until=2024-06``)."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from kg.graph import GraphView
from kg.store import KGStore
from kg.viz.formats import VizFormat
from kg.viz.selection import Selection, SelectionError
from kg.viz.subgraph import select_subgraph
from kg.viz.writer import render_viz

_BY_SUFFIX = {fmt.suffix: fmt for fmt in VizFormat}


def viz_routes(store: KGStore, view: GraphView) -> list[Route]:
    """The routes, over the app's store and its graph view (kept in step by the app)."""

    async def respond(request: Request, fmt: VizFormat) -> Response:
        try:
            selection = selection_from_query(request.query_params)
            graph = await run_in_threadpool(select_subgraph, store, view, selection)
        except SelectionError as exc:
            return PlainTextResponse(f"{exc}\n", status_code=400)
        body = await run_in_threadpool(render_viz, graph, fmt)
        headers = {} if fmt is VizFormat.HTML else {
            "Content-Disposition": f'inline; filename="kg-graph.{fmt.suffix}"'}
        return Response(body, media_type=fmt.media_type, headers=headers)

    async def page(request: Request) -> Response:
        return await respond(request, VizFormat.HTML)

    async def dump(request: Request) -> Response:
        fmt = _BY_SUFFIX.get(request.path_params["suffix"])
        if fmt is None:
            return PlainTextResponse(f"unknown format; one of: {', '.join(_BY_SUFFIX)}\n",
                                     status_code=404)
        return await respond(request, fmt)

    return [Route("/viz", page), Route("/viz/graph.{suffix}", dump)]


def selection_from_query(query: QueryParams) -> Selection:
    """A :class:`Selection` from query parameters named like the ``kg viz`` options."""
    path = query.getlist("path")
    if path and len(path) != 2:
        raise SelectionError("path takes two entities: ?path=A&path=B")
    depth = query.get("depth")
    if depth is not None and not depth.isdigit():
        raise SelectionError(f"depth must be a whole number, not {depth!r}")
    return Selection(focus=query.get("focus") or None, depth=int(depth) if depth else None,
                     path=(path[0], path[1]) if path else None,
                     predicates=frozenset(query.getlist("predicate")),
                     since=query.get("since") or None, until=query.get("until") or None)
