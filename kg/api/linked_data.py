"""The dataset's self-description on the web: the JSON-LD ``@context`` the exports use
(``/context.jsonld``) and the VoID description (``/.well-known/void``, RFC 5785 / VoID §7)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from kg.config import Settings
from kg.export.void import void_graph
from kg.store import KGStore

VOID_FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld",
                "application/n-triples": "nt", "application/rdf+xml": "xml"}


def linked_data_routes(store: KGStore, settings: Settings) -> list[Route]:
    async def context(request: Request) -> Response:
        return FileResponse(settings.jsonld_context_path, media_type="application/ld+json")

    async def void(request: Request) -> Response:
        accept = request.headers.get("accept", "")
        media_type = next((m for m in VOID_FORMATS if m in accept), "text/turtle")
        endpoint = str(request.url_for("sparql")) if _has_route(request, "sparql") else None
        graph = void_graph(store, sparql_endpoint=endpoint)
        return Response(graph.serialize(format=VOID_FORMATS[media_type], encoding="utf-8"),
                        media_type=media_type)

    return [Route("/context.jsonld", context), Route("/.well-known/void", void)]


def _has_route(request: Request, name: str) -> bool:
    return any(getattr(route, "name", None) == name for route in request.app.routes)
