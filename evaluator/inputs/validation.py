"""JSON Schema validation with line numbers, and conversion of validated values.

jsonschema reports *where in the data* a problem is (a path of keys and
indexes), never where in the file. We map that path through the
:class:`~evaluator.inputs.yaml_reader.Positions` the strict reader recorded, and
phrase each error for the person who has to fix the file.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from evaluator.inputs.yaml_reader import Path, Positions
from evaluator.model import InputError, Location

__all__ = [
    "DEFAULT_OFFSET",
    "FORMAT_CHECKER",
    "apply_defaults",
    "check_schema",
    "convert",
    "parse_date",
    "parse_datetime",
    "validate",
    "validator_for",
]

DEFAULT_OFFSET = dt.timezone(dt.timedelta(hours=8))
"""Times without an offset are Beijing time (UTC+08:00), as the contract says."""

# Years outside 1900-2099 are refused: no record of a disclosure evaluation lies
# there, and dates at the ends of Python's range overflow when offsets apply.
_DATE = re.compile(r"(19|20)\d{2}-\d{2}-\d{2}\Z")
_DATETIME = re.compile(
    r"(19|20)\d{2}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?\Z"
)
_ANY_YEAR = re.compile(r"\d{4}-")
_FULL_WIDTH = re.compile(r"[０-９．－＋]")

FORMAT_CHECKER = FormatChecker(formats=())


def parse_date(value: str) -> dt.date:
    """An ISO ``YYYY-MM-DD`` date; ``ValueError`` otherwise."""
    if not _DATE.match(value):
        raise ValueError(f"{value!r} is not a date YYYY-MM-DD")
    return dt.date.fromisoformat(value)


def parse_datetime(value: str) -> dt.datetime:
    """An ISO 8601 time; without an offset it is taken as +08:00."""
    if not _DATETIME.match(value):
        raise ValueError(f"{value!r} is not a time YYYY-MM-DDTHH:MM[:SS][+08:00]")
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=DEFAULT_OFFSET)


def date_advice(value: str) -> str:
    """Why a date or time that failed to parse may have failed, as a parenthesis, or ''."""
    if _FULL_WIDTH.search(value):
        return f" (full-width digits: write {value.translate(_FULL_WIDTH_TABLE)!r})"
    if _ANY_YEAR.match(value) and not value.startswith(("19", "20")):
        return " (years 1900-2099 only)"
    return ""


@FORMAT_CHECKER.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    if isinstance(value, str):
        parse_date(value)
    return True


@FORMAT_CHECKER.checks("date-time", raises=ValueError)
def _is_datetime(value: object) -> bool:
    if isinstance(value, str):
        parse_datetime(value)
    return True


_validators: dict[int, tuple[Mapping[str, Any], Draft202012Validator]] = {}


def validator_for(schema: Mapping[str, Any]) -> Draft202012Validator:
    """A cached Draft 2020-12 validator (with our format checker) for ``schema``."""
    cached = _validators.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    validator = Draft202012Validator(schema, format_checker=FORMAT_CHECKER)
    _validators[id(schema)] = (schema, validator)
    return validator


def check_schema(schema: Mapping[str, Any]) -> str | None:
    """``None`` when ``schema`` is a valid Draft 2020-12 schema, else what is wrong."""
    try:
        Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top)"
        return f"at {where}: {exc.message}"
    return None


def _field(path: Iterable[str | int]) -> str:
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts) or "(top level)"


_TYPE_WORDS = {
    "string": "a text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping (key: value)",
    "array": "a list",
    "null": "nothing",
}


def _expected_type(expected: Any) -> str:
    names = [expected] if isinstance(expected, str) else list(expected)
    return " or ".join(_TYPE_WORDS.get(n, n) for n in names)


def _describe(error: ValidationError) -> tuple[str, Path, bool]:
    """A readable message, the path to point at, and whether to point at the key."""
    path: Path = tuple(error.absolute_path)
    name = _field(path)
    instance = error.instance
    keyword = error.validator
    schema: Any = error.schema
    value: Any = error.validator_value
    if keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}) if isinstance(schema, dict) else ())
        unknown = [k for k in instance if k not in allowed]
        if unknown:
            key = unknown[0]
            hint = difflib.get_close_matches(key, allowed, n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            known = ", ".join(allowed)
            return (
                f"unknown field {key!r} in {name}{suggestion} (known: {known})",
                (*path, key),
                True,
            )
    if keyword == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        what = missing[0] if missing else error.message
        return f"{name}: required field {what!r} is missing", path, False
    if keyword == "type":
        got = repr(instance)
        if isinstance(instance, str) and _FULL_WIDTH.search(instance):
            fixed = instance.translate(_FULL_WIDTH_TABLE)
            return (
                f"{name}: {got} uses full-width digits; write {fixed!r} "
                f"(expected {_expected_type(value)})",
                path,
                False,
            )
        if isinstance(instance, dict | list):
            got = "a mapping" if isinstance(instance, dict) else "a list"
        elif len(got) > 60:  # e.g. a 5000-digit number kept as text
            got = got[:40] + f"... ({len(got)} characters)"
        return f"{name}: expected {_expected_type(value)}, got {got}", path, False
    if keyword == "format":
        fmt = value
        shape = {"date": "a date YYYY-MM-DD", "date-time": "a time YYYY-MM-DDTHH:MM+08:00"}
        advice = date_advice(instance) if isinstance(instance, str) else ""
        return f"{name}: expected {shape.get(fmt, fmt)}, got {instance!r}{advice}", path, False
    if keyword == "enum":
        options = ", ".join(str(v) for v in value)
        hint = difflib.get_close_matches(str(instance), [str(v) for v in value])
        suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
        return f"{name}: {instance!r} is not one of: {options}{suggestion}", path, False
    if keyword in {"minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"}:
        relation = {
            "minimum": "at least",
            "exclusiveMinimum": "more than",
            "maximum": "at most",
            "exclusiveMaximum": "less than",
        }[str(keyword)]
        return (
            f"{name}: {instance!r} must be {relation} {value}",
            path,
            False,
        )
    return f"{name}: {error.message}", path, False


_FULL_WIDTH_TABLE = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")


def validate(
    instance: Any, schema: Mapping[str, Any], positions: Positions, path: str
) -> list[InputError]:
    """Every schema error in ``instance``, each located in ``path`` (or the CSV it came from)."""
    errors: list[InputError] = []
    seen: set[tuple[int, int, str]] = set()
    for error in validator_for(schema).iter_errors(instance):
        if error.context:  # anyOf/oneOf: report the branch that got furthest
            error = jsonschema.exceptions.best_match(error.context) or error
        message, where, at_key = _describe(error)
        _, (line, column) = positions.locate(where, key=at_key)
        source = positions.file_of(where) or path
        if (line, column, message) in seen:
            continue
        seen.add((line, column, message))
        errors.append(InputError(Location(source, line, column), message))
    errors.sort(key=lambda e: (e.location.path, e.location.line, e.location.column))
    return errors


def convert(instance: Any, schema: Mapping[str, Any]) -> Any:
    """Turn validated date and date-time strings into ``date``/``datetime`` objects.

    Walks ``properties`` and ``items`` only: record schemas are kept flat so a
    value's format is always known from its own property.
    """
    fmt = schema.get("format")
    if isinstance(instance, str):
        if fmt == "date":
            return parse_date(instance)
        if fmt == "date-time":
            return parse_datetime(instance)
        return instance
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        return {
            key: convert(value, properties[key]) if key in properties else value
            for key, value in instance.items()
        }
    if isinstance(instance, list):
        items = schema.get("items")
        if isinstance(items, Mapping):
            return [convert(value, items) for value in instance]
    return instance


def apply_defaults(instance: Any, schema: Mapping[str, Any]) -> Any:
    """A copy of a validated object with each absent property's schema ``default`` filled in.

    Scorers then read ``ctx.params["name"]`` and the default lives in one
    place, the params schema, where ``evaluate schema`` and editors show it.
    """
    if not isinstance(instance, dict):
        return instance
    filled = dict(instance)
    for key, sub in schema.get("properties", {}).items():
        if not isinstance(sub, Mapping):
            continue
        if key not in filled and "default" in sub:
            filled[key] = copy.deepcopy(sub["default"])
        if key in filled:
            filled[key] = apply_defaults(filled[key], sub)
    return filled


def coerce_identifiers(instance: Any, schema: Mapping[str, Any]) -> Any:
    """Read a plain integer where the schema wants text (``id: 12``) as that text.

    YAML types ``12`` as a number; an id or a name written without quotes
    should not be an error. Only integers are read back: a float such as
    ``1.10`` would not survive the round trip, so it stays an error.
    """
    expected = schema.get("type")
    if isinstance(instance, int) and not isinstance(instance, bool) and expected == "string":
        return str(instance)
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        for key, value in instance.items():
            if key in properties:
                instance[key] = coerce_identifiers(value, properties[key])
    elif isinstance(instance, list):
        items = schema.get("items")
        if isinstance(items, Mapping):
            for index, value in enumerate(instance):
                instance[index] = coerce_identifiers(value, items)
    return instance
