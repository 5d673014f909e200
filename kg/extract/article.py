"""One article through extraction: Doc → references → statements with modality, time, place."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.clauses import Clause, build_clause, clause_spans
from kg.extract.coref import Ref, Resolution, resolve
from kg.extract.lexicon import Lexicon
from kg.extract.modality import clause_modality, framing_modality
from kg.extract.relations import SYMMETRIC, Candidate, RelationReader, also_subjects
from kg.extract.roles import kinship_statements, role_statements
from kg.extract.timeplace import date_of
from kg.model import (Article, ArticleExtraction, Entity, EntityType, Mention, Modality,
                      Provenance, Statement)
from kg.nlp.sentences import sentence_bounds
from kg.ontology import Gazetteer
from kg.text import fold

PLACE_RELATIONS = {"met", "visited", "signedAgreementWith"}
PLACE_TYPES = {EntityType.CITY, EntityType.COUNTRY, EntityType.REGION}


@dataclass
class Finding:
    """A candidate with the clause it was read in, before it becomes a Statement."""

    candidate: Candidate
    sentence: int
    clause: tuple[int, int]
    modality: Modality
    place: str | None = None


@dataclass
class ArticleReading:
    """Everything extraction saw in one article; ``kg explain`` prints it."""

    doc: Doc
    resolution: Resolution
    findings: list[Finding] = field(default_factory=list)


class ArticleExtractor:
    """Holds the pipeline, gazetteer and lexicon; :meth:`read` is called once per article."""

    def __init__(self, nlp: Language, gaz: Gazetteer, lex: Lexicon) -> None:
        self.nlp = nlp
        self.gaz = gaz
        self.lex = lex

    def read(self, article: Article) -> ArticleReading:
        doc = self.nlp(article.text)
        return self.read_doc(doc, article)

    def read_doc(self, doc: Doc, article: Article) -> ArticleReading:
        res = resolve(doc, doc._.kg_mentions or [], self.gaz, self.lex, article.published)

        def etype(eid: str) -> EntityType | None:
            entity = res.entities.get(eid) or self.gaz.entities.get(eid)
            return entity.type if entity else None

        reader = RelationReader(doc, self.lex, etype, res.state_of_leader)
        reader.refs = res.refs  # type: ignore[attr-defined]
        reading = ArticleReading(doc, res)
        sent_index = {s.start: i for i, s in enumerate(doc.sents)}
        for sent in doc.sents:
            si = sent_index[sent.start]
            refs = [r for r in res.refs if sent.start <= r.start < sent.end]
            if not refs:
                continue
            controller: tuple[list[str], int] | None = None
            previous_subject: list[str] | None = None
            framing: Modality | None = None
            for a, b in clause_spans(sent, self.lex):
                framed = framing if fold(doc[a].text) in {"dass", "ob"} else None
                framing = framing_modality(doc, a, b, self.lex)
                if not any(a <= r.start < b for r in refs):
                    continue
                clause = build_clause(doc, a, b, refs, self.lex)
                also = also_subjects(clause, doc)
                bare = [g for g in clause.groups() if g[0].case in {"", "acc", "dat"}]
                subject_ids = [i for arg in bare[0] for i in arg.ids] if bare else None
                for tok, cue in reader.verb_cues(clause):
                    modality = clause_modality(doc, a, b, self.lex, tok.i)
                    if framed and modality == Modality.ASSERTED:
                        modality = framed
                    active = controller if controller and tok.i > controller[1] else None
                    accused = active is not None
                    if active is None and not bare and previous_subject and reader.is_infinitive(tok):
                        active = (previous_subject, a - 1)
                    found = reader.read_verb(clause, tok, cue, active)
                    controlled = accused and not cue.embedded and \
                        any(c.subject in active[0] for c in found)
                    if cue.embedded:
                        objects = reader.embedded_object(clause, tok)
                        comma = next((t.i for t in doc[tok.i:b] if t.text == ","), tok.i)
                        if objects:
                            controller = (objects, comma)
                    if also and f"prep:nach" not in cue.objects:
                        found += [Candidate(s, c.predicate, c.object, c.cue, c.rule + "+also",
                                            c.confidence - 0.1)
                                  for c in found for s in also if s != c.object]
                    mod = Modality.ALLEGED if controlled and modality == Modality.ASSERTED else modality
                    self._add(reading, found, si, (a, b), mod, clause, etype)
                for tok, ncue in reader.noun_cues(clause):
                    found = reader.read_noun(clause, tok, ncue, refs, subject_ids)
                    modality = clause_modality(doc, a, b, self.lex, tok.i, ahead=12)
                    self._add(reading, found, si, (a, b), modality, clause, etype)
                previous_subject = subject_ids or previous_subject
        sentences = list(doc.sents)
        for cand in role_statements(res.roles) + kinship_statements(doc, res.refs, self.lex, etype):
            si = sent_index[sentence_bounds(doc)[cand.cue][0]]
            sent = sentences[si]
            reading.findings.append(Finding(cand, si, (sent.start, sent.end), Modality.ASSERTED))
        return reading

    def _add(self, reading: ArticleReading, found: list[Candidate], sentence: int,
             span: tuple[int, int], modality: Modality, clause: Clause, etype) -> None:  # noqa: ANN001
        for cand in found:
            place = None
            if cand.predicate in PLACE_RELATIONS:
                for arg in clause.args:
                    if arg.case == "prep:in" and len(arg.ids) == 1 and \
                            arg.ids[0] not in {cand.subject, cand.object} and \
                            etype(arg.ids[0]) in PLACE_TYPES:
                        place = arg.ids[0]
                        break
            reading.findings.append(Finding(cand, sentence, span, modality, place))

    def extract(self, article: Article) -> ArticleExtraction:
        return to_extraction(article, self.read(article))


def _sentence_text(sent: Span) -> str:
    return sent.text.strip()


def to_extraction(article: Article, reading: ArticleReading) -> ArticleExtraction:
    """Turn a reading into the store's unit: entities, mentions and de-duplicated statements."""
    doc = reading.doc
    sentences = list(doc.sents)
    result = ArticleExtraction(article=article)
    result.sentences = [article.page_span(s.start_char, s.end_char) for s in sentences]
    used: dict[str, Entity] = {}
    for ref in reading.resolution.refs:
        if len(ref.ids) != 1:
            continue
        eid = ref.ids[0]
        entity = reading.resolution.entities.get(eid)
        if entity is None:
            continue
        used[eid] = entity
        span = doc[ref.start:ref.end]
        start, end = article.page_span(span.start_char, span.end_char)
        result.mentions.append(Mention(eid, span.text, start, end, ref.sentence, ref.kind))
    seen: set[tuple] = set()
    for f in sorted(reading.findings, key=lambda f: (f.sentence, f.candidate.cue)):
        c = f.candidate
        s, o = c.subject, c.object
        if c.predicate in SYMMETRIC and o < s:
            s, o = o, s
        key = (s, c.predicate, o, f.modality, f.sentence)
        if key in seen:
            continue
        seen.add(key)
        sent = sentences[f.sentence]
        sent_start, sent_end = result.sentences[f.sentence]
        clause_text = doc[f.clause[0]:f.clause[1]].text
        for eid in (s, o, f.place):
            if eid and eid not in used and eid in reading.resolution.entities:
                used[eid] = reading.resolution.entities[eid]
        result.statements.append(Statement(
            subject=s, predicate=c.predicate, object=o, modality=f.modality,
            confidence=round(max(0.05, min(0.99, c.confidence - _uncertainty(f.modality))), 2),
            date=date_of(clause_text, article.published) or date_of(sent.text, article.published),
            place=f.place,
            provenance=Provenance(article.source, _sentence_text(sent), sent_start, sent_end,
                                  c.rule)))
    result.entities = used
    return result


def _uncertainty(modality: Modality) -> float:
    return {Modality.ASSERTED: 0.0, Modality.PLANNED: 0.05, Modality.ALLEGED: 0.1,
            Modality.DENIED: 0.1}[modality]


__all__ = ["ArticleExtractor", "ArticleReading", "Finding", "Ref", "to_extraction"]
