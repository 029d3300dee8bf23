"""The quick schema check answers exactly as jsonschema does, or not at all.

``validate`` skips jsonschema when the quick check says a value is valid, so a
quick "yes" for a value jsonschema would refuse would let a bad submission
through. These tests compare the two: on every sample submission, on values
generated around the real submission schema (hypothesis), and keyword by
keyword on small schemas, both ways (a quick "no" must also be right, as
``not``, ``if`` and ``oneOf`` rely on it).
"""

from __future__ import annotations

import atexit
import copy
import math
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from evaluator._reading.quick_schema import Unsure, quick_check
from evaluator._reading.validation import (
    FORMAT_CHECKER,
    coerce_identifiers,
    quickly_valid,
    validate,
    validator_for,
)
from evaluator._reading.yaml_reader import Positions, read_yaml
from evaluator._scoring.engine import Engine, Options

_STORAGE = tempfile.mkdtemp(prefix="evaluator-hypothesis-")
atexit.register(shutil.rmtree, _STORAGE, ignore_errors=True)
set_hypothesis_home_dir(_STORAGE)

ROOT = Path(__file__).parent.parent
ENGINE = Engine.load(Options(str(ROOT / "criteria"), str(ROOT / "plugins"), entry_points=False))
SCHEMA = ENGINE.schema.schema
SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
    database=None,
)


def jsonschema_says(value: Any, schema: Any) -> bool:
    return validator_for(schema).is_valid(value)


def quick_says(value: Any, schema: Any) -> bool | None:
    """The quick check's answer; ``None`` when it is unsure."""
    check = quick_check(schema, FORMAT_CHECKER)
    assert check is not None, "the schema should compile"
    try:
        return check(value)
    except Unsure:
        return None


def agree(value: Any, schema: Any) -> None:
    quick = quick_says(value, schema)
    if quick is not None:
        assert quick == jsonschema_says(value, schema), value


def sample_documents() -> list[tuple[str, Any]]:
    documents = []
    for path in sorted(ROOT.glob("submissions/*.yaml")) + sorted(
        ROOT.glob("submissions/*/submission.yaml")
    ):
        data, _ = read_yaml(path.read_text(encoding="utf-8"), positions=False)
        documents.append((path.parent.name if path.name == "submission.yaml" else path.name, data))
    return documents


SAMPLES = sample_documents()


def test_the_submission_schema_compiles() -> None:
    assert quick_check(SCHEMA, FORMAT_CHECKER) is not None


@pytest.mark.parametrize(("name", "data"), SAMPLES, ids=[name for name, _ in SAMPLES])
def test_every_sample_submission_is_judged_alike(name: str, data: Any) -> None:
    # as validate() sees it: ids coerced; record-file references are checked as references
    value = coerce_identifiers(copy.deepcopy(data), SCHEMA)
    assert quick_says(value, SCHEMA) == jsonschema_says(value, SCHEMA)


def test_a_valid_sample_skips_jsonschema_and_an_invalid_one_is_still_reported() -> None:
    name, data = next((n, d) for n, d in SAMPLES if n.endswith(".yaml"))
    value = coerce_identifiers(copy.deepcopy(data), SCHEMA)
    assert quickly_valid(value, SCHEMA)
    assert validate(value, SCHEMA, Positions(), name) == []
    value["unit"]["name"] = ["大栅栏街道"]
    assert not quickly_valid(value, SCHEMA)
    [error] = validate(value, SCHEMA, Positions(), name)
    assert error.code == "schema.type_container"


# ------------------------------------------------------------------ generated values

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", " ", "2016-02-30", "2016-03-01", "2016-03-01T09:00", "x", "１５"]),
    st.text(max_size=12),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


@st.composite
def mutated_samples(draw: st.DrawFn) -> Any:
    """A sample submission with a few of its values replaced, removed or added."""
    _, data = draw(st.sampled_from(SAMPLES))
    value = coerce_identifiers(copy.deepcopy(data), SCHEMA)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = [p for p in _paths(value) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = value
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "remove":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from([*map(str, parent), "extra", "备注"]))] = draw(values)
        else:
            parent[path[-1]] = draw(values)
    return value


@SETTINGS
@given(mutated_samples())
def test_changed_submissions_are_judged_alike(value: Any) -> None:
    agree(value, SCHEMA)


# ------------------------------------------------------------------ keyword by keyword

CASES: list[tuple[dict[str, Any], list[Any]]] = [
    ({"type": "integer"}, [1, 0, True, 1.0, 15.0, "1", None]),
    ({"type": "number"}, [1, 1.5, math.nan, True, "1"]),
    ({"type": ["string", "null"]}, ["", None, 0]),
    ({"type": "object"}, [{}, [], "x"]),
    ({"enum": [1, "a", None]}, [1, 1.0, True, "a", "A", None, False]),
    ({"enum": [True]}, [True, 1, 1.0]),
    ({"const": 0}, [0, 0.0, False, "0"]),
    ({"minimum": 0}, [0, -1, -0.5, "x", True, math.nan]),
    ({"maximum": 10}, [10, 11, 10.5, None]),
    ({"exclusiveMinimum": 0}, [0, 1, 0.1]),
    ({"exclusiveMaximum": 1}, [1, 0.99]),
    ({"minLength": 1}, ["", "a", 5]),
    ({"maxLength": 2}, ["ab", "abc", "一二三", ["a", "b", "c"]]),
    ({"pattern": "^[0-9]{4}$"}, ["2016", "16", "20160", 2016]),
    ({"format": "date"}, ["2016-02-29", "2015-02-29", "2016-2-1", 5, "２０１６-01-01"]),
    ({"format": "date-time"}, ["2016-03-01T09:00", "2016-03-01 09:00+08:00", "2016-03-01"]),
    ({"items": {"type": "integer"}, "minItems": 1}, [[], [1], [1, "2"], "x"]),
    ({"maxItems": 1}, [[], [1, 2], {}]),
    (
        {"required": ["a"], "properties": {"a": {"type": "string"}}, "additionalProperties": False},
        [{}, {"a": "x"}, {"a": 1}, {"a": "x", "b": 1}, []],
    ),
    ({"additionalProperties": {"type": "integer"}}, [{"a": 1}, {"a": "1"}]),
    ({"propertyNames": {"pattern": "^[a-z]+$"}}, [{"ab": 1}, {"Ab": 1}, {}]),
    ({"anyOf": [{"type": "string"}, {"minimum": 3}]}, ["x", 3, 2, None]),
    ({"oneOf": [{"type": "integer"}, {"minimum": 0}]}, [1, -1, 0.5, -0.5]),
    ({"allOf": [{"type": "integer"}, {"minimum": 0}]}, [1, -1]),
    ({"not": {"type": "string"}}, ["x", 1]),
    (
        {"if": {"properties": {"k": {"const": "a"}}}, "then": {"required": ["x"]}, "else": False},
        [{"k": "a"}, {"k": "a", "x": 1}, {"k": "b"}, {}],
    ),
    ({"then": {"required": ["x"]}}, [{}]),  # then without if: no effect
    ({"title": "名称", "x-enum-titles": ["a"], "description": "d"}, [1, None]),
    (True, [1, None]),
    (False, [1, None]),
]


@pytest.mark.parametrize(("schema", "examples"), CASES)
def test_each_keyword_answers_as_jsonschema_does(schema: Any, examples: list[Any]) -> None:
    answered = 0
    for value in examples:
        quick = quick_says(value, schema)
        if quick is None:
            continue
        answered += 1
        assert quick == jsonschema_says(value, schema), (schema, value)
    assert answered, "the quick check judged none of the examples"


def test_a_container_in_enum_is_left_to_jsonschema() -> None:
    assert quick_says([1], {"enum": [[1], 2]}) is None
    assert not quickly_valid([1], {"enum": [[1], 2]})


def test_keywords_it_does_not_compile_leave_the_whole_schema_to_jsonschema() -> None:
    for schema in (
        {"$ref": "#/$defs/x", "$defs": {"x": {}}},
        {"properties": {"a": {"multipleOf": 0.1}}},
        {"patternProperties": {"^a": {}}},
        {"prefixItems": [{}], "items": False},
        {"uniqueItems": True},
        {"type": "decimal"},
    ):
        assert quick_check(schema, FORMAT_CHECKER) is None, schema
        assert not quickly_valid({}, schema)
