"""A unit handed in as one workbook: which sheets count, labels and values, and where errors are.

Workbooks are built here with openpyxl, sheet by sheet, and read against the
mini scheme (section ``demo``: counts, two booleans and a ``tasks`` list).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from evaluator._core.model import Submission
from evaluator._inputs.entries import discover
from evaluator._inputs.submissions import read_submission
from evaluator._scoring.engine import Engine

Sheets = Mapping[str, Sequence[Sequence[Any]]]
UNIT = [["单位编号", "b-book"], ["单位名称", "工作簿局"], ["单位类型", "bureau"]]


def read(engine: Engine, folder: Path, sheets: Sheets, name: str = "b-book") -> Any:
    """Write ``sheets`` as ``<name>.xlsx`` in ``folder`` and read it as a unit."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    book.save(folder / f"{name}.xlsx")
    (entry,) = [e for e in discover(str(folder)) if e.name == name]
    found = read_submission(entry, engine.scheme, engine.schema, shown_as=f"{name}.xlsx")
    if isinstance(found, Submission):
        return found
    return [(str(e.location), e.code, dict(e.params)) for e in found]


def test_labels_and_types_may_be_english_or_chinese(mini_engine: Engine, tmp_path: Path) -> None:
    unit = [["id", "b-book"], ["name", "工作簿局"], ["type", "bureau"]]
    form = [["说明：B 列填写"], ["done", 3], ["required", 4.0], ["ok", "是"]]
    found = read(mini_engine, tmp_path, {"单位": unit, "demo": form})
    assert isinstance(found, Submission), found
    assert found.unit.type == "bureau"
    assert found.sections == {"demo": {"done": 3, "required": 4, "ok": True}}


def test_the_unit_type_may_be_its_display_name(mini_engine: Engine, tmp_path: Path) -> None:
    display = mini_engine.scheme.unit_types["street"]
    unit = [["单位编号", "b-book"], ["单位名称", "工作簿局"], ["单位类型", display]]
    found = read(mini_engine, tmp_path, {"单位": unit})
    assert isinstance(found, Submission), found
    assert found.unit.type == "street"
    assert found.sections == {}


def test_a_record_sheet_is_read_like_a_record_file(mini_engine: Engine, tmp_path: Path) -> None:
    tasks = [
        ["某局任务台账"],
        ["任务编号", "截止日期", "完成日期", "备注"],
        ["T1", dt.date(2016, 3, 1), "2016/2/28", "提前"],
        [None, None, None, None],
    ]
    found = read(mini_engine, tmp_path, {"单位": UNIT, "任务": tasks})
    assert isinstance(found, Submission), found
    assert found.sections == {
        "demo": {
            "tasks": [{"id": "T1", "due_on": dt.date(2016, 3, 1), "done_on": dt.date(2016, 2, 28)}]
        }
    }


def test_empty_sheets_and_note_sheets_are_not_read(mini_engine: Engine, tmp_path: Path) -> None:
    sheets: Sheets = {
        "单位": UNIT,
        "Sheet1": [],
        "备注": [["随便写些什么", 1]],
        "#草稿": [["done", "not a number"]],
        "demo": [["说明"]],
    }
    found = read(mini_engine, tmp_path, sheets)
    assert isinstance(found, Submission), found
    assert found.sections == {}  # nothing filled in: the section was not submitted


@pytest.mark.parametrize(
    "rows",
    [
        [["任务编号", "截止日期"]],  # a header and no rows
        [["某局任务台账"], ["任务编号", "截止日期"], [None, None], ["本年度无", None]],
        [["任务编号", "截止日期", "备注"], ["  本年度无。", None, None]],
        [["本年度无"]],  # no header at all
    ],
    ids=["header only", "title and 本年度无", "本年度无 with a full stop", "本年度无 alone"],
)
def test_an_empty_record_sheet_is_none_this_year(
    mini_engine: Engine, tmp_path: Path, rows: list[list[Any]]
) -> None:
    found = read(mini_engine, tmp_path, {"单位": UNIT, "任务": rows})
    assert isinstance(found, Submission), found
    assert found.sections == {"demo": {"tasks": []}}  # as `tasks: []` in YAML


def test_an_absent_record_sheet_leaves_its_list_out(mini_engine: Engine, tmp_path: Path) -> None:
    found = read(mini_engine, tmp_path, {"单位": UNIT, "demo": [["说明"], ["done", 3]]})
    assert isinstance(found, Submission), found
    assert found.sections == {"demo": {"done": 3}}  # no tasks key: not submitted


def test_a_record_after_none_this_year_is_located(mini_engine: Engine, tmp_path: Path) -> None:
    rows = [["任务编号", "截止日期"], ["本年度无", None], ["T1", "2016-03-01"]]
    found = read(mini_engine, tmp_path, {"单位": UNIT, "任务": rows})
    assert found == [("b-book.xlsx:任务!A3", "sheet.none_and_records", {"none": "本年度无"})]


def test_an_unknown_sheet_with_data_is_an_error(mini_engine: Engine, tmp_path: Path) -> None:
    found = read(mini_engine, tmp_path, {"单位": UNIT, "任务表": [["任务编号", "截止日期"]]})
    ((at, code, params),) = found
    assert (at, code, params["sheet"], params["suggestion"]) == (
        "b-book.xlsx:任务表",
        "workbook.unknown_sheet",
        "任务表",
        "任务",
    )


def test_labels_unknown_or_given_twice_are_located(mini_engine: Engine, tmp_path: Path) -> None:
    form = [["done", 1], ["dune", 2], ["done", 3]]
    found = read(mini_engine, tmp_path, {"单位": UNIT, "demo": form})
    assert [(at, code) for at, code, _ in found] == [
        ("b-book.xlsx:demo!A2", "workbook.unknown_label"),
        ("b-book.xlsx:demo!A3", "workbook.label_twice"),
    ]
    assert found[0][2]["suggestion"] == "done"


def test_a_bad_value_is_located_at_its_cell(mini_engine: Engine, tmp_path: Path) -> None:
    found = read(mini_engine, tmp_path, {"单位": UNIT, "demo": [["说明"], ["ok", "也许"]]})
    assert found == [
        ("b-book.xlsx:demo!B2", "csv.boolean", {"field": "ok", "value": "也许"}),
    ]


def test_without_a_unit_sheet_the_workbook_is_refused(mini_engine: Engine, tmp_path: Path) -> None:
    found = read(mini_engine, tmp_path, {"demo": [["done", 1]]})
    codes = [code for _, code, _ in found]
    assert codes[0] == "workbook.no_unit_sheet"
    assert "schema.required" in codes  # and the unit block is missing, said in the same pass


def test_the_unit_id_must_be_the_file_name(mini_engine: Engine, tmp_path: Path) -> None:
    found = read(mini_engine, tmp_path, {"单位": UNIT}, name="b-other")
    assert found == [
        (
            "b-other.xlsx:单位!B1",
            "unit.id_mismatch",
            {"id": "b-book", "form": "word.workbook", "name": "b-other"},
        )
    ]


def test_one_list_in_two_sheets_is_an_error(mini_engine: Engine, tmp_path: Path) -> None:
    tasks = [["id", "due_on"], ["T1", "2016-03-01"]]
    found = read(mini_engine, tmp_path, {"单位": UNIT, "任务": tasks, "demo.tasks": tasks})
    assert found == [
        (
            "b-book.xlsx:demo.tasks",
            "workbook.sheet_twice",
            {"sheet": "demo.tasks", "path": "demo.tasks"},
        )
    ]
