"""Error codes in ``extensions.code``, so a front end can branch on them without parsing text.

NOT_FOUND: an id the store does not know. BAD_USER_INPUT: an argument that can never work.
LIMIT_EXCEEDED: a page, walk, depth, size, cost or time past its maximum. UNAUTHENTICATED /
FORBIDDEN: a mutation without the right token, or with mutations switched off.
GRAPHQL_VALIDATION_FAILED: a query that does not fit the schema.
"""
from __future__ import annotations

from typing import Any

from graphql import GraphQLError
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.types import ExecutionResult

from kg.graph import LimitExceededError
from kg.ingest.reader import IngestError
from kg.store.queries import UnknownEntityError

NOT_FOUND = "NOT_FOUND"
BAD_USER_INPUT = "BAD_USER_INPUT"
LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
UNAUTHENTICATED = "UNAUTHENTICATED"
FORBIDDEN = "FORBIDDEN"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
INTERNAL = "INTERNAL_SERVER_ERROR"


class ApiError(Exception):
    """An error raised by the API layer itself, carrying its code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


#: Most specific first: LimitExceededError is a ValueError.
_CODES: tuple[tuple[type[BaseException], str], ...] = (
    (LimitExceededError, LIMIT_EXCEEDED),
    (UnknownEntityError, NOT_FOUND),
    (IngestError, BAD_USER_INPUT),
    (ValueError, BAD_USER_INPUT),
)
#: Messages of graphql-core's and Strawberry's own guard rails, which carry no code.
_LIMIT_MESSAGES = ("exceeds maximum operation depth", "Document contains more than")
_INPUT_MESSAGES = ("Variable '$", "got invalid value", "Expected value of type", "Int cannot represent")


def error_code(error: GraphQLError) -> str:
    """The code for an error, from what raised it or, for parse and validation errors, its text."""
    original = error.original_error
    if isinstance(original, ApiError):
        return original.code
    for kind, code in _CODES:
        if isinstance(original, kind):
            return code
    if original is not None:
        return INTERNAL
    if any(text in error.message for text in _LIMIT_MESSAGES):
        return LIMIT_EXCEEDED
    if any(text in error.message for text in _INPUT_MESSAGES):
        return BAD_USER_INPUT
    return VALIDATION_FAILED


def formatted_error(error: GraphQLError) -> dict[str, Any]:
    """The error as the response shows it, with ``extensions.code`` filled in."""
    formatted = dict(error.formatted)
    extensions = dict(formatted.get("extensions") or {})
    extensions.setdefault("code", error_code(error))
    formatted["extensions"] = extensions
    return formatted


def graphql_response(result: ExecutionResult) -> GraphQLHTTPResponse:
    """The JSON answer to a GraphQL request: Strawberry's, every error with its code."""
    response = process_result(result)
    if result.errors:
        response["errors"] = [formatted_error(error) for error in result.errors]
    return response
