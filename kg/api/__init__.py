"""The GraphQL API: the Strawberry schema and the ASGI app that serves it."""
from kg.api.app import create_app
from kg.api.schema import schema, sdl
from kg.api.server import make_server, serve

__all__ = ["create_app", "make_server", "schema", "sdl", "serve"]
