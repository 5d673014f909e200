"""SHACL validation: the graph built from the seed pages conforms; a broken statement does not."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from kg.config import load_settings
from kg.model import ArticleExtraction
from kg.pipeline import build
from kg.store import open_store
from kg.store.iris import article_iri, statement_iri
from kg.validate import validate_store
from kg.vocab import KG, XSD

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed pages not found at {SEEDS}")
def test_the_graph_built_from_the_seeds_conforms(tmp_path: Path) -> None:
    settings = load_settings(store=str(tmp_path / "kg-data"))
    with open_store(settings.store, settings) as store:
        report = build([SEEDS], store, settings)
        assert report.articles == 5 and report.statements > 0
        validation = validate_store(store, settings.shapes_path)
    assert validation.violations == ()
    assert validation.conforms


def test_a_statement_breaking_the_shapes_is_reported(extractions: list[ArticleExtraction]) -> None:
    settings = load_settings()
    extraction = extractions[0]
    with open_store("memory", settings) as store:
        store.replace_article(extraction)
        assert validate_store(store, settings.shapes_path).conforms
        node = statement_iri(extraction.article.source, extraction.statements[0])
        store.dataset.add((node, KG.confidence, Literal(1.5, datatype=XSD.double),
                           article_iri(extraction.article.source)))
        store.dataset.add((node, KG.modality, Literal("rumoured"), article_iri(extraction.article.source)))
        validation = validate_store(store, settings.shapes_path)
    assert not validation.conforms
    assert {(v.focus, v.path) for v in validation.violations} >= {
        (str(node), str(KG.confidence)), (str(node), str(KG.modality))}
