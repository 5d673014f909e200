"""``kg explain``: what extraction saw in one page, sentence by sentence, and why."""
from __future__ import annotations

from pathlib import Path

from rich.console import Console

from kg.config import Settings
from kg.ingest import read_article
from kg.pipeline import extractor_for


def explain_page(path: Path, settings: Settings, console: Console) -> None:
    """Print each kept sentence with its references (text → entity, how resolved) and the
    statements read from it (rule, modality, confidence)."""
    article = read_article(path, settings)
    extractor = extractor_for(settings)
    reading = extractor.read(article)
    doc = reading.doc
    res = reading.resolution
    console.print(f"[bold]{article.source}[/]  title: {article.title!r}  published: {article.published}")
    for si, sent in enumerate(doc.sents):
        refs = [r for r in res.refs if sent.start <= r.start < sent.end]
        findings = [f for f in reading.findings if f.sentence == si]
        if not refs and not findings:
            continue
        console.print(f"\n[bold cyan]{si:3d}[/] {sent.text.strip()}", highlight=False)
        for ref in refs:
            labels = ", ".join(_label(res, extractor, i) for i in ref.ids)
            console.print(f"     [green]entity[/] «{doc[ref.start:ref.end].text}» → {labels} "
                          f"[dim]({ref.kind})[/]", highlight=False)
        for f in findings:
            c = f.candidate
            place = f" @ {_label(res, extractor, f.place)}" if f.place else ""
            console.print(f"     [magenta]statement[/] {_label(res, extractor, c.subject)} "
                          f"[bold]{c.predicate}[/] {_label(res, extractor, c.object)}{place} "
                          f"[dim]({f.modality.value}, rule {c.rule}, cue «{doc[c.cue].text}», "
                          f"confidence {c.confidence:.2f})[/]", highlight=False)


def _label(res, extractor, eid: str) -> str:  # noqa: ANN001
    entity = res.entities.get(eid) or extractor.gaz.entities.get(eid)
    return f"{entity.label} [{entity.type.value}]" if entity else eid
