"""The web app: GraphQL (GraphiQL in a browser) at ``/graphql``, a health check at ``/health``,
the interactive graph view at ``/viz`` and its dumps at ``/viz/graph.*``, SPARQL at ``/sparql``,
the JSON-LD context at ``/context.jsonld`` and the VoID description at ``/.well-known/void``."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from kg.api.context import Context
from kg.api.errors import graphql_response
from kg.api.limits import RequestLimits
from kg.api.linked_data import linked_data_routes
from kg.api.quick_queries import QuickQueries
from kg.api.schema import build_schema
from kg.api.sparql import sparql_routes
from kg.config import Settings, load_settings
from kg.graph import GraphView
from kg.graph.paths import prepare_in_background
from kg.graph.view import open_for_serving
from kg.store import KGStore
from kg.viz.routes import viz_routes


class KGGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app, handing each request a fresh :class:`Context`."""

    def __init__(self, store: KGStore, graph: GraphView, settings: Settings) -> None:
        super().__init__(build_schema(settings), graphql_ide="graphiql")
        self._store = store
        self._graph = graph
        self._settings = settings

    def context(self, authorization: str | None) -> Context:
        """A fresh context for one request with this ``Authorization`` header."""
        return Context(store=self._store, graph=self._graph, settings=self._settings,
                       authorization=authorization)

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        return self.context(request.headers.get("authorization"))

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        """Every error with a code in ``extensions.code`` (see :mod:`kg.api.errors`)."""
        return graphql_response(result)

    def encode_json(self, data: object) -> bytes:
        """orjson: the standard library's encoder was a fifteenth of a relations page."""
        return orjson.dumps(data)

    def parse_json(self, data: str | bytes) -> Any:
        """A JSON body that is not an object (or a list of them) is 400: Strawberry would
        call ``.get`` on it and answer 500."""
        parsed = super().parse_json(data)
        if not all(isinstance(item, dict) for item in (parsed if isinstance(parsed, list) else [parsed])):
            raise HTTPException(400, "the body must be a JSON object with a `query` string")
        return parsed


def create_app(store: KGStore, graph: GraphView | None = None,
               settings: Settings | None = None) -> Starlette:
    """Serve ``store``; unless a graph view is given, it and the entity index come from the
    store's derived files or are computed (:func:`open_for_serving`), the arrays deep walks
    use are built in the background once the app starts (a walk before then builds or waits
    for them), and the view is saved again on shutdown if writes came in while serving.
    Browsers on other origins are refused unless ``settings.cors_origins`` lists them."""
    view = graph or open_for_serving(store)
    settings = settings or load_settings()
    graphql = KGGraphQL(store, view, settings)
    cors = [Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                       allow_methods=["GET", "POST"],
                       allow_headers=["Authorization", "Content-Type"])] if settings.cors_origins else []

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if graph is None:
            prepare_in_background(view)
        yield
        view.save_snapshot()

    async def health(request: Request) -> JSONResponse:
        """Answered from the graph view: listing the store's articles took minutes at a
        million statements, and load balancers ask every few seconds."""
        return JSONResponse({"status": "ok", "articles": view.article_count})

    return Starlette(routes=[Route("/health", health),
                             Route("/graphql", QuickQueries(graphql, settings)),
                             *viz_routes(store, view), *sparql_routes(store, settings),
                             *linked_data_routes(store, settings)],
                     middleware=[*cors, Middleware(RequestLimits, settings=settings)],
                     lifespan=lifespan)
