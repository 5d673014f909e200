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
    #: Guard rails per SPARQL query at ``/sparql``: seconds, and rows (or triples) returned.
    sparql_time_limit_seconds: float = 10.0
    sparql_max_results: int = 10_000
    #: Guard rails per HTTP connection and request (:mod:`kg.api.limits`): the largest body
    #: (a GraphQL query or an ingested article is far smaller), the seconds a client may take
    #: to send its headers or its body, a backstop on the seconds a whole request may take,
    #: the largest header block, idle seconds between keep-alive requests, open connections.
    max_request_bytes: int = 1024 * 1024
    header_timeout_seconds: float = 10.0
    body_timeout_seconds: float = 15.0
    request_time_limit_seconds: float = 30.0
    max_header_bytes: int = 16 * 1024
    keep_alive_seconds: int = 5
    max_connections: int = 1000
    #: Articles ``kg build`` writes per bulk write: bigger batches load faster, and a batch
    #: is held in memory until written.
    build_batch_articles: int = 500
    #: New triples from which one write to the embedded store goes through Oxigraph's bulk
    #: loader (about three times faster) instead of one transaction: readers may see such a
    #: write's articles before it ends, and the new articles of one killed midway are dropped
    #: when the store is next opened. Smaller writes (an article from the API) stay transactions.
    bulk_write_min_triples: int = 20_000
    #: A SPARQL 1.1 endpoint as the store (``--store http://host:port/sparql``, its query URL):
    #: the update URL (empty: the query URL) and credentials (Basic or Digest, whichever the
    #: server asks for), seconds per request, and the most triples one update request carries
    #: (whole articles only, so each article is still written by one request).
    sparql_update_url: str = ""
    sparql_user: str = ""
    sparql_password: str = field(default="", repr=False)
    sparql_timeout_seconds: float = 120.0
    sparql_max_triples_per_request: int = 20_000
    #: Where ``kg build`` extracts: ``local`` (this process) or ``dask`` / ``dask://HOST:PORT``
    #: (a Dask cluster: a local one on this machine's cores, or the scheduler at that address).
    executor: str = "local"

    @property
    def lexicon_dir(self) -> Path:
        return self.data_dir / "lexicons"

    @property
    def sample_corpus_dir(self) -> Path:
        return self.data_dir / "sample"

    @property
    def shapes_path(self) -> Path:
        """SHACL shapes; in a subfolder, so the store does not load them as data."""
        return self.ontology_dir / "shapes" / "shapes.ttl"

    @property
    def jsonld_context_path(self) -> Path:
        """The published JSON-LD ``@context`` (served at ``/context.jsonld``)."""
        return self.ontology_dir / "context.jsonld"


_ENV = {
    "store": "KG_STORE",
    "spacy_model": "KG_SPACY_MODEL",
    "ontology_dir": "KG_ONTOLOGY_DIR",
    "host": "KG_HOST",
    "port": "KG_PORT",
    "api_token": "KG_API_TOKEN",
    "cors_origins": "KG_CORS_ORIGINS",
    "sparql_update_url": "KG_SPARQL_UPDATE_URL",
    "sparql_user": "KG_SPARQL_USER",
    "sparql_password": "KG_SPARQL_PASSWORD",
    "executor": "KG_EXECUTOR",
    "build_batch_articles": "KG_BUILD_BATCH_ARTICLES",
    "bulk_write_min_triples": "KG_BULK_WRITE_MIN_TRIPLES",
}


def load_settings(**overrides: object) -> Settings:
    """Defaults ← environment ← explicit overrides (``None`` overrides are ignored)."""
    settings = Settings()
    env: dict[str, object] = {}
    for name, var in _ENV.items():
        if var in os.environ:
            value: object = os.environ[var]
            if name in ("port", "build_batch_articles", "bulk_write_min_triples"):
                value = int(str(value))
            elif name == "ontology_dir":
                value = Path(str(value))
            elif name == "cors_origins":
                value = tuple(o.strip() for o in str(value).split(",") if o.strip())
            env[name] = value
    settings = replace(settings, **env)
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})


@dataclass(frozen=True)
class BenchSettings:
    """Sizes and bounds of ``kg bench``: the full run, and ``--quick`` (what CI runs)."""

    articles: int = 10_000  # synthetic corpus pages written
    statements: int = 1_000_000  # synthetic statements loaded into the store
    entities: int = 20_000  # gazetteer plus invented entities the statements draw on
    statements_per_article: int = 10
    rdflib_memory_statements: int = 100_000  # rdflib's memory store gets a prefix only
    extraction_seconds: float = 20.0  # per mode (one process, all cores)
    clients: int = 20  # concurrent GraphQL clients
    requests_per_scenario: int = 2_000
    seconds_per_scenario: float = 20.0
    #: Untimed passes over a scenario's entities by all clients before its timed load, so the
    #: timed load meets a server that has answered each of them (the first answers are
    #: measured on their own, one client, as the "first request" rows).
    warm_up_rounds: int = 5
    request_timeout_seconds: float = 30.0
    server_start_timeout_seconds: float = 600.0
    server_workers: int = 0  # processes of the read-only server rows; 0: one per core
    raw_query_repeats: int = 200
    export_seconds: float = 30.0  # per export format; the rate is what was written in that time


QUICK_BENCH = BenchSettings(articles=40, statements=3_000, entities=1_500,
                            rdflib_memory_statements=3_000, extraction_seconds=2.0, clients=20,
                            requests_per_scenario=60, seconds_per_scenario=3.0, warm_up_rounds=1,
                            server_start_timeout_seconds=120.0, raw_query_repeats=20,
                            export_seconds=5.0)
