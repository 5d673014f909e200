"""Ingest: a page file in, an :class:`~kg.model.Article` (boilerplate removed) out."""
from kg.ingest.page import article_from_page, read_article
from kg.ingest.reader import IngestError

__all__ = ["IngestError", "article_from_page", "read_article"]
