"""The one table ``kg bench`` prints: a row per measurement, with its target when it has one."""
from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table

#: Every row ``kg bench`` prints, in order; the CI test checks the table against this list.
ROW_NAMES: tuple[str, ...] = (
    "extraction, 1 process", "extraction, all cores",
    "triples built from statements",
    "store load: kg default (KGStore.replace_graphs)",
    "store load: pyoxigraph bulk_extend (quads ready)",
    "store load: rdflib memory (addN)",
    "store load: kg build write, end to end",
    "entity index, read from the store and saved", "export nt", "export jsonl",
    "raw store query: entity by id", "raw lookup: entity index",
    "server start, no snapshot", "server start", "server memory (RSS peak)",
    "graphql entity lookup, 1 client",
    "graphql entity lookup, first request", "graphql relations page, first request",
    "graphql 3-hop neighbours, first request", "graphql shortest path, first request",
    "graphql entity lookup", "graphql relations page", "graphql 3-hop neighbours",
    "graphql shortest path",
    "server start, read-only workers", "server memory, read-only workers",
    "graphql entity lookup, read-only workers", "graphql relations page, read-only workers",
    "graphql 3-hop neighbours, read-only workers", "graphql shortest path, read-only workers",
    "bench process memory (peak RSS)",
)


@dataclass
class Row:
    """One measurement: what, how much, the figures, and the target it is held to."""

    name: str
    size: str
    figures: str
    target: str = ""
    verdict: str = ""  # "met", "MISSED" or "" when there is no target


def check(ok: bool) -> str:
    return "met" if ok else "MISSED"


def table(rows: list[Row], title: str) -> Table:
    out = Table("measurement", "size", "result", "target", "", title=title, title_justify="left")
    for row in rows:
        out.add_row(row.name, row.size, row.figures, row.target, row.verdict)
    return out


def markdown(rows: list[Row]) -> str:
    """The same table in Markdown, for the README."""
    lines = ["| measurement | size | result | target | |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {r.name} | {r.size} | {r.figures} | {r.target} | {r.verdict} |" for r in rows]
    return "\n".join(lines)
