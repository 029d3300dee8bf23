"""Schemas the test suite checked are not checked again at each run; every other one is.

``evaluator/schemas/checked-schemas.json`` holds the digest of each built-in
area's schema as ``scripts/checked_schemas.py`` checked it against the Draft
2020-12 meta-schema. Here: the file is what the script writes now (so it is
never stale), a listed schema skips jsonschema, anything else (a changed
schema, one holding a tuple) does not.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from script_modules import script_module

from evaluator._reading import validation
from evaluator._reading.validation import check_schema, schema_digest

ROOT = Path(__file__).resolve().parents[1]


def _script() -> Any:
    return script_module("scripts/checked_schemas.py", "checked_schemas")


def test_the_file_is_what_the_script_writes_now() -> None:
    script = _script()
    assert script.FILE.read_text("utf-8") == script.text(), (
        "a built-in schema changed: run python scripts/checked_schemas.py"
    )


def test_every_listed_digest_is_of_a_schema_jsonschema_accepts() -> None:
    script = _script()
    schemas = dict(script.built_in_schemas())
    assert len(schemas) > 30  # every scorer's params and every section's content
    found = {schema_digest(s) for s in schemas.values()}
    assert found == set(validation._checked())
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)


def test_a_listed_schema_is_not_checked_again_and_any_other_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    listed = next(iter(dict(_script().built_in_schemas()).values()))
    calls: list[Any] = []
    real = Draft202012Validator.check_schema

    def spy(schema: Any) -> None:
        calls.append(schema)
        real(schema)

    monkeypatch.setattr(Draft202012Validator, "check_schema", spy)
    assert check_schema(listed) is None and calls == []
    changed = copy.deepcopy(dict(listed))
    changed["type"] = "objekt"  # no longer the content checked: checked, and wrong
    assert check_schema(changed) is not None and calls == [changed]


def test_only_plain_json_is_digested() -> None:
    schema = {"type": "object", "properties": {"a": {"enum": ["x", 1, 1.5, True, None]}}}
    digest = schema_digest(schema)
    assert digest is not None and len(digest) == 64
    assert schema_digest(dict(reversed(list(schema.items())))) == digest  # key order: the same
    assert schema_digest({**schema, "type": "array"}) != digest
    # what JSON would write alike but jsonschema may judge otherwise: not digested
    assert schema_digest({"enum": ("x", "y")}) is None
    assert schema_digest({"minimum": float("nan")}) is None
    assert schema_digest({1: "x"}) is None
    assert schema_digest({"minimum": 1}) != schema_digest({"minimum": 1.0})
    assert schema_digest({"const": True}) != schema_digest({"const": 1})
    deep: dict[str, Any] = {}
    for _ in range(validation.MAX_SCHEMA_DEPTH + 1):
        deep = {"not": deep}
    assert schema_digest(deep) is None
