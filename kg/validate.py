"""Checks a built graph against kg's SHACL shapes (``ontologies/shapes/shapes.ttl``) with
pyshacl, so a change to the RDF model that breaks its promises shows up as violations."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate
from rich.console import Console
from rich.table import Table
from rdflib import Graph
from rdflib.term import Node

from kg.rdf11 import simple_graph
from kg.store import KGStore
from kg.store.queries import union_graph
from kg.vocab import SH


@dataclass(frozen=True)
class Violation:
    """One failed constraint: the node, the property path, what was wrong."""

    focus: str
    path: str | None
    message: str
    severity: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]


def validate_store(store: KGStore, shapes_path: Path) -> ValidationReport:
    """Validate every graph of the store (merged, so statements see the ontology's classes)."""
    data = simple_graph(union_graph(store))
    return validate_graph(data, Graph().parse(shapes_path, format="turtle"))


def validate_graph(data: Graph, shapes: Graph) -> ValidationReport:
    conforms, results, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    violations = tuple(sorted(
        (_violation(results, result) for result in results.subjects(SH.resultSeverity, None)),
        key=lambda v: (v.focus, v.path or "", v.message)))
    return ValidationReport(conforms=bool(conforms), violations=violations)


def _violation(results: Graph, result: Node) -> Violation:
    def value(predicate: Node) -> str | None:
        found = results.value(result, predicate)
        return None if found is None else str(found)

    severity = value(SH.resultSeverity) or str(SH.Violation)
    return Violation(focus=value(SH.focusNode) or "", path=value(SH.resultPath),
                     message=value(SH.resultMessage) or "", severity=severity.rsplit("#", 1)[-1])


def print_report(report: ValidationReport, console: Console) -> None:
    """``conforms`` or a table of the violations."""
    if report.conforms:
        console.print("the graph conforms to the SHACL shapes")
        return
    table = Table("severity", "focus node", "path", "message", title=f"{len(report.violations)} violations")
    for violation in report.violations:
        table.add_row(violation.severity, violation.focus, violation.path or "", violation.message)
    console.print(table)
