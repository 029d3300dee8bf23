"""Schema validation messages with file positions, and conversion of checked values."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from evaluator._core.model import InputError
from evaluator._reading.validation import (
    DEFAULT_OFFSET,
    coerce_identifiers,
    convert,
    parse_date,
    parse_datetime,
    validate,
)
from evaluator._reading.yaml_reader import read_yaml

REQUEST = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "received_on"],
    "properties": {
        "id": {"type": "string"},
        "received_on": {"type": "string", "format": "date"},
        "replied_on": {"type": "string", "format": "date"},
        "asked_at": {"type": "string", "format": "date-time"},
        "pages": {"type": "integer", "minimum": 0},
        "form": {"enum": ["text", "graphic", "video"]},
    },
}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"requests": {"type": "array", "items": REQUEST}},
}


def errors_in(text: str, schema: dict[str, Any] = SCHEMA) -> list[InputError]:
    data, positions = read_yaml(text)
    return validate(data, schema, positions, "sub.yaml")


def only(errors: list[InputError]) -> InputError:
    assert len(errors) == 1, errors
    return errors[0]


def test_valid_document_has_no_errors() -> None:
    assert errors_in("requests:\n  - {id: R1, received_on: 2016-03-01}\n") == []


def test_unknown_key_suggests_the_known_one_at_the_key() -> None:
    text = "requests:\n  - id: R1\n    recieved_on: 2016-03-01\n"
    error = only([e for e in errors_in(text) if e.code == "schema.unknown_field"])
    assert error.params["field"] == "recieved_on"
    assert (error.params["hint"], error.params["suggestion"]) == (
        "hint.did_you_mean",
        "received_on",
    )
    assert "did you mean 'received_on'?" in error.text("en")
    assert "是否应为“received_on”？" in error.text("zh")
    # the misspelt key is line 3, column 5
    assert (error.location.path, error.location.line, error.location.column) == ("sub.yaml", 3, 5)


def test_misspelt_required_key_is_also_reported_missing() -> None:
    text = "requests:\n  - id: R1\n    recieved_on: 2016-03-01\n"
    found = [(e.code, e.params.get("field")) for e in errors_in(text)]
    assert ("schema.required", "received_on") in found


def test_required_missing_points_at_the_record() -> None:
    error = only(errors_in("requests:\n  - {id: R1}\n"))
    assert (error.code, error.params) == (
        "schema.required",
        {"where": "requests[0]", "field": "received_on"},
    )
    assert (error.location.line, error.location.column) == (2, 5)


def test_type_error_says_what_was_expected() -> None:
    error = only(errors_in("requests:\n  - {id: R1, received_on: 2016-03-01, pages: many}\n"))
    assert (error.code, error.params) == (
        "schema.type",
        {"where": "requests[0].pages", "expected": ["word.integer"], "got": "'many'"},
    )
    assert error.text("en") == "requests[0].pages: expected a whole number, got 'many'"
    assert error.location.line == 2


def test_full_width_digits_are_named_and_corrected() -> None:
    error = only(errors_in("requests:\n  - {id: R1, received_on: 2016-03-01, pages: １２}\n"))
    assert error.code == "schema.full_width"
    assert (error.params["value"], error.params["fixed"]) == ("１２", "12")


@pytest.mark.parametrize("value", ["2016-13-01", "2016/03/01", "2016-3-1", "20160301"])
def test_bad_date_is_a_format_error(value: str) -> None:
    error = only(errors_in(f"requests:\n  - {{id: R1, received_on: '{value}'}}\n"))
    assert (error.code, error.params) == (
        "schema.format",
        {"where": "requests[0].received_on", "expected": "word.date", "value": value, "advice": ""},
    )


def test_bad_time_is_a_format_error() -> None:
    error = only(errors_in("requests:\n  - {id: R1, received_on: 2016-03-01, asked_at: '9:00'}\n"))
    assert (error.code, error.params["expected"]) == ("schema.format", "word.date-time")


def test_time_without_offset_is_beijing_time() -> None:
    moment = parse_datetime("2016-04-10T09:00")
    assert moment == dt.datetime(2016, 4, 10, 9, 0, tzinfo=DEFAULT_OFFSET)
    assert moment.utcoffset() == dt.timedelta(hours=8)


def test_time_with_offset_keeps_it() -> None:
    moment = parse_datetime("2016-04-10T01:00:00Z")
    # 01:00 UTC is 09:00 in Beijing
    assert moment == dt.datetime(2016, 4, 10, 9, 0, tzinfo=DEFAULT_OFFSET)


def test_parse_date_refuses_non_iso() -> None:
    with pytest.raises(ValueError):
        parse_date("2016-3-1")


def test_enum_suggests_the_nearest_value() -> None:
    error = only(errors_in("requests:\n  - {id: R1, received_on: 2016-03-01, form: grapic}\n"))
    assert error.code == "schema.enum"
    assert error.params["value"] == "grapic"
    assert error.params["options"] == ["text", "graphic", "video"]
    assert error.params["suggestion"] == "graphic"


def test_minimum_is_phrased() -> None:
    error = only(errors_in("requests:\n  - {id: R1, received_on: 2016-03-01, pages: -1}\n"))
    assert (error.code, error.params) == (
        "schema.range",
        {"where": "requests[0].pages", "value": -1, "relation": "word.at_least", "bound": 0},
    )
    assert error.text("en") == "requests[0].pages: -1 must be at least 0"
    assert error.text("zh") == "requests[0].pages：-1 应不小于 0"


def test_every_error_is_reported_in_file_order() -> None:
    text = (
        "requests:\n"
        "  - {id: R1, received_on: 2016-02-30}\n"  # no 30 February
        "  - {id: R2, received_on: 2016-03-01, pages: x}\n"
    )
    assert [e.location.line for e in errors_in(text)] == [2, 3]


def test_convert_turns_dates_and_times() -> None:
    data, _ = read_yaml(
        "requests:\n  - {id: R1, received_on: 2016-03-01, asked_at: 2016-03-01T08:30}\n"
    )
    converted = convert(data, SCHEMA)
    request = converted["requests"][0]
    assert request["received_on"] == dt.date(2016, 3, 1)
    assert request["asked_at"] == dt.datetime(2016, 3, 1, 8, 30, tzinfo=DEFAULT_OFFSET)
    assert request["id"] == "R1"


def test_coerce_identifiers_reads_an_unquoted_number_as_text() -> None:
    data, _ = read_yaml("requests:\n  - {id: 12, received_on: 2016-03-01, pages: 3}\n")
    coerced = coerce_identifiers(data, SCHEMA)
    assert coerced["requests"][0]["id"] == "12"
    assert coerced["requests"][0]["pages"] == 3  # an integer field stays an integer


def test_coerce_identifiers_leaves_floats_and_booleans_to_fail() -> None:
    data, positions = read_yaml("requests:\n  - {id: 1.10, received_on: 2016-03-01}\n")
    coerce_identifiers(data, SCHEMA)
    error = only(validate(data, SCHEMA, positions, "sub.yaml"))
    assert (error.code, error.params["got"]) == ("schema.type", "1.1")


@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "2100-01-01", "9999-12-31"])
def test_dates_outside_1900_to_2099_are_refused_with_the_reason(value: str) -> None:
    # at the ends of Python's date range an offset overflows; no record lies there
    error = only(errors_in(f"requests:\n  - {{id: R1, received_on: '{value}'}}\n"))
    assert (error.code, error.params["advice"]) == ("schema.format", "hint.year_range")
    assert error.text("en").endswith(f"got {value!r} (years 1900-2099 only)")


def test_time_at_the_end_of_the_calendar_is_refused_not_overflowed() -> None:
    with pytest.raises(ValueError):
        parse_datetime("9999-12-31T23:00:00-12:00")
    assert parse_datetime("2099-12-31T23:00:00-12:00").year == 2099
