"""Ranking tables in table, markdown, csv and json form, in Chinese and English."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json

import jsonschema
import pytest
from wcwidth import wcswidth

from evaluator._core.model import (
    Dimension,
    DimensionResult,
    Evaluation,
    Finding,
    Grade,
    IndicatorResult,
    IndicatorStatus,
    InputError,
    Location,
    Message,
    Scheme,
    UnitResult,
    UnitStatus,
)
from evaluator._reports.json_results import evaluation_to_dict, results_schema
from evaluator._reports.labels import LABELS, label
from evaluator._reports.text import render

CALENDAR = Message("unit.calendar_unknown", {"year": 2031})
FACTS = Message("run.facts_unknown_unit", {"id": "xc-gone"})
STALE = tuple(f"R-{n:02d}" for n in range(1, 13))  # 12 records: more than are shown


def scheme(precision: int = 2) -> Scheme:
    """Two kinds (bureau before street) and two dimensions."""
    return Scheme(
        id="demo-2016",
        name="示例区政务公开第三方评估（2016年度）",
        version="1.0",
        year=2016,
        as_of=dt.date(2017, 1, 10),
        regime="ogi-2008",
        precision=precision,
        unit_types={"bureau": "区政府工作部门", "street": "街道办事处"},
        dimensions=(
            Dimension("disclosure", "重点领域公开", {"bureau": 60, "street": 50}, ()),
            Dimension("website", "网站建设", {"bureau": 40, "street": 50}, ()),
        ),
        grades=(Grade("优秀", 90), Grade("良好", 80), Grade("合格", 60), Grade("不合格", 0)),
        checklists={},
        sha256="a" * 64,
        directory="criteria",
    )


def indicator(
    ind_id: str,
    name: str,
    points: float,
    max_points: float = 40,
    *,
    status: IndicatorStatus = "ok",
    vetoed: bool = False,
    findings: tuple[Finding, ...] = (),
) -> IndicatorResult:
    return IndicatorResult(
        ind_id,
        "website",
        name,
        points,
        max_points,
        status,
        vetoed,
        findings,
    )


def unit(
    unit_id: str,
    name: str,
    total: float | None,
    rank: int | None,
    *,
    kind: str = "bureau",
    scores: tuple[float | None, float | None] = (90.0, 80.0),
    grade: str | None = "优秀",
    vetoed: bool = False,
    status: UnitStatus = "ok",
    indicators: tuple[IndicatorResult, ...] = (),
    warnings: tuple[Message, ...] = (),
) -> UnitResult:
    return UnitResult(
        id=unit_id,
        name=name,
        type=kind,
        total=total,
        rank=rank,
        grade=grade,
        vetoed=vetoed,
        status=status,
        dimensions=(
            DimensionResult("disclosure", "重点领域公开", scores[0], 60),
            DimensionResult("website", "网站建设", scores[1], 40),
        ),
        indicators=indicators,
        source_path=f"submissions/{unit_id}/submission.yaml",
        source_sha256="b" * 64,
        warnings=warnings,
    )


FAILED = Finding(
    "engine.scorer_failed",
    "评分插件 website 的评分器 website.links 出错：KeyError: 'url'（plugins/website.py:120）",
    params={
        "scorer": "website.links",
        "plugin": "website",
        "error": "KeyError: 'url'",
        "where": "plugins/website.py:120",
    },
)


def evaluation(precision: int = 2) -> Evaluation:
    """Five bureaus (a tie, a veto, an incomplete one) and one street, as the engine orders them."""
    stale = Finding("stale_column", "栏目超过两周未更新", STALE, 10)
    lost = indicator("column_freshness", "栏目更新及时", 30, findings=(stale,))
    units = (
        unit("xc-finance", "西城区财政局", 92.5, 1, scores=(95.0, 88.75), indicators=(lost,)),
        unit("xc-audit", "西城区审计局", 85.0, 2, grade="良好"),
        unit("xc-edu", "西城区教育委员会", 85.0, 2, grade="良好"),
        unit(
            "xc-env",
            "西城区环境保护局",
            70.0,
            4,
            grade="不合格",
            vetoed=True,
            indicators=(indicator("homepage_fresh", "首页更新及时", 0, 10, vetoed=True),),
        ),
        unit(
            "xc-civil",
            "西城区民政局",
            None,
            None,
            scores=(None, 80.0),
            grade=None,
            status="incomplete",
            indicators=(indicator("broken_links", "链接可用", 0, 20, status="error"),),
        ),
        unit(
            "s-xichang",
            "西长安街街道",
            90.0,
            1,
            kind="street",
            indicators=(indicator("messages", "留言办理", 0, 10, status="not_applicable"),),
            warnings=(CALENDAR,),
        ),
    )
    errors = (InputError(Location("submissions/xc-bad.yaml", 3, 5), "yaml.anchor"),)
    return Evaluation(
        scheme=scheme(precision),
        engine_version="0.1.0",
        generated_at="2017-01-10T00:00:00+00:00",
        units=units,
        errors=errors,
        warnings=(FACTS,),
    )


def table_blocks(text: str) -> list[list[str]]:
    """The tables of table-format output: runs of lines drawn with + or |."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith(("+", "|")):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks


def row_of(text: str, unit_id: str) -> list[str]:
    """The cells of the table row naming ``unit_id``."""
    line = next(ln for ln in text.splitlines() if f" {unit_id} " in ln and ln.startswith("|"))
    return [cell.strip() for cell in line.strip("|").split("|")]


# ---------------------------------------------------------------- table


def test_two_kinds_give_two_tables_in_scheme_order() -> None:
    text = render(evaluation(), "table")
    bureau = text.index("示例区政务公开第三方评估（2016年度） — 区政府工作部门")
    street = text.index("示例区政务公开第三方评估（2016年度） — 街道办事处")
    assert bureau < street
    assert len(table_blocks(text)) == 2
    assert text.index("xc-civil") < street < text.index("s-xichang")


def test_header_has_rank_unit_dimensions_total_grade_note() -> None:
    header = row_of(render(evaluation(), "table"), "编号")
    assert header == ["排名", "单位", "编号", "重点领域公开", "网站建设", "总分", "等级", "备注"]


def test_tied_units_show_the_same_rank() -> None:
    text = render(evaluation(), "table")
    assert row_of(text, "xc-audit")[0] == "2"
    assert row_of(text, "xc-edu")[0] == "2"
    assert row_of(text, "xc-env")[0] == "4"


def test_vetoed_unit_note_names_the_indicator() -> None:
    row = row_of(render(evaluation(), "table"), "xc-env")
    assert row[-2:] == ["不合格", "一票否决：首页更新及时"]


def test_incomplete_unit_is_not_ranked_and_says_why() -> None:
    row = row_of(render(evaluation(), "table"), "xc-civil")
    assert row == [
        "—",
        "西城区民政局",
        "xc-civil",
        "—",
        "80.00",
        "—",
        "—",
        "未完成：链接可用（评分出错）",
    ]


def test_scores_show_scheme_precision_decimals() -> None:
    assert row_of(render(evaluation(), "table"), "xc-finance")[3:6] == ["95.00", "88.75", "92.50"]
    assert row_of(render(evaluation(), "table"), "s-xichang")[5] == "90.00"
    assert row_of(render(evaluation(1), "table"), "xc-finance")[3:6] == ["95.0", "88.8", "92.5"]
    assert row_of(render(evaluation(0), "table"), "s-xichang")[5] == "90"


def test_chinese_columns_align() -> None:
    for fmt_detail in (False, True):
        text = render(evaluation(), "table", detail=fmt_detail)
        for block in table_blocks(text):
            assert len({wcswidth(line) for line in block}) == 1, "\n".join(block)


def test_numbers_are_right_aligned() -> None:
    block = table_blocks(render(evaluation(), "table"))[0]
    total_column = 5
    cells = [line.split("|")[total_column + 1] for line in block if line.startswith("|")]
    assert all(cell.endswith(" ") and not cell.endswith("  ") for cell in cells)
    assert len({wcswidth(cell) for cell in cells}) == 1


def test_output_is_deterministic() -> None:
    for fmt in ("table", "markdown", "csv", "json"):
        assert render(evaluation(), fmt, detail=True) == render(evaluation(), fmt, detail=True)


# ---------------------------------------------------------------- detail


def test_detail_lists_lost_points_with_records_truncated() -> None:
    text = render(evaluation(), "table", detail=True)
    assert "扣分明细：西城区财政局（xc-finance）" in text
    row = row_of(text, "R-01,")
    assert row == [
        "栏目更新及时",
        "30/40",
        "10",
        "栏目超过两周未更新",
        "10",
        ", ".join(STALE[:10]) + " … 共12条",
    ]
    assert "R-11" not in text


def test_detail_marks_failed_indicators_and_skips_not_applicable_ones() -> None:
    text = render(evaluation(), "table", detail=True)
    assert "链接可用（评分出错）" in text
    assert "扣分明细：西长安街街道" not in text
    assert "扣分明细：西城区审计局" not in text


def test_detail_section_follows_its_kind_table() -> None:
    text = render(evaluation(), "table", detail=True)
    assert text.index("扣分明细：西城区财政局") < text.index("— 街道办事处")


def test_without_detail_there_are_no_lost_points() -> None:
    assert "扣分明细" not in render(evaluation(), "table")
    assert "扣分明细" not in render(evaluation(), "markdown")


def test_warnings_then_the_unscored_block_end_the_output() -> None:
    text = render(evaluation(), "table")
    assert f"警告\n\n  {FACTS.text()}\n  西长安街街道（s-xichang）：{CALENDAR.text()}\n\n" in text
    assert text.endswith("未评分\n\n  submissions/xc-bad.yaml:3:5: 不允许使用锚点（&名称）\n")


# ---------------------------------------------------------------- English


def test_the_note_says_in_short_why_a_unit_is_incomplete() -> None:
    failed = indicator("broken_links", "链接可用", 0, 20, status="error", findings=(FAILED,))
    odd = Finding("engine.not_an_outcome", params={"scorer": "x", "plugin": "p", "type": "int"})
    returned = indicator("homepage_fresh", "首页更新及时", 0, 10, status="error", findings=(odd,))
    civil = unit(
        "xc-civil",
        "西城区民政局",
        None,
        None,
        grade=None,
        status="incomplete",
        indicators=(failed, returned),
    )
    empty = unit("xc-empty", "西城区空白局", None, None, grade=None, status="incomplete")
    ev = dataclasses.replace(evaluation(), units=(civil, empty), errors=())
    zh, en = render(ev, "table"), render(ev, "table", lang="en")
    assert (
        row_of(zh, "xc-civil")[-1]
        == "未完成：链接可用（评分器出错 KeyError）、首页更新及时（评分器返回值无效）"
    )
    assert row_of(en, "xc-civil")[-1] == (
        "incomplete: 链接可用 (scorer raised KeyError), "
        "首页更新及时 (scorer returned an unusable result)"
    )
    assert row_of(zh, "xc-empty")[-1] == "未完成：没有适用的指标"
    assert row_of(en, "xc-empty")[-1] == "incomplete: no applicable indicator"


def test_english_labels() -> None:
    text = render(evaluation(), "table", lang="en", detail=True)
    assert row_of(text, "ID")[:3] == ["Rank", "Unit", "ID"]
    assert row_of(text, "xc-env")[-1] == "vetoed: 首页更新及时"
    assert row_of(text, "xc-civil")[-1] == "incomplete: 链接可用 (scorer failed)"
    assert "Lost points: 西城区财政局 (xc-finance)" in text
    assert "… 12 in all" in text
    assert "Not scored" in text


def test_every_label_has_both_languages() -> None:
    assert all(set(texts) == {"zh", "en"} for texts in LABELS.values())
    assert label("total") == "总分"
    assert label("total", "en") == "Total"


def test_unknown_label_raises_key_error() -> None:
    with pytest.raises(KeyError):
        label("no_such_label")


def test_unknown_language_or_format_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        render(evaluation(), "table", lang="fr")
    with pytest.raises(ValueError, match="table, markdown, csv, json"):
        render(evaluation(), "html")


# ---------------------------------------------------------------- markdown


def test_markdown_has_headings_and_pipe_tables() -> None:
    text = render(evaluation(), "markdown", detail=True)
    assert text.startswith("## 示例区政务公开第三方评估（2016年度） — 区政府工作部门\n\n| ")
    assert "### 扣分明细：西城区财政局（xc-finance）" in text
    assert "|-------:|" in text  # rank column right-aligned
    assert "- `submissions/xc-bad.yaml:3:5`: 不允许使用锚点（\\&名称）" in text  # & escaped


def test_markdown_escapes_pipes_in_cells() -> None:
    ev = evaluation()
    piped = unit("xc-pipe", "A|B 局", 50.0, 6, grade="不合格")
    ev = Evaluation(ev.scheme, ev.engine_version, ev.generated_at, (*ev.units, piped), ())
    assert "A\\|B 局" in render(ev, "markdown")


# ---------------------------------------------------------------- csv


def test_csv_parses_back_with_one_row_per_unit() -> None:
    rows = list(csv.reader(io.StringIO(render(evaluation(), "csv"))))
    assert rows[0] == [
        "类别",
        "排名",
        "编号",
        "单位",
        "重点领域公开",
        "网站建设",
        "总分",
        "等级",
        "备注",
    ]
    assert [r[2] for r in rows[1:7]] == [
        "xc-finance",
        "xc-audit",
        "xc-edu",
        "xc-env",
        "xc-civil",
        "s-xichang",
    ]
    assert rows[1] == [
        "区政府工作部门",
        "1",
        "xc-finance",
        "西城区财政局",
        "95.00",
        "88.75",
        "92.50",
        "优秀",
        "",
    ]
    assert rows[5] == [
        "区政府工作部门",
        "",
        "xc-civil",
        "西城区民政局",
        "",
        "80.00",
        "",
        "",
        "未完成：链接可用（评分出错）",
    ]
    assert rows[6][0] == "街道办事处"
    reason = "不允许使用锚点（&名称）"
    assert rows[7:] == [["未评分", "", "", "submissions/xc-bad.yaml:3:5", "", "", "", "", reason]]


# ---------------------------------------------------------------- json


def test_json_validates_against_the_schema_and_round_trips() -> None:
    text = render(evaluation(), "json", detail=True)
    doc = json.loads(text)
    jsonschema.Draft202012Validator(results_schema()).validate(doc)
    assert doc == evaluation_to_dict(evaluation())
    assert text == render(evaluation(), "json")


def test_a_total_that_leaves_out_a_weighted_dimension_says_so() -> None:
    ev = evaluation()
    first = ev.units[0]
    partial = dataclasses.replace(
        first,
        dimensions=(
            first.dimensions[0],
            DimensionResult("website", "网站建设", None, 40, status="empty"),
        ),
    )
    fixed = dataclasses.replace(
        ev.units[1],
        dimensions=(
            ev.units[1].dimensions[0],
            DimensionResult("website", "网站建设", 60.0, 40, status="fixed"),
        ),
    )
    ev = dataclasses.replace(ev, units=(partial, fixed, *ev.units[2:]))
    table = render(ev, "table")
    (row,) = [line for line in table.splitlines() if " xc-finance " in line]
    assert "总分未含：网站建设" in row
    (row,) = [line for line in table.splitlines() if " xc-audit " in line]
    assert "总分未含" not in row  # a fixed score is counted: nothing left out
    assert "total leaves out: 网站建设" in render(ev, "table", lang="en")
