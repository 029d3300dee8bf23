"""One cell to one value: the spellings clerks and Excel use, and what stays an error."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from evaluator._inputs.cells import (
    DATE_SPELLINGS,
    TIME_SPELLINGS,
    CellError,
    cell_text,
    compile_field,
    parse_cell_date,
    parse_cell_time,
)
from evaluator.section_schema import BOOLEAN, DATE, DATETIME, labelled_enum

BEIJING = dt.timezone(dt.timedelta(hours=8))
OUTCOME = labelled_enum({"granted": "予以公开", "refused": "不予公开"})


def problem(schema: dict[str, Any], cell: Any) -> tuple[str, dict[str, Any]]:
    """The code and params (empty hints left out) of the error a cell gives."""
    with pytest.raises(CellError) as info:
        compile_field("f", schema).value(cell)
    return info.value.code, {k: v for k, v in info.value.params.items() if v != ""}


@pytest.mark.parametrize(
    "text",
    ["2016-03-05", "2016-3-5", "2016/3/5", "2016年3月5日", "2016/03/05", "2016.3.5", "2016.03.05"],
)
def test_the_five_date_spellings(text: str) -> None:
    assert parse_cell_date(text) == dt.date(2016, 3, 5)


def test_a_dot_date_is_read_in_a_time_and_a_bad_one_is_an_error() -> None:
    assert compile_field("f", DATETIME).value("2016.7.25 9:30") == dt.datetime(
        2016, 7, 25, 9, 30, tzinfo=BEIJING
    )
    code, params = problem(DATE, "2016.13.1")  # no 13th month
    assert (code, params["value"]) == ("csv.date", "2016.13.1")
    assert "2016.3.5" in params["spellings"]


@pytest.mark.parametrize(
    "text",
    [
        "03/05/2016",  # month first or day first: nobody can tell
        "05/03/2016",
        "2016-13-01",
        "2016-02-30",
        "2016-3/5",  # mixed separators
        "2016年3月5",
        "16-3-5",
        "20160305",
        "2016.3-5",  # a dot and a dash
        "2016.2.30",
        "1899-12-31",
    ],
)
def test_ambiguous_or_impossible_dates_are_errors_listing_the_spellings(text: str) -> None:
    code, params = problem(DATE, text)
    assert code == "csv.date"
    assert params["value"] == text
    assert params["spellings"] == list(DATE_SPELLINGS)


def test_a_date_cell_is_its_date_and_a_midnight_time_too() -> None:
    field = compile_field("f", DATE)
    assert field.value(dt.date(2016, 3, 5)) == dt.date(2016, 3, 5)
    assert field.value(dt.datetime(2016, 3, 5)) == dt.date(2016, 3, 5)


def test_a_time_in_a_date_column_is_an_error() -> None:
    code, params = problem(DATE, dt.datetime(2016, 3, 5, 9, 30))
    assert (code, params["value"]) == ("csv.date", "2016-03-05 09:30:00")


def test_a_number_in_a_date_column_may_be_an_unformatted_excel_date() -> None:
    code, params = problem(DATE, 42434.0)
    assert code == "csv.date"
    assert params == {
        "value": "42434",
        "spellings": list(DATE_SPELLINGS),
        "advice": "hint.excel_serial",
        "date": "2016-03-05",
    }


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2016-04-10T09:00", dt.datetime(2016, 4, 10, 9, 0, tzinfo=BEIJING)),
        ("2016-04-10 09:00", dt.datetime(2016, 4, 10, 9, 0, tzinfo=BEIJING)),
        ("2016/4/10 9:00:30", dt.datetime(2016, 4, 10, 9, 0, 30, tzinfo=BEIJING)),
        ("2016年4月10日 9:00", dt.datetime(2016, 4, 10, 9, 0, tzinfo=BEIJING)),
        ("2016-04-10T01:00Z", dt.datetime(2016, 4, 10, 9, 0, tzinfo=BEIJING)),
        ("2016-04-10 03:00+02:00", dt.datetime(2016, 4, 10, 9, 0, tzinfo=BEIJING)),
    ],
)
def test_time_spellings_without_an_offset_are_beijing_time(text: str, moment: dt.datetime) -> None:
    parsed = parse_cell_time(text)
    assert parsed == moment
    assert parsed.utcoffset() is not None


@pytest.mark.parametrize("text", ["2016-04-10", "2016-04-10 25:00", "04/10/2016 09:00", "9:00"])
def test_bad_times_list_the_spellings(text: str) -> None:
    code, params = problem(DATETIME, text)
    assert (code, params["spellings"]) == ("csv.time", list(TIME_SPELLINGS))


def test_a_time_cell_is_beijing_time() -> None:
    field = compile_field("f", DATETIME)
    assert field.value(dt.datetime(2016, 4, 10, 9, 0)) == dt.datetime(
        2016, 4, 10, 9, 0, tzinfo=BEIJING
    )


@pytest.mark.parametrize(
    ("cell", "value"),
    [("是", True), ("否", False), ("TRUE", True), ("false", False), (True, True), (0.0, False)],
)
def test_booleans_in_words_or_as_cells(cell: Any, value: bool) -> None:
    assert compile_field("f", BOOLEAN).value(cell) is value


@pytest.mark.parametrize("cell", ["True", "1", "Y", 2.0])
def test_other_booleans_are_errors(cell: Any) -> None:
    assert problem(BOOLEAN, cell)[0] == "csv.boolean"


def test_enumerations_take_the_value_or_its_chinese_label() -> None:
    field = compile_field("outcome", OUTCOME)
    assert field.value("予以公开") == "granted"
    assert field.value(" granted ") == "granted"
    code, params = problem(OUTCOME, "予以公")
    assert code == "csv.enum"
    assert params["options"] == ["予以公开（granted）", "不予公开（refused）"]
    assert params["suggestion"] == "予以公开"


def test_cells_are_trimmed_and_an_empty_one_is_absent() -> None:
    field = compile_field("f", DATE)
    assert field.value("  2016-3-5\u3000") == dt.date(2016, 3, 5)
    assert field.value("   ") is None
    assert field.value("") is None


def test_numbers_read_as_text_lose_excels_point_zero() -> None:
    assert cell_text(12.0) == "12"
    assert cell_text(1.5) == "1.5"
    assert cell_text(True) == "TRUE"
    assert compile_field("id", {"type": "string"}).value(2016001.0) == "2016001"


def test_integers_refuse_fractions_and_check_their_bounds() -> None:
    schema = {"type": "integer", "minimum": 0}
    assert compile_field("n", schema).value(3.0) == 3
    assert problem(schema, 2.5)[0] == "csv.integer"
    assert problem(schema, -1.0) == (
        "csv.range",
        {"value": -1, "relation": "word.at_least", "bound": 0},
    )
    assert problem(schema, True)[0] == "csv.integer"
