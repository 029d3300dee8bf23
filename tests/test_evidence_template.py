"""`evaluate template --evidence`: the evaluator's workbook, filled in and scored (issue 21).

The round trip: the workbook for the sample's units, filled in by a script as
the evaluator would (one test request per unit in the first row of its block,
the other two rows left with the unit's id alone), saved as
``evidence/test_requests.xlsx`` beside the criteria: each row reaches its unit
through the reader the engine uses, and scores there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from evaluator_areas.responsiveness.verification import EVIDENCE, SHEET
from openpyxl.worksheet.worksheet import Worksheet

from evaluator._core.model import Location
from evaluator._core.problems import Refusal
from evaluator._inputs.entries import discover
from evaluator._inputs.evidence_lists import read_evidence_lists
from evaluator._inputs.record_rows import compile_record, fast_records, lay_out
from evaluator._reports.template import EVIDENCE_ROWS_PER_UNIT, template_command
from evaluator._scoring.engine import Engine, Options
from evaluator.cli import main
from evaluator.testing import EvaluationFolder

ROOT = Path(__file__).resolve().parents[1]
UNITS = [entry.name for entry in discover(str(ROOT / "submissions"))]
REFUSED = "xc-finance"  # its channel refused the request: loses test_channels' points
SHOUTED = "xc-audit"  # the evaluator typed its id in capitals


def _write(out: Path, *more: str) -> int:
    return main(
        ["template", "--evidence", "-o", str(out), "--criteria", str(ROOT / "criteria"), *more]
    )


@pytest.fixture(scope="module")
def book_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("evidence") / "test_requests.xlsx"
    assert _write(out, "--submissions", str(ROOT / "submissions")) == 0
    return out


def _sheet(path: Path) -> Worksheet:
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [SHEET]
    return book[SHEET]


def _titles() -> list[str]:
    return [sub["title"] for sub in EVIDENCE.schema["properties"].values()]


def test_a_sheet_named_as_the_reader_looks_for_it_with_its_chinese_headers(
    book_path: Path,
) -> None:
    sheet = _sheet(book_path)
    assert [c.value for c in sheet[2]] == _titles()
    assert _titles()[:6] == [
        "单位编号",
        "申请编号",
        "单位受理编号",
        "申请渠道",
        "发出日期",
        "渠道是否受理",
    ]
    assert "test_requests.xlsx" in str(sheet["A1"].value)  # the file to save it as


def test_each_unit_gets_a_block_of_rows_with_its_id_and_nothing_else(book_path: Path) -> None:
    sheet = _sheet(book_path)
    assert len(UNITS) == 31 and EVIDENCE_ROWS_PER_UNIT == 3
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [row[0] for row in rows] == [u for u in UNITS for _ in range(3)]
    assert all(value is None for row in rows for value in row[1:])


def test_enums_offer_their_chinese_labels_and_dates_are_date_cells(book_path: Path) -> None:
    sheet = _sheet(book_path)
    lists = {
        str(v.sqref).split(":")[0]: v.formula1
        for v in sheet.data_validations.dataValidation
        if v.type == "list"
    }
    assert lists["D3"] == '"网上平台,信函,电子邮件,当面"'  # 申请渠道
    assert lists["F3"] == '"是,否"'  # 渠道是否受理
    assert lists["J3"] == '"予以公开,部分公开,不予公开,无法提供,不予处理,其他处理"'
    assert lists["M3"] == '"是,否,不适用"'  # 是否说明理由
    dates = [k for k, d in sheet.column_dimensions.items() if d.number_format == "yyyy-mm-dd"]
    assert sorted(dates) == ["E", "G", "H", "I", "P"]  # 发出 回执 受理 答复 补正告知


def test_without_submissions_the_sheet_has_its_headers_alone(tmp_path: Path) -> None:
    out = tmp_path / "blank.xlsx"
    assert _write(out) == 0
    sheet = _sheet(out)
    assert sheet.max_row == 2
    assert [c.value for c in sheet[2]] == _titles()


def test_the_same_units_give_the_same_bytes(book_path: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.xlsx"
    assert _write(again, "--submissions", str(ROOT / "submissions")) == 0
    assert again.read_bytes() == book_path.read_bytes()


def _fill(path: Path, target: Path) -> None:
    """One request per unit in its block's first row, Chinese labels as the dropdowns give."""
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    headers = [c.value for c in sheet[2]]
    for block, unit in enumerate(UNITS):
        row = 3 + block * EVIDENCE_ROWS_PER_UNIT
        assert sheet.cell(row=row, column=1).value == unit
        values: Mapping[str, Any] = {
            "单位编号": SHOUTED.upper() if unit == SHOUTED else unit,
            "申请编号": f"YZ-{unit}",
            "申请渠道": "网上平台",
            "发出日期": dt.datetime(2016, 3, 1),
            "渠道是否受理": "否" if unit == REFUSED else "是",
            "答复日期": None if unit == REFUSED else dt.datetime(2016, 3, 10),
            "答复结果": None if unit == REFUSED else "予以公开",
        }
        for name, value in values.items():
            sheet.cell(row=row, column=headers.index(name) + 1, value=value)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)


@pytest.fixture(scope="module")
def filled(book_path: Path, tmp_path_factory: pytest.TempPathFactory) -> EvaluationFolder:
    folder = EvaluationFolder(tmp_path_factory.mktemp("sample"))
    folder.copy(ROOT)
    _fill(book_path, folder.path / "evidence" / "test_requests.xlsx")
    return folder


def test_every_row_reaches_its_unit_through_the_engines_reader(filled: EvaluationFolder) -> None:
    path = filled.path
    options = Options(str(path / "criteria"), str(path / "plugins"), entry_points=False)
    registry = Engine.load(options).registry
    records, errors = read_evidence_lists(str(path / "evidence"), registry.evidence)
    assert errors == []
    assert set(records.files) == {"test_requests"}
    for unit in UNITS:
        rows = records.for_unit(unit)["test_requests"]
        assert [row["id"] for row in rows] == [f"YZ-{unit}"], unit  # the unused rows skipped
        assert rows[0]["channel"] == "online"
        assert rows[0]["sent_on"] == dt.date(2016, 3, 1)


def test_the_filled_workbook_scores_the_sample(filled: EvaluationFolder) -> None:
    results = filled.run(entry_points=False)
    assert results.status == 0, results.stderr
    assert results.indicator(REFUSED, "test_channels")["points"] == 0
    for unit in UNITS:
        if unit != REFUSED:
            assert results.indicator(unit, "test_channels")["points"] == 5, unit
    assert not [w for w in results.warnings if w["code"] == "run.evidence_unknown_unit"]


def test_a_unit_id_in_another_case_lands_on_its_unit(filled: EvaluationFolder) -> None:
    shouted = openpyxl.load_workbook(filled.path / "evidence" / "test_requests.xlsx")[SHEET]
    assert shouted["A3"].value == SHOUTED.upper()  # xc-audit's block comes first
    results = filled.run(entry_points=False)
    channels = results.indicator(SHOUTED, "test_channels")
    assert channels["status"] == "ok" and channels["points"] == 5
    assert f"YZ-{SHOUTED}" in str(channels["findings"])


def test_a_row_giving_its_unit_alone_is_blank_but_one_more_cell_makes_it_a_record(
    tmp_path: Path,
) -> None:
    header = ",".join(_titles()[:6])
    lines = [header, "xc-a,,,,,", "xc-a,YZ-1,,online,2016-03-01,是", "xc-b,,,,,", ""]
    (tmp_path / "test_requests.csv").write_text("\n".join(lines), encoding="utf-8")
    records, errors = read_evidence_lists(str(tmp_path), {"test_requests": EVIDENCE})
    assert errors == []  # the fast path
    assert [row["id"] for row in records.for_unit("xc-a")["test_requests"]] == ["YZ-1"]
    assert records.units() == {"xc-a"}
    # a bad date sends the reader down the checked path: the unit-only rows stay blank there,
    # and a row with one cell more than its unit is a record missing its required cells
    lines[2] = "xc-a,YZ-1,,online,2016-13-01,是"
    lines[3] = "xc-b,,,,2016-03-01,"
    (tmp_path / "test_requests.csv").write_text("\n".join(lines), encoding="utf-8")
    _, errors = read_evidence_lists(str(tmp_path), {"test_requests": EVIDENCE})
    located = sorted((e.location.line, e.code) for e in errors)
    assert [line for line, _ in located] == [3, 4, 4, 4]
    assert [code for line, code in located if line == 4] == ["csv.required_empty"] * 3


def test_the_fast_path_leaves_out_unused_rows_itself() -> None:
    """Not by giving up on them: a sheet of a hundred blocks is read in one pass."""
    table = compile_record(EVIDENCE.schema, prefilled=("unit",))
    header = _titles()[:6]
    layout, errors = lay_out(header, table, 1, lambda line, column: Location("x", line, column))
    assert errors == []
    rows = [["xc-a", "", "", "", "", ""], ["xc-a", "YZ-1", "", "online", "2016-03-01", "是"]]
    records = fast_records(rows, layout, table, "text")
    assert records is not None
    assert [r["id"] for r in records] == ["YZ-1"]


def _refused(**given: Any) -> str:
    given.setdefault("kind", None)
    with pytest.raises(Refusal) as refused:
        template_command("out.xlsx", _never, **given)
    (problem,) = refused.value.problems
    return problem.code


def _never() -> Any:
    raise AssertionError("a usage error is told before anything is loaded")


def test_options_that_do_not_go_together_are_usage_errors() -> None:
    assert _refused() == "cli.template_needs_kind"
    assert _refused(kind="bureau", submissions="submissions") == "cli.template_needs_evidence"
    assert _refused(evidence=True, kind="bureau") == "cli.template_not_with_evidence"
    assert _refused(evidence=True, unit_id="xc-x") == "cli.template_not_with_evidence"


def test_a_usage_error_exits_2_with_the_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["template", "-o", str(tmp_path / "x.xlsx"), "--lang", "en"])
    assert exited.value.code == 2
    assert "--kind KIND" in capsys.readouterr().err


def test_a_missing_submissions_folder_is_refused(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere")
    with pytest.raises(Refusal) as refused:
        template_command(
            str(tmp_path / "x.xlsx"), _never, kind=None, evidence=True, submissions=missing
        )
    assert [p.code for p in refused.value.problems] == ["cli.no_such_folder"]
