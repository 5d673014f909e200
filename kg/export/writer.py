"""``write_export``: one entry point for every export format and kind of output."""
from __future__ import annotations

import io
import os
from collections.abc import Callable
from enum import Enum
from functools import partial
from typing import BinaryIO, TextIO, cast

from kg.export.jsonl import Progress, write_jsonl
from kg.export.jsonld import write_jsonld
from kg.export.rdf import write_nquads, write_ntriples, write_trig, write_turtle
from kg.export.void import write_void
from kg.store import KGStore


class ExportFormat(str, Enum):
    JSONL = "jsonl"
    TURTLE = "turtle"
    NT = "nt"
    TRIG = "trig"
    NQUADS = "nquads"
    JSONLD = "jsonld"
    VOID = "void"


_WRITERS: dict[ExportFormat, Callable[[KGStore, TextIO], None]] = {
    ExportFormat.JSONL: write_jsonl,
    ExportFormat.TURTLE: write_turtle,
    ExportFormat.NT: write_ntriples,
    ExportFormat.TRIG: write_trig,
    ExportFormat.NQUADS: write_nquads,
    ExportFormat.JSONLD: write_jsonld,
    ExportFormat.VOID: write_void,
}


def write_export(store: KGStore, fmt: ExportFormat | str,
                 out: TextIO | BinaryIO | str | os.PathLike[str],
                 on_progress: Progress | None = None) -> None:
    """Write the store as ``fmt`` (UTF-8) to a file path, a text stream or a binary stream.
    ``on_progress`` hears how far a JSON Lines export is (the other formats do not report)."""
    format_ = ExportFormat(fmt)
    write = _WRITERS[format_]
    if format_ is ExportFormat.JSONL and on_progress is not None:
        write = partial(write_jsonl, on_progress=on_progress)
    if isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8", newline="\n") as file:
            write(store, file)
    elif isinstance(out, io.TextIOBase):
        write(store, cast(TextIO, out))
    else:
        text = io.TextIOWrapper(cast(BinaryIO, out), encoding="utf-8", newline="\n")
        write(store, text)
        text.flush()
        text.detach()
