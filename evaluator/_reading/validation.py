"""JSON Schema validation with line numbers, and conversion of validated values.

jsonschema reports *where in the data* a problem is (a path of keys and
indexes), never where in the file. We map that path through the
:class:`~evaluator._reading.yaml_reader.Positions` the strict reader recorded, and
phrase each error for the person who has to fix the file.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from evaluator._core.hints import did_you_mean
from evaluator._core.model import InputError, Location
from evaluator._reading.quick_schema import Check, quick_check
from evaluator._reading.yaml_reader import Path, Positions

__all__ = [
    "CHECKED_SCHEMAS",
    "DEFAULT_OFFSET",
    "FORMAT_CHECKER",
    "MAX_ERRORS_PER_FILE",
    "advice",
    "apply_defaults",
    "check_schema",
    "convert",
    "parse_date",
    "parse_datetime",
    "schema_digest",
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


_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


@FORMAT_CHECKER.checks("file-name")
def _is_file_name(value: object) -> bool:
    """A file named in a unit's files is in its folder: never a URL (``https://``, ``s3://``)."""
    return not (isinstance(value, str) and _URL.match(value))


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


def _whole_number(checker: Any, instance: Any) -> bool:
    """``integer`` means an integer as written: ``15``, not ``1.5e1`` or ``15.0``.

    JSON Schema counts a float with no fraction as an integer; a count typed as
    ``1e308`` would then pass and print as ``1e+308个``. CSV cells are read the
    same strict way.
    """
    return isinstance(instance, int) and not isinstance(instance, bool)


_Validator: Any = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _whole_number),
)

_compiled: dict[int, tuple[Mapping[str, Any], Draft202012Validator, Check | None]] = {}


def _compiled_for(
    schema: Mapping[str, Any],
) -> tuple[Mapping[str, Any], Draft202012Validator, Check | None]:
    """The schema's validator and quick check, made once (kept with the schema they are for)."""
    cached = _compiled.get(id(schema))
    if cached is None or cached[0] is not schema:
        validator: Draft202012Validator = _Validator(schema, format_checker=FORMAT_CHECKER)
        cached = _compiled[id(schema)] = (schema, validator, quick_check(schema, FORMAT_CHECKER))
    return cached


def validator_for(schema: Mapping[str, Any]) -> Draft202012Validator:
    """A cached Draft 2020-12 validator (with our format checker) for ``schema``."""
    return _compiled_for(schema)[1]


def quickly_valid(instance: Any, schema: Mapping[str, Any]) -> bool:
    """Whether ``instance`` is certainly valid for ``schema``, by its compiled quick check.

    ``False`` means "ask jsonschema": invalid, or not judged quickly (see
    :mod:`evaluator._reading.quick_schema`).
    """
    check = _compiled_for(schema)[2]
    if check is None:
        return False
    try:
        return check(instance) is True
    except Exception:  # Unsure, or a value jsonschema may fail on too: let it say
        return False


def check_schema(schema: Mapping[str, Any]) -> str | None:
    """``None`` when ``schema`` is a valid Draft 2020-12 schema, else what is wrong.

    A schema whose content is one the test suite checked (:func:`schema_digest` in
    ``schemas/checked-schemas.json``: the built-in areas' as they ship) is not checked
    again; any other, a changed one included, is checked by jsonschema.
    """
    if schema_digest(schema) in _checked():
        return None
    try:
        Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top)"
        return f"at {where}: {exc.message}"
    return None


def schema_digest(schema: Any) -> str | None:
    """The sha256 of a schema's content (its JSON text, keys sorted), ``None`` when it holds
    anything but JSON's own types (a tuple, a mapping of another class ...), whose validity
    may differ from the JSON that reads the same."""
    if not _plain_json(schema, 0):
        return None
    text = json.dumps(schema, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain_json(value: Any, depth: int) -> bool:
    kind = type(value)
    if kind is dict:
        return depth < MAX_SCHEMA_DEPTH and all(
            type(k) is str and _plain_json(v, depth + 1) for k, v in value.items()
        )
    if kind is list:
        return depth < MAX_SCHEMA_DEPTH and all(_plain_json(v, depth + 1) for v in value)
    if kind is float:
        return math.isfinite(value)
    return kind is str or kind is int or kind is bool or value is None


MAX_SCHEMA_DEPTH = 64
"""Deeper schemas are not digested (checked by jsonschema, which says what it says)."""


@functools.cache
def _checked() -> frozenset[str]:
    """The digests of the schemas the test suite checked (``tests/test_checked_schemas.py``)."""
    try:
        file = resources.files("evaluator").joinpath("schemas", CHECKED_SCHEMAS)
        return frozenset(json.loads(file.read_text("utf-8"))["digests"])
    except (OSError, ValueError, KeyError, TypeError):  # none known: every schema is checked
        return frozenset()


CHECKED_SCHEMAS = "checked-schemas.json"
"""The file of valid schemas' :func:`schema_digest` s (``scripts/checked_schemas.py`` writes it)."""


def _field(path: Iterable[str | int]) -> str:
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts) or "word.top_level"


def _type_words(expected: Any) -> list[str]:
    """The catalogue words (``word.integer`` ...) for a schema ``type``."""
    names = [expected] if isinstance(expected, str) else list(expected)
    return [f"word.{name}" for name in names]


def _got(instance: Any) -> str:
    """A value as an error shows it: a mapping or list by kind, long text cut."""
    if isinstance(instance, dict):
        return "word.mapping"
    if isinstance(instance, list):
        return "word.list"
    got = repr(instance)
    if len(got) > 60:  # e.g. a 5000-digit number kept as text
        got = got[:40] + f"... ({len(got)} chars)"
    return got


def advice(value: str) -> dict[str, str]:
    """Why a date or time that failed to parse may have failed: the params of a hint, or none."""
    if _FULL_WIDTH.search(value):
        return {"advice": "hint.full_width", "fixed": value.translate(_FULL_WIDTH_TABLE)}
    if _ANY_YEAR.match(value) and not value.startswith(("19", "20")):
        return {"advice": "hint.year_range"}
    return {"advice": ""}


_RELATIONS = {
    "minimum": "word.at_least",
    "exclusiveMinimum": "word.more_than",
    "maximum": "word.at_most",
    "exclusiveMaximum": "word.less_than",
}


def _describe(error: ValidationError) -> tuple[str, dict[str, Any], Path, bool]:
    """The message code and params, the path to point at, and whether to point at the key."""
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
            params = {"field": key, "where": name, "known": allowed, **did_you_mean(key, allowed)}
            return "schema.unknown_field", params, (*path, key), True
    if keyword == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        return (
            "schema.required",
            {"where": name, "field": missing[0] if missing else "?"},
            path,
            False,
        )
    if keyword == "type":
        if isinstance(instance, str) and _FULL_WIDTH.search(instance):
            fixed = instance.translate(_FULL_WIDTH_TABLE)
            params = {
                "where": name,
                "value": instance,
                "fixed": fixed,
                "expected": _type_words(value),
            }
            return "schema.full_width", params, path, False
        params = {"where": name, "expected": _type_words(value), "got": _got(instance)}
        if isinstance(instance, str) and "：" in instance and "object" in _type_words(value)[0]:
            return "schema.type_full_width_colon", params, path, False
        code = "schema.type_container" if isinstance(instance, dict | list) else "schema.type"
        return code, params, path, False
    if keyword == "format":
        given = instance if isinstance(instance, str) else repr(instance)
        params = {"where": name, "expected": f"word.{value}", "value": given, **advice(given)}
        return "schema.format", params, path, False
    if keyword == "enum":
        options = [str(v) for v in value]
        params = {"where": name, "value": str(instance), "options": options}
        return "schema.enum", params | did_you_mean(str(instance), options), path, False
    if keyword in _RELATIONS:
        params = {
            "where": name,
            "value": instance,
            "relation": _RELATIONS[str(keyword)],
            "bound": value,
        }
        return "schema.range", params, path, False
    if keyword == "maxLength":
        return "schema.too_long", {"where": name, "limit": value}, path, False
    return "schema.other", {"where": name, "detail": error.message}, path, False


_FULL_WIDTH_TABLE = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")


MAX_ERRORS_PER_FILE = 100
"""Problems listed per file; past them the file gets one ``file.more_problems`` error.

A file of 300,000 bad records would otherwise keep (and print) a million
errors, gigabytes of them; nobody reads past the first screenful, and fixing
those usually fixes the rest.
"""


def validate(
    instance: Any,
    schema: Mapping[str, Any],
    positions: Positions,
    path: str,
    *,
    limit: int = MAX_ERRORS_PER_FILE,
) -> list[InputError]:
    """Schema errors in ``instance``, each located in ``path`` (or the CSV it came from).

    At most ``limit`` are listed, in file order; when validation stopped there, a
    last ``file.more_problems`` error says so (checking further would cost as
    much again per problem).
    """
    if quickly_valid(instance, schema):  # most files: no error to find, locate or word
        return []
    found: list[tuple[str, dict[str, Any], Path, bool]] = []
    seen: set[tuple[Path, bool, str, str]] = set()
    stopped = False
    for error in validator_for(schema).iter_errors(instance):
        if error.context:  # anyOf/oneOf: report the branch that got furthest
            error = jsonschema.exceptions.best_match(error.context) or error
        code, params, where, at_key = _describe(error)
        key = (where, at_key, code, repr(sorted(params.items())))
        if key in seen:
            continue
        if len(found) == limit:
            stopped = True
            break
        seen.add(key)
        found.append((code, params, where, at_key))
    positions.resolve((where, at_key) for _, _, where, at_key in found)
    errors: list[InputError] = []
    for code, params, where, at_key in found:
        _, (line, column) = positions.locate(where, key=at_key)
        source = positions.file_of(where) or path
        sheet = positions.sheet_of(where)
        errors.append(InputError(Location(source, line, column, sheet), code, params))
    errors.sort(
        key=lambda e: (e.location.path, e.location.sheet or "", e.location.line, e.location.column)
    )
    if stopped:
        errors.append(InputError(Location(path), "file.more_problems", {"shown": limit}))
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
