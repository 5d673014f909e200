"""GraphQL execution that completes plain attribute fields without graphql-core's per-field
machinery.

Why: a relations page of 20 facts is about 200 fields, nearly all of them attributes of
objects the resolvers already made (``Relation.predicate``, ``Entity.label``, ``Edge.node``).
graphql-core runs each through ``execute_field`` (a resolve info, the resolver, the per-field
middleware, ``complete_value``'s type dispatch): about 11 µs a field, two thirds of the
request. Here such a field is read with ``getattr`` and completed by the same
``coerce_output_value`` graphql-core calls, a few µs a field.

Which fields: those Strawberry itself resolves by ``getattr`` alone (no resolver, no field
extension, no permission), without arguments, not deferred or streamed, whose type is built
of scalars, enums, lists and object types without ``is_type_of``. Anything else in their
value (an error, an awaitable such as a relation's not yet read ``sources``, a null where
the schema allows none, a value the scalar refuses) is left to graphql-core: the field is
completed again by ``execute_field``, which reports it as the spec says, so answers and
errors are graphql-core's own. Reading an attribute twice is harmless, since a plain field
has no resolver to run twice.

The one thing plain fields skip is the schema extensions' per-field ``resolve`` hook: in kg
that is the query time limit (:class:`kg.api.guards.TimeLimiter`), which is still checked
at every field that has a resolver, where a query can spend its time; an attribute read
cannot.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from graphql import (GraphQLEnumType, GraphQLList, GraphQLNonNull, GraphQLObjectType,
                     GraphQLOutputType, GraphQLScalarType, Undefined)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

#: Directives that collecting fields has already applied; any other on a field (``@stream``)
#: leaves it to graphql-core.
_APPLIED_DIRECTIVES = frozenset({"include", "skip"})


class _Irregular(Exception):
    """A value the quick path leaves to graphql-core to complete and report."""


@dataclass(frozen=True, slots=True)
class PlainField:
    """A field answered by reading ``attribute`` of its parent object."""

    attribute: str
    type: GraphQLOutputType


def plain_field(parent_type: GraphQLObjectType, field_details_list: FieldDetailsList) -> PlainField | None:
    """The field as a :class:`PlainField`, or ``None`` if graphql-core must run it."""
    first = field_details_list[0].node
    field_def = parent_type.fields.get(first.name.value)
    if field_def is None or not getattr(field_def.resolve, "_is_default", False):
        return None
    definition = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(definition, StrawberryField) or definition.default_resolver is not getattr:
        return None
    for details in field_details_list:
        node = details.node
        if details.defer_usage is not None or node.arguments or any(
                d.name.value not in _APPLIED_DIRECTIVES for d in node.directives or ()):
            return None
    return PlainField(definition.python_name, field_def.type)


#: Completes a value of one field or list item: the answer, or :class:`_Irregular`.
Completer = Callable[[Any], Any]

#: Python types whose values are never awaitable nor errors: the common scalars skip the check.
_SIMPLE_VALUES = frozenset({str, int, float, bool})


class QuickExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with plain fields completed by :func:`plain_field`'s
    rules (see the module's docstring); hand it to ``strawberry.Schema`` as
    ``execution_context_class``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Per selection (its grouped field set, kept alive so its id stays its own): the
        #: plain fields by response name, each with its attribute and the completer of its
        #: value (``None`` where the value's own selection is not all plain).
        self._plans: dict[int, tuple[GroupedFieldSet, dict[str, tuple[str, Completer | None]]]] = {}
        #: Completers by field type and field group (kept alive likewise).
        self._completers: dict[tuple[GraphQLOutputType, int],
                               tuple[FieldDetailsList, Completer | None]] = {}

    def execute_fields(self, parent_type: GraphQLObjectType, source_value: Any, path: Any,
                       grouped_field_set: GroupedFieldSet, position_context: Any) -> Any:
        plan = self._plan(parent_type, grouped_field_set) if position_context is None else {}
        done: dict[str, Any] = {}
        for name, (attribute, complete) in plan.items():
            if complete is not None:
                try:
                    done[name] = complete(getattr(source_value, attribute))
                except Exception:  # _Irregular, or an attribute that is not there
                    continue
        if len(done) == len(grouped_field_set):
            return done
        if not done:
            return super().execute_fields(parent_type, source_value, path, grouped_field_set,
                                          position_context)
        rest = {name: group for name, group in grouped_field_set.items() if name not in done}
        others = super().execute_fields(parent_type, source_value, path, rest, position_context)
        if self.is_awaitable(others):
            return _merged_later(grouped_field_set, done, others)
        return _merged(grouped_field_set, done, others)

    def _plan(self, parent_type: GraphQLObjectType,
              grouped_field_set: GroupedFieldSet) -> dict[str, tuple[str, Completer | None]]:
        kept = self._plans.get(id(grouped_field_set))
        if kept is None:
            plan = {name: (field.attribute, self._completer(field.type, group))
                    for name, group in grouped_field_set.items()
                    if (field := plain_field(parent_type, group)) is not None}
            kept = self._plans[id(grouped_field_set)] = (grouped_field_set, plan)
        return kept[1]

    def _completer(self, return_type: GraphQLOutputType,
                   field_details_list: FieldDetailsList) -> Completer | None:
        key = (return_type, id(field_details_list))
        kept = self._completers.get(key)
        if kept is None:
            kept = self._completers[key] = (field_details_list,
                                            self._make_completer(return_type, field_details_list))
        return kept[1]

    def _make_completer(self, return_type: GraphQLOutputType,
                        field_details_list: FieldDetailsList) -> Completer | None:
        """How to complete a value of ``return_type`` as graphql-core would, raising
        :class:`_Irregular` where it would do more than complete it; ``None`` for a type
        this path leaves to graphql-core."""
        is_awaitable = self.is_awaitable

        def check(value: Any) -> None:
            if type(value) not in _SIMPLE_VALUES and (isinstance(value, Exception)
                                                      or is_awaitable(value)):
                raise _Irregular

        if isinstance(return_type, GraphQLNonNull):
            inner = self._completer(return_type.of_type, field_details_list)
            if inner is None:
                return None

            def complete_non_null(value: Any) -> Any:
                completed = inner(value)
                if completed is None:
                    raise _Irregular
                return completed
            return complete_non_null
        if isinstance(return_type, GraphQLList):
            item = self._completer(return_type.of_type, field_details_list)
            if item is None:
                return None

            def complete_list(value: Any) -> Any:
                if value is None:
                    return None
                if not isinstance(value, list | tuple):
                    raise _Irregular
                return [item(each) for each in value]
            return complete_list
        if isinstance(return_type, GraphQLScalarType | GraphQLEnumType):
            coerce = return_type.coerce_output_value

            def complete_leaf(value: Any) -> Any:
                if value is None:
                    return None
                check(value)
                coerced = coerce(value)
                if coerced is None or coerced is Undefined:
                    raise _Irregular
                return coerced
            return complete_leaf
        if isinstance(return_type, GraphQLObjectType) and return_type.is_type_of is None:
            grouped, new_defer_usages, _ = self.collect_subfields(return_type, field_details_list)
            plan = self._plan(return_type, grouped)
            if new_defer_usages or len(plan) != len(grouped) or any(
                    complete is None for _, complete in plan.values()):
                return None
            fields = [(name, attribute, complete) for name, (attribute, complete) in plan.items()]

            def complete_object(value: Any) -> Any:
                if value is None:
                    return None
                check(value)
                return {name: complete(getattr(value, attribute))
                        for name, attribute, complete in fields}
            return complete_object
        return None


def _merged(grouped_field_set: GroupedFieldSet, done: dict[str, Any],
            others: dict[str, Any]) -> dict[str, Any]:
    """Both parts of an object's answer, in the order the query asked for its fields
    (graphql-core leaves out a field it does not know, so may ``others``)."""
    return {name: done[name] if name in done else others[name]
            for name in grouped_field_set if name in done or name in others}


async def _merged_later(grouped_field_set: GroupedFieldSet, done: dict[str, Any],
                        others: Awaitable[dict[str, Any]]) -> dict[str, Any]:
    return _merged(grouped_field_set, done, await others)
