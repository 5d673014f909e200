"""kg.nlp.pipeline: which spaCy pipeline is built and what kg adds to it."""
from __future__ import annotations

import pytest

from kg.config import load_settings
from kg.nlp import pipeline
from kg.nlp.lemmas import lemma_of
from kg.nlp.pipeline import build_nlp, choose_model


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(load_settings())


def test_blank_setting_never_loads_a_model():
    assert choose_model("blank") is None


def test_a_named_model_is_taken_as_given():
    assert choose_model("de_core_news_md") == "de_core_news_md"


def test_auto_takes_the_first_installed_model_in_preference_order(monkeypatch):
    installed = {"de_core_news_sm", "de_core_news_md"}
    monkeypatch.setattr(pipeline, "is_package", lambda name: name in installed)
    assert choose_model("auto") == "de_core_news_md"


def test_auto_without_a_model_is_blank(monkeypatch):
    monkeypatch.setattr(pipeline, "is_package", lambda name: False)
    assert choose_model("auto") is None


def test_kg_components_in_order(nlp):
    names = nlp.pipe_names
    assert names[0] == "kg_sentences"
    assert names[-1] == "kg_entities"
    assert "kg_lemmas" in names or "lemmatizer" in names


def test_pipeline_is_built_once_per_settings():
    assert build_nlp(load_settings()) is build_nlp(load_settings())


@pytest.mark.parametrize("text, tokens", [
    ("Der Nordkorea-Besuch", ["Der", "Nordkorea", "-", "Besuch"]),
    ("Kim Jong-un", ["Kim", "Jong", "-", "un"]),
    ("die EU-Sanktionen", ["die", "EU", "-", "Sanktionen"]),
    ("der 10-jährige Vertrag", ["der", "10-jährige", "Vertrag"]),
])
def test_hyphens_between_letters_split_compounds(nlp, text, tokens):
    assert [t.text for t in nlp(text)] == tokens


def test_words_get_lemmas(nlp):
    doc = nlp("Putin besuchte Minsk und trafen Lukaschenko.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["besuchte"] == "besuchen"
    assert lemmas["trafen"] == "treffen"


@pytest.mark.parametrize("word, lemma", [("unterstützte", "unterstützen"), ("lieferte", "liefern"),
                                         ("empfing", "empfangen"), ("entsandt", "entsenden")])
def test_lookup_lemmas(word, lemma):
    assert lemma_of(word) == lemma


def test_doc_offsets_are_those_of_the_text(nlp):
    text = "Xi Jinping  empfing\nLukaschenko in Peking."
    doc = nlp(text)
    assert doc.text == text
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)
