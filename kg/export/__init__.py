"""Exports of the store: JSON Lines for the evaluation, Turtle, N-Triples and TriG."""
from kg.export.writer import ExportFormat, write_export

__all__ = ["ExportFormat", "write_export"]
