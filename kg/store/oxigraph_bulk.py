"""Large writes of new named graphs into the embedded Oxigraph store: fast, and still whole
or absent per graph after a crash.

Oxigraph's bulk loader sorts the quads and hands finished files to RocksDB, about three
times faster than a transaction (term conversion included), but it is not a transaction:
pyoxigraph 0.4 commits as it goes, and 0.5 hands all files over in one atomic step only as an
implementation detail. So a bulk write keeps an intent record: before loading, it lists the
graphs it is about to write in a file next to the store's own (:data:`PENDING_WRITES`,
written whole by a rename and synced); once the load has returned, it deletes the file. A
writer killed in between leaves the file behind, and the next process to open the store
drops every graph it lists, in one transaction, before anything reads or writes
(:func:`recover_interrupted_write`): those articles are absent, never half, and the next
``kg build`` writes them again.

The record is a file, not quads in the store, because RocksDB flushes its in-memory table to
disk before it takes in a bulk load that overlaps it, and quads written just before every
bulk load would always overlap: that flush cost about as much as the load of a small batch.
A file is also never seen by queries or exports.

The data goes in as TriG text, not as pyoxigraph ``Quad`` objects: building a ``Quad`` whose
object is a literal costs pyoxigraph several microseconds (its argument conversion tries the
IRI and blank node kinds first), more than writing the text and parsing it again. Each term's
text is pyoxigraph's own serialization of the term built by pyoxigraph's constructors (once
per distinct IRI, language and datatype), so every term is validated as on the transactional
path and the loader may skip validating the text again (``lenient``).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph
from oxrdflib._converter import to_ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.store.atomic_file import atomic_write
from kg.store.update_text import GraphContents

#: The intent record's name in the store directory: one graph name (``<iri>``) a line.
PENDING_WRITES = "kg-pending-bulk-write.txt"

#: Skip the loader's second validation of terms pyoxigraph built (pyoxigraph >= 0.5).
_LOAD_OPTIONS = ({"lenient": True}
                 if "lenient" in (pyoxigraph.Store.bulk_load.__text_signature__ or "") else {})
#: A str subclass's value as a plain str: dict lookups on it stay in C (rdflib terms compare
#: in Python).
_plain = str.__str__


def bulk_write(oxigraph: pyoxigraph.Store, graphs: GraphContents,
               directory: Path | None) -> None:
    """Write graphs the store does not hold yet with the bulk loader, under an intent record
    in ``directory`` (``None``: a store in memory, which no crash leaves behind).

    The text is built first, so a term that cannot be written raises before the store is
    touched. Should the load fail, the graphs it began are dropped again before the error
    propagates. Blank nodes are fresh nodes, shared within this write only (as with the
    SPARQL update that replaces existing graphs)."""
    document = trig_document(graphs)
    names = [pyoxigraph.NamedNode(graph) for graph in graphs]
    record = directory / PENDING_WRITES if directory else None
    if record:
        record_intent(record, names)
    try:
        oxigraph.bulk_load(document, pyoxigraph.RdfFormat.TRIG, **_LOAD_OPTIONS)
    except BaseException:
        drop_graphs(oxigraph, names)  # should this fail too, the record stays for the next open
        _forget(record)
        raise
    _forget(record)


def record_intent(record: Path, graphs: Iterable[pyoxigraph.NamedNode]) -> None:
    """List ``graphs`` in ``record``, whole or not at all."""
    with atomic_write(record, "w") as out:
        out.writelines(f"{graph}\n" for graph in graphs)


def interrupted_write(directory: Path) -> bool:
    """Whether a bulk write into the store in ``directory`` was begun and never finished."""
    return (directory / PENDING_WRITES).exists()


def recover_interrupted_write(oxigraph: pyoxigraph.Store, directory: Path) -> int:
    """Drop every graph an unfinished bulk write listed, in one transaction, then its record;
    how many graphs were listed (0: no write was interrupted)."""
    if not interrupted_write(directory):
        return 0
    record = directory / PENDING_WRITES
    listed = [pyoxigraph.NamedNode(line[1:-1])
              for line in record.read_text(encoding="utf-8").splitlines() if line]
    drop_graphs(oxigraph, listed)
    for leftover in directory.glob("bulk-*.sst"):  # files the killed loader had not handed over
        leftover.unlink(missing_ok=True)
    record.unlink()
    return len(listed)


def drop_graphs(oxigraph: pyoxigraph.Store, graphs: Sequence[pyoxigraph.NamedNode]) -> None:
    """Remove ``graphs`` (those that exist) in one transaction."""
    if graphs:
        oxigraph.update(" ;\n".join(f"DROP SILENT GRAPH {graph}" for graph in graphs))


def _forget(record: Path | None) -> None:
    if record:
        record.unlink(missing_ok=True)


def trig_document(graphs: GraphContents) -> bytes:
    """``graphs`` as one TriG document, a block per graph, triples sharing their subject
    with the previous triple written as ``;`` continuations (half the text of N-Quads)."""
    text = TermText()
    parts: list[str] = []
    for graph, triples in graphs.items():
        parts.append(f"{text(graph)} {{\n")
        _append_triples(parts, triples, text)
        parts.append("}\n")
    return "".join(parts).encode()


def _append_triples(parts: list[str], triples: Sequence[tuple[Node, Node, Node]],
                    text: TermText) -> None:
    subject: Node | None = None
    append = parts.append
    for s, p, o in triples:
        if s is subject:
            append(f" ;\n {text(p)} {text(o)}")
        else:
            if subject is not None:
                append(" .\n")
            append(f"{text(s)} {text(p)} {text(o)}")
            subject = s
    if subject is not None:
        append(" .\n")


class TermText:
    """rdflib term → its text in TriG, as pyoxigraph serializes the term it builds from it.

    IRIs are remembered by value for the life of one write (entity, predicate and
    vocabulary IRIs recur in nearly every statement); literals are mostly unique, so only
    their language or datatype suffix is remembered and the lexical form escaped here."""

    def __init__(self) -> None:
        self._iris: dict[str, str] = {}
        self._suffixes: dict[str, str] = {}

    def __call__(self, term: Node) -> str:
        kind = type(term)
        if kind is URIRef:
            iri = _plain(term)
            text = self._iris.get(iri)
            if text is None:
                text = self._iris[iri] = str(pyoxigraph.NamedNode(iri))
            return text
        if kind is Literal:
            return f'"{_escaped(_plain(term))}"{self._suffix(term)}'  # type: ignore[arg-type]
        return str(to_ox(term))

    def _suffix(self, literal: Literal) -> str:
        """``@lang``, ``^^<datatype>`` or nothing (a plain string), as pyoxigraph writes it."""
        language, datatype = literal.language, literal.datatype
        key = f"@{language}" if language else _plain(datatype) if datatype else ""
        suffix = self._suffixes.get(key)
        if suffix is None:
            empty = pyoxigraph.Literal(
                "", language=language,
                datatype=pyoxigraph.NamedNode(datatype) if datatype else None)
            suffix = self._suffixes[key] = str(empty)[2:]
        return suffix


def _escaped(lexical: str) -> str:
    """A lexical form inside ``"…"``: the four characters a quoted string cannot hold raw."""
    if '"' in lexical or "\\" in lexical or "\n" in lexical or "\r" in lexical:
        return (lexical.replace("\\", "\\\\").replace('"', '\\"')
                .replace("\n", "\\n").replace("\r", "\\r"))
    return lexical
