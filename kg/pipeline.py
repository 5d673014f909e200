"""The build: page files → Article → extraction → store, in batches.

Extraction runs where ``settings.executor`` says (this process or a Dask cluster,
:mod:`kg.executors`); the duplicate check and the writes stay here, in page order. An article
is written only once it has been read completely, and the store replaces its named graph
atomically, so a broken page is reported and skipped and never leaves half an article.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

from kg.config import Settings, load_settings
from kg.executors import Executor, open_executor
from kg.extract.article import ArticleExtractor
from kg.extract.lexicon import load_lexicon
from kg.ingest import IngestError, read_article
from kg.model import Article, ArticleExtraction
from kg.nlp.pipeline import build_nlp
from kg.ontology import load_gazetteer
from kg.store import KGStore, queries


@dataclass
class Skipped:
    source: str
    reason: str


@dataclass
class BuildReport:
    """What a build did, for the summary the CLI prints."""

    articles: int = 0
    sentences: int = 0
    statements: int = 0
    entities: set[str] = field(default_factory=set)
    skipped: list[Skipped] = field(default_factory=list)
    words: int = 0


def find_pages(paths: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """``.txt`` files under folders, and files named directly; missing paths are reported."""
    pages: list[Path] = []
    missing: list[Skipped] = []
    for path in paths:
        if path.is_dir():
            pages.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        elif path.is_file():
            pages.append(path)
        else:
            missing.append(Skipped(str(path), "no such file or folder"))
    return pages, missing


@lru_cache(maxsize=2)
def extractor_for(settings: Settings) -> ArticleExtractor:
    """The extractor for these settings; built once per process (loading takes a moment)."""
    return ArticleExtractor(build_nlp(settings), load_gazetteer(settings.ontology_dir),
                            load_lexicon(settings.lexicon_dir))


def extract_page(path: Path, settings: Settings | None = None) -> ArticleExtraction:
    """Read and extract one page; raises :class:`IngestError` for what cannot be read."""
    settings = settings or load_settings()
    article = read_article(path, settings)
    try:
        return extractor_for(settings).extract(article)
    except Exception as exc:  # an extractor bug must cost one article, not the build
        raise IngestError(path.name, f"extraction failed ({type(exc).__name__}: {exc})") from exc


#: What extracting one page gave: its extraction, or the reason it was skipped (a plain
#: string, so it travels back from a worker process without pickling an exception).
PageOutcome = tuple[Path, "ArticleExtraction | str"]


def page_outcome(path: Path, settings: Settings) -> PageOutcome:
    """:func:`extract_page` with its refusal turned into a value: what executors run."""
    try:
        return path, extract_page(path, settings)
    except IngestError as exc:
        return path, exc.reason


def build(paths: Iterable[Path], store: KGStore, settings: Settings | None = None,
          on_page: Callable[[Path], None] | None = None,
          executor: Executor | None = None) -> BuildReport:
    """Ingest every page into ``store``; ``on_page`` is called after each (progress bars).
    ``executor`` defaults to the one ``settings.executor`` names, opened for this build."""
    settings = settings or load_settings()
    pages, skipped = find_pages(paths)
    if executor is None:
        with open_executor(settings.executor) as opened:
            return _build_pages(pages, skipped, store, settings, on_page, opened)
    return _build_pages(pages, skipped, store, settings, on_page, executor)


def _build_pages(pages: list[Path], skipped: list[Skipped], store: KGStore, settings: Settings,
                 on_page: Callable[[Path], None] | None, executor: Executor) -> BuildReport:
    report = BuildReport(skipped=skipped)
    batch: list[tuple[Path, ArticleExtraction]] = []
    texts = _Texts(store)
    for path, outcome in executor.map(partial(page_outcome, settings=settings), pages):
        try:
            if isinstance(outcome, str):
                raise IngestError(path.name, outcome)
            texts.refuse_duplicate(outcome.article)
            batch.append((path, outcome))
        except IngestError as exc:
            report.skipped.append(Skipped(path.name, exc.reason))
        if len(batch) >= settings.build_batch_articles:
            _write_batch(batch, store, report)
            batch = []
        if on_page:
            on_page(path)
    _write_batch(batch, store, report)
    return report


class _Texts:
    """Which source holds each article text (by fingerprint): the store's articles, read once
    as the build starts (a query per page cost 25 of 193 s building 10,000 pages), then the
    pages this build accepts, each replacing what its source held before."""

    def __init__(self, store: KGStore) -> None:
        self._source_of = queries.article_digests(store)
        self._digest_of = {source: digest for digest, source in self._source_of.items()}

    def refuse_duplicate(self, article: Article) -> None:
        """The same article text under a second file name would count every fact twice."""
        first = self._source_of.get(article.digest)
        if first and first != article.source:
            raise IngestError(article.source, f"same article text as {first}; skipped as a "
                                              f"duplicate (delete {first} first to store it "
                                              "under this name)")
        before = self._digest_of.get(article.source)
        if before is not None and self._source_of.get(before) == article.source:
            del self._source_of[before]  # the source's old text goes with this build
        self._source_of[article.digest] = article.source
        self._digest_of[article.source] = article.digest


def _write_batch(batch: list[tuple[Path, ArticleExtraction]], store: KGStore,
                 report: BuildReport) -> None:
    """One bulk write for the batch; should it fail, article by article, so only the
    article that cannot be written is skipped."""
    try:
        store.replace_articles(result for _, result in batch)
        written = batch
    except Exception:  # noqa: BLE001 - isolate the failing article below
        written = []
        for path, result in batch:
            try:
                store.replace_article(result)
            except Exception as exc:  # noqa: BLE001 - one article, not the build
                report.skipped.append(Skipped(path.name, f"write failed ({type(exc).__name__}: {exc})"))
            else:
                written.append((path, result))
    for _, result in written:
        report.articles += 1
        report.sentences += len(result.sentences)
        report.statements += len(result.statements)
        report.entities.update(result.entities)
        report.words += len(result.article.text.split())


def count_pages(paths: Iterable[Path]) -> int:
    return len(find_pages(paths)[0])
