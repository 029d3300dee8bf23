"""What clerks send must score as they mean it (issue 22, items 5 and 6).

A unit's workbook is built from the template the way a clerk fills it in:
Chinese headers under a title row, a 备注 column, dates typed with dots, and
a sheet left with its header only or saying 本年度无. Each is scored against
the same unit written in YAML, where "none this year" is the empty list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from clerks import clerks_workbook

from evaluator._core.frozen import thaw
from evaluator._core.model import Submission, UnitResult
from evaluator._inputs.entries import discover
from evaluator._inputs.submissions import read_submission
from evaluator._inputs.workbook_layout import (
    PATH_COLUMN,
    workbook_layout,
)
from evaluator._scoring.engine import Engine, Options, evaluate
from evaluator.cli import main

ROOT = Path(__file__).resolve().parents[1]
UNIT = "xc-culture"  # a bureau with a record in every list, an incident included
RECORD_SHEETS = ["重点领域公开", "政策文件", "政策解读", "政务舆情"]
RECORD_SHEETS += ["依申请公开", "网站栏目", "互动留言"]


@pytest.fixture(scope="module")
def real() -> Engine:
    return Engine.load(Options(str(ROOT / "criteria"), str(ROOT / "plugins"), entry_points=False))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("template") / "blank.xlsx"
    assert main(["template", "--kind", "bureau", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def original(real: Engine) -> Submission:
    (entry,) = [e for e in discover(str(ROOT / "submissions")) if e.name == UNIT]
    found = read_submission(entry, real.scheme, real.schema)
    assert isinstance(found, Submission), found
    return found


def _plain(value: Any) -> Any:
    """A value as JSON (and so YAML) text holds it: dates and times in ISO form."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def yaml_unit(unit: Any, sections: Mapping[str, Any], out: Path) -> None:
    """The unit as one YAML file (JSON is YAML): what the workbook must score as."""
    body = {"unit": {"id": unit.id, "name": unit.name, "type": unit.type}, **_plain(sections)}
    out.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")


def _without_source(result: UnitResult) -> UnitResult:
    return dataclasses.replace(
        result, source_path="", source_sha256="", source_files=(), record_digests=()
    )


def _score_both(
    engine: Engine,
    template: Path,
    original: Submission,
    sections: Mapping[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    say_none: bool = False,
) -> tuple[UnitResult, UnitResult, Submission]:
    """The unit scored from a clerk's workbook and from YAML, and the workbook as read."""
    books, yamls = tmp_path / "books", tmp_path / "yamls"
    books.mkdir()
    yamls.mkdir()
    book = books / f"{UNIT}.xlsx"
    clerks_workbook(template, engine, original.unit, sections, book, say_none=say_none)
    yaml_unit(original.unit, sections, yamls / f"{UNIT}.yaml")
    read = read_submission(discover(str(books))[0], engine.scheme, engine.schema)
    assert isinstance(read, Submission), read
    monkeypatch.chdir(tmp_path)
    (from_book,) = evaluate(engine, "books").units
    (from_yaml,) = evaluate(engine, "yamls").units
    return from_book, from_yaml, read


@pytest.mark.parametrize("say_none", [False, True], ids=["header only", "本年度无"])
@pytest.mark.parametrize("sheet", RECORD_SHEETS)
def test_an_empty_record_sheet_scores_as_the_empty_list_in_yaml(
    real: Engine,
    template: Path,
    original: Submission,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sheet: str,
    say_none: bool,
) -> None:
    (spec,) = [s for s in workbook_layout(real.schema.schema).records if s.name == sheet]
    section, name = spec.path
    sections = thaw(original.sections)
    assert sections[section][name], "the unit must have records here for the test to mean much"
    sections[section][name] = []
    from_book, from_yaml, read = _score_both(
        real, template, original, sections, tmp_path, monkeypatch, say_none=say_none
    )
    assert read.sections[section][name] == []  # none this year, not left out
    assert from_book.total is not None
    assert _without_source(from_book) == _without_source(from_yaml)


@pytest.mark.parametrize("sheet", ["依申请公开", "政务舆情"])
def test_none_this_year_in_a_csv_file_scores_as_the_empty_list_in_yaml(
    real: Engine,
    original: Submission,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sheet: str,
) -> None:
    # a record list as a CSV file: its Chinese header, then 本年度无 in the first row
    (spec,) = [s for s in workbook_layout(real.schema.schema).records if s.name == sheet]
    section, name = spec.path
    sections = thaw(original.sections)
    sections[section][name] = []
    del sections["annual_report"]["document"]  # a file beside the unit's: one YAML has none
    yamls, folder = tmp_path / "yamls", tmp_path / "csv" / UNIT
    yamls.mkdir()
    folder.mkdir(parents=True)
    yaml_unit(original.unit, sections, yamls / f"{UNIT}.yaml")
    sections[section][name] = {"csv": "records.csv"}
    yaml_unit(original.unit, sections, folder / "submission.yaml")
    titles = [field.get("title", key) for key, field in spec.items["properties"].items()]
    (folder / "records.csv").write_text(",".join(titles) + "\n本年度无\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (from_csv,) = evaluate(real, "csv").units
    (from_yaml,) = evaluate(real, "yamls").units
    assert from_csv.status == "ok", from_csv
    assert _without_source(from_csv) == _without_source(from_yaml)


def test_an_untouched_section_with_required_figures_is_not_submitted(
    real: Engine, template: Path, original: Submission, tmp_path: Path
) -> None:
    # 网站栏目 and 互动留言 left with their headers, the 网站 figures blank: the website
    # section needs its monitoring figures, so nothing of it was submitted (未提交),
    # rather than a section refused for missing figures.
    sections = thaw(original.sections)
    sections["website"] = {"columns": [], "messages": []}  # no figures: the 网站 sheet blank
    book = tmp_path / f"{UNIT}.xlsx"
    clerks_workbook(template, real, original.unit, sections, book)
    assert openpyxl.load_workbook(book)["网站栏目"].max_row == 2  # the template's header only
    read = read_submission(discover(str(tmp_path))[0], real.scheme, real.schema)
    assert isinstance(read, Submission), read
    assert "website" not in read.sections
    assert set(read.sections) == set(sections) - {"website"}


def test_the_clerks_workbook_as_a_whole_scores_as_yaml(
    real: Engine,
    template: Path,
    original: Submission,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Chinese headers under a title row, a 备注 column, every date typed with dots,
    # and 本年度无 in the incidents sheet: the same result as the unit in YAML.
    sections = thaw(original.sections)
    sections["responsiveness"]["incidents"] = []
    from_book, from_yaml, read = _score_both(
        real, template, original, sections, tmp_path, monkeypatch, say_none=True
    )
    assert read.sections == sections
    assert from_book.status == "ok", from_book
    assert _without_source(from_book) == _without_source(from_yaml)


# ---------------------------------------------------------------- the template a firm sends out


def test_the_template_says_what_it_wrote_and_takes_the_kinds_name(
    run_cli: Any, tmp_path: Path
) -> None:
    by_name, by_key = tmp_path / "by-name.xlsx", tmp_path / "by-key.xlsx"
    done = run_cli("template", "--kind", "街道办事处", "-o", str(by_name), cwd=ROOT)
    assert done.status == 0, done.err
    assert run_cli("template", "--kind", "street", "-o", str(by_key), cwd=ROOT).status == 0
    assert by_name.read_bytes() == by_key.read_bytes()
    sheets = openpyxl.load_workbook(by_name).sheetnames
    assert done.out.strip() == (
        f"已写入 {by_name}：街道办事处（street）的填报工作簿，{len(sheets)} 张工作表："
        + "、".join(sheets)
        + "；单位编号和名称未填，请在“单位”表中填写"
    )
    named = run_cli(
        "template", "--kind", "bureau", "--id", "xc-new", "--name", "新局", "-o",
        str(by_key), "--lang", "en", cwd=ROOT,
    )  # fmt: skip
    assert named.out.strip().endswith("; unit: xc-new 新局")


def test_an_unknown_kind_lists_the_kinds_by_key_and_name(run_cli: Any, tmp_path: Path) -> None:
    done = run_cli("template", "--kind", "街道", "-o", str(tmp_path / "t.xlsx"), cwd=ROOT)
    assert done.status == 2
    assert "bureau（区政府工作部门）" in done.err and "street（街道办事处）" in done.err
    assert not (tmp_path / "t.xlsx").exists()


def test_an_unknown_column_suggests_a_note_column() -> None:
    from evaluator._core.model import Message

    message = Message("csv.unknown_column", {"name": "说明", "known": ["id"], "hint": ""})
    assert "“备注”" in message.text("zh") and "“#”" in message.text("zh")
    assert "备注" in message.text("en") and "#" in message.text("en")


# ---------------------------------------------------------------- the key-area sheet's 事项 column


@pytest.mark.parametrize(("kind", "first"), [("street", "街道部门预算"), ("bureau", "部门预算")])
def test_the_item_column_offers_the_kinds_checklist_items(
    real: Engine, tmp_path: Path, kind: str, first: str
) -> None:
    out = tmp_path / "t.xlsx"
    assert main(["template", "--kind", kind, "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    listed = [c.value for c in book["#公开清单"]["A"]][1:]
    (checklist,) = [c for c in real.scheme.checklists.values() if c.id == f"{kind}-2016"]
    assert listed[0] == first
    assert set(listed) == {i.name for i in checklist.items}  # the kind's checklist, no other
    sheet = book["重点领域公开"]
    assert sheet["A2"].value == "事项"
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert rules["A3:A1048576"].type == "list"
    assert rules["A3:A1048576"].formula1 == f"'#公开清单'!$A$2:$A${len(listed) + 1}"


def test_a_misspelt_item_is_located_by_cell_with_a_did_you_mean(
    real: Engine, template: Path, original: Submission, tmp_path: Path
) -> None:
    sections = thaw(original.sections)
    items = sections["key_area_disclosure"]["items"]
    every = [i for c in real.scheme.checklists.values() for i in c.items]
    (wanted,) = [i for i in every if i.id == "dept-budget"]
    items[1]["item"] = wanted.name[:-1] + "箅"  # 部门预箅: one character off
    items[3]["item"] = wanted.name  # the name is as good as the id
    book = tmp_path / f"{UNIT}.xlsx"
    clerks_workbook(template, real, original.unit, sections, book)
    read = read_submission(discover(str(tmp_path))[0], real.scheme, real.schema)
    assert isinstance(read, Submission), read
    (warning,) = [w for w in read.warnings if w.code == "workbook.unknown_item"]
    assert warning.params["at"].endswith(f"{UNIT}.xlsx:重点领域公开!A4")  # row 3 is the first
    assert warning.params["item"] == "部门预箅"
    assert warning.params["suggestion"] == "部门预算"


def test_the_annual_report_sheet_says_how_shares_are_printed(template: Path) -> None:
    sheet = openpyxl.load_workbook(template)["年度报告"]
    labels = [str(sheet.cell(row=r, column=1).value) for r in range(1, sheet.max_row + 1)]
    (note,) = [label for label in labels if "占比" in label and label.startswith("#")]
    assert "52.18" in note and "0.5218" in note  # as printed, in %, not as a fraction
    paths = [str(sheet.cell(row=r, column=PATH_COLUMN).value) for r in range(1, sheet.max_row + 1)]
    first_share = next(n for n, path in enumerate(paths) if path.endswith(".percent"))
    assert labels[first_share].endswith("占比（%）")  # its label says it is a share
    assert labels.index(note) < first_share
