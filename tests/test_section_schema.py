"""JSON Schema builders for plugin sections and params."""

from __future__ import annotations

import datetime as dt

import pytest
from jsonschema import Draft202012Validator

from evaluator._reading.validation import FORMAT_CHECKER, apply_defaults, convert
from evaluator.section_schema import (
    BOOLEAN,
    COUNT,
    DATE,
    DATETIME,
    FRACTION,
    ID,
    NON_NEGATIVE,
    POSITIVE,
    POSITIVE_COUNT,
    TEXT,
    array_of,
    described,
    params,
    record_schema,
)


def valid(schema: object, instance: object) -> bool:
    assert isinstance(schema, dict)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FORMAT_CHECKER).is_valid(instance)


@pytest.mark.parametrize(
    ("scalar", "good", "bad"),
    [
        (DATE, "2016-03-01", "2016-3-1"),
        (DATETIME, "2016-04-10T09:00:00+08:00", "2016-04-10"),
        (ID, "2016-0001", ""),
        (TEXT, "", 1),
        (BOOLEAN, False, "no"),
        (COUNT, 0, -1),
        (POSITIVE_COUNT, 1, 0),
        (NON_NEGATIVE, 0.0, -0.5),
        (POSITIVE, 0.5, 0),
        (FRACTION, 1, 1.01),
    ],
)
def test_scalar_accepts_a_typical_value_and_rejects_one_just_outside(
    scalar: dict[str, object], good: object, bad: object
) -> None:
    assert valid(scalar, good)
    assert not valid(scalar, bad)


def test_described_adds_a_description_without_touching_the_shared_scalar() -> None:
    field = described(DATE, "收到日期 / date received")
    assert field == {"type": "string", "format": "date", "description": "收到日期 / date received"}
    assert "description" not in DATE


def test_record_is_closed_and_lists_its_required_fields() -> None:
    schema = record_schema({"id": ID, "received_on": DATE}, ["id"], "申请 / request")
    assert schema == {
        "type": "object",
        "properties": {"id": ID, "received_on": DATE},
        "required": ["id"],
        "additionalProperties": False,
        "description": "申请 / request",
    }
    assert valid(schema, {"id": "1"})
    assert not valid(schema, {"id": "1", "recieved_on": "2016-03-01"})  # typo
    assert not valid(schema, {"received_on": "2016-03-01"})


def test_record_without_description_has_none() -> None:
    assert "description" not in record_schema({"id": ID})


def test_array_of_records_converts_each_date() -> None:
    schema = array_of(record_schema({"on": DATE}, ["on"]), "日期 / dates")
    assert schema["description"] == "日期 / dates"
    assert convert([{"on": "2016-03-01"}], schema) == [{"on": dt.date(2016, 3, 1)}]


def test_params_carries_each_default_and_rejects_unknown_params() -> None:
    schema = params({"limit": POSITIVE_COUNT, "from": DATE}, {"limit": 20})
    assert schema["properties"]["limit"] == {**POSITIVE_COUNT, "default": 20}
    assert "default" not in schema["properties"]["from"]
    assert "required" not in schema
    assert schema["additionalProperties"] is False
    assert valid(schema, {})
    assert not valid(schema, {"limt": 5})


def test_params_defaults_are_what_the_engine_fills_in() -> None:
    schema = params({"limit": POSITIVE_COUNT, "extension": COUNT}, {"limit": 20, "extension": 0})
    assert apply_defaults({"extension": 15}, schema) == {"extension": 15, "limit": 20}


def test_params_can_require_a_param_without_default() -> None:
    schema = params(
        {"checklists": {"type": "object"}, "days": COUNT}, {"days": 20}, required=["checklists"]
    )
    assert schema["required"] == ["checklists"]
    assert not valid(schema, {"days": 3})
    assert valid(schema, {"checklists": {}})


def test_params_refuses_a_default_for_a_param_it_does_not_declare() -> None:
    with pytest.raises(ValueError, match="treshold"):
        params({"threshold": FRACTION}, {"treshold": 0.5})
