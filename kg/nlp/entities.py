"""Entity mentions from the gazetteer and from name rules, as a spaCy component.

Finds, per token span: names and aliases of known entities (also in the genitive:
*Russlands*, *Putins*), country adjectives (*die russische Regierung*), demonyms
(*den Nordkoreanern*), metonyms (*der Kreml*), and unknown names: a known given name
followed by capitalised words (*Christoph Wanner*), or a capitalised name after a type
noun (*die Nachrichtenagentur Yonhap*, *die Stadt Ulan-Ude*). Coreference (role nouns,
surnames alone, pronouns) happens later, in :mod:`kg.extract.coref`.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.config import load_settings
from kg.model import EntityType
from kg.ontology import Gazetteer, load_gazetteer
from kg.text import fold, fold_words

ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")
COMPASS_PREFIXES = ("nordost", "nordwest", "suedost", "suedwest", "ost", "west", "nord", "sued",
                    "zentral", "fernost")


@dataclass(frozen=True)
class RawMention:
    """A span of tokens that names an entity (``entity_id``) or a new one (``new_label``)."""

    start: int
    end: int
    kind: str  # name | genitive | adjective | demonym | metonym | new
    entity_id: str | None = None
    new_label: str | None = None
    new_type: EntityType | None = None


if not Doc.has_extension("kg_mentions"):
    Doc.set_extension("kg_mentions", default=None)


class MentionIndex:
    """Lookup tables from folded word sequences to gazetteer entities."""

    def __init__(self, gaz: Gazetteer, first_names: frozenset[str],
                 type_nouns: dict[str, EntityType]) -> None:
        self.gaz = gaz
        self.phrases: dict[tuple[str, ...], tuple[tuple[str, ...], str, set[str]]] = {}
        for name, ids in gaz.names.items():
            self._add(name, "name", ids)
        for name, eid in gaz.metonyms.items():
            self._add(name, "metonym", {eid})
        self.max_len = max((len(k) for k in self.phrases), default=1)
        self.prefixes = {k[:n] for k in self.phrases for n in range(1, len(k) + 1)}
        self.adjectives = {fold(a): e for a, e in gaz.adjectives.items()}
        self.demonyms = {fold(d): e for d, e in gaz.demonyms.items()}
        self.first_names = first_names
        self.type_nouns = type_nouns

    def _add(self, form: str, kind: str, ids: set[str]) -> None:
        key = fold_words(form)
        if not key:
            return
        forms: tuple[str, ...] = (form,)
        if key in self.phrases:
            old_forms, old_kind, old_ids = self.phrases[key]
            if old_kind == "name" and kind != "name":
                return
            ids = set(old_ids) | set(ids)
            forms = old_forms + forms
        self.phrases[key] = (forms, kind, set(ids))

    def written_like(self, forms: tuple[str, ...], surface: str) -> bool:
        """Short or all-caps forms (UN, AP, USA) must match case exactly; longer names may
        also stand in lower or upper case (transcripts, shouted headlines)."""
        for form in forms:
            if _same_case(form, surface):
                return True
            if len(form) >= 5 and not form.isupper():
                return True
        return False

    def adjective_entity(self, word: str) -> str | None:
        folded = fold(word)
        for ending in ADJECTIVE_ENDINGS[1:]:
            if folded.endswith(ending) and folded[: -len(ending)] in self.adjectives:
                return self.adjectives[folded[: -len(ending)]]
        for prefix in COMPASS_PREFIXES:
            if folded.startswith(prefix):
                rest = folded[len(prefix):]
                for ending in ADJECTIVE_ENDINGS[1:]:
                    if rest.endswith(ending) and rest[: -len(ending)] in self.adjectives:
                        return self.adjectives[rest[: -len(ending)]]
        return None


def _same_case(form: str, surface: str) -> bool:
    a = [c for c in form if c.isalpha()]
    b = [c for c in surface if c.isalpha()]
    return a == b


@lru_cache(maxsize=4)
def mention_index(ontology_dir: Path, lexicon_dir: Path) -> MentionIndex:
    first = frozenset(
        line.strip() for line in (lexicon_dir / "first_names.txt").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ) if (lexicon_dir / "first_names.txt").exists() else frozenset()
    nouns = tomllib.loads((lexicon_dir / "type_nouns.toml").read_text("utf-8"))
    type_nouns = {fold(n): EntityType(t) for t, words in nouns.items() for n in words}
    return MentionIndex(load_gazetteer(ontology_dir), first, type_nouns)


def _words(doc: Doc) -> list[Token]:
    """Tokens that can be part of a name (hyphens inside compounds are skipped)."""
    return [t for t in doc if not t.is_space and t.text not in {"-", "‐", "‑"}]


def find_mentions(doc: Doc, index: MentionIndex) -> list[RawMention]:
    """All mentions in ``doc``, longest match first, non-overlapping."""
    words = _words(doc)
    keys = [fold_words(w.text) for w in words]
    starts = {sent.start for sent in doc.sents}
    mentions: list[RawMention] = []
    i = 0
    n = len(words)
    while i < n:
        found = _match_known(words, keys, starts, i, index) or _match_new(words, starts, i, index)
        if found:
            mention, consumed = found
            mentions.append(mention)
            i += consumed
        else:
            i += 1
    return mentions


def _match_known(words: list[Token], keys: list[tuple[str, ...]], starts: set[int], i: int,
                 index: MentionIndex) -> tuple[RawMention, int] | None:
    """The longest gazetteer phrase starting at word ``i`` (also in the genitive)."""
    if not keys[i]:
        return None
    best: tuple[int, str, str] | None = None  # (last word, kind, entity id)
    key: tuple[str, ...] = ()
    for k in range(i, min(len(words), i + index.max_len)):
        if k > i and (words[k].i in starts or not keys[k]):
            break
        key = key + keys[k]
        last = key[-1]
        genitive_key = key[:-1] + (last[:-1],) if last.endswith("s") and len(last) > 3 else None
        if key not in index.prefixes and (genitive_key is None or genitive_key not in index.prefixes):
            break
        surface = " ".join(w.text for w in words[i:k + 1])
        hit = index.phrases.get(key)
        if hit and index.written_like(hit[0], surface):
            best = (k, hit[1], sorted(hit[2])[0])
            continue
        hit = index.phrases.get(genitive_key) if genitive_key else None
        if hit and hit[1] == "name" and index.written_like(hit[0], surface[:-1]):
            best = (k, "genitive", sorted(hit[2])[0])
    if best:
        k, kind, eid = best
        return RawMention(words[i].i, words[k].i + 1, kind, eid), k - i + 1
    first = words[i]
    text = first.text
    if first.is_alpha:
        if text[0].isupper() and fold(text) in index.demonyms:
            return RawMention(first.i, first.i + 1, "demonym", index.demonyms[fold(text)]), 1
        if text[0].islower() or first.i in starts:
            eid = index.adjective_entity(text)
            if eid:
                return RawMention(first.i, first.i + 1, "adjective", eid), 1
    return None


def _capitalised_name_words(words: list[Token], i: int, index: "MentionIndex", limit: int = 3) -> int:
    """How many capitalised name-like words start at ``i``; a known name ends the run
    ("traf Swetlana Tichanowskaja Macron")."""
    count = 0
    while i + count < len(words) and count < limit:
        w = words[i + count]
        if not (w.is_alpha and w.text[0].isupper() and not w.is_stop):
            break
        if count and (fold_words(w.text) in index.phrases or w.text in index.first_names):
            break
        count += 1
    return count


def _match_new(words: list[Token], starts: set[int], i: int,
               index: MentionIndex) -> tuple[RawMention, int] | None:
    word = words[i]
    if word.text in index.first_names:
        rest = _capitalised_name_words(words, i + 1, index, limit=2)
        if rest:
            span = words[i:i + 1 + rest]
            label = " ".join(w.text for w in span)
            return RawMention(span[0].i, span[-1].i + 1, "new", None, label,
                              EntityType.PERSON), 1 + rest
    etype = index.type_nouns.get(fold(word.text))
    if etype and i + 1 < len(words):
        nxt = words[i + 1]
        if nxt.is_alpha and nxt.text[0].isupper() and not nxt.is_stop and \
                fold(nxt.text) not in index.type_nouns and index.adjective_entity(nxt.text) is None:
            key = fold_words(nxt.text)
            if key not in index.phrases:
                return RawMention(nxt.i, nxt.i + 1, "new", None, nxt.text, etype), 2
    return None


def mention_spans(doc: Doc, mentions: list[RawMention], index: MentionIndex) -> list[Span]:
    """``doc.ents`` for display: one span per mention, labelled with the entity type."""
    spans = []
    for m in mentions:
        if m.entity_id:
            entity = index.gaz.entities.get(m.entity_id)
            label = entity.type.value if entity else "MISC"
        else:
            label = m.new_type.value if m.new_type else "MISC"
        spans.append(Span(doc, m.start, m.end, label=label, kb_id=m.entity_id or ""))
    return spans


@Language.factory("kg_entities", default_config={"ontology_dir": "", "lexicon_dir": ""})
def make_entity_matcher(nlp: Language, name: str, ontology_dir: str,
                        lexicon_dir: str) -> "EntityMatcher":
    settings = load_settings()
    return EntityMatcher(mention_index(Path(ontology_dir or settings.ontology_dir),
                                       Path(lexicon_dir or settings.lexicon_dir)))


class EntityMatcher:
    """Sets ``doc._.kg_mentions`` and ``doc.ents``."""

    def __init__(self, index: MentionIndex) -> None:
        self.index = index

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_mentions(doc, self.index)
        doc._.kg_mentions = mentions
        try:
            doc.ents = mention_spans(doc, mentions, self.index)
        except ValueError:
            pass
        return doc
