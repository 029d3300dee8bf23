"""Record lists from workbooks: typed cells, errors at their cell, and workbooks that bite.

Workbooks are written here with openpyxl, as Excel lays them out; the corpus in
``tests/fixtures/forms`` holds files saved by LibreOffice (``.xls``, ``.ods``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from request_table import HEADER, TABLE

from evaluator import RecordColumns
from evaluator._inputs.spreadsheets import (
    MAX_SHEET_CELLS,
    UNPACKED_RATIO,
    read_sheet_records,
)
from evaluator._reading.files import FileProblem


def workbook(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str = "依申请公开",
    top: int = 1,
    left: int = 1,
    merge: str | None = None,
    others: Sequence[str] = (),
) -> Path:
    """An .xlsx with ``rows`` from cell (``top``, ``left``) of ``sheet``."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = sheet
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                first.cell(row=top + r, column=left + c, value=value)
    if merge:
        first.merge_cells(merge)
    for name in others:
        book.create_sheet(name)
    book.save(path)
    return path


def read(folder: Path, name: str = "r.xlsx", sheet: str | None = None, **limits: int) -> Any:
    """The sheet read into rows; read as columns too, which must give the same."""
    rows = read_sheet_records(name, sheet, str(folder), TABLE, shown_as=f"u/{name}", **limits)
    columns = read_sheet_records(
        name, sheet, str(folder), TABLE, shown_as=f"u/{name}", as_columns=True, **limits
    )
    assert list(columns.records) == list(rows.records)
    assert (columns.errors, columns.warnings) == (rows.errors, rows.warnings)
    return rows


def test_a_sheet_without_problems_comes_as_columns(tmp_path: Path) -> None:
    rows = [
        [*HEADER, "备注"],
        ["2016-0001", dt.date(2016, 3, 1), dt.datetime(2016, 3, 18), False, "予以公开", "x"],
        [2016002, "2016/3/2", None, "是", "refused", None],  # a number in a text field
        [" R-3 ", dt.date(2016, 3, 3), None, None, "granted", None],
    ]
    workbook(tmp_path / "r.xlsx", rows)
    found = read_sheet_records(
        "r.xlsx", None, str(tmp_path), TABLE, shown_as="u/r.xlsx", as_columns=True
    )
    assert isinstance(found.records, RecordColumns) and found.errors == []
    assert found.records.column("id") == ("2016-0001", "2016002", "R-3")
    assert found.records.column("extended") == (False, True, None)
    assert found.records == read(tmp_path).records
    # a blank row is the row reader's to skip: rows, the same records
    workbook(tmp_path / "r.xlsx", [*rows[:2], [None] * 6, *rows[2:]])
    again = read_sheet_records(
        "r.xlsx", None, str(tmp_path), TABLE, shown_as="u/r.xlsx", as_columns=True
    )
    assert not isinstance(again.records, RecordColumns) and again.records == found.records


def located(found: Any) -> list[tuple[str, str]]:
    return [(str(e.location), e.code) for e in found.errors]


def test_a_sheet_as_clerks_fill_it_reads_as_records(tmp_path: Path) -> None:
    workbook(
        tmp_path / "r.xlsx",
        [
            ["西城区某局2016年依申请公开台账", None, None, None, None, None],
            [*HEADER, "备注"],
            [
                "2016-0001",
                dt.date(2016, 3, 1),
                dt.datetime(2016, 3, 18),
                False,
                "予以公开",
                "已办结",
            ],
            [2016002, "2016/3/2", None, "是", "refused", None],
            [None] * 6,
            [" ", None, None, None, None, "只有备注的一行"],
        ],
        merge="A1:F1",
    )
    found = read(tmp_path)
    assert found.errors == []
    assert found.records == [
        {
            "id": "2016-0001",
            "received_on": dt.date(2016, 3, 1),
            "replied_on": dt.date(2016, 3, 18),
            "extended": False,
            "outcome": "granted",
        },
        {
            "id": "2016002",
            "received_on": dt.date(2016, 3, 2),
            "extended": True,
            "outcome": "refused",
        },
    ]
    assert len(found.sha256) == 64


def test_errors_name_the_sheet_and_the_cell_wherever_the_data_starts(tmp_path: Path) -> None:
    # a title in B2, the header in row 4 from column B, data from row 5
    workbook(
        tmp_path / "r.xlsx",
        [
            ["台账"],
            [],
            HEADER,
            ["R1", dt.date(2016, 3, 1), "03/05/2016", "否", "予以公开"],
            ["R2", dt.date(2016, 3, 2), None, "不知道", "予以公开"],
        ],
        top=2,
        left=2,
    )
    found = read(tmp_path)
    assert located(found) == [
        ("u/r.xlsx:依申请公开!D5", "csv.date"),
        ("u/r.xlsx:依申请公开!E6", "csv.boolean"),
    ]
    (first, second) = found.errors
    assert (first.location.line, first.location.column, first.location.sheet) == (
        5,
        4,
        "依申请公开",
    )
    assert first.params["field"] == "答复日期"
    assert second.params == {"field": "是否延期", "value": "不知道"}


def test_a_header_typo_is_located_at_its_cell(tmp_path: Path) -> None:
    workbook(tmp_path / "r.xlsx", [["申请编号", "收到日期", "处理结杲"]], top=3)
    found = read(tmp_path)
    assert located(found) == [("u/r.xlsx:依申请公开!C3", "csv.unknown_column")]
    assert found.errors[0].params["suggestion"] == "处理结果"


def test_the_sheet_is_chosen_by_name_or_is_the_first(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "说明"
    first["A1"] = "请在第二个工作表填写"
    data = book.create_sheet("依申请公开")
    data.append(["id", "received_on"])
    data.append(["R1", dt.date(2016, 3, 1)])
    book.save(tmp_path / "r.xlsx")
    assert read(tmp_path, sheet="依申请公开").records == [
        {"id": "R1", "received_on": dt.date(2016, 3, 1)}
    ]
    assert located(read(tmp_path)) == [("u/r.xlsx:说明!1:1", "csv.no_header")]
    with pytest.raises(FileProblem) as info:
        read(tmp_path, sheet="依申请")
    assert info.value.code == "sheet.missing"
    assert info.value.params["suggestion"] == "依申请公开"
    assert info.value.params["sheets"] == ["说明", "依申请公开"]


def test_an_empty_sheet_is_an_error(tmp_path: Path) -> None:
    workbook(tmp_path / "r.xlsx", [])
    assert located(read(tmp_path)) == [("u/r.xlsx:依申请公开", "sheet.empty")]


def test_a_number_where_a_date_belongs_says_which_date_it_may_be(tmp_path: Path) -> None:
    workbook(tmp_path / "r.xlsx", [HEADER[:2], ["R1", 42430]])
    (error,) = read(tmp_path).errors
    assert (error.code, error.params["advice"], error.params["date"]) == (
        "csv.date",
        "hint.excel_serial",
        "2016-03-01",
    )


def test_not_a_workbook_is_refused_in_the_file(tmp_path: Path) -> None:
    (tmp_path / "r.xlsx").write_text("id,received_on\n", encoding="utf-8")
    assert located(read(tmp_path)) == [("u/r.xlsx", "sheet.unreadable")]


# ---------------------------------------------------------------- workbooks that bite


def _rezip(source: bytes, change: dict[str, bytes]) -> bytes:
    """A copy of a zip with some parts' contents replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            new.writestr(
                info, change.get(info.filename, old.read(info.filename)), zipfile.ZIP_DEFLATED
            )
    return out.getvalue()


def _sheet_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return book.read("xl/worksheets/sheet1.xml")


def test_a_zip_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    plain = workbook(
        tmp_path / "plain.xlsx", [HEADER[:2], ["R1", dt.date(2016, 3, 1)]]
    ).read_bytes()
    padding = b" " * 3_000_000  # whitespace compresses about a thousandfold
    xml = _sheet_xml(plain).replace(b"<sheetData>", b"<sheetData>" + padding)
    (tmp_path / "r.xlsx").write_bytes(_rezip(plain, {"xl/worksheets/sheet1.xml": xml}))
    assert (tmp_path / "r.xlsx").stat().st_size < 100_000
    found = read(tmp_path, max_bytes=200_000)
    assert located(found) == [("u/r.xlsx", "sheet.unpacked_too_large")]
    assert found.errors[0].params["limit"] == UNPACKED_RATIO * 200_000
    # the same file under the default cap is an ordinary workbook
    assert read(tmp_path).errors == []


def test_a_zip_whose_headers_understate_a_part_is_refused(tmp_path: Path) -> None:
    plain = workbook(
        tmp_path / "plain.xlsx", [HEADER[:2], ["R1", dt.date(2016, 3, 1)]]
    ).read_bytes()
    xml = _sheet_xml(plain).replace(b"<sheetData>", b"<sheetData>" + b" " * 3_000_000)
    data = bytearray(_rezip(plain, {"xl/worksheets/sheet1.xml": xml}))
    # claim the sheet unpacks to 100 bytes, in its local header and in the central directory
    for match in re.finditer(rb"PK\x03\x04|PK\x01\x02", bytes(data)):
        start = match.start()
        central = data[start + 2 : start + 4] == b"\x01\x02"
        name_at, size_at = (start + 46, start + 24) if central else (start + 30, start + 22)
        length_at = start + (28 if central else 26)
        (length,) = struct.unpack("<H", data[length_at : length_at + 2])
        if data[name_at : name_at + length] == b"xl/worksheets/sheet1.xml":
            data[size_at : size_at + 4] = struct.pack("<I", 100)
    (tmp_path / "r.xlsx").write_bytes(bytes(data))
    assert located(read(tmp_path, max_bytes=200_000)) == [("u/r.xlsx", "sheet.unreadable")]


@pytest.mark.parametrize("far", [b'r="XFD1048576"', b"r='xfd1048576'", b'r = "AAAA999999"'])
def test_cells_far_apart_are_refused_before_calamine_builds_their_grid(
    tmp_path: Path, far: bytes
) -> None:
    # A1 and XFD1048576 alone ask calamine for a 17-billion-cell grid: it would abort
    plain = workbook(tmp_path / "plain.xlsx", [HEADER[:2], ["R1", "R2"]]).read_bytes()
    cell = b'<row r="9"><c ' + far + b' t="inlineStr"><is><t>x</t></is></c></row>'
    xml = _sheet_xml(plain).replace(b"</sheetData>", cell + b"</sheetData>")
    (tmp_path / "r.xlsx").write_bytes(_rezip(plain, {"xl/worksheets/sheet1.xml": xml}))
    found = read(tmp_path)
    assert located(found) == [("u/r.xlsx", "sheet.too_many_cells")]
    assert found.errors[0].params["cells"] > MAX_SHEET_CELLS


def test_a_wide_sheet_with_few_rows_is_counted_exactly_and_read(tmp_path: Path) -> None:
    # 200 columns pass the quick bound of 99,999 rows only when counted exactly
    rows = [[*HEADER[:2], *[None] * 197, "备注"], ["R1", dt.date(2016, 3, 1)]]
    workbook(tmp_path / "r.xlsx", rows)
    assert read(tmp_path).records == [{"id": "R1", "received_on": dt.date(2016, 3, 1)}]


def test_a_sheet_of_bad_rows_keeps_a_hundred_errors_and_counts_the_rest(tmp_path: Path) -> None:
    rows = [HEADER[:2]] + [[f"R{n}", "某日"] for n in range(130)]
    workbook(tmp_path / "r.xlsx", rows)
    found = read(tmp_path)
    assert found.records == []
    assert len(found.errors) == 101
    last = found.errors[-1]
    assert (str(last.location), last.code, dict(last.params)) == (
        "u/r.xlsx:依申请公开!101:101",
        "csv.more_errors",
        {"limit": 100, "rows": 30},
    )


def test_the_quick_cell_bound_reads_only_attributes_named_r() -> None:
    from evaluator._inputs.workbook_checks import _PartScan

    box = _PartScan()
    box.feed(b'<sheetView defaultGridColor="true"/><pageSetup pageOrder="downThenOver"/>')
    box.feed(b'<row r="100001"><c r="A100001" t="s"><v>1</v></c><c r="AB7"/></row>')
    assert (box.columns, box.rows) == (28, 100_001)  # AB, and the row past 99,999
    assert not box.walk
