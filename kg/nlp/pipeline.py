"""The spaCy pipeline: an installed German model when there is one, the blank German
pipeline otherwise, plus kg's own components (sentences, lemmas, entity mentions)."""
from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, is_package

import kg.nlp.entities  # noqa: F401  (registers kg_entities)
import kg.nlp.lemmas  # noqa: F401  (registers kg_lemmas)
import kg.nlp.sentences  # noqa: F401  (registers kg_sentences)
from kg.config import Settings, load_settings

log = logging.getLogger(__name__)

#: Installed models tried in this order when ``spacy_model = "auto"``.
MODEL_PREFERENCE = ("de_core_news_lg", "de_core_news_md", "de_core_news_sm", "de_dep_news_trf")
_HYPHEN_BETWEEN_LETTERS = r"(?<=[^\W\d_])[-‐‑](?=[^\W\d_])"


def choose_model(setting: str) -> str | None:
    """The spaCy package to load for a setting, or None for the blank German pipeline."""
    if setting == "blank":
        return None
    if setting != "auto":
        return setting
    return next((name for name in MODEL_PREFERENCE if is_package(name)), None)


def split_hyphenated_words(nlp: Language) -> None:
    """Make "Kim Jong-un" and "Nordkorea-Besuch" separate words, so names inside compounds
    are matched and the compound's head noun is seen as a cue."""
    infixes = list(nlp.Defaults.infixes or []) + [_HYPHEN_BETWEEN_LETTERS]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=2)
def build_nlp(settings: Settings | None = None) -> Language:
    """The configured pipeline; cached, since loading a model takes seconds."""
    settings = settings or load_settings()
    model = choose_model(settings.spacy_model)
    if model:
        nlp = spacy.load(model, exclude=["ner"])
        log.info("using installed spaCy model %s", model)
    else:
        nlp = spacy.blank("de")
    split_hyphenated_words(nlp)
    first = nlp.pipe_names[0] if nlp.pipe_names else None
    nlp.add_pipe("kg_sentences", before=first) if first else nlp.add_pipe("kg_sentences")
    if "lemmatizer" not in nlp.pipe_names:
        nlp.add_pipe("kg_lemmas")
    nlp.add_pipe("kg_entities", config={"ontology_dir": str(settings.ontology_dir),
                                        "lexicon_dir": str(settings.lexicon_dir)})
    return nlp


def model_name(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'de')}_{meta.get('name', 'blank')}" if meta.get("name") else "blank:de"


__all__ = ["build_nlp", "choose_model", "model_name"]
