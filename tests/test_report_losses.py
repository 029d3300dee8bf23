"""No format shows a loss that is not one (issue 18, item 9).

An indicator that does not apply reads "不适用（不计分，权重按比例分配）" (or, in a
dimension the scheme scores at a fixed value when nothing in it applies, that
value) with no points lost, never "0/20" and 20 lost; a unit that sent no data
for a dimension reads "…未提交，按0分计" in its headline (the ranking's 备注 and
the top of its pages), not only in a row. JSON stays the canonical data
(``not_applicable``, 0 of 20), and every other format is checked here: tables,
markdown, CSV, the workbook, the HTML page and the feedback pages.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import openpyxl
import pytest
from test_html_reports import Page
from test_render import evaluation, indicator, unit

from evaluator._core.model import DimensionResult, Evaluation, Finding, IndicatorResult
from evaluator._reports.feedback import write_feedback
from evaluator._reports.html import write_html
from evaluator._reports.json_results import evaluation_to_dict
from evaluator._reports.text import render
from evaluator._reports.xlsx import write_xlsx

NONE_REPORTED = Finding(
    "audit.none_reported",
    "单位报告本年度没有留言，本项不适用；请核实确无留言",
    params={"what_zh": "留言", "what_en": "messages"},
)
NOT_APPLICABLE = "不适用（不计分，权重按比例分配）"
NOT_APPLICABLE_EN = "not applicable (not scored; its weight shared among the rest)"
FIXED = "不适用（不计分，本维度按固定分60分计）"
UNSENT = "重点领域公开未提交，按0分计"


def unsent(ind_id: str, name: str, points: float) -> IndicatorResult:
    """A disclosure indicator whose section the unit did not send: 0 points, no data."""
    finding = Finding("engine.no_data", "未提交数据：缺少“重点领域公开”部分", (), points)
    return dataclasses.replace(
        indicator(ind_id, name, 0, points, status="no_data", findings=(finding,)),
        dimension="disclosure",
    )


def losses() -> Evaluation:
    """The render tests' evaluation with three more bureaus: one whose messages indicator
    does not apply (an audit finding keeps it in the details), one whose website dimension
    has nothing applicable and a fixed score of 60, one that sent no disclosure data."""
    silent = indicator("messages", "留言办理", 0, 20, status="not_applicable")
    silent = dataclasses.replace(silent, findings=(NONE_REPORTED,))
    kept = indicator("links", "链接可用", 20, 20)
    fixed = unit("xc-fixed", "西城区固定分局", 84.0, 7, grade="良好", indicators=(silent,))
    fixed = dataclasses.replace(
        fixed,
        dimensions=(
            DimensionResult("disclosure", "重点领域公开", 100.0, 60),
            DimensionResult("website", "网站建设", 60.0, 40, status="fixed"),
        ),
    )
    added = (
        unit("xc-quiet", "西城区无留言局", 90.0, 6, indicators=(silent, kept)),
        fixed,
        unit(
            "xc-unsent",
            "西城区未报局",
            32.0,
            8,
            scores=(0.0, 80.0),
            grade="不合格",
            indicators=(unsent("coverage", "覆盖率", 50), unsent("timely", "及时性", 50)),
        ),
    )
    base = evaluation()
    bureaus = [u for u in base.units if u.type == "bureau"]
    streets = [u for u in base.units if u.type != "bureau"]
    return dataclasses.replace(base, units=(*bureaus, *added, *streets))


def lines_naming(text: str, name: str) -> list[str]:
    return [line for line in text.splitlines() if name in line]


# ---------------------------------------------------------------- JSON stays as it is


def test_json_keeps_not_applicable_and_no_data_as_they_are() -> None:
    units = {u["id"]: u for u in evaluation_to_dict(losses())["units"]}
    [messages] = [i for i in units["xc-quiet"]["indicators"] if i["id"] == "messages"]
    assert (messages["status"], messages["points"], messages["max"]) == ("not_applicable", 0, 20)
    assert {i["status"] for i in units["xc-unsent"]["indicators"]} == {"no_data"}


# ---------------------------------------------------------------- tables, markdown


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_detail_shows_not_applicable_with_no_loss(fmt: str) -> None:
    text = render(losses(), fmt, detail=True)
    [quiet, fixed] = lines_naming(text, "留言办理")
    for line, meaning in ((quiet, NOT_APPLICABLE), (fixed, FIXED)):
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[:3] == ["留言办理", meaning, "—"]  # indicator, score, lost
        assert "0/20" not in line
    english = render(losses(), fmt, detail=True, lang="en")
    assert NOT_APPLICABLE_EN in english
    assert "the dimension counts at its fixed score of 60" in english


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_ranking_note_says_what_was_not_submitted(fmt: str) -> None:
    text = render(losses(), fmt)
    [row] = lines_naming(text, "xc-unsent")
    assert row.rstrip(" |").endswith(UNSENT)
    [other] = lines_naming(text, "xc-quiet")
    assert "未提交" not in other
    [english] = lines_naming(render(losses(), fmt, lang="en"), "xc-unsent")
    assert "not submitted, scored 0: 重点领域公开" in english


def test_a_dimension_partly_sent_names_the_indicators_without_data() -> None:
    partly = losses()
    units = []
    for u in partly.units:
        if u.id == "xc-unsent":
            sent = dataclasses.replace(u.indicators[1], status="ok", points=50, findings=())
            u = dataclasses.replace(u, indicators=(u.indicators[0], sent))
        units.append(u)
    text = render(dataclasses.replace(partly, units=tuple(units)), "table")
    [row] = lines_naming(text, "xc-unsent")
    assert "覆盖率未提交，按0分计" in row and "及时性" not in row


# ---------------------------------------------------------------- CSV, workbook


def test_csv_names_not_applicable_indicators_and_unsent_dimensions() -> None:
    rows = list(csv.reader(io.StringIO(render(losses(), "csv", detail=True))))
    quiet = [r for r in rows if r[0] == "xc-quiet"]
    assert [r[3] for r in quiet] == [f"留言办理：{NOT_APPLICABLE}"]
    assert quiet[0][4] == ""  # no points lost
    assert [r[3] for r in rows if r[0] == "xc-fixed"] == [f"留言办理：{FIXED}"]
    ranking = list(csv.reader(io.StringIO(render(losses(), "csv"))))
    [unsent_row] = [r for r in ranking if "xc-unsent" in r]
    assert unsent_row[-1] == UNSENT


def test_workbook_names_not_applicable_indicators_and_unsent_dimensions(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    with target.open("wb") as stream:
        write_xlsx(losses(), stream)
    book = openpyxl.load_workbook(target)
    lost = [r for r in book["扣分明细"].iter_rows(values_only=True) if r[0] == "xc-quiet"]
    assert [(r[3], r[4]) for r in lost] == [(f"留言办理：{NOT_APPLICABLE}", None)]
    ranking = [r for r in book["区政府工作部门"].iter_rows(values_only=True) if r[1] == "xc-unsent"]
    assert UNSENT in ranking[0]


# ---------------------------------------------------------------- HTML page, feedback pages


def test_html_page_shows_not_applicable_with_no_loss_and_the_unsent_note() -> None:
    out = io.StringIO()
    write_html(losses(), out)
    html = out.getvalue()
    quiet = html[html.index('id="u-xc-quiet"') :].split("</section>")[0]
    assert NOT_APPLICABLE in quiet and "0/20" not in quiet
    fixed = html[html.index('id="u-xc-fixed"') :].split("</section>")[0]
    assert FIXED in fixed and "0/20" not in fixed
    text = "".join(Page(html).text)
    assert text.count(UNSENT) == 2  # the ranking's note and the unit's details


def test_feedback_page_shows_not_applicable_with_no_loss(tmp_path: Path) -> None:
    write_feedback(losses(), str(tmp_path / "fb"))
    page = (tmp_path / "fb" / "xc-quiet.html").read_text(encoding="utf-8")
    section = page[page.index('id="i-website-messages"') :].split("</section>")[0]
    assert NOT_APPLICABLE in section
    assert "得分" not in section and "失分" not in section and "0/20" not in section
    fixed = (tmp_path / "fb" / "xc-fixed.html").read_text(encoding="utf-8")
    assert FIXED in fixed
    write_feedback(losses(), str(tmp_path / "en"), lang="en")
    english = (tmp_path / "en" / "xc-quiet.html").read_text(encoding="utf-8")
    assert NOT_APPLICABLE_EN in english and "Lost" not in english.split("i-website-messages")[1]


def test_feedback_page_headline_says_what_was_not_submitted(tmp_path: Path) -> None:
    write_feedback(losses(), str(tmp_path / "fb"))
    page = Page((tmp_path / "fb" / "xc-unsent.html").read_text(encoding="utf-8"))
    text = "".join(page.text)
    # the notice comes right after the figures, before the dimension scores
    assert text.index(UNSENT) < text.index("各维度得分")
    index = "".join(Page((tmp_path / "fb" / "index.html").read_text(encoding="utf-8")).text)
    assert UNSENT in index  # the ranking's note
