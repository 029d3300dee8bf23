"""The rows of a record list: the header rule, ignored rows and columns, the error cap.

Shown with CSV files (the same code reads spreadsheet sheets; see
``test_spreadsheets.py`` for cell locations).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from request_table import TABLE

from evaluator._core.model import Location
from evaluator._inputs.csv_records import read_records
from evaluator._inputs.record_rows import (
    HEADER_SEARCH_ROWS,
    MAX_ERRORS_PER_FILE,
    checked_records,
    fast_records,
    is_header,
    lay_out,
)

Problem = tuple[str, str, dict[str, Any]]


def read(folder: Path, text: str) -> tuple[list[dict[str, Any]], list[Problem]]:
    (folder / "r.csv").write_text(text, encoding="utf-8")
    found = read_records("r.csv", str(folder), TABLE, shown_as="r.csv")
    errors = [
        (str(e.location), e.code, {k: v for k, v in e.params.items() if v != ""})
        for e in found.errors
    ]
    return found.records, errors


def test_chinese_headers_values_and_dates_read_as_their_fields(tmp_path: Path) -> None:
    records, errors = read(
        tmp_path,
        "申请编号,收到日期,答复日期,是否延期,处理结果\n"
        "2016-0001,2016/3/1,2016年3月18日,否,予以公开\n"
        "2016-0002, 2016-3-2 ,,是,refused\n",
    )
    assert errors == []
    assert records == [
        {
            "id": "2016-0001",
            "received_on": dt.date(2016, 3, 1),
            "replied_on": dt.date(2016, 3, 18),
            "extended": False,
            "outcome": "granted",
        },
        {
            "id": "2016-0002",
            "received_on": dt.date(2016, 3, 2),
            "extended": True,
            "outcome": "refused",
        },
    ]


def test_a_title_row_above_the_header_is_skipped_and_lines_still_count(tmp_path: Path) -> None:
    _, errors = read(
        tmp_path,
        "2016年依申请公开台账,,\n"  # a title: one cell, no field name
        ",,\n"
        "申请编号,收到日期,是否延期\n"
        "R1,2016-03-01,否\n"
        "R2,03/01/2016,否\n",  # line 5 of the file
    )
    assert [(at, code) for at, code, _ in errors] == [("r.csv:5:2", "csv.date")]


def test_a_row_half_of_whose_cells_are_field_names_is_not_the_header(tmp_path: Path) -> None:
    # "说明" is no field, "申请编号" is one: one of two is not most, so the header is row 2
    records, errors = read(
        tmp_path, "说明：按收到日期排列,申请编号\n申请编号,收到日期\nR1,2016-03-01\n"
    )
    assert errors == []
    assert records == [{"id": "R1", "received_on": dt.date(2016, 3, 1)}]


def test_the_header_rule_counts_non_empty_cells() -> None:
    assert is_header(["申请编号", "收到日期", "收到日起"], TABLE)  # two of three
    assert not is_header(["申请编号", "说明"], TABLE)  # one of two
    assert not is_header(["", ""], TABLE)
    assert is_header(["id", "", "", "备注"], TABLE)  # a note column counts as known
    assert is_header(["#序号", "申请编号", "其他"], TABLE)


def test_a_header_cell_that_is_no_field_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "申请编号,收到日期,答复日起\nR1,2016-03-01,2016-03-02\n")
    ((at, code, params),) = errors
    assert (at, code, params["name"], params["suggestion"]) == (
        "r.csv:1:3",
        "csv.unknown_column",
        "答复日起",
        "答复日期",
    )


def test_a_field_named_twice_in_two_languages_is_a_repeated_column(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "id,申请编号,received_on\nR1,R1,2016-03-01\n")
    assert errors == [("r.csv:1:1", "csv.repeated_column", {"names": ["id"]})]


def test_note_columns_are_never_read(tmp_path: Path) -> None:
    records, errors = read(
        tmp_path, "#,申请编号,收到日期,备注（经办人）\n1,R1,2016-03-01,not a date at all\n"
    )
    assert errors == []
    assert records == [{"id": "R1", "received_on": dt.date(2016, 3, 1)}]


def test_empty_and_blank_rows_are_ignored_wherever_they_are(tmp_path: Path) -> None:
    records, errors = read(
        tmp_path,
        "申请编号,收到日期,备注\n,,\nR1,2016-03-01,\n , \u3000 ,\n"  # blank, and spaces only
        ",,只有备注\nR2,2016-03-02,\n,,\n,,\n",  # a note alone, trailing empty rows
    )
    assert errors == []
    assert [r["id"] for r in records] == ["R1", "R2"]


def test_a_cell_under_no_header_is_an_error(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "申请编号,收到日期,\nR1,2016-03-01,\nR2,2016-03-02,多出来的\n")
    assert errors == [("r.csv:3:3", "csv.unnamed_cell", {"value": "多出来的"})]


def test_no_header_in_the_first_rows_is_an_error_naming_the_fields(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "R1,2016-03-01\nR2,2016-03-02\n")
    ((at, code, params),) = errors
    assert (at, code, params["rows"]) == ("r.csv:1", "csv.no_header", HEADER_SEARCH_ROWS)
    assert {"id", "申请编号", "收到日期"} <= set(params["known"])


def test_errors_stop_at_the_cap_and_the_rows_left_are_counted(tmp_path: Path) -> None:
    bad = 150
    text = "申请编号,收到日期\n" + "".join(f"R{n},someday\n" for n in range(bad)) + ",\n"
    records, errors = read(tmp_path, text)
    assert records == []
    assert len(errors) == MAX_ERRORS_PER_FILE + 1
    assert errors[MAX_ERRORS_PER_FILE - 1][0] == f"r.csv:{MAX_ERRORS_PER_FILE + 1}:2"
    # stopped at line 101 (the 100th bad row): 50 more rows with data, the blank one not counted
    assert errors[-1] == (
        f"r.csv:{MAX_ERRORS_PER_FILE + 1}",
        "csv.more_errors",
        {"limit": MAX_ERRORS_PER_FILE, "rows": bad - MAX_ERRORS_PER_FILE},
    )


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_a_gbk_csv_is_read_with_a_warning_naming_it(tmp_path: Path, encoding: str) -> None:
    text = "申请编号,收到日期,处理结果\r\n依申-1,2016年3月1日,不予公开\r\n"
    (tmp_path / "r.csv").write_bytes(text.encode(encoding))
    found = read_records("r.csv", str(tmp_path), TABLE, shown_as="u/r.csv")
    assert found.errors == []
    assert found.records == [
        {"id": "依申-1", "received_on": dt.date(2016, 3, 1), "outcome": "refused"}
    ]
    assert [(w.code, dict(w.params)) for w in found.warnings] == [
        ("csv.legacy_encoding", {"path": "u/r.csv"})
    ]


def test_a_file_in_no_known_encoding_is_refused_where_it_breaks(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_bytes("申请编号,收到日期\n".encode() + b"R1,\x80\xff\n")
    found = read_records("r.csv", str(tmp_path), TABLE, shown_as="r.csv")
    assert [(str(e.location), e.code) for e in found.errors] == [("r.csv:2:4", "file.not_utf8")]


COLUMNS = [  # each column's cells: mostly good, some empty or blank, a few bad
    ["R1", " R2 ", "2016-0003", "", " ", "\u3000"],
    ["2016-03-01", "2016/3/2", " 2016年3月3日 ", "2016-3-4", "03/04/2016", ""],
    ["", "2016-03-05", "2016/3/6", "\u3000", "someday"],
    ["是", "否", "TRUE", "false", "", " ", "maybe"],
    ["予以公开", "refused", "granted ", "", "不予", " "],
]
ROW = st.tuples(*(st.sampled_from(cells) for cells in COLUMNS)).map(list)


@settings(max_examples=400, deadline=None)
@given(st.lists(ROW, max_size=12))
def test_the_fast_path_and_the_checked_path_agree(rows: list[list[str]]) -> None:
    """Whatever the fast path returns, the row-by-row path returns too, without an error."""
    header = ["申请编号", "收到日期", "答复日期", "是否延期", "处理结果"]
    layout, errors = lay_out(header, TABLE, 1, lambda line, column: Location("r.csv", line))
    assert errors == []
    fast = fast_records(iter(rows), layout, TABLE, "text")
    numbered = iter(enumerate(rows, 2))
    checked, problems = checked_records(
        numbered, layout, TABLE, "text", lambda line, column: Location("r.csv", line, column)
    )
    if fast is not None:
        assert problems == []
        assert fast == checked


TYPED = [  # what calamine gives for the same columns: typed cells beside text
    [*COLUMNS[0], 2016004.0],
    [*COLUMNS[1], dt.date(2016, 3, 7), dt.datetime(2016, 3, 8), 42430.0],
    [*COLUMNS[2], dt.date(2016, 3, 9), dt.datetime(2016, 3, 9, 10, 30)],
    [*COLUMNS[3], True, False, 1.0, 2.0],
    [*COLUMNS[4], 3.0],
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(*(st.sampled_from(c) for c in TYPED)).map(list), max_size=12))
def test_the_two_paths_agree_on_spreadsheet_cells(rows: list[list[Any]]) -> None:
    header = ["申请编号", "收到日期", "答复日期", "是否延期", "处理结果"]
    layout, _ = lay_out(header, TABLE, 1, lambda line, column: Location("r.xlsx", line))
    fast = fast_records(iter(rows), layout, TABLE, "values")
    checked, problems = checked_records(
        iter(enumerate(rows, 2)),
        layout,
        TABLE,
        "values",
        lambda line, column: Location("r.xlsx", line, column, "s"),
    )
    if fast is not None:
        assert problems == []
        assert fast == checked
