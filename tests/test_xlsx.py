"""The workbook (``--format xlsx``), read back with openpyxl and opened by LibreOffice."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_render_trust import HOSTILE_ID, hostile_evaluation

from evaluator._core.model import Message
from evaluator._reports.xlsx import sheet_title, write_xlsx

SAMPLE = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run here is dated 2017-01-10, so that two runs give the same results."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1484006400")


def workbook_and_json(
    run_cli, tmp_path: Path, cwd: Path | None = None, *options: str
) -> tuple[Any, dict[str, Any]]:
    """The workbook (written with ``options``) and the JSON results of one evaluation (the
    mini one by default)."""
    extra = {} if cwd is None else {"cwd": cwd}
    book, results = tmp_path / "results.xlsx", tmp_path / "results.json"
    run = run_cli("submissions", "-o", str(book), *options, **extra)
    assert run.status in (0, 1), run.err
    run_cli("submissions", "-o", str(results), **extra)
    return openpyxl.load_workbook(book), json.loads(results.read_text(encoding="utf-8"))


def rows_of(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


def test_sheets_are_the_kinds_then_lost_points_unscored_and_about(run_cli, tmp_path) -> None:
    book, _ = workbook_and_json(run_cli, tmp_path)
    assert book.sheetnames == ["部门", "街道", "扣分明细", "未评分", "说明"]


def test_every_score_cell_equals_the_json_result(run_cli, tmp_path) -> None:
    for cwd in (None, SAMPLE):
        book, results = workbook_and_json(run_cli, tmp_path, cwd)
        compared = 0
        for unit in results["units"]:
            sheet = book[
                [s for s in book.sheetnames if s not in ("扣分明细", "未评分", "说明")][
                    0 if unit["type"] == "bureau" else 1
                ]
            ]
            header = rows_of(sheet)[0]
            row = next(r for r in rows_of(sheet)[1:] if r[1] == unit["id"])
            assert row[header.index("总分")] == unit["total"]
            assert row[header.index("排名")] == unit["rank"]
            assert row[header.index("等级")] == unit["grade"]
            for dim in unit["dimensions"]:
                column = next(
                    i for i, h in enumerate(header) if h and h.startswith(dim["name"] + "\n（")
                )
                assert row[column] == dim["score"], (unit["id"], dim["id"])
                compared += 1
        assert compared == sum(len(u["dimensions"]) for u in results["units"])


@pytest.mark.parametrize("internal", [False, True], ids=["clients", "internal"])
def test_lost_points_sheet_holds_every_deduction_of_the_json(
    run_cli, tmp_path, internal: bool
) -> None:
    options = ("--internal",) if internal else ()
    book, results = workbook_and_json(run_cli, tmp_path, SAMPLE, *options)
    rows = rows_of(book["扣分明细"])
    assert rows[0] == ("编号", "单位", "维度", "指标", "失分", "代码", "问题", "涉及记录")
    assert book["扣分明细"].auto_filter.ref == f"A1:H{len(rows)}"
    # Excel keeps 15 significant digits: apportioned deductions compare to that
    written = sorted((r[0], r[5], r[4] or 0.0) for r in rows[1:])
    expected = sorted(
        (u["id"], f["code"], f["deduction"] or 0.0)
        for u in results["units"]
        for i in u["indicators"]
        for f in i["findings"]
        if lost(i) or f["code"].startswith(("integrity.", "audit."))
        # the evaluator's own notes that cost nothing only in the evaluator's copy
        if internal or f["audience"] == "unit" or f["deduction"]
    )
    assert [w[:2] for w in written] == [e[:2] for e in expected]
    assert [w[2] for w in written] == pytest.approx([e[2] for e in expected], rel=1e-14)
    assert len(written) > 100


def lost(indicator: dict[str, Any]) -> bool:
    """The contract's rule: an indicator shows all its findings when it cost points."""
    return indicator["status"] in ("error", "no_data") or (
        indicator["status"] == "ok" and round(indicator["max"] - indicator["points"], 2) > 0
    )


def test_headers_carry_weights_and_the_contract_columns(run_cli, tmp_path) -> None:
    book, _ = workbook_and_json(run_cli, tmp_path)
    header = rows_of(book["部门"])[0]
    # each dimension's name, then the points the scheme gives it (not its share: 60%)
    assert header[:5] == ("排名", "编号", "单位", "工作\n（60 分）", "检查\n（40 分）")
    assert header[5:8] == ("总分", "等级", "备注")
    assert book["部门"].freeze_panes == "D2"


def test_scores_are_numbers_formatted_at_precision(run_cli, tmp_path) -> None:
    book, _ = workbook_and_json(run_cli, tmp_path)
    total = book["部门"]["F2"]
    assert isinstance(total.value, float | int)
    assert total.number_format == "0.00"


def test_vetoed_unit_is_marked_and_grades_are_filled(run_cli, tmp_path) -> None:
    book, _ = workbook_and_json(run_cli, tmp_path)
    sheet = book["部门"]
    delta = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "b-delta")
    # 60.00 ranks behind the two units at 70.00 even unvetoed
    assert delta[7].value == "一票否决：合规；未否决时排名 4"
    assert delta[2].font.color.rgb.endswith("9C0006")
    alpha = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "b-alpha")
    assert alpha[6].fill.fgColor.rgb.endswith("C6EFCE")
    assert delta[6].fill.fgColor.rgb.endswith("FFC7CE")


def test_distribution_table_and_native_chart_beside_each_ranking(run_cli, tmp_path) -> None:
    book, _ = workbook_and_json(run_cli, tmp_path)
    sheet = book["部门"]
    header = rows_of(sheet)[0]
    band = header.index("分数段")
    bands = [(r[band], r[band + 1]) for r in rows_of(sheet)[1:11]]
    assert bands[-1] == ("90–100", 1) and bands[6] == ("60–70", 1) and bands[7] == ("70–80", 2)
    assert sum(count for _, count in bands) == 4  # b-epsilon is incomplete: no total
    assert len(sheet._charts) == 1


def test_unscored_sheet_lists_the_invalid_submission(run_cli, tmp_path) -> None:
    book, _ = workbook_and_json(run_cli, tmp_path)
    rows = rows_of(book["未评分"])
    assert rows[0] == ("文件", "行", "列", "代码", "原因")
    assert rows[1][:4] == ("submissions/s-bad/submission.yaml", 4, 3, "schema.unknown_field")
    assert "requried" in rows[1][4]


def test_about_sheet_has_provenance(run_cli, tmp_path) -> None:
    book, results = workbook_and_json(run_cli, tmp_path)
    pairs = {r[0]: r[1] for r in rows_of(book["说明"]) if r and r[0]}
    assert pairs["方案 SHA-256"] == results["scheme"]["sha256"]
    # the results' UTC time in Beijing time, the scheme giving no time zone
    utc = dt.datetime.fromisoformat(results["generated_at"].replace("Z", "+00:00"))
    beijing = (utc + dt.timedelta(hours=8)).strftime("%Y-%m-%d %H:%M:%S")
    assert pairs["生成时间"] == f"{beijing} +08:00"
    assert pairs["评估引擎"] == f"evaluator {results['engine']['version']}"
    assert "优秀" in pairs and pairs["优秀"] == 90
    rules = [r[0] for r in rows_of(book["说明"]) if r and r[0] and str(r[0]).startswith("否决规则")]
    # the mini scheme does not state its veto_scope: the default, said to be one
    assert rules == [
        "否决规则：一票否决的单位评为最后一等，排在未被否决的单位之后（方案未规定，按默认）"
    ]


def test_same_results_give_the_same_bytes(run_cli, tmp_path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    run_cli("submissions", "-o", str(first))
    run_cli("submissions", "-o", str(second), "--jobs", "2")
    assert first.read_bytes() == second.read_bytes()
    properties = openpyxl.load_workbook(first).properties
    assert properties.created == properties.modified == dt.datetime(2017, 1, 10)


def test_hostile_names_are_text_not_formulas(tmp_path) -> None:
    target = tmp_path / "hostile.xlsx"
    with target.open("wb") as stream:
        write_xlsx(hostile_evaluation(), stream)
    book = openpyxl.load_workbook(target)
    row = next(r for r in book["区政府工作部门"].iter_rows(min_row=2) if r[1].value == HOSTILE_ID)
    assert row[2].data_type == "s"
    assert row[2].value.startswith("'=HYPERLINK")
    assert "\n" not in row[2].value and "\x1b" not in row[2].value
    for sheet in book:
        for cells in sheet.iter_rows():
            assert all(c.data_type != "f" for c in cells), sheet.title


def test_sheet_titles_are_valid_and_unique() -> None:
    assert sheet_title("a/b:c*d?[e]", []) == "a b c d  e"
    assert sheet_title("说明", ["说明"]) == "说明 (2)"
    assert len(sheet_title("很" * 40, [])) == 31
    assert sheet_title("=SUM(A1)", []) == "'=SUM(A1)".strip("'")


def test_xlsx_needs_an_output_file(run_cli) -> None:
    run = run_cli("submissions", "--format", "xlsx")
    assert run.status == 2
    assert Message("cli.xlsx_needs_output").text() in run.err


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui",
)
def test_libreoffice_opens_the_workbook(run_cli, tmp_path) -> None:
    book = tmp_path / "results.xlsx"
    run_cli("submissions", "-o", str(book), cwd=SAMPLE)
    profile = tmp_path / "profile"
    # UTF-8 CSV of every sheet (LibreOffice 7.2+: sheet -1 = all, one file each)
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    kinds = sorted(tmp_path.glob("results-*.csv"))
    names = [p.name for p in kinds]
    assert "results-区政府工作部门.csv" in names and "results-扣分明细.csv" in names, names
    bureaus = list(
        csv.reader(io.StringIO((tmp_path / "results-区政府工作部门.csv").read_text("utf-8")))
    )
    assert bureaus[0][:3] == ["排名", "编号", "单位"]
    assert bureaus[1][1:3] == ["xc-finance", "西城区财政局"]
    assert bureaus[1][7] == "100.00"  # the number format at precision, as a reader sees it
    assert len([r for r in bureaus[1:] if r[1]]) == 16
