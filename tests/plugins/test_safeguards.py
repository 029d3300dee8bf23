"""Safeguards scorers (保障监督机制): office, guide and catalogue, training, stated elements,
the annual report named where it is judged."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from plugin_support import (
    MakeContext,
    codes,
    deductions_explain_points,
    load_plugin,
    only,
    scorers_of,
    worded,
)

from evaluator import Outcome
from evaluator._core.model import Unit

plugin = load_plugin("safeguards")
SCORERS = scorers_of(plugin)
MAX = 15.0
ROOT = Path(__file__).resolve().parents[2]
D = dt.date.fromisoformat

FULL: dict[str, Any] = {
    "office": "区政府信息公开办公室",
    "staff": "张某、李某",
    "guide": {"url": "http://www.bjxch.gov.cn/zfxxgk/zn.html", "updated_on": D("2016-03-01")},
    "catalogue": {"url": "http://www.bjxch.gov.cn/zfxxgk/ml.html", "updated_on": D("2016-11-20")},
    "trainings": [{"held_on": D("2016-04-12")}, {"held_on": D("2016-10-18")}],
    "assessment": {"included": True, "basis": "西城区绩效考核办法"},
    "accountability": {"rules": "政府信息公开责任追究办法"},
    "social_review": {"held_on": D("2016-12-02"), "form": "问卷"},
}


def run(
    make_context: MakeContext,
    name: str,
    data: Mapping[str, Any] | None = None,
    params: Mapping[str, Any] | None = None,
    **kw: Any,
) -> Outcome:
    data = FULL if data is None else data
    ctx = make_context(data, params=params, max_points=MAX, scorer=SCORERS[name], **kw)
    outcome = SCORERS[name].score(ctx)
    assert deductions_explain_points(outcome, MAX), outcome
    return outcome


def without(key: str, **replaced: Any) -> dict[str, Any]:
    data = {k: v for k, v in FULL.items() if k != key}
    return {**data, **replaced}


def test_plugin_registers_its_section_scorers_and_fact() -> None:
    assert set(SCORERS) == {
        "safeguards.office",
        "safeguards.office_veto",
        "safeguards.published",
        "safeguards.training",
        "safeguards.element",
        "safeguards.annual_report",
    }
    assert [s.title for s in plugin.register_sections()] == ["保障监督机制"]
    assert [f.name for f in plugin.register_facts()] == ["guide_check"]


# ---------------------------------------------------------------- office


def test_an_office_with_staff_keeps_every_point(make_context: MakeContext) -> None:
    assert run(make_context, "safeguards.office").points == MAX


def test_no_office_loses_the_points(make_context: MakeContext) -> None:
    outcome = run(make_context, "safeguards.office", without("office"))
    assert (outcome.points, codes(outcome)) == (0, ["safeguards.no_office"])
    assert not outcome.veto


def test_an_office_without_staff_loses_the_points(make_context: MakeContext) -> None:
    outcome = run(make_context, "safeguards.office", without("staff", office="公开办"))
    assert (outcome.points, codes(outcome)) == (0, ["safeguards.no_staff"])
    assert only(outcome, "safeguards.no_staff").params == {"office": "公开办"}


def test_the_veto_scorer_vetoes_only_a_missing_office(make_context: MakeContext) -> None:
    assert SCORERS["safeguards.office_veto"].vetoes
    assert run(make_context, "safeguards.office_veto", without("office")).veto
    staffless = run(make_context, "safeguards.office_veto", without("staff"))
    assert (staffless.points, staffless.veto) == (0, False)
    assert not run(make_context, "safeguards.office_veto").veto


# ---------------------------------------------------------------- guide and catalogue


GUIDE = {"document": "guide"}


def test_a_statement_alone_scores_and_is_listed_to_verify(make_context: MakeContext) -> None:
    outcome = run(make_context, "safeguards.published", params=GUIDE)
    assert (outcome.points, codes(outcome)) == (MAX, ["audit.guide_unverified"])
    note = only(outcome, "audit.guide_unverified")
    assert (note.deduction, note.params["updated_on"]) == (None, D("2016-03-01"))


def test_a_guide_without_an_address_is_not_published(make_context: MakeContext) -> None:
    outcome = run(make_context, "safeguards.published", without("guide"), params=GUIDE)
    assert (outcome.points, codes(outcome)) == (0, ["safeguards.not_published"])


@pytest.mark.parametrize(
    ("updated", "points"),
    [("2015-12-31", 0), ("2016-01-01", MAX), ("2016-12-31", MAX)],
)
def test_updated_within_the_year_is_the_line(
    make_context: MakeContext, updated: str, points: float
) -> None:
    guide = {"url": "http://x", "updated_on": D(updated)}
    outcome = run(make_context, "safeguards.published", without("guide", guide=guide), GUIDE)
    assert outcome.points == points
    assert ("safeguards.not_updated" in codes(outcome)) == (points == 0)


def test_the_evaluators_check_decides_over_the_statement(make_context: MakeContext) -> None:
    check = {"checked_on": D("2017-01-04"), "guide": {"found": True, "updated_on": D("2015-06-01")}}
    outcome = run(make_context, "safeguards.published", params=GUIDE, facts={"guide_check": check})
    assert (outcome.points, codes(outcome)) == (0, ["safeguards.not_updated"])
    finding = only(outcome, "safeguards.not_updated")
    assert (finding.params["updated_on"], finding.params["by_en"]) == (
        D("2015-06-01"),
        "as the evaluator found it",
    )


def test_a_document_the_evaluator_did_not_find_scores_nothing(make_context: MakeContext) -> None:
    check = {"checked_on": D("2017-01-04"), "catalogue": {"found": False}}
    facts = {"guide_check": check}
    outcome = run(
        make_context, "safeguards.published", params={"document": "catalogue"}, facts=facts
    )
    assert (outcome.points, codes(outcome)) == (0, ["safeguards.not_found"])
    assert only(outcome, "safeguards.not_found").params["checked_on"] == D("2017-01-04")
    # the guide was not checked that day: the unit's statement, listed to verify
    guide = run(make_context, "safeguards.published", params=GUIDE, facts=facts)
    assert codes(guide) == ["audit.guide_unverified"]


def test_a_checked_update_counts_up_to_the_check_date(make_context: MakeContext) -> None:
    found = {"found": True, "updated_on": D("2016-12-30")}
    facts = {"guide_check": {"checked_on": D("2017-01-04"), "guide": found}}
    outcome = run(make_context, "safeguards.published", params=GUIDE, facts=facts)
    assert (outcome.points, codes(outcome)) == (MAX, [])


# ---------------------------------------------------------------- training


@pytest.mark.parametrize(("count", "points"), [(0, 0), (1, MAX / 2), (2, MAX), (3, MAX)])
def test_training_points_follow_the_sessions_held(
    make_context: MakeContext, count: int, points: float
) -> None:
    days = ["2016-03-01", "2016-06-01", "2016-09-01"][:count]
    data = without("trainings", trainings=[{"held_on": D(d)} for d in days])
    outcome = run(make_context, "safeguards.training", data, {"sessions": 2})
    assert outcome.points == points
    assert ("safeguards.training_short" in codes(outcome)) == (count < 2)


def test_training_outside_the_year_is_not_counted(make_context: MakeContext) -> None:
    data = without(
        "trainings", trainings=[{"held_on": D("2015-12-31")}, {"held_on": D("2016-01-01")}]
    )
    outcome = run(make_context, "safeguards.training", data, {"sessions": 2})
    assert codes(outcome) == ["safeguards.training_short", "safeguards.training_outside_year"]
    assert only(outcome, "safeguards.training_outside_year").params["dates"] == ["2015-12-31"]
    assert outcome.points == MAX / 2


# ---------------------------------------------------------------- stated elements


@pytest.mark.parametrize(
    ("element", "data"),
    [
        ("assessment", without("assessment", assessment={"included": False})),
        ("accountability", without("accountability")),
        ("social_review", without("social_review")),
    ],
)
def test_an_element_not_stated_loses_its_points(
    make_context: MakeContext, element: str, data: dict[str, Any]
) -> None:
    params = {"element": element}
    assert run(make_context, "safeguards.element", params=params).points == MAX
    outcome = run(make_context, "safeguards.element", data, params)
    assert (outcome.points, codes(outcome)) == (0, ["safeguards.element_missing"])
    assert only(outcome, "safeguards.element_missing").params["element_en"]


def test_a_social_review_of_another_year_does_not_count(make_context: MakeContext) -> None:
    data = without("social_review", social_review={"held_on": D("2015-12-20")})
    outcome = run(make_context, "safeguards.element", data, {"element": "social_review"})
    assert codes(outcome) == ["safeguards.review_outside_year"]


# ---------------------------------------------------------------- the annual report


def test_the_annual_report_is_named_where_it_is_judged(make_context: MakeContext) -> None:
    report = {"year": 2015, "published_on": "2016-03-28"}
    ctx = make_context(
        FULL,
        scorer=SCORERS["safeguards.annual_report"],
        params={"judged_in": "test"},  # the kit's scheme has one dimension, "test"
        submission={"annual_report": report},
    )
    outcome = SCORERS["safeguards.annual_report"].score(ctx)
    assert (outcome.status, codes(outcome)) == (
        "not_applicable",
        ["safeguards.annual_report_elsewhere"],
    )
    finding = only(outcome, "safeguards.annual_report_elsewhere")
    assert finding.params["dimension"] == "test"
    assert "2016-03-28" in worded(plugin, finding)


def test_without_an_annual_report_dimension_it_is_judged_here(make_context: MakeContext) -> None:
    params = {"judged_in": None}
    scorer = SCORERS["safeguards.annual_report"]
    report = {"year": 2015, "published_on": "2016-03-28"}
    ctx = make_context(
        FULL, scorer=scorer, params=params, max_points=MAX, submission={"annual_report": report}
    )
    assert scorer.score(ctx).points == MAX
    bare = make_context(FULL, scorer=scorer, params=params, max_points=MAX)
    assert codes(scorer.score(bare)) == ["safeguards.annual_report_missing"]


def test_judged_in_must_name_a_dimension_of_the_scheme(evaluation_folder: Any) -> None:
    evaluation_folder.dimension(
        "safeguards",
        [
            {
                "id": "report",
                "name": "年报",
                "points": 10,
                "scorer": "safeguards.annual_report",
                "params": {"judged_in": "annual_reprot"},
            }
        ],
    )
    evaluation_folder.unit("xc-a", {"safeguards": {}})
    result = evaluation_folder.run()
    assert result.status == 2
    assert "annual_reprot" in result.stderr


# ---------------------------------------------------------------- a whole unit


def test_a_street_is_judged_as_a_bureau_is(make_context: MakeContext) -> None:
    street = Unit("xc-street", "测试街道", "street")
    outcome = run(make_context, "safeguards.office", without("office"), unit=street)
    assert codes(outcome) == ["safeguards.no_office"]


def test_the_units_template_has_the_new_sections_sheets(tmp_path: Path) -> None:
    book = tmp_path / "bureau.xlsx"
    run = subprocess.run(
        [sys.executable, "-m", "evaluator", "template", "--kind", "bureau", "-o", str(book)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    sheets = openpyxl.load_workbook(book).sheetnames
    assert {"保障监督机制", "政务公开培训", "重大决策", "会议开放"} <= set(sheets)
    labels = [
        row[0] for row in openpyxl.load_workbook(book)["保障监督机制"].iter_rows(values_only=True)
    ]
    assert "政府信息公开指南.更新日期" in labels
