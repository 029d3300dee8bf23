"""A quick answer to "is this valid?" for the schemas submissions use, before jsonschema is asked.

Almost every submission is valid, and jsonschema takes about a millisecond to
say so for a unit (it builds a validator object for each value it descends
into). :func:`quick_check` compiles a schema once into plain functions that
answer the same question for the same validator (Draft 2020-12, our format
checker, ``integer`` meaning a whole number as written) in a small fraction of
that time. :func:`evaluator._reading.validation.validate` asks it first and runs
jsonschema only when the answer is not a plain yes, so every error is still
jsonschema's, worded and located as before.

Each compiled check is exact for what it answers: ``True`` exactly when
jsonschema finds no error, ``False`` exactly when it finds one (so ``not``,
``if`` and ``oneOf`` can rely on it); for a value it cannot judge the way
jsonschema would (a container compared by ``enum``) it raises
:class:`Unsure`, and the caller asks jsonschema. A schema using a keyword the
compiler does not know (``$ref``, ``patternProperties``, ``multipleOf`` ...)
gets no quick check at all. ``tests/test_quick_schema.py`` compares the two on
generated values.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from jsonschema import FormatChecker

__all__ = ["Check", "Unsure", "quick_check"]

Check = Callable[[Any], bool]


class Unsure(Exception):
    """The quick check cannot judge this value the way jsonschema would."""


class _Unsupported(Exception):
    """The schema uses a keyword the quick check does not compile."""


# Keywords that validate (Draft 2020-12). Any other keyword is an annotation that
# jsonschema ignores (title, description, default, x-...), and so do we.
_VALIDATING = frozenset(
    {
        "$dynamicRef",
        "$ref",
        "additionalProperties",
        "allOf",
        "anyOf",
        "const",
        "contains",
        "dependentRequired",
        "dependentSchemas",
        "enum",
        "exclusiveMaximum",
        "exclusiveMinimum",
        "format",
        "if",
        "items",
        "maxItems",
        "maxLength",
        "maxProperties",
        "maximum",
        "minItems",
        "minLength",
        "minProperties",
        "minimum",
        "multipleOf",
        "not",
        "oneOf",
        "pattern",
        "patternProperties",
        "prefixItems",
        "properties",
        "propertyNames",
        "required",
        "type",
        "unevaluatedItems",
        "unevaluatedProperties",
        "uniqueItems",
    }
)


_OBJECT = frozenset({"properties", "required", "additionalProperties", "propertyNames"})


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:  # as validation.py redefines it: a whole number as written
    return isinstance(value, int) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "array": lambda value: isinstance(value, list),
    "boolean": lambda value: isinstance(value, bool),
    "integer": _is_integer,
    "null": lambda value: value is None,
    "number": _is_number,
    "object": lambda value: isinstance(value, dict),
    "string": lambda value: isinstance(value, str),
}


def _yes(value: Any) -> bool:
    return True


def _no(value: Any) -> bool:
    return False


def _scalar_equal(one: Any, two: Any) -> bool:
    """jsonschema's ``equal`` for scalars (``True`` is not ``1``); containers are not judged."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, Sequence | Mapping) or isinstance(two, Sequence | Mapping):
        raise Unsure
    if isinstance(one, bool) or isinstance(two, bool):
        return False  # one of them is a bool and they are not the same object
    return bool(one == two)


def _compile(schema: Any, formats: FormatChecker) -> Check:
    if schema is True:
        return _yes
    if schema is False:
        return _no
    if not isinstance(schema, Mapping):
        raise _Unsupported(repr(schema))
    checks: list[Check] = []
    for key, value in schema.items():
        if key in _VALIDATING and key not in _OBJECT:
            checks.append(_keyword(key, value, schema, formats))
    if not _OBJECT.isdisjoint(schema):  # one check for the four, in one pass over the keys
        checks.append(_object(schema, formats))
    if not checks:
        return _yes
    if len(checks) == 1:
        return checks[0]
    every = tuple(checks)

    def all_of(value: Any) -> bool:
        for check in every:  # noqa: SIM110 (a loop: no generator made per value)
            if not check(value):
                return False
        return True

    return all_of


def _keyword(key: str, value: Any, schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    if key == "type":
        names = [value] if isinstance(value, str) else list(value)
        if not names or any(name not in _TYPES for name in names):
            raise _Unsupported(f"type {value!r}")
        if len(names) == 1:
            return _TYPES[names[0]]
        tests = tuple(_TYPES[name] for name in names)
        return lambda v: any(test(v) for test in tests)
    if key == "enum":
        options = list(value)
        return lambda v: any(_scalar_equal(option, v) for option in options)
    if key == "const":
        return lambda v: _scalar_equal(value, v)
    if key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return _bound(key, value)
    if key in ("minLength", "maxLength"):
        limit = value
        if key == "minLength":
            return lambda v: not isinstance(v, str) or len(v) >= limit
        return lambda v: not isinstance(v, str) or len(v) <= limit
    if key in ("minItems", "maxItems"):
        size = value
        if key == "minItems":
            return lambda v: not isinstance(v, list) or len(v) >= size
        return lambda v: not isinstance(v, list) or len(v) <= size
    if key == "pattern":
        compiled = re.compile(value)
        return lambda v: not isinstance(v, str) or compiled.search(v) is not None
    if key == "format":
        name = value
        return lambda v: formats.conforms(v, name)
    if key == "items":
        if "prefixItems" in schema:
            raise _Unsupported("prefixItems")
        item = _compile(value, formats)
        return lambda v: not isinstance(v, list) or all(map(item, v))
    if key in ("anyOf", "allOf", "oneOf"):
        branches = tuple(_compile(sub, formats) for sub in value)
        if key == "anyOf":
            return lambda v: any(branch(v) for branch in branches)
        if key == "allOf":
            return lambda v: all(branch(v) for branch in branches)
        return lambda v: sum(1 for branch in branches if branch(v)) == 1
    if key == "not":
        inner = _compile(value, formats)
        return lambda v: not inner(v)
    if key == "if":
        condition = _compile(value, formats)
        then = _compile(schema["then"], formats) if "then" in schema else _yes
        other = _compile(schema["else"], formats) if "else" in schema else _yes
        return lambda v: then(v) if condition(v) else other(v)
    raise _Unsupported(key)


def _bound(key: str, limit: Any) -> Check:
    def number(value: Any) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool)

    def unsure(value: Any) -> bool:  # a number of another kind: compared as jsonschema would
        if _is_number(value):
            raise Unsure
        return True

    # written as jsonschema's test for an error, negated: NaN passes every bound there
    if key == "minimum":
        return lambda v: not v < limit if number(v) else unsure(v)
    if key == "maximum":
        return lambda v: not v > limit if number(v) else unsure(v)
    if key == "exclusiveMinimum":
        return lambda v: not v <= limit if number(v) else unsure(v)
    return lambda v: not v >= limit if number(v) else unsure(v)


def _object(schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    """``properties``, ``required``, ``additionalProperties`` and ``propertyNames`` in one pass."""
    if "patternProperties" in schema:
        raise _Unsupported("patternProperties")
    known: dict[str, Check] = {
        name: _compile(sub, formats) for name, sub in schema.get("properties", {}).items()
    }
    required = tuple(schema.get("required", ()))
    extra_schema = schema.get("additionalProperties", True)
    extra = _compile(extra_schema, formats)
    names = _compile(schema["propertyNames"], formats) if "propertyNames" in schema else None
    open_ = extra is _yes

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for name in required:
            if name not in value:
                return False
        for name, item in value.items():
            test = known.get(name)
            if test is not None:
                if not test(item):
                    return False
            elif not open_ and not extra(item):
                return False
            if names is not None and not names(name):
                return False
        return True

    return check


def quick_check(schema: Mapping[str, Any], formats: FormatChecker) -> Check | None:
    """A function answering whether a value is valid for ``schema``; ``None`` when unsupported.

    The function returns ``True`` or ``False`` as jsonschema would decide, or
    raises :class:`Unsure`.
    """
    try:
        return _compile(schema, formats)
    except Exception:  # a keyword it does not compile, or a schema jsonschema alone can judge
        return None
