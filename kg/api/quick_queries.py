"""The request front ends send most, a query POSTed as JSON, answered without Strawberry's HTTP
view and schema extensions; every other request goes to Strawberry as before.

Why: at a million statements an entity lookup took 0.50 ms of CPU in the app, and graphql-core's
execution of it 0.14 ms. The rest was per-request machinery around it: Strawberry's request
adapter and view, and six schema extensions entered as context managers around parsing,
validation and execution, most of them there to look up a cached document.

Answered here: a ``POST`` with ``Content-Type: application/json`` whose body is one JSON object
holding a string ``query`` and at most ``variables`` (an object or null) and ``operationName``;
its document holds one operation, a query (``operationName`` null or its name). The document is
parsed with the token limit and validated with the schema's rules and the depth limit, once per
query text; then the cost limit is checked for these variables. Execution is the same call into
graphql-core Strawberry makes, with the schema's execution context class and the query time limit
(:class:`kg.api.guards.Deadline`); errors are logged by the schema and formatted by
:func:`kg.api.errors.graphql_response`, and the answer is encoded by the view's own encoder.

Handed to Strawberry unchanged: everything else, including a document that does not parse or
validate and a query over the cost limit, so that refusals and their messages stay Strawberry's.
``tests/api/test_quick_queries.py`` compares both answers byte for byte.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from graphql import (DocumentNode, GraphQLError, OperationDefinitionNode, OperationType,
                     execute, parse, specified_rules)
from strawberry.execution.is_awaitable import optimized_is_awaitable
from strawberry.schema.schema import validate_document

from kg.api.errors import graphql_response
from kg.api.guards import (CACHED_DOCUMENTS, Deadline, cost_reads_variables, depth_rules,
                           operation_cost)
from kg.api.limits import Message, Receive, Send, replay
from kg.config import Settings

if TYPE_CHECKING:
    from kg.api.app import KGGraphQL

#: The keys a quick request's body may hold.
_KEYS = frozenset({"query", "variables", "operationName"})


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A query text's document, parsed and validated, with its one operation."""

    document: DocumentNode
    operation: OperationDefinitionNode
    #: The cost, where it does not depend on the variables.
    fixed_cost: int | None

    @property
    def name(self) -> str | None:
        return self.operation.name.value if self.operation.name else None


class QuickQueries:
    """The ASGI app at ``/graphql``: quick queries answered here, the rest by ``graphql``."""

    def __init__(self, graphql: KGGraphQL, settings: Settings) -> None:
        self._graphql = graphql
        self._schema = graphql.schema
        self._max_tokens = settings.api_max_tokens
        self._max_cost = settings.api_max_cost
        self._seconds = settings.api_time_limit_seconds
        self._rules = (*specified_rules, *depth_rules(settings))
        self._prepared = lru_cache(maxsize=CACHED_DOCUMENTS)(self._prepare)

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            headers = scope["headers"]
            if _is_json(_header(headers, b"content-type") or b""):
                body = await _body(receive)
                if body is None:
                    return
                answer = await self._answer(body, _header(headers, b"authorization"))
                if answer is not None:
                    await send({"type": "http.response.start", "status": 200,
                                "headers": [(b"content-length", str(len(answer)).encode()),
                                            (b"content-type", b"application/json")]})
                    await send({"type": "http.response.body", "body": answer})
                    return
                receive = replay(body, receive)
        await self._graphql(scope, receive, send)

    async def _answer(self, body: bytes, authorization: bytes | None) -> bytes | None:
        """The encoded answer, or ``None`` if Strawberry must answer the request."""
        request = _request(body)
        if request is None:
            return None
        query, variables, operation_name = request
        prepared = self._prepared(query)
        if prepared is None or operation_name not in (None, prepared.name):
            return None
        schema = self._schema
        cost = prepared.fixed_cost
        if cost is None:
            cost = operation_cost(schema._schema, prepared.document, prepared.operation,
                                  variables or {})
        if cost > self._max_cost:
            return None
        context = self._graphql.context(authorization.decode("latin-1")
                                        if authorization is not None else None)
        result = execute(schema._schema, prepared.document, context_value=context,
                         variable_values=variables, operation_name=prepared.name,
                         middleware=(Deadline(self._seconds),),
                         is_awaitable=optimized_is_awaitable,
                         executor_class=schema.execution_context_class,
                         operation_extensions=None)
        if optimized_is_awaitable(result):
            result = await result
        if result.errors:
            schema.process_errors(result.errors)
        encoded = self._graphql.encode_json(graphql_response(result))
        return encoded.encode() if isinstance(encoded, str) else encoded

    def _prepare(self, query: str) -> _Prepared | None:
        """The query's document if it is one valid query operation, else ``None``."""
        try:
            document = parse(query, max_tokens=self._max_tokens)
        except GraphQLError:
            return None
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if len(operations) != 1 or operations[0].operation is not OperationType.QUERY:
            return None
        schema = self._schema._schema
        if validate_document(schema, document, self._rules):
            return None
        operation = operations[0]
        fixed_cost = (None if cost_reads_variables(document)
                      else operation_cost(schema, document, operation, {}))
        return _Prepared(document, operation, fixed_cost)


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    """The first value of a header, as Starlette reads it."""
    return next((value for key, value in headers if key == name), None)


def _is_json(content_type: bytes) -> bool:
    return content_type.split(b";", 1)[0].strip() == b"application/json"


async def _body(receive: Receive) -> bytes | None:
    """The whole body, or ``None`` if the client went away (:class:`kg.api.limits.RequestLimits`
    has read it already, so this is one message)."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _request(body: bytes) -> tuple[str, dict[str, Any] | None, str | None] | None:
    """Query, variables and operation name of a quick request's body, else ``None``."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or not data.keys() <= _KEYS:
        return None
    query, variables, name = data.get("query"), data.get("variables"), data.get("operationName")
    if not isinstance(query, str) or not isinstance(variables, dict | None) or not isinstance(
            name, str | None):
        return None
    return query, variables, name
