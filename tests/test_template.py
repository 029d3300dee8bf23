"""`evaluate template`: the fill-in workbook, opened as a clerk opens it, filled and scored.

The round trip: a template for a bureau, filled in by a script the way a clerk
does it (a title typed over the instruction row, Chinese values from the
dropdowns, real date cells, an empty row at the end), scores exactly as the
same unit handed in as YAML and CSV.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from clerks import leaves, typed

from evaluator._core.model import Message, Submission, UnitResult
from evaluator._core.problems import marked
from evaluator._inputs.entries import discover
from evaluator._inputs.submissions import read_submission
from evaluator._inputs.workbook_layout import (
    LABEL_SEPARATOR,
    PATH_COLUMN,
    UNIT_SHEET,
    workbook_layout,
)
from evaluator._scoring.engine import Engine, Options, evaluate
from evaluator.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def real() -> Engine:
    return Engine.load(Options(str(ROOT / "criteria"), str(ROOT / "plugins"), entry_points=False))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("template") / "xc-newunit.xlsx"
    status = main(
        ["template", "--kind", "bureau", "-o", str(out), "--criteria", str(ROOT / "criteria")]
    )
    assert status == 0
    return out


def test_the_template_has_the_contracts_sheets_in_the_schemes_order(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == [
        UNIT_SHEET,
        "重点领域公开",
        "政策文件",
        "政策解读",
        "回应关切",
        "政务舆情",
        "依申请公开",
        "网站更新及时性",
        "网站栏目",
        "互动留言",
        "年度报告",
        "保障监督机制",
        "政务公开培训",
        "重大决策",
        "会议开放",
        "#公开清单",  # the items the 事项 dropdown offers; "#": not read back
    ]
    unit = book[UNIT_SHEET]
    assert [unit.cell(row=r, column=1).value for r in (1, 2, 3)] == [
        "单位编号",
        "单位名称",
        "单位类型",
    ]
    assert unit["B3"].value == "区政府工作部门"  # the kind, by its display name


def test_record_sheets_have_an_instruction_chinese_headers_and_dropdowns(template: Path) -> None:
    sheet = openpyxl.load_workbook(template)["依申请公开"]
    assert "第2行是表头" in str(sheet["A1"].value)
    assert [c.value for c in sheet[2]] == [
        "申请编号",
        "收到日期",
        "答复日期",
        "是否延期",
        "处理结果",
        # the lawful pauses and the extension notice (issue 9, item 12), all optional
        "延期告知日期",
        "补正日期",
        "补正告知日期",
        "补正次数",
        "征求意见开始日期",
        "征求意见结束日期",
        "征求其他机关意见",
        "申请渠道",  # the evaluator matches its test requests by it (issue 21), optional
    ]
    assert sheet["A2"].font.color.rgb.endswith("C00000")  # required: red
    assert sheet.freeze_panes == "A3"
    rules = {str(v.sqref): (v.type, v.formula1) for v in sheet.data_validations.dataValidation}
    assert rules["E3:E1048576"] == (
        "list",
        '"予以公开,部分公开,不予公开,无法提供,不予处理,其他处理"',
    )
    assert rules["D3:D1048576"] == ("list", '"是,否"')
    assert rules["B3:B1048576"][0] == "date"
    assert rules["F3:F1048576"][0] == "date"  # 延期告知日期
    assert rules["H3:H1048576"][0] == "date"  # 补正告知日期
    assert rules["L3:L1048576"] == ("list", '"是,否"')  # 征求其他机关意见
    assert sheet.column_dimensions["B"].number_format == "yyyy-mm-dd"
    assert sheet.column_dimensions["A"].width >= 12


def test_a_sheet_name_keeps_to_excels_rules() -> None:
    from evaluator._inputs.workbook_layout import sheet_name

    assert sheet_name("依申请公开") == "依申请公开"
    assert sheet_name("a/b:c*d?[e]\\f") == "a_b_c_d__e__f"
    assert len(sheet_name("很长的名字" * 10)) == 31
    assert sheet_name("History") == "_History"


def test_the_same_template_twice_is_the_same_bytes(template: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.xlsx"
    assert main(["template", "--kind", "bureau", "-o", str(again)]) == 0
    assert again.read_bytes() == template.read_bytes()


def test_an_unknown_kind_or_a_non_xlsx_file_is_refused(tmp_path: Path, capsys: Any) -> None:
    with pytest.raises(SystemExit) as info:
        main(["template", "--kind", "town", "-o", str(tmp_path / "t.xlsx")])
    assert info.value.code == 2
    assert "town" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["template", "--kind", "bureau", "-o", str(tmp_path / "t.csv")])
    assert info.value.code == 2
    assert not (tmp_path / "t.xlsx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_template(template: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(template)],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "xc-newunit.csv").stat().st_size > 0


# ---------------------------------------------------------------- the round trip


def fill(template: Path, submission: Submission, engine: Engine, out: Path) -> None:
    """Fill a template with a unit's data as a clerk would, and save it as ``out``."""
    layout = workbook_layout(engine.schema.schema)
    book = openpyxl.load_workbook(template)
    unit = book[UNIT_SHEET]
    unit["B1"], unit["B2"] = submission.unit.id, submission.unit.name
    unit["B3"] = engine.scheme.unit_types[submission.unit.type]  # from the dropdown
    for spec in layout.records:
        records = submission.sections.get(spec.path[0], {}).get(spec.path[1])
        if records is None:  # a list the unit left out: its sheet goes (an empty one says none)
            book.remove(book[spec.name])
            continue
        sheet = book[spec.name]
        sheet["A1"] = f"{submission.unit.name}2016年{spec.name}台账"  # a title over the note
        properties = spec.items["properties"]
        names = list(properties)
        for record in records:
            sheet.append([typed(record.get(n), properties[n], dots=False) for n in names])
        sheet.append([None] * len(names))  # an empty trailing row
    for form in layout.forms:
        data = submission.sections.get(form.section)
        if data is None:
            continue
        sheet = book[form.name]
        rows = {r.path: r for r in form.rows}
        for path, value in leaves({k: v for k, v in data.items() if k in _plain_keys(form)}, ()):
            row = next((r for p, r in rows.items() if path[: len(p)] == p), None)
            assert row is not None, path
            label = LABEL_SEPARATOR.join((row.label, *path[len(row.path) :]))
            sheet.append([label, typed(value, row.schema, dots=False)])
    book.save(out)


def _plain_keys(form: Any) -> set[str]:
    return {row.path[0] for row in form.rows}


@pytest.mark.parametrize("unit", ["xc-housing", "xc-civil-affairs", "xc-tianqiao"])
def test_a_filled_template_scores_as_the_same_unit_in_yaml_and_csv(
    real: Engine, template: Path, tmp_path: Path, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (entry,) = [e for e in discover(str(ROOT / "submissions")) if e.name == unit]
    original = read_submission(entry, real.scheme, real.schema)
    assert isinstance(original, Submission)
    engine = _with_saved_report(real, original, Path(entry.path).parent, tmp_path)
    typed = _without_document(original)
    folder = tmp_path / "submissions"
    folder.mkdir()
    fill(template, typed, real, folder / f"{unit}.xlsx")
    from_book = read_submission(
        discover(str(folder))[0], real.scheme, real.schema, shown_as=f"{unit}.xlsx"
    )
    assert isinstance(from_book, Submission), from_book
    assert from_book.sections == typed.sections
    as_yaml = tmp_path / "as-yaml"
    shutil.copytree(Path(entry.path).parent, as_yaml / unit)
    monkeypatch.chdir(tmp_path)
    (scored,) = evaluate(engine, "submissions").units
    (expected,) = evaluate(engine, "as-yaml").units
    assert scored.total is not None
    assert _without_source(scored) == _without_source(expected)


def _with_saved_report(real: Engine, unit: Submission, folder: Path, tmp_path: Path) -> Engine:
    """``real`` with an evidence folder holding the evaluator's copy of the unit's report.

    A unit handed in as one workbook has no folder for its report's document: the
    evaluator's saved copy (evidence/annual_reports/<unit-id>.<ext>) stands in for it,
    and is the copy judged for the folder form too (the unit's copy is the same file).
    """
    document = folder / unit.sections["annual_report"]["document"]
    saved = tmp_path / "evidence" / "annual_reports"
    saved.mkdir(parents=True)
    shutil.copyfile(document, saved / f"{unit.unit.id}{document.suffix}")
    options = dataclasses.replace(real.options, evidence_dir=str(tmp_path / "evidence"))
    return Engine(real.scheme, real.registry, options)


def _without_document(unit: Submission) -> Submission:
    """The unit as a workbook can hold it: its annual report without a document to name."""
    report = {k: v for k, v in unit.sections["annual_report"].items() if k != "document"}
    return dataclasses.replace(unit, sections={**unit.sections, "annual_report": report})


def _without_source(result: UnitResult) -> UnitResult:
    # Where the records came from, and the digests of the record files (a folder's CSVs, none
    # for a workbook's sheets), and the report copies found (the folder's own and the
    # evaluator's, the evaluator's alone for a workbook), differ by format by design; the
    # scoring must not.
    indicators = tuple(dataclasses.replace(i, documents=()) for i in result.indicators)
    return dataclasses.replace(
        result,
        source_path="",
        source_sha256="",
        source_files=(),
        record_digests=(),
        indicators=indicators,
    )


def test_a_plugins_own_section_gets_its_sheets(tmp_path: Path) -> None:
    mini = ROOT / "tests" / "fixtures" / "mini"
    out = tmp_path / "t.xlsx"
    arguments = ["--criteria", str(mini / "criteria"), "--plugins-dir", str(mini / "plugins")]
    arguments.append("--no-entry-points")  # the demo plugin alone, not the installed areas
    assert main(["template", "--kind", "street", "-o", str(out), *arguments]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [UNIT_SHEET, "demo", "任务"]  # the demo plugin's section
    assert [c.value for c in book["任务"][2]] == [
        "任务编号",
        "截止日期",
        "完成日期",
        "任务类型",
        "是否核查",
    ]
    rules = {str(v.sqref): v.formula1 for v in book["任务"].data_validations.dataValidation}
    assert rules["D3:D1048576"] == '"日常,紧急"'
    labels = [book["demo"].cell(row=r, column=1).value for r in range(2, 6)]
    assert labels == ["done", "required", "ok", "explode"]


# ---------------------------------------------------------------- rows a scorer expects


def _arithmetic_params(engine: Engine) -> Mapping[str, Any]:
    (indicator,) = [i for i in engine.scheme.indicators() if i.scorer == "annual_report.arithmetic"]
    return indicator.params


def _figure_rows(template: Path) -> dict[str, int]:
    """Each figure row of the annual report sheet by its path, which column D keeps."""
    sheet = openpyxl.load_workbook(template)["年度报告"]
    paths = [sheet.cell(row=r, column=PATH_COLUMN).value for r in range(1, sheet.max_row + 1)]
    return {str(v): r for r, v in enumerate(paths, 1) if str(v).startswith("统计数据.")}


def test_figure_rows_are_labelled_in_chinese(real: Engine, template: Path) -> None:
    sheet = openpyxl.load_workbook(template)["年度报告"]
    rows = _figure_rows(template)
    labels = {path: sheet.cell(row=r, column=1).value for path, r in rows.items()}
    # what a clerk reads: the figure's name in the report's table, and what the row holds
    assert labels["统计数据.requests.received.in_person.percent"] == (
        "依申请公开·收到申请·当面申请：占比（%）"
    )
    assert labels["统计数据.requests.received.total.value"] == "依申请公开·收到申请·总数：数值"
    assert labels["统计数据.proactive.website"] == "主动公开·政府网站"
    assert not [label for label in labels.values() if re.search("[A-Za-z_]", label)]
    assert "D 列是项目的编号" in sheet["A1"].value  # and the note says what column D is


def test_the_annual_report_sheet_lists_every_required_figure(real: Engine, template: Path) -> None:
    params = _arithmetic_params(real)
    rows = _figure_rows(template)
    for path in params["required"]:
        assert f"统计数据.{path}" in rows or f"统计数据.{path}.value" in rows, path
    # a share the rules check has its own row; a figure in no sum or share has one row only
    assert "统计数据.requests.received.in_person.percent" in rows
    assert "统计数据.requests.received.total.percent" not in rows
    assert "统计数据.proactive.website" in rows
    assert not any(label.startswith("统计数据.proactive.website.") for label in rows)
    # in the order the criteria list them
    order = [label.removeprefix("统计数据.").removesuffix(".value") for label in rows]
    listed = [p for p in order if p in params["required"]]
    assert listed == list(params["required"])
    # column C names each figure as the report's table does (the scheme's labels)
    sheet = openpyxl.load_workbook(template)["年度报告"]
    explained = {label: str(sheet.cell(row=r, column=3).value) for label, r in rows.items()}
    assert explained["统计数据.requests.received.in_person.percent"].startswith(
        "依申请公开·收到申请·当面申请：占比"
    )
    assert explained["统计数据.proactive.website"].startswith("主动公开·政府网站：数值（必填）")


def test_filling_the_listed_figure_rows_scores_as_the_yaml_report(
    real: Engine, template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evaluator._core.frozen import thaw

    unit = "xc-audit"
    (entry,) = [e for e in discover(str(ROOT / "submissions")) if e.name == unit]
    original = read_submission(entry, real.scheme, real.schema)
    assert isinstance(original, Submission)
    sections = thaw(original.sections)
    figures = sections["annual_report"].pop("figures")
    folder = tmp_path / "submissions"
    folder.mkdir()
    book_path = folder / f"{unit}.xlsx"
    fill(template, dataclasses.replace(original, sections=sections), real, book_path)
    book = openpyxl.load_workbook(book_path)
    sheet = book["年度报告"]
    filled = 0
    for label, row in _figure_rows(template).items():
        *names, last = label.removeprefix("统计数据.").split(".")
        node: Any = figures
        for name in names:
            node = node.get(name, {}) if isinstance(node, Mapping) else {}
        value = node.get(last) if isinstance(node, Mapping) else None
        if isinstance(value, Mapping):  # a row for the whole figure, stated with its share
            value = value["value"]
        if value is None and last == "value" and not isinstance(node, Mapping):
            value = node  # stated as a plain number
        if value is not None:
            sheet.cell(row=row, column=2, value=value)
            filled += 1
    book.save(book_path)
    assert filled >= len(_arithmetic_params(real)["required"])
    as_yaml = tmp_path / "as-yaml"
    shutil.copytree(Path(entry.path).parent, as_yaml / unit)
    monkeypatch.chdir(tmp_path)
    (scored,) = evaluate(real, "submissions").units
    (expected,) = evaluate(real, "as-yaml").units
    assert scored.status == "ok", scored

    def report(result: UnitResult) -> list[tuple[str, float, list[str]]]:
        return [
            (i.id, i.points, [f.code for f in i.findings])
            for i in result.indicators
            if i.id.startswith("report_")
        ]

    assert report(scored) == report(expected)
    assert scored.total == expected.total


def test_a_failing_fields_function_only_loses_its_rows(
    real: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evaluator._reports.template import expected_fields

    def broken(params: Mapping[str, Any]) -> dict[str, str]:
        raise KeyError("rules")

    scorers = dict(real.registry.scorers)
    good, warnings = expected_fields(real.scheme, real.registry, "bureau")
    assert "figures.proactive.total" in good["annual_report"]
    assert warnings == []
    scorers["annual_report.arithmetic"] = dataclasses.replace(
        scorers["annual_report.arithmetic"], fields=broken
    )
    monkeypatch.setattr(real.registry, "scorers", scorers)
    fields, warnings = expected_fields(real.scheme, real.registry, "bureau")
    assert fields == {}
    assert [(w.code, w.params) for w in warnings] == [
        (
            "cli.template_fields_failed",
            {
                "plugin": real.registry.scorer_plugin["annual_report.arithmetic"],
                "scorer": "annual_report.arithmetic",
                "error": "KeyError: 'rules'",
            },
        )
    ]


def test_the_command_warns_of_a_failing_fields_function_and_writes_the_workbook(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import evaluator._reports.template as template_module

    failed = Message(
        "cli.template_fields_failed",
        {"plugin": "annual_report", "scorer": "annual_report.arithmetic", "error": "KeyError"},
    )
    fields = template_module.expected_fields

    def failing(*args: Any) -> tuple[dict[str, dict[str, str]], list[Message]]:
        return fields(*args)[0], [failed]

    monkeypatch.setattr(template_module, "expected_fields", failing)
    out = tmp_path / "t.xlsx"
    arguments = ["template", "--kind", "bureau", "-o", str(out), "--lang", "en"]
    assert main([*arguments, "--criteria", str(ROOT / "criteria")]) == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == UNIT_SHEET
    assert capsys.readouterr().err == marked("warning", failed.text("en"), "en") + "\n"


def test_explanations_from_plugins_are_text_never_formulas(real: Engine) -> None:
    import copy

    from evaluator._reports.template import template_workbook

    schema = copy.deepcopy(real.schema.schema)
    hotline = schema["properties"]["responsiveness"]["properties"]["hotline"]
    hotline["properties"]["calls"]["description"] = '=HYPERLINK("http://x.example","来电")'
    expected = {"annual_report": {"figures.proactive.total": "=1+1"}}
    book = template_workbook(
        schema, real.scheme.unit_types, "bureau", unit_id="xc-x", expected=expected
    )
    cells = [c for sheet in book for c in sheet["C"] if isinstance(c.value, str)]
    planted = [c for c in cells if "HYPERLINK" in c.value or c.value.endswith("1+1")]
    assert len(planted) == 2
    assert all(c.value.startswith("'=") and c.data_type == "s" for c in planted)
