"""Where an error is: a line and column in a text file, a cell in a workbook's sheet."""

from __future__ import annotations

import json

import pytest

from evaluator._core.model import InputError, Location, column_letters
from evaluator._reports.json_results import _error


@pytest.mark.parametrize(
    ("column", "letters"),
    [
        (1, "A"),
        (2, "B"),
        (26, "Z"),
        (27, "AA"),
        (28, "AB"),
        (52, "AZ"),
        (53, "BA"),
        (702, "ZZ"),
        (703, "AAA"),
        (16384, "XFD"),
    ],
)
def test_column_numbers_become_letters(column: int, letters: str) -> None:
    assert column_letters(column) == letters


def test_a_text_file_location_reads_path_line_column() -> None:
    assert str(Location("u/requests.csv", 12, 2)) == "u/requests.csv:12:2"
    assert str(Location("u/requests.csv", 12)) == "u/requests.csv:12"
    assert str(Location("u/requests.csv")) == "u/requests.csv"


def test_a_cell_location_reads_file_sheet_and_cell() -> None:
    assert (
        str(Location("u/依申请公开.xlsx", 12, 2, "依申请公开"))
        == "u/依申请公开.xlsx:依申请公开!B12"
    )
    # a whole row, as Excel's name box selects it
    assert str(Location("u/a.xlsx", 12, 0, "依申请公开")) == "u/a.xlsx:依申请公开!12:12"
    assert str(Location("u/a.xlsx", 0, 0, "依申请公开")) == "u/a.xlsx:依申请公开"


def test_json_errors_gain_a_sheet_only_in_workbooks() -> None:
    in_sheet = _error(InputError(Location("u/a.xlsx", 12, 2, "依申请公开"), "csv.date"), "zh")
    assert (in_sheet["path"], in_sheet["sheet"], in_sheet["line"], in_sheet["column"]) == (
        "u/a.xlsx",
        "依申请公开",
        12,
        2,
    )
    in_text = _error(InputError(Location("u/a.csv", 3, 1), "csv.date"), "zh")
    assert "sheet" not in in_text
    json.dumps(in_sheet, ensure_ascii=False)


def test_the_results_schema_takes_an_error_with_a_sheet() -> None:
    import jsonschema

    from evaluator._reports.json_results import results_schema

    schema = results_schema()
    error = _error(InputError(Location("u/a.xlsx", 12, 2, "依申请公开"), "csv.date"), "en")
    error_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/error"}
    jsonschema.validate(error, error_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**error, "sheet": 3}, error_schema)
