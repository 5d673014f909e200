"""Every setting in one place: defaults, overridden by ``KG_*`` environment variables,
overridden in turn by CLI options (the CLI passes them to :func:`load_settings`)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _ontology_dir() -> Path:
    """The repository's ``ontologies/`` in a checkout, the bundled copy in a wheel."""
    for candidate in (PACKAGE_DIR.parent / "ontologies", PACKAGE_DIR / "ontologies"):
        if candidate.is_dir():
            return candidate
    return PACKAGE_DIR.parent / "ontologies"


@dataclass(frozen=True)
class Settings:
    """Run-time settings. ``spacy_model``: ``auto`` uses an installed ``de_core_news_*``
    model when there is one and the blank German pipeline otherwise; ``blank`` never loads
    a model; any other value is the name of a spaCy package to load."""

    store: str = "./kg-data"
    spacy_model: str = "auto"
    ontology_dir: Path = field(default_factory=_ontology_dir)
    data_dir: Path = PACKAGE_DIR / "data"
    host: str = "127.0.0.1"
    port: int = 8000
    #: A news page is tens of kilobytes; far larger files are archives or dumps, not articles.
    max_article_bytes: int = 5 * 1024 * 1024
    #: Longest line an article may have: a megabyte-long line is a data dump, not prose.
    max_line_chars: int = 200_000
    #: Bearer token that unlocks the GraphQL mutations; empty means mutations are refused.
    api_token: str = field(default="", repr=False)
    #: Origins allowed to call the API from a browser (CORS); empty means none.
    cors_origins: tuple[str, ...] = ()
    #: Guard rails per GraphQL request: nesting depth, tokens, estimated cost, seconds.
    api_max_depth: int = 10
    api_max_tokens: int = 2000
    api_max_cost: int = 50_000
    api_time_limit_seconds: float = 10.0

    @property
    def lexicon_dir(self) -> Path:
        return self.data_dir / "lexicons"

    @property
    def sample_corpus_dir(self) -> Path:
        return self.data_dir / "sample"


_ENV = {
    "store": "KG_STORE",
    "spacy_model": "KG_SPACY_MODEL",
    "ontology_dir": "KG_ONTOLOGY_DIR",
    "host": "KG_HOST",
    "port": "KG_PORT",
    "api_token": "KG_API_TOKEN",
    "cors_origins": "KG_CORS_ORIGINS",
}


def load_settings(**overrides: object) -> Settings:
    """Defaults ← environment ← explicit overrides (``None`` overrides are ignored)."""
    settings = Settings()
    env: dict[str, object] = {}
    for name, var in _ENV.items():
        if var in os.environ:
            value: object = os.environ[var]
            if name == "port":
                value = int(str(value))
            elif name == "ontology_dir":
                value = Path(str(value))
            elif name == "cors_origins":
                value = tuple(o.strip() for o in str(value).split(",") if o.strip())
            env[name] = value
    settings = replace(settings, **env)
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
