"""Record lists read from CSV: header checks, typed cells, errors with line and column."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from evaluator._core.model import InputError
from evaluator._inputs.cells import DATE_SPELLINGS
from evaluator._inputs.csv_records import compile_record, is_csv_reference, read_records
from evaluator._reading.files import FileProblem

SPELLINGS = list(DATE_SPELLINGS)

REQUEST = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "received_on"],
    "properties": {
        "id": {"type": "string"},
        "received_on": {"type": "string", "format": "date"},
        "replied_on": {"type": "string", "format": "date"},
        "extended": {"type": "boolean"},
        "pages": {"type": "integer", "minimum": 0},
        "outcome": {"type": "string", "enum": ["granted", "refused"]},
    },
}
TABLE = compile_record(REQUEST)


Problem = tuple[str, str, dict[str, Any]]


def problem(error: InputError) -> Problem:
    """An error as tests pin it: where, its code, and its params (empty hints left out)."""
    params = {k: v for k, v in error.params.items() if v != ""}
    return (str(error.location), error.code, params)


def read(folder: Path, text: str, name: str = "requests.csv") -> tuple[list[dict], list[Problem]]:
    (folder / name).write_text(text, encoding="utf-8")
    read = read_records(name, str(folder), TABLE, shown_as=f"u/{name}")
    return read.records, [problem(e) for e in read.errors]


def test_csv_reference_shape() -> None:
    assert is_csv_reference({"csv": "requests.csv"})
    assert not is_csv_reference({"csv": "a.csv", "extra": 1})
    assert not is_csv_reference([{"csv": "a.csv"}])


def test_cells_become_typed_values(tmp_path: Path) -> None:
    records, errors = read(
        tmp_path,
        "id,received_on,replied_on,extended,pages,outcome\n"
        "R1,2016-03-01,2016-03-18,false,3,granted\n"
        "R2,2016-03-02,,true,,\n",
    )
    assert errors == []
    assert records == [
        {
            "id": "R1",
            "received_on": dt.date(2016, 3, 1),
            "replied_on": dt.date(2016, 3, 18),
            "extended": False,
            "pages": 3,
            "outcome": "granted",
        },
        # empty cells are absent fields, not empty strings
        {"id": "R2", "received_on": dt.date(2016, 3, 2), "extended": True},
    ]


def test_columns_may_come_in_any_order(tmp_path: Path) -> None:
    records, errors = read(tmp_path, "received_on,id\n2016-03-01,R1\n")
    assert errors == []
    assert records == [{"id": "R1", "received_on": dt.date(2016, 3, 1)}]


def test_unknown_column_suggests_the_known_one(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "id,recieved_on,received_on\nR1,x,2016-03-01\n")
    (error,) = errors
    # header is line 1, the misspelt column is the 2nd
    assert error[:2] == ("u/requests.csv:1:2", "csv.unknown_column")
    assert error[2]["name"] == "recieved_on"
    assert (error[2]["hint"], error[2]["suggestion"]) == ("hint.did_you_mean", "received_on")


def test_missing_required_column(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "id,replied_on\nR1,2016-03-18\n")
    assert errors == [("u/requests.csv:1:1", "csv.missing_columns", {"names": ["received_on"]})]


def test_repeated_column(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "id,received_on,id\nR1,2016-03-01,R2\n")
    assert errors == [("u/requests.csv:1:1", "csv.repeated_column", {"names": ["id"]})]


def test_bad_cells_name_file_line_and_column(tmp_path: Path) -> None:
    _, errors = read(
        tmp_path,
        "id,received_on,extended\n"
        "R1,2016-03-01,false\n"
        "R2,03/02/2016,false\n"  # line 3, column 2
        "R3,2016-03-03,yes\n",  # line 4, column 3
    )
    assert errors == [
        (
            "u/requests.csv:3:2",
            "csv.date",
            {"field": "received_on", "value": "03/02/2016", "spellings": SPELLINGS},
        ),
        ("u/requests.csv:4:3", "csv.boolean", {"field": "extended", "value": "yes"}),
    ]


def test_dates_parsed_for_one_file_read_the_same_in_the_next(tmp_path: Path) -> None:
    # Parsed dates are shared across files: a bad cell must still fail every time.
    text = "id,received_on\nR1,2016-03-01\nR2,2016-02-30\n"
    for name in ("a.csv", "b.csv"):
        _, errors = read(tmp_path, text, name)
        assert errors == [
            (
                f"u/{name}:3:2",
                "csv.date",
                {"field": "received_on", "value": "2016-02-30", "spellings": SPELLINGS},
            )
        ]
    records, _ = read(tmp_path, "id,received_on\nR1,2016-03-01\n", "c.csv")
    assert records == [{"id": "R1", "received_on": dt.date(2016, 3, 1)}]


def test_empty_required_cell(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "id,received_on\nR1,\n")
    assert errors == [("u/requests.csv:2:2", "csv.required_empty", {"field": "received_on"})]


@pytest.mark.parametrize("cell", ["True", "1", "yes", "Y", "对"])
def test_booleans_are_true_false_in_either_case_or_shi_fou(tmp_path: Path, cell: str) -> None:
    _, errors = read(tmp_path, f"id,received_on,extended\nR1,2016-03-01,{cell}\n")
    assert errors == [("u/requests.csv:2:3", "csv.boolean", {"field": "extended", "value": cell})]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("true", True),
        ("TRUE", True),
        ("是", True),
        ("false", False),
        ("FALSE", False),
        ("否", False),
    ],
)
def test_the_six_boolean_spellings(tmp_path: Path, cell: str, value: bool) -> None:
    records, errors = read(tmp_path, f"id,received_on,extended\nR1,2016-03-01,{cell}\n")
    assert errors == []
    assert records[0]["extended"] is value


def test_full_width_digits_in_an_integer_cell(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "id,received_on,pages\nR1,2016-03-01,１２\n")
    assert errors == [
        (
            "u/requests.csv:2:3",
            "csv.integer",
            {"field": "pages", "value": "１２", "advice": "hint.full_width", "fixed": "12"},
        )
    ]


def test_enum_and_minimum_are_checked_per_cell(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "id,received_on,pages,outcome\nR1,2016-03-01,-1,grated\n")
    assert errors == [
        (
            "u/requests.csv:2:3",
            "csv.range",
            {"field": "pages", "value": -1, "relation": "word.at_least", "bound": 0},
        ),
        (
            "u/requests.csv:2:4",
            "csv.enum",
            {
                "field": "outcome",
                "value": "grated",
                "options": ["granted", "refused"],
                "hint": "hint.did_you_mean",
                "suggestion": "granted",
            },
        ),
    ]


def test_row_of_the_wrong_width(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "id,received_on\nR1,2016-03-01,extra\n\n")
    # 3 cells where the header has 2; the blank last line is skipped
    assert errors == [("u/requests.csv:2:3", "csv.cell_count", {"expected": 2, "found": 3})]


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_bytes(b"\xef\xbb\xbfid,received_on\r\nR1,2016-03-01\r\n")
    read = read_records("r.csv", str(tmp_path), TABLE, shown_as="r.csv")
    assert read.errors == []
    assert read.records == [{"id": "R1", "received_on": dt.date(2016, 3, 1)}]


def test_empty_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text("", encoding="utf-8")
    with pytest.raises(FileProblem, match=r"csv\.empty"):
        read_records("r.csv", str(tmp_path), TABLE, shown_as="r.csv")


@pytest.mark.parametrize("reference", ["../other/r.csv", "sub/../../r.csv", "..\\r.csv"])
def test_parent_folder_is_refused(tmp_path: Path, reference: str) -> None:
    unit = tmp_path / "unit"
    unit.mkdir()
    with pytest.raises(FileProblem, match=r"reference\.parent"):
        read_records(reference, str(unit), TABLE, shown_as=reference)


def test_absolute_path_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "r.csv"
    target.write_text("id,received_on\n", encoding="utf-8")
    with pytest.raises(FileProblem, match=r"reference\.absolute"):
        read_records(str(target), str(tmp_path), TABLE, shown_as="r.csv")


def test_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    unit = tmp_path / "unit"
    unit.mkdir()
    outside = tmp_path / "secret.csv"
    outside.write_text("id,received_on\nR1,2016-03-01\n", encoding="utf-8")
    os.symlink(outside, unit / "r.csv")
    with pytest.raises(FileProblem, match=r"reference\.outside"):
        read_records("r.csv", str(unit), TABLE, shown_as="r.csv")


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileProblem, match=r"reference\.missing"):
        read_records("absent.csv", str(tmp_path), TABLE, shown_as="absent.csv")


def test_nested_schema_cannot_be_compiled() -> None:
    with pytest.raises(TypeError, match="cannot come from a CSV cell"):
        compile_record({"properties": {"tags": {"type": "array"}}})


def test_errors_are_input_errors(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text("id,received_on\nR1,x\n", encoding="utf-8")
    errors = read_records("r.csv", str(tmp_path), TABLE, shown_as="r.csv").errors
    assert all(isinstance(e, InputError) for e in errors)
    assert (errors[0].location.line, errors[0].location.column) == (2, 2)


def test_date_cell_outside_1900_to_2099_names_the_range(tmp_path: Path) -> None:
    table = compile_record(
        {
            "type": "object",
            "additionalProperties": False,
            "properties": {"id": {"type": "string"}, "on": {"type": "string", "format": "date"}},
        }
    )
    (tmp_path / "r.csv").write_text("id,on\nA,0001-01-01\n", encoding="utf-8")
    errors = read_records("r.csv", str(tmp_path), table, shown_as="r.csv").errors
    assert [problem(e) for e in errors] == [
        (
            "r.csv:2:2",
            "csv.date",
            {
                "field": "on",
                "value": "0001-01-01",
                "spellings": SPELLINGS,
                "advice": "hint.year_range",
            },
        )
    ]


def test_lines_are_counted_in_the_file_when_a_quoted_cell_spans_lines(tmp_path: Path) -> None:
    table = compile_record(
        {
            "type": "object",
            "additionalProperties": False,
            "properties": {"id": {"type": "string"}, "on": {"type": "string", "format": "date"}},
        }
    )
    # record "a\nb" takes lines 2-3, so the bad date of record c is on line 4
    (tmp_path / "r.csv").write_text('id,on\n"a\nb",2016-01-01\nc,2016-02-30\n', encoding="utf-8")
    errors = read_records("r.csv", str(tmp_path), table, shown_as="r.csv").errors
    assert [(e.location.line, e.location.column) for e in errors] == [(4, 2)]


@pytest.mark.parametrize(
    "text",
    [
        "id,received_on\n本年度无\n",
        "id,received_on\n本年度无,\n",  # as a spreadsheet saves it: the row's other cells empty
        "某局依申请公开台账\nid,received_on\n,\n  本年度无。,\n\n",  # a title, a blank row, a stop
        "本年度无\n",  # no header at all
        "2016年度\n本年度无\n",
    ],
    ids=["alone", "with empty cells", "title and full stop", "no header", "title, no header"],
)
def test_none_this_year_is_an_empty_list(tmp_path: Path, text: str) -> None:
    # 本年度无 in the first row means no record this year: the empty list YAML's [] gives
    assert read(tmp_path, text) == ([], [])


def test_a_record_after_none_this_year_is_an_error(tmp_path: Path) -> None:
    records, errors = read(tmp_path, "id,received_on\n本年度无,\n,\nR1,2016-03-01\n")
    assert records == []
    assert errors == [("u/requests.csv:4:1", "sheet.none_and_records", {"none": "本年度无"})]


def test_none_this_year_below_a_record_is_a_bad_record(tmp_path: Path) -> None:
    # only the first row under the header may say it; a record's id cannot be 本年度无 and a date
    records, errors = read(tmp_path, "id,received_on\nR1,2016-03-01\n本年度无,\n")
    assert records == [] and [e[:2] for e in errors] == [
        ("u/requests.csv:3:2", "csv.required_empty")
    ]
