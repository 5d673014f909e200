"""``python -m kg.api.sdl`` writes ``schema/schema.graphql`` from the code's schema."""
from __future__ import annotations

import sys
from pathlib import Path

from kg.api.schema import sdl
from kg.config import PACKAGE_DIR

SCHEMA_FILE = PACKAGE_DIR.parent / "schema" / "schema.graphql"


def write_sdl(path: Path = SCHEMA_FILE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(sdl(), encoding="utf-8")
    return path


if __name__ == "__main__":
    sys.stdout.write(f"wrote {write_sdl()}\n")
