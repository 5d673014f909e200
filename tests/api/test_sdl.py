"""schema/schema.graphql is what the code serves; regenerate with ``python -m kg.api.sdl``."""
from __future__ import annotations

from kg.api.schema import sdl
from kg.api.sdl import SCHEMA_FILE


def test_schema_file_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == sdl(), (
        "schema/schema.graphql drifted from kg/api; run `python -m kg.api.sdl`")
