"""Guard rails per request: nesting depth and tokens (Strawberry's own limiters), an estimated
cost, and a time limit; each refusal has the code LIMIT_EXCEEDED and says what to change.

The cost counts every field once per item it may be asked for: a field under a connection
with ``first: 50`` counts 50 times, under two nested ones 50 × 50.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from graphql import (ASTValidationRule, DocumentNode, FieldNode, FragmentDefinitionNode,
                     FragmentSpreadNode, GraphQLError, GraphQLObjectType, GraphQLSchema,
                     InlineFragmentNode, OperationDefinitionNode, OperationType, SelectionSetNode,
                     VariableNode, get_named_type, value_from_ast)
from strawberry.extensions import (AddValidationRules, MaxTokensLimiter, ParserCache,
                                   QueryDepthLimiter, SchemaExtension, ValidationCache)

from kg.api.errors import LIMIT_EXCEEDED
from kg.api.selections import nodes_under
from kg.config import Settings

#: Arguments that multiply the cost of what is nested under the field.
_COUNT_ARGUMENTS = ("first", "k", "maxNodes")


#: Distinct query texts whose parsed and validated documents are kept (front-ends send the
#: same few queries with different variables; the bound keeps odd clients from growing it).
CACHED_DOCUMENTS = 256


def guard_extensions(settings: Settings) -> list[Any]:
    """Fresh extension instances per request, as Strawberry wants them.

    Parsing and validation are cached per query text: validation was three quarters of a
    small query's time. The depth rule is made once, so every request hands the validation
    cache the same rule classes (a rule made per request would never hit it); cost and time
    are checked per request, since they depend on the variables."""
    depth = depth_rules(settings)
    return [lambda: AddValidationRules(depth),
            lambda: MaxTokensLimiter(max_token_count=settings.api_max_tokens),
            lambda: ParserCache(maxsize=CACHED_DOCUMENTS),
            lambda: ValidationCache(maxsize=CACHED_DOCUMENTS),
            CostLimiter, TimeLimiter]


def depth_rules(settings: Settings) -> list[type[ASTValidationRule]]:
    """The validation rules that refuse a query nested deeper than ``api_max_depth``."""
    return list(QueryDepthLimiter(max_depth=settings.api_max_depth).validation_rules)


class CostLimiter(SchemaExtension):
    """Refuses, before anything runs, a query whose estimated cost passes ``api_max_cost``."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        maximum = context.context.settings.api_max_cost
        document = context.graphql_document
        if document is not None:
            for operation in document.definitions:
                if isinstance(operation, OperationDefinitionNode):
                    cost = operation_cost(context.schema._schema, document, operation,
                                          context.variables or {})
                    if cost > maximum:
                        raise GraphQLError(
                            f"query cost {cost} exceeds the maximum of {maximum}; ask for fewer "
                            "items per list (smaller `first`, `k` or `maxNodes`) or nest fewer lists",
                            extensions={"code": LIMIT_EXCEEDED})
        yield


def operation_cost(schema: GraphQLSchema, document: DocumentNode,
                   operation: OperationDefinitionNode, variables: dict[str, Any]) -> int:
    """The estimated cost of one operation of ``document`` with these variables."""
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    return _selection_cost(schema, _root(schema, operation), operation.selection_set, fragments,
                           variables)


def cost_reads_variables(document: DocumentNode) -> bool:
    """Whether the cost of ``document`` depends on its variables: whether one is given as a
    count argument (``first: $first``); otherwise the cost is the same for every request."""
    return any(argument.name.value in _COUNT_ARGUMENTS and isinstance(argument.value, VariableNode)
               for node in nodes_under(*document.definitions)
               for argument in getattr(node, "arguments", None) or ())


def _root(schema: GraphQLSchema, operation: OperationDefinitionNode) -> GraphQLObjectType:
    root = schema.mutation_type if operation.operation is OperationType.MUTATION else schema.query_type
    assert root is not None
    return root


def _selection_cost(schema: GraphQLSchema, parent: GraphQLObjectType,
                    selection_set: SelectionSetNode | None,
                    fragments: dict[str, FragmentDefinitionNode], variables: dict[str, Any]) -> int:
    if selection_set is None:
        return 0
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            total += _field_cost(schema, parent, selection, fragments, variables)
        else:
            fragment = (fragments.get(selection.name.value)
                        if isinstance(selection, FragmentSpreadNode) else selection)
            if fragment is None:
                continue
            assert isinstance(fragment, FragmentDefinitionNode | InlineFragmentNode)
            condition = fragment.type_condition
            target = schema.get_type(condition.name.value) if condition else parent
            total += _selection_cost(schema, target if isinstance(target, GraphQLObjectType)
                                     else parent, fragment.selection_set, fragments, variables)
    return total


def _field_cost(schema: GraphQLSchema, parent: GraphQLObjectType, node: FieldNode,
                fragments: dict[str, FragmentDefinitionNode], variables: dict[str, Any]) -> int:
    definition = parent.fields.get(node.name.value)
    if definition is None:
        return 1
    count = 1
    given = {a.name.value: a.value for a in node.arguments or ()}
    for name in _COUNT_ARGUMENTS:
        if name in definition.args:
            argument = definition.args[name]
            value = (value_from_ast(given[name], argument.type, variables) if name in given
                     else argument.default_value)
            count = max(int(value), 1) if isinstance(value, int) else count
    child = get_named_type(definition.type)
    nested = (_selection_cost(schema, child, node.selection_set, fragments, variables)
              if isinstance(child, GraphQLObjectType) else 0)
    return 1 + count * nested


class Deadline:
    """A graphql-core middleware that stops resolving once ``seconds`` have passed since it
    was made: every field with a resolver checks it first."""

    __slots__ = ("_at", "_seconds")

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._at = time.monotonic() + seconds

    def resolve(self, _next: Callable[..., Any], root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() > self._at:
            raise GraphQLError(f"the query ran past the time limit of {self._seconds:g} s; ask for "
                               "fewer items or shorter paths", extensions={"code": LIMIT_EXCEEDED})
        return _next(root, info, *args, **kwargs)


class TimeLimiter(SchemaExtension):
    """Stops resolving once a query has run ``api_time_limit_seconds`` (a :class:`Deadline`);
    mutations run to the end, since stopping them halfway would leave the client unsure what
    was written."""

    deadline: Deadline | None = None

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.operation_type.value != "mutation":
            self.deadline = Deadline(context.context.settings.api_time_limit_seconds)
        yield

    def resolve(self, _next: Callable[..., Any], root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        if self.deadline is None:
            return _next(root, info, *args, **kwargs)
        return self.deadline.resolve(_next, root, info, *args, **kwargs)
