"""Sentence boundaries for German news text, robust to abbreviations, ordinals, dates,
quotes and line breaks (every line of the kept article text is at least one sentence)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.config import load_settings

_ENDERS = {".", "!", "?", "…", "!?", "?!", "...", "?«", "!«"}
_CLOSERS = {"»", "«", "“", "”", '"', "'", ")", "’", "‘"}


@lru_cache(maxsize=2)
def abbreviations(path: Path | None = None) -> frozenset[str]:
    path = path or load_settings().lexicon_dir / "abbreviations.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(l.strip().lower() for l in lines if l.strip() and not l.startswith("#"))


def _starts_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or first in "«„“\"'(•–-"


@Language.factory("kg_sentences")
def make_sentencizer(nlp: Language, name: str) -> "GermanSentencizer":
    return GermanSentencizer(abbreviations())


class GermanSentencizer:
    """Marks ``is_sent_start``; leaves tokens alone, so offsets stay those of the text."""

    def __init__(self, abbrevs: frozenset[str]) -> None:
        self.abbrevs = abbrevs

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        for token in doc:
            token.is_sent_start = token.i == 0
        i = 0
        while i < n:
            token = doc[i]
            boundary_after = None
            if "\n" in token.text or (token.is_space and "\n" in token.whitespace_ + token.text):
                boundary_after = i
            elif doc[i].whitespace_ and "\n" in doc[i].whitespace_:
                boundary_after = i
            elif token.text in _ENDERS:
                prev = doc[i - 1].text.lower().rstrip(".") if i else ""
                if token.text == "." and prev in self.abbrevs:
                    boundary_after = None
                else:
                    j = i + 1
                    while j < n and doc[j].text in _CLOSERS | _ENDERS:
                        j += 1
                    if j >= n or _starts_sentence(doc[j].text) or doc[j].is_space:
                        boundary_after = j - 1
            if boundary_after is not None:
                k = boundary_after + 1
                while k < n and doc[k].is_space:
                    k += 1
                if k < n:
                    doc[k].is_sent_start = True
                i = max(i + 1, boundary_after + 1)
            else:
                i += 1
        for token in doc[1:]:
            if token.is_sent_start is None:
                token.is_sent_start = False
        return doc


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(start, end)`` token bounds of the sentence of every token, computed once per doc:
    spaCy's ``token.sent`` walks the document on every call."""
    cached = doc.user_data.get("kg_sentence_bounds")
    if cached is None or len(cached) != len(doc):
        cached = [(0, 0)] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                cached[i] = (sent.start, sent.end)
        doc.user_data["kg_sentence_bounds"] = cached
    return cached
