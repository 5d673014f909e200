"""IRIs of kg's own resources and the ids read back from them: minted in one place only."""
from __future__ import annotations

from hashlib import sha1
from urllib.parse import quote, unquote

from rdflib import URIRef

from kg.model import Statement
from kg.vocab import ART, ENT, KG, STMT


def entity_iri(entity_id: str) -> URIRef:
    """``ENT[id]``; the id is percent-encoded so any id yields a valid IRI."""
    return ENT[quote(entity_id, safe="")]


def entity_id(iri: str) -> str:
    """The entity id that :func:`entity_iri` encoded into ``iri``."""
    return unquote(_local_part(iri, ENT))


def article_iri(source: str) -> URIRef:
    """The article node, which is also the IRI of the article's named graph."""
    return ART[quote(source, safe="")]


def predicate_iri(predicate: str) -> URIRef:
    return KG[predicate]


def predicate_name(iri: str) -> str:
    """``met`` for ``kg:met``."""
    return _local_part(iri, KG)


def statement_iri(source: str, statement: Statement) -> URIRef:
    """Stable across runs: the same fact read from the same sentence gets the same node."""
    subject, predicate, obj = statement.key
    return STMT[_digest(source, subject, predicate, obj, str(statement.provenance.start))]


def statement_id(iri: str) -> str:
    return _local_part(iri, STMT)


def relation_id(subject: str, predicate: str, obj: str, modality: str) -> str:
    """Id of a fact however many sentences state it, stable as sources come and go."""
    return _digest(subject, predicate, obj, modality)


def _local_part(iri: str, namespace: str) -> str:
    text = str(iri)
    if not text.startswith(str(namespace)):
        raise ValueError(f"{text} is not in the namespace {namespace}")
    return text[len(namespace):]


def _digest(*parts: str) -> str:
    return sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
