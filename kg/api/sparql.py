"""The SPARQL 1.1 Protocol endpoint at ``/sparql``: read-only queries over the whole store.

- GET ``?query=…`` or POST (form ``query=…`` or an ``application/sparql-query`` body);
- read only: every update form (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY)
  and ``SERVICE`` (which would make the server fetch from the network) are refused with 400,
  as are ``FROM``/``FROM NAMED`` and the protocol's dataset parameters (use ``GRAPH``);
- the default graph is the union of all graphs; kg's prefixes (``kg:``, ``ent:``, ``art:``, …)
  are predeclared;
- results as SPARQL JSON, XML, CSV or TSV (SELECT, ASK) or Turtle, N-Triples, RDF/XML,
  JSON-LD (CONSTRUCT, DESCRIBE), chosen by the ``format`` parameter or else the Accept header;
- at most ``Settings.sparql_max_results`` rows or triples (the answer is cut and says so in
  the ``KG-Results-Truncated`` header) and ``Settings.sparql_time_limit_seconds`` per query
  (then 503). The query runs in a worker thread that checks the clock between rows; a single
  blocking step (a big sort or aggregate) finishes in the background after the 503 is sent.
"""
from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import parse_qsl

from pyparsing import ParseException
from rdflib import Dataset, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.query import Result
from rdflib.term import BNode, Identifier, Node
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from kg.config import Settings
from kg.rdf11 import simple_term
from kg.store import KGStore
from kg.store.prefixes import PREFIXES

QUERY_MEDIA_TYPE = "application/sparql-query"
FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
TRUNCATED_HEADER = "KG-Results-Truncated"
#: kg's prefixes, predeclared for every query.
NAMESPACES = {name: str(namespace) for name, namespace in PREFIXES.items()}


class SparqlError(Exception):
    """A request the endpoint answers with an error status and a plain-text message."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class ResultFormat:
    name: str
    media_type: str
    rdflib_format: str


#: Formats by query form; the first is the default.
TABLE_FORMATS = (
    ResultFormat("json", "application/sparql-results+json", "json"),
    ResultFormat("xml", "application/sparql-results+xml", "xml"),
    ResultFormat("csv", "text/csv", "csv"),
    ResultFormat("tsv", "text/tab-separated-values", "tsv"),
)
GRAPH_FORMATS = (
    ResultFormat("turtle", "text/turtle", "turtle"),
    ResultFormat("nt", "application/n-triples", "nt"),
    ResultFormat("rdfxml", "application/rdf+xml", "xml"),
    ResultFormat("jsonld", "application/ld+json", "json-ld"),
)
#: CSV and TSV have no form for a yes/no answer.
BOOLEAN_FORMATS = TABLE_FORMATS[:2]


# -- checking the query -----------------------------------------------------------------------


def query_form(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``; :class:`SparqlError` for anything
    that is not a read-only query this endpoint runs."""
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        if _is_update(text):
            raise SparqlError("SPARQL updates are refused: this endpoint is read-only "
                              "(INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE and COPY "
                              "are not allowed).") from exc
        raise SparqlError(f"Bad SPARQL query: {exc.msg} at line {exc.lineno}, column {exc.col}: "
                          f"{exc.line.strip()!r}") from exc
    if "datasetClause" in parsed[1]:
        raise SparqlError("FROM and FROM NAMED are not supported: the default graph is the "
                          "union of all graphs; select one with GRAPH <iri> { … }.")
    try:
        algebra = translateQuery(parsed, initNs=NAMESPACES).algebra
    except Exception as exc:  # rdflib raises plain Exceptions, e.g. for an unknown prefix
        raise SparqlError(f"Bad SPARQL query: {exc}") from exc
    if _uses_service(algebra):
        raise SparqlError("SERVICE is refused: this endpoint does not query other endpoints.")
    return {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
            "DescribeQuery": "DESCRIBE"}[algebra.name]


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except ParseException:
        return False
    return True


def _uses_service(node: object) -> bool:
    """Whether a ``ServiceGraphPattern`` occurs anywhere in rdflib's algebra tree."""
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_uses_service(value) for value in node.values())
    if isinstance(node, (list, tuple)):
        return any(_uses_service(value) for value in node)
    return False


# -- choosing the result format -----------------------------------------------------------------


def formats_for(form: str) -> tuple[ResultFormat, ...]:
    return {"SELECT": TABLE_FORMATS, "ASK": BOOLEAN_FORMATS}.get(form, GRAPH_FORMATS)


def choose_format(form: str, accept: str | None, format_param: str | None) -> ResultFormat:
    """The ``format`` parameter (a short name or a media type) wins over the Accept header;
    without either, the first format of the query form."""
    formats = formats_for(form)
    if format_param:
        for fmt in formats:
            if format_param in (fmt.name, fmt.media_type):
                return fmt
        raise SparqlError(f"format {format_param!r} is not available for {form} queries; use one "
                          f"of {', '.join(f.name for f in formats)}", status=406)
    if not accept:
        return formats[0]
    for media_type in _accepted_media_types(accept):
        if media_type in ("*/*", "application/*", "text/*"):
            return formats[0]
        for fmt in formats:
            if media_type == fmt.media_type:
                return fmt
    raise SparqlError(f"none of the accepted media types can hold a {form} result; available: "
                      f"{', '.join(f.media_type for f in formats)}", status=406)


def _accepted_media_types(accept: str) -> list[str]:
    """Media types of an Accept header, highest ``q`` first (ties keep their order)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        media_type, *parameters = [piece.strip() for piece in part.split(";")]
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_type and quality > 0:
            ranked.append((-quality, position, media_type.lower()))
    return [media_type for *_, media_type in sorted(ranked)]


# -- running and serialising ----------------------------------------------------------------------


@dataclass
class Answer:
    result: Result
    truncated: bool


def run_query(dataset: Dataset, text: str, max_results: int, deadline: float) -> Answer:
    """Evaluate and collect at most ``max_results`` rows (or triples), checking the clock."""
    result = dataset.query(text, initNs=NAMESPACES)
    if result.type == "ASK":
        return Answer(result, truncated=False)
    if result.type == "SELECT":
        rows = iter(result)
        try:
            table, truncated = _collect_rows(rows, max_results, deadline)
        finally:
            # Oxigraph's cursor must be dropped by the thread that opened it: close the row
            # iterator and swap rdflib's pending generator for an empty one, here.
            getattr(rows, "close", lambda: None)()
            result.bindings = (row for row in ())
        return Answer(_table(result.vars, table), truncated)
    graph = Graph()
    for index, triple in enumerate(result.graph or Graph()):
        if index == max_results:
            return Answer(_graph_result(graph), truncated=True)
        subject, predicate, obj = triple
        graph.add((subject, predicate, simple_term(obj)))
    return Answer(_graph_result(graph), truncated=False)


def _guarded_query(store: KGStore, dataset: Dataset, text: str, max_results: int,
                   deadline: float) -> Answer:
    with store.backend.read_guard():
        return run_query(dataset, text, max_results, deadline)


def _collect_rows(rows: Iterator[Any], max_results: int,
                  deadline: float) -> tuple[list[dict[Variable, Identifier]], bool]:
    """Up to ``max_results`` rows as bindings, and whether there were more."""
    table: list[dict[Variable, Identifier]] = []
    for row in rows:
        if time.monotonic() > deadline:
            raise TimeoutError
        if len(table) == max_results:
            return table, True
        table.append({Variable(name): simple_term(value)  # type: ignore[misc]
                      for name, value in row.asdict().items()})
    return table, False


def _table(variables: list[Variable] | None, rows: list[dict[Variable, Identifier]]) -> Result:
    table = Result("SELECT")
    table.vars = variables
    table.bindings = rows
    return table


def _graph_result(graph: Graph) -> Result:
    for name, namespace in PREFIXES.items():
        graph.bind(name, str(namespace))
    result = Result("CONSTRUCT")
    result.graph = graph
    return result


def serialize(answer: Answer, fmt: ResultFormat) -> bytes:
    result = answer.result
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        return result.graph.serialize(format=fmt.rdflib_format, encoding="utf-8")
    if fmt.rdflib_format == "tsv":
        return tsv(result).encode("utf-8")
    data = result.serialize(format=fmt.rdflib_format, encoding="utf-8")
    assert data is not None
    return data


def tsv(result: Result) -> str:
    """SPARQL 1.1 TSV: variables as ``?name``, terms in Turtle form, unbound as empty
    (rdflib has a TSV reader but no writer)."""
    variables = result.vars or []
    lines = ["\t".join(f"?{v}" for v in variables)]
    for binding in result.bindings:
        lines.append("\t".join(_tsv_term(binding.get(v)) for v in variables))
    return "\n".join(lines) + "\n"


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r").replace("\t", "\\t"))
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return str(term)


# -- HTTP ----------------------------------------------------------------------------------------


async def request_parameters(request: Request) -> dict[str, str]:
    """The protocol's parameters: the URL's, plus a POSTed form's, plus a POSTed query body
    as ``query`` (a form is parsed here, so no multipart library is needed)."""
    params = dict(request.query_params)
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = (await request.body()).decode("utf-8")
        if content_type == QUERY_MEDIA_TYPE:
            params["query"] = body
        elif content_type == "application/sparql-update":
            params["update"] = body
        elif content_type == FORM_MEDIA_TYPE:
            params.update(parse_qsl(body, keep_blank_values=True))
        else:
            raise SparqlError(f"POST a query as {QUERY_MEDIA_TYPE} or {FORM_MEDIA_TYPE}", status=415)
    return params


def query_text(params: Mapping[str, str]) -> str:
    """The query; updates and dataset parameters are refused."""
    if "update" in params:
        raise SparqlError("SPARQL updates are refused: this endpoint is read-only.")
    if "default-graph-uri" in params or "named-graph-uri" in params:
        raise SparqlError("default-graph-uri and named-graph-uri are not supported: the default "
                          "graph is the union of all graphs; select one with GRAPH <iri> { … }.")
    text = params.get("query")
    if not text:
        raise SparqlError("no query: pass it as the 'query' parameter")
    return str(text)


def sparql_routes(store: KGStore, settings: Settings) -> list[Route]:
    """``/sparql`` over ``store``: mount these routes in the app."""

    async def endpoint(request: Request) -> Response:
        try:
            params = await request_parameters(request)
            text = query_text(params)
            form = query_form(text)
            fmt = choose_format(form, request.headers.get("accept"), params.get("format"))
            answer = await _run_with_time_limit(store, text, settings)
        except SparqlError as exc:
            return PlainTextResponse(str(exc), status_code=exc.status)
        headers = {TRUNCATED_HEADER: "true"} if answer.truncated else {}
        content_type = fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else "")
        return Response(serialize(answer, fmt), headers=headers, media_type=content_type)

    return [Route("/sparql", endpoint, methods=["GET", "POST"], name="sparql")]


async def _run_with_time_limit(store: KGStore, text: str, settings: Settings) -> Answer:
    """Run in a worker thread; give up waiting after the time limit. The query holds the
    store's read guard, as kg's own reads do: a store without transactions (rdflib's memory
    store) would otherwise show it half of a write, or fail mid-iteration."""
    limit = settings.sparql_time_limit_seconds
    union = Dataset(store=store.dataset.store, default_union=True)
    job = partial(_guarded_query, store, union, text, settings.sparql_max_results,
                  time.monotonic() + limit)
    loop = asyncio.get_running_loop()
    try:
        return await asyncio.wait_for(loop.run_in_executor(None, job), timeout=limit)
    except (TimeoutError, asyncio.TimeoutError) as exc:
        raise SparqlError(f"the query ran longer than the time limit of {limit:g} s",
                          status=503) from exc
    except SparqlError:
        raise
    except Exception as exc:  # an evaluation error of either engine is the query's fault
        raise SparqlError(f"the query failed: {exc}") from exc
