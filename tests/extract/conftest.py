"""The real extractor (gazetteer, lexicons, blank or installed German pipeline), built once.

Every sentence in these tests was written for them; none comes from the sample or seed corpus,
so a passing test shows that a rule generalises beyond the texts it was developed on.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from kg.config import load_settings
from kg.extract.article import ArticleExtractor
from kg.model import Article, ArticleExtraction
from kg.pipeline import extractor_for

#: A Wednesday; relative dates in the tests are read against it.
PUBLISHED = date(2024, 6, 19)

Fact = tuple[str, str, str, str]


@pytest.fixture(scope="module")
def extractor() -> ArticleExtractor:
    return extractor_for(load_settings())


@pytest.fixture(scope="module")
def extract(extractor: ArticleExtractor) -> Callable[..., ArticleExtraction]:
    """Run the extractor on a text as if it were an article published on ``published``."""
    def run(text: str, published: date | None = PUBLISHED) -> ArticleExtraction:
        return extractor.extract(Article(source="t.txt", text=text, published=published))
    return run


@pytest.fixture(scope="module")
def facts(extract: Callable[..., ArticleExtraction]) -> Callable[..., set[Fact]]:
    """``(subject, predicate, object, modality)`` of every statement read from a text."""
    def run(text: str, published: date | None = PUBLISHED) -> set[Fact]:
        return {(s.subject, s.predicate, s.object, s.modality.value)
                for s in extract(text, published).statements}
    return run
