"""Exports of the store: JSON Lines for the evaluation; Turtle, N-Triples, N-Quads, TriG and
JSON-LD streamed graph by graph; the VoID description of the dataset."""
from kg.export.writer import ExportFormat, write_export

__all__ = ["ExportFormat", "write_export"]
