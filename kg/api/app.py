"""The web app: GraphQL (GraphiQL in a browser) at ``/graphql`` and a health check at ``/health``."""
from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from kg.api.context import Context
from kg.api.schema import schema
from kg.graph import GraphView
from kg.store import KGStore


class KGGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app, handing each request a fresh :class:`Context`."""

    def __init__(self, store: KGStore, graph: GraphView) -> None:
        super().__init__(schema, graphql_ide="graphiql")
        self._store = store
        self._graph = graph

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        return Context(store=self._store, graph=self._graph)


def create_app(store: KGStore, graph: GraphView | None = None) -> Starlette:
    """Serve ``store``; the graph view is built from it unless one is given."""
    graphql = KGGraphQL(store, graph or GraphView(store))

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "articles": len(store.article_sources())})

    return Starlette(routes=[Route("/health", health), Route("/graphql", graphql)])
