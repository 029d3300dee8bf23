"""Issue 8 for the text formats: unscored entries listed, lost points as CSV, hostile text.

A unit may name itself anything; whatever it writes must stay one row of one
table, run no formula, draw no markup, and never hide another unit.
"""

from __future__ import annotations

import csv
import dataclasses
import io

import cmarkgfm
import pytest
from test_render import evaluation, indicator, unit

from evaluator._core.model import Evaluation, Finding, InputError, Location, Message
from evaluator._reports.text import render

HOSTILE_NAME = (
    '=HYPERLINK("http://evil.example","点我")\n| forged | row |\x1b[2J\u202e<script>x</script>'
)
HOSTILE_ID = "xc-evil"


def hostile_evaluation() -> Evaluation:
    """The demo evaluation plus a unit whose name, finding and error try every trick."""
    ev = evaluation()
    finding = Finding(
        "audit.self_classified",
        "=1+1 [点我](http://evil.example) www.evil.example\nforged",
        ("@SUM(A1)", "-2+3", "+A1"),
        0,
    )
    evil = unit(
        HOSTILE_ID,
        HOSTILE_NAME,
        50.0,
        6,
        grade="不合格",
        indicators=(indicator("column_freshness", "栏目更新及时", 40, findings=(finding,)),),
        warnings=(Message("unit.shared_file", {"path": "\x1b[31m红色\nerror: forged line"}),),
    )
    error = InputError(
        Location("submissions/\u202eevil\n.yaml", 1, 1),
        "schema.other",
        {"where": "demo", "detail": "bad\nerror: forged\x1b[2J line"},
    )
    return dataclasses.replace(ev, units=(*ev.units, evil), errors=(*ev.errors, error))


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_hostile_text_never_reaches_the_output_raw(fmt: str) -> None:
    for detail in (False, True):
        text = render(hostile_evaluation(), fmt, detail=detail)
        for raw in ("\x1b", "[2J", "\u202e", "\n| forged", "\nerror: forged"):
            assert raw not in text, (fmt, detail, raw)


def test_table_keeps_the_hostile_unit_on_one_row() -> None:
    text = render(hostile_evaluation(), "table")
    rows = [line for line in text.splitlines() if f" {HOSTILE_ID} " in line]
    assert len(rows) == 1
    assert "=HYPERLINK" in rows[0]


def test_markdown_renders_the_hostile_unit_as_plain_text_in_one_row() -> None:
    html = cmarkgfm.github_flavored_markdown_to_html(
        render(hostile_evaluation(), "markdown", detail=True)
    )
    assert "<script" not in html and "<a " not in html
    rows = [r for r in (c.split("</tr>")[0] for c in html.split("<tr>")[1:]) if HOSTILE_ID in r]
    assert len(rows) == 1
    assert rows[0].count("<td") == 8  # rank, unit, id, two dimensions, total, grade, note


def test_csv_neutralises_formulas_and_keeps_one_row_per_unit() -> None:
    rows = list(csv.reader(io.StringIO(render(hostile_evaluation(), "csv"))))
    evil = [r for r in rows if r[2] == HOSTILE_ID]
    assert len(evil) == 1
    assert evil[0][3].startswith("'=HYPERLINK")
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_csv_lists_every_unscored_submission_after_the_units() -> None:
    rows = list(csv.reader(io.StringIO(render(hostile_evaluation(), "csv"))))
    unscored = [r for r in rows if r[0] == "未评分"]
    assert [r[3] for r in unscored] == [
        "submissions/xc-bad.yaml:3:5",
        "submissions/ evil .yaml:1:1",
    ]
    assert unscored[1][-1] == "demo：bad error: forged line"  # one line, no escape left
    assert rows[-2:] == unscored


def test_detail_csv_is_one_row_per_finding() -> None:
    rows = list(csv.reader(io.StringIO(render(hostile_evaluation(), "csv", detail=True))))
    assert rows[0] == ["编号", "单位", "维度", "指标", "失分", "代码", "问题", "涉及记录"]
    finance = [r for r in rows if r[0] == "xc-finance"]
    records = ", ".join(f"R-{n:02d}" for n in range(1, 13))
    head = ["xc-finance", "西城区财政局", "网站建设", "栏目更新及时", "10", "stale_column"]
    assert finance == [[*head, "栏目超过两周未更新", records]]
    failed = next(r for r in rows if r[0] == "xc-civil")
    assert failed[3:6] == ["链接可用", "20", "error"]


def test_detail_shows_audit_findings_that_cost_nothing() -> None:
    rows = list(csv.reader(io.StringIO(render(hostile_evaluation(), "csv", detail=True))))
    evil = [r for r in rows if r[0] == HOSTILE_ID]
    assert len(evil) == 1
    assert evil[0][4:6] == ["0", "audit.self_classified"]
    assert evil[0][6].startswith("'=1+1")
    assert evil[0][7] == "'@SUM(A1), -2+3, +A1"
    text = render(hostile_evaluation(), "table", detail=True)
    assert "扣分明细：" in text and "audit.self_classified" not in text  # shown by its message
    assert "=1+1 [点我](http://evil.example) www.evil.example forged" in text


def test_detail_csv_ends_with_the_unscored_submissions() -> None:
    rows = list(csv.reader(io.StringIO(render(hostile_evaluation(), "csv", detail=True))))
    assert rows[-1][1] == "submissions/ evil .yaml:1:1"
    assert rows[-1][5] == "未评分"


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_text_formats_end_with_the_unscored_block(fmt: str) -> None:
    text = render(hostile_evaluation(), fmt)
    tail = text[text.rindex("未评分") :]
    assert "submissions/xc-bad.yaml:3:5" in tail
    assert "bad error: forged line" in tail
