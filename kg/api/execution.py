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

Plans are made once per operation: the plain fields of each selection and how to complete
them, which took a seventh of a relations page's time when made per request. An operation
without directives keeps its plans for every later execution of the same parsed document
(Strawberry's parser cache and :mod:`kg.api.quick_queries` hand the same document back): what
``@skip``, ``@include`` and ``@defer`` collect depends on the variables, so an operation with a
directive anywhere gets fresh plans per execution.

The one thing plain fields skip is the schema extensions' per-field ``resolve`` hook: in kg
that is the query time limit (:class:`kg.api.guards.Deadline`), which is still checked
at every field that has a resolver, where a query can spend its time; an attribute read
cannot.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import GeneratorType
from typing import Any

from graphql import (FragmentDefinitionNode, GraphQLEnumType, GraphQLID, GraphQLList,
                     GraphQLNonNull, GraphQLObjectType, GraphQLOutputType, GraphQLScalarType,
                     GraphQLString, OperationDefinitionNode, Undefined)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

from kg.api.selections import nodes_under

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

#: Plans by parent type and the field nodes of each response name.
PlanKey = tuple[GraphQLObjectType, tuple[tuple[Any, ...], ...]]
Plans = dict[PlanKey, dict[str, tuple[str, "Completer | None"]]]

#: Operations whose plans are kept across executions (a bound, as for parsed documents).
_KEPT_OPERATIONS = 256

#: By operation id: the operation and its fragments (kept alive, so the ids in the plans' keys
#: stay theirs) and its plans.
_kept_plans: dict[int, tuple[OperationDefinitionNode, Any, Plans]] = {}


class QuickExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with plain fields completed by :func:`plain_field`'s
    rules (see the module's docstring); hand it to ``strawberry.Schema`` as
    ``execution_context_class``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Per selection: the plain fields by response name, each with its attribute and the
        #: completer of its value (``None`` where the value's own selection is not all plain).
        self._plans: Plans = _plans_of(self.operation, self.fragment_definitions)
        #: Completers by field type and field group (kept alive, so its id stays its own).
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
        key = (parent_type, tuple((name, *(id(details.node) for details in group))
                                  for name, group in grouped_field_set.items()))
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = {
                name: (field.attribute, self._completer(field.type, group))
                for name, group in grouped_field_set.items()
                if (field := plain_field(parent_type, group)) is not None}
        return plan

    def _completer(self, return_type: GraphQLOutputType,
                   field_details_list: FieldDetailsList) -> Completer | None:
        key = (return_type, id(field_details_list))
        kept = self._completers.get(key)
        if kept is None:
            kept = self._completers[key] = (field_details_list,
                                            self._make_completer(return_type, field_details_list))
        return kept[1]

    def _make_completer(self, return_type: GraphQLOutputType, field_details_list: FieldDetailsList,
                        non_null: bool = False) -> Completer | None:
        """How to complete a value of ``return_type`` as graphql-core would, raising
        :class:`_Irregular` where it would do more than complete it (a null where
        ``non_null`` allows none, among others); ``None`` for a type this path leaves to
        graphql-core."""
        if isinstance(return_type, GraphQLNonNull):
            return self._make_completer(return_type.of_type, field_details_list, non_null=True)
        if isinstance(return_type, GraphQLList):
            item = self._completer(return_type.of_type, field_details_list)
            if item is None:
                return None

            def complete_list(value: Any) -> Any:
                if value is None:
                    return _null(non_null)
                if not isinstance(value, list | tuple):
                    raise _Irregular
                return [item(each) for each in value]
            return complete_list
        is_awaitable = self.is_awaitable
        if isinstance(return_type, GraphQLScalarType | GraphQLEnumType):
            coerce = return_type.coerce_output_value
            # String and ID give back a str as it is: no check, no coercion needed.
            as_is = str if return_type in (GraphQLString, GraphQLID) else _Never

            def complete_leaf(value: Any) -> Any:
                if type(value) is as_is:
                    return value
                if value is None:
                    return _null(non_null)
                if not plain_value(value, is_awaitable):
                    raise _Irregular
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
                    return _null(non_null)
                if not plain_value(value, is_awaitable):
                    raise _Irregular
                return {name: complete(getattr(value, attribute))
                        for name, attribute, complete in fields}
            return complete_object
        return None


class _Never:
    """A type no value has: leaves that always go through their scalar's coercion."""


#: Per Python type, whether its values are neither errors nor awaitable.
_plain_types: dict[type, bool] = {str: True, int: True, float: True, bool: True}


def plain_value(value: Any, is_awaitable: Callable[[Any], bool]) -> bool:
    """Whether ``value`` is neither an error nor awaitable, judged once per type (a
    generator is judged each time: whether it can be awaited depends on its code)."""
    kind = type(value)
    plain = _plain_types.get(kind)
    if plain is None:
        plain = not (isinstance(value, Exception) or is_awaitable(value))
        if kind is not GeneratorType:
            _plain_types[kind] = plain
    return plain


def _null(non_null: bool) -> None:
    """A null value, which a non-null field leaves to graphql-core to report."""
    if non_null:
        raise _Irregular
    return None


def _plans_of(operation: OperationDefinitionNode, fragments: Any) -> Plans:
    """The plans of an operation without directives, kept for its later executions; fresh
    plans for one with directives, made for this execution only."""
    kept = _kept_plans.get(id(operation))
    if kept is not None and kept[0] is operation:
        return kept[2]
    if _has_directives(operation) or any(_has_directives(f) for f in fragments.values()):
        return {}
    if len(_kept_plans) >= _KEPT_OPERATIONS:
        del _kept_plans[next(iter(_kept_plans))]
    plans: Plans = {}
    _kept_plans[id(operation)] = (operation, fragments, plans)
    return plans


def _has_directives(node: OperationDefinitionNode | FragmentDefinitionNode) -> bool:
    """Whether ``node`` or any selection under it carries a directive."""
    return any(getattr(each, "directives", None) for each in nodes_under(node))


def _merged(grouped_field_set: GroupedFieldSet, done: dict[str, Any],
            others: dict[str, Any]) -> dict[str, Any]:
    """Both parts of an object's answer, in the order the query asked for its fields
    (graphql-core leaves out a field it does not know, so may ``others``)."""
    return {name: done[name] if name in done else others[name]
            for name in grouped_field_set if name in done or name in others}


async def _merged_later(grouped_field_set: GroupedFieldSet, done: dict[str, Any],
                        others: Awaitable[dict[str, Any]]) -> dict[str, Any]:
    return _merged(grouped_field_set, done, await others)
