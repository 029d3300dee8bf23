"""Key-area disclosure scorers: coverage, timeliness (official working days), designated column.

An item may be published many times a year: each record is one publication,
named ``<item>@<formed_on>`` in findings (``<item>@<published_on>`` without a
formation date, ``<item>#<n>`` without either).

Working-day counts below are worked out by hand from the State Council's 2016
holiday schedule: 清明 4-02..04 off; 端午 6-09..11 off with Sunday 6-12 worked;
国庆 10-01..07 off with Saturday/Sunday 10-08/09 worked; 元旦 2016-12-31..2017-01-02 off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from plugin_support import (
    MakeContext,
    codes,
    deductions_explain_points,
    load_plugin,
    only,
    scorers_of,
)

from evaluator import Outcome, Scorer, ScoringContext
from evaluator.model import Checklist, ChecklistItem, Unit

plugin = load_plugin("key_area_disclosure")
SCORERS = scorers_of(plugin)

# Three items are required of the default unit (bureau xc-test): budget, accounts, penalties.
CHECKLIST = Checklist(
    id="bureau-2016",
    name="区级重点领域政务公开清单",
    items=(
        ChecklistItem("fiscal-budget", "部门预算", "财政预决算"),
        ChecklistItem("fiscal-accounts", "部门决算", "财政预决算"),
        ChecklistItem("penalties", "行政处罚", "行政执法", applies_to=("bureau",)),
        ChecklistItem("street-affairs", "街道事务", "基层", applies_to=("street",)),
        ChecklistItem("treasury", "国库集中支付", "财政预决算", units=("xc-finance",)),
    ),
)
STREET_CHECKLIST = Checklist(
    id="street-2016",
    name="街道重点领域政务公开清单",
    items=(ChecklistItem("street-affairs", "街道事务", "基层", applies_to=("street",)),),
)
PARAMS = {"checklists": {"bureau": "bureau-2016"}}
MAX = 30.0  # 10 points per required item for the default unit


def item(item_id: str, formed: str | None, published: str | None, **extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {"item": item_id, "in_designated_column": True, **extra}
    if formed is not None:
        record["formed_on"] = dt.date.fromisoformat(formed)
    if published is not None:
        record["published_on"] = dt.date.fromisoformat(published)
    return record


def on_time(item_id: str) -> dict[str, Any]:
    """Formed Monday 2016-03-07, published the next day: working day 1."""
    return item(item_id, "2016-03-07", "2016-03-08")


def run(
    make_context: MakeContext,
    name: str,
    items: Iterable[Mapping[str, Any]],
    *,
    params: Mapping[str, Any] | None = None,
    unit: Unit | None = None,
) -> Outcome:
    ctx: ScoringContext = make_context(
        {"items": list(items)},
        params=params if params is not None else PARAMS,
        max_points=MAX,
        unit=unit,
        checklists={"bureau-2016": CHECKLIST, "street-2016": STREET_CHECKLIST},
        scorer=SCORERS[name],
    )
    return SCORERS[name].score(ctx)


def assert_deductions_explain_points(outcome: Outcome) -> None:
    assert deductions_explain_points(outcome, MAX), outcome


ALL_THREE = [on_time("fiscal-budget"), on_time("fiscal-accounts"), on_time("penalties")]


# ---------------------------------------------------------------- registration and schemas


def test_plugin_registers_three_scorers_on_its_section() -> None:
    assert set(SCORERS) == {
        "key_area.coverage",
        "key_area.timeliness",
        "key_area.designated_column",
    }
    assert {s.section for s in SCORERS.values()} == {"key_area_disclosure"}
    assert [s.name for s in plugin.register_sections()] == ["key_area_disclosure"]


@pytest.mark.parametrize("name", sorted(SCORERS))
def test_params_schema_rejects_unknown_keys(name: str) -> None:
    scorer: Scorer = SCORERS[name]
    Draft202012Validator.check_schema(scorer.params)
    validator = Draft202012Validator(scorer.params)
    assert scorer.params["additionalProperties"] is False
    assert validator.is_valid(PARAMS)
    assert not validator.is_valid({**PARAMS, "within_workdays": 20})
    assert not validator.is_valid({})  # checklists has no default


def test_timeliness_params_accept_a_deadline_and_default_it_to_20() -> None:
    schema = SCORERS["key_area.timeliness"].params
    assert schema["properties"]["within_working_days"]["default"] == 20
    assert Draft202012Validator(schema).is_valid({**PARAMS, "within_working_days": 15})
    assert not Draft202012Validator(schema).is_valid({**PARAMS, "within_working_days": -1})


def test_section_schema_accepts_the_contract_example_and_rejects_typos() -> None:
    (section,) = plugin.register_sections()
    validator = Draft202012Validator(section.schema)
    example = {
        "items": [
            {
                "item": "fiscal-budget",
                "formed_on": "2016-01-20",
                "published_on": "2016-02-03",
                "url": "http://www.bjxch.gov.cn/",
                "in_designated_column": True,
            },
            {"item": "penalties"},
        ]
    }
    assert validator.is_valid(example)
    assert not validator.is_valid({"items": [{"item": "fiscal-budget", "publish_on": "x"}]})
    assert not validator.is_valid({"items": [], "extra": 1})


# ---------------------------------------------------------------- coverage


def test_unit_publishing_every_required_item_gets_full_coverage(make_context: MakeContext) -> None:
    outcome = run(make_context, "key_area.coverage", ALL_THREE)
    assert outcome.points == MAX
    assert outcome.findings == ()


def test_each_unpublished_required_item_costs_its_share(make_context: MakeContext) -> None:
    items = [on_time("fiscal-budget"), item("fiscal-accounts", "2016-03-07", None)]
    outcome = run(make_context, "key_area.coverage", items)
    # 1 of 3 required items published: 30 * 1/3 = 10; each missing item costs 30/3 = 10.
    assert outcome.points == pytest.approx(10.0)
    missing = [f for f in outcome.findings if f.code == "key_area.missing"]
    assert [f.records for f in missing] == [("fiscal-accounts",), ("penalties",)]
    assert [f.deduction for f in missing] == [pytest.approx(10.0)] * 2
    assert "部门决算" in missing[0].message
    assert_deductions_explain_points(outcome)


def test_item_published_on_the_snapshot_day_counts(make_context: MakeContext) -> None:
    items = [*ALL_THREE[:2], item("penalties", "2016-12-20", "2017-01-10")]
    assert run(make_context, "key_area.coverage", items).points == MAX


def test_item_published_after_the_snapshot_counts_as_missing(make_context: MakeContext) -> None:
    items = [*ALL_THREE[:2], item("penalties", "2016-12-20", "2017-01-11")]
    outcome = run(make_context, "key_area.coverage", items)
    assert outcome.points == pytest.approx(20.0)
    assert only(outcome, "key_area.missing").records == ("penalties",)
    assert only(outcome, "integrity.after_snapshot").deduction is None
    assert_deductions_explain_points(outcome)


def test_item_formed_before_the_assessed_year_is_not_credited(make_context: MakeContext) -> None:
    items = [*ALL_THREE[:2], item("penalties", "2015-12-20", "2016-01-05")]
    outcome = run(make_context, "key_area.coverage", items)
    assert outcome.points == pytest.approx(20.0)
    assert only(outcome, "integrity.outside_year").records == ("penalties@2015-12-20",)
    assert only(outcome, "key_area.missing").records == ("penalties",)


def test_publication_before_formation_is_flagged_and_not_credited(
    make_context: MakeContext,
) -> None:
    items = [*ALL_THREE[:2], item("penalties", "2016-05-10", "2016-05-09")]
    outcome = run(make_context, "key_area.coverage", items)
    assert outcome.points == pytest.approx(20.0)
    finding = only(outcome, "integrity.published_before_formed")
    assert finding.records == ("penalties@2016-05-10",)
    assert finding.deduction == pytest.approx(10.0)
    assert "key_area.missing" not in codes(outcome)
    assert_deductions_explain_points(outcome)


def test_item_is_credited_when_a_later_record_of_it_is_published(
    make_context: MakeContext,
) -> None:
    items = [*ALL_THREE[:2], item("penalties", "2016-03-07", None), on_time("penalties")]
    outcome = run(make_context, "key_area.coverage", items)
    assert outcome.points == MAX
    assert outcome.findings == ()


def test_item_is_credited_when_a_later_record_is_valid_and_the_first_outside_the_year(
    make_context: MakeContext,
) -> None:
    items = [
        *ALL_THREE[:2],
        item("penalties", "2015-12-20", "2016-01-05"),
        on_time("penalties"),
    ]
    outcome = run(make_context, "key_area.coverage", items)
    assert outcome.points == MAX
    assert codes(outcome) == ["integrity.outside_year"]
    finding = only(outcome, "integrity.outside_year")
    assert finding.records == ("penalties@2015-12-20",)
    assert finding.deduction is None


def test_item_whose_published_records_all_earn_nothing_loses_with_the_first_problem(
    make_context: MakeContext,
) -> None:
    items = [
        *ALL_THREE[:2],
        item("penalties", "2015-12-20", "2016-01-05"),  # disregarded: not a counting problem
        item("penalties", "2016-05-10", "2016-05-09"),
        item("penalties", "2016-06-10", "2016-06-08"),
    ]
    outcome = run(make_context, "key_area.coverage", items)
    assert outcome.points == pytest.approx(20.0)
    finding = only(outcome, "integrity.published_before_formed")
    assert finding.records == ("penalties@2016-05-10",)
    assert finding.deduction == pytest.approx(10.0)
    assert "key_area.missing" not in codes(outcome)
    assert only(outcome, "integrity.outside_year").deduction is None
    assert_deductions_explain_points(outcome)


def test_exact_duplicate_record_is_flagged_and_counted_once(make_context: MakeContext) -> None:
    outcome = run(make_context, "key_area.coverage", [*ALL_THREE, on_time("penalties")])
    assert outcome.points == MAX
    finding = only(outcome, "integrity.duplicate_record")
    assert finding.records == ("penalties@2016-03-07",)
    assert finding.deduction is None
    assert "2 条" in finding.message


def test_records_without_any_date_are_named_by_their_place_among_the_items_records(
    make_context: MakeContext,
) -> None:
    items = [*ALL_THREE, {"item": "penalties"}, {"item": "penalties"}]
    outcome = run(make_context, "key_area.coverage", items)
    assert outcome.points == MAX
    assert only(outcome, "integrity.duplicate_record").records == ("penalties#2",)


def test_item_not_in_the_checklist_is_flagged_and_earns_nothing(
    make_context: MakeContext,
) -> None:
    items = [*ALL_THREE, on_time("made-up"), item("made-up", "2016-05-09", "2016-05-10")]
    outcome = run(make_context, "key_area.coverage", items)
    assert outcome.points == MAX
    finding = only(outcome, "integrity.unknown_item")  # once per item, not per record
    assert finding.records == ("made-up",)
    assert finding.deduction is None


def test_item_of_another_unit_kind_is_neither_required_nor_unknown(
    make_context: MakeContext,
) -> None:
    # The second street-affairs record, formed outside the year, would be flagged if required.
    items = [*ALL_THREE, on_time("street-affairs"), item("street-affairs", "2015-05-09", None)]
    for name in SCORERS:
        outcome = run(make_context, name, items)
        assert outcome.points == MAX, name
        assert outcome.findings == (), name


def test_item_reserved_for_named_units_is_required_of_them_only(
    make_context: MakeContext,
) -> None:
    finance = Unit("xc-finance", "西城区财政局", "bureau")
    outcome = run(make_context, "key_area.coverage", ALL_THREE, unit=finance)
    # 4 items required of xc-finance, 3 published: 30 * 3/4 = 22.5.
    assert outcome.points == pytest.approx(22.5)
    assert only(outcome, "key_area.missing").records == ("treasury",)


def test_unit_kind_without_a_checklist_is_not_applicable(make_context: MakeContext) -> None:
    street = Unit("xc-street", "某街道", "street")
    for name in SCORERS:
        outcome = run(make_context, name, ALL_THREE, unit=street)
        assert outcome.status == "not_applicable"
        assert codes(outcome) == ["key_area.no_checklist"]


def test_checklist_requiring_nothing_of_the_unit_is_not_applicable(
    make_context: MakeContext,
) -> None:
    params = {"checklists": {"bureau": "street-2016"}}
    outcome = run(make_context, "key_area.coverage", ALL_THREE, params=params)
    assert outcome.status == "not_applicable"
    assert codes(outcome) == ["key_area.nothing_required"]


# ---------------------------------------------------------------- timeliness


def timely(make_context: MakeContext, last: Mapping[str, Any], **kw: Any) -> Outcome:
    return run(make_context, "key_area.timeliness", [*ALL_THREE[:2], last], **kw)


def test_item_published_on_working_day_20_is_on_time(make_context: MakeContext) -> None:
    # Formed Monday 3-07: 3-08..11 are days 1-4, 3-14..18 5-9, 3-21..25 10-14,
    # 3-28..4-01 15-19; 4-02..04 are the 清明 holiday; Tuesday 4-05 is day 20.
    outcome = timely(make_context, item("penalties", "2016-03-07", "2016-04-05"))
    assert outcome.points == MAX
    assert outcome.findings == ()


def test_item_published_on_working_day_21_is_late(make_context: MakeContext) -> None:
    outcome = timely(make_context, item("penalties", "2016-03-07", "2016-04-06"))
    # 2 of 3 published items on time: 30 * 2/3 = 20.
    assert outcome.points == pytest.approx(20.0)
    late = only(outcome, "key_area.late")
    assert late.records == ("penalties@2016-03-07",)
    assert late.deduction == pytest.approx(10.0)
    assert "第21个工作日" in late.message and "20个工作日" in late.message


def test_national_day_holiday_is_not_counted_but_its_make_up_weekend_is(
    make_context: MakeContext,
) -> None:
    # Formed Friday 9-30; 10-01..07 off; Sat/Sun 10-08/09 are days 1-2; 10-10..14 3-7;
    # 10-17..21 8-12; 10-24..28 13-17; 10-31 18, 11-01 19, 11-02 20, 11-03 21.
    # A weekday-only count would call 10-28 day 20 and 11-03 day 24.
    for published, expected in [
        ("2016-10-28", MAX),
        ("2016-11-02", MAX),
        ("2016-11-03", 20.0),
    ]:
        outcome = timely(make_context, item("penalties", "2016-09-30", published))
        assert outcome.points == pytest.approx(expected), published
    late = only(outcome, "key_area.late")
    assert "第21个工作日" in late.message


def test_shorter_deadline_from_params_applies(make_context: MakeContext) -> None:
    params = {**PARAMS, "within_working_days": 15}
    # From Friday 9-30: Wednesday 10-26 is working day 15, Thursday 10-27 day 16.
    ok = timely(make_context, item("penalties", "2016-09-30", "2016-10-26"), params=params)
    assert ok.points == MAX
    late = timely(make_context, item("penalties", "2016-09-30", "2016-10-27"), params=params)
    assert late.points == pytest.approx(20.0)
    assert "第16个工作日" in only(late, "key_area.late").message


def test_item_formed_in_december_is_counted_across_the_new_year_holiday(
    make_context: MakeContext,
) -> None:
    # Formed Tuesday 12-20: 12-21..23 days 1-3, 12-26..30 4-8, 12-31..1-02 off,
    # 2017-01-03..06 9-12, 01-09 13, 01-10 14.
    outcome = timely(
        make_context,
        item("penalties", "2016-12-20", "2017-01-10"),
        params={**PARAMS, "within_working_days": 14},
    )
    assert outcome.points == MAX


def test_item_without_formation_date_is_not_credited(make_context: MakeContext) -> None:
    outcome = timely(make_context, item("penalties", None, "2016-04-05"))
    assert outcome.points == pytest.approx(20.0)
    finding = only(outcome, "key_area.no_formed_date")
    assert finding.records == ("penalties@2016-04-05",)
    assert finding.deduction == pytest.approx(10.0)


def test_timeliness_is_judged_on_published_items_only(make_context: MakeContext) -> None:
    items = [on_time("fiscal-budget"), item("penalties", "2016-03-07", "2016-04-06")]
    outcome = run(make_context, "key_area.timeliness", items)
    # fiscal-accounts unpublished is coverage's business; 1 of 2 published on time: 15.
    assert outcome.points == pytest.approx(15.0)
    assert codes(outcome) == ["key_area.late"]


def test_timeliness_with_nothing_published_is_not_applicable(make_context: MakeContext) -> None:
    outcome = run(make_context, "key_area.timeliness", [item("penalties", "2016-03-07", None)])
    assert outcome.status == "not_applicable"


def test_timeliness_excludes_items_outside_the_year_or_after_the_snapshot(
    make_context: MakeContext,
) -> None:
    items = [
        on_time("fiscal-budget"),
        item("fiscal-accounts", "2015-11-02", "2016-03-01"),  # formed outside 2016
        item("penalties", "2016-12-20", "2017-02-01"),  # published after 2017-01-10
    ]
    outcome = run(make_context, "key_area.timeliness", items)
    assert outcome.points == MAX  # 1 of 1 judged item on time
    assert sorted(codes(outcome)) == ["integrity.after_snapshot", "integrity.outside_year"]
    assert all(f.deduction is None for f in outcome.findings)


def test_timeliness_judges_publication_before_formation_as_not_on_time(
    make_context: MakeContext,
) -> None:
    outcome = timely(make_context, item("penalties", "2016-05-10", "2016-05-09"))
    assert outcome.points == pytest.approx(20.0)
    assert only(outcome, "integrity.published_before_formed").deduction == pytest.approx(10.0)
    assert_deductions_explain_points(outcome)


def test_future_formation_date_is_flagged_as_after_the_snapshot(
    make_context: MakeContext,
) -> None:
    outcome = timely(make_context, item("penalties", "2017-03-01", "2017-03-02"))
    assert outcome.points == MAX  # two judged items, both on time
    assert only(outcome, "integrity.after_snapshot").records == ("penalties@2017-03-01",)


def test_each_publication_of_an_item_is_judged_on_its_own(make_context: MakeContext) -> None:
    # Formed Monday 3-07, published 3-08: working day 1. Formed Friday 9-30,
    # published Thursday 11-03: working day 21 (see the National Day test above).
    items = [on_time("penalties"), item("penalties", "2016-09-30", "2016-11-03")]
    outcome = run(make_context, "key_area.timeliness", items)
    # 1 of 2 publications on time: 30 * 1/2 = 15.
    assert outcome.points == pytest.approx(15.0)
    late = only(outcome, "key_area.late")
    assert late.records == ("penalties@2016-09-30",)
    assert late.deduction == pytest.approx(15.0)
    assert "第21个工作日" in late.message
    assert_deductions_explain_points(outcome)


def test_publications_formed_the_same_day_but_published_apart_are_not_duplicates(
    make_context: MakeContext,
) -> None:
    # Both formed Monday 3-07: published 3-08 is working day 1, 4-06 working day 21.
    items = [*ALL_THREE, item("penalties", "2016-03-07", "2016-04-06")]
    outcome = run(make_context, "key_area.timeliness", items)
    # 3 of 4 publications on time: 30 * 3/4 = 22.5.
    assert outcome.points == pytest.approx(22.5)
    assert codes(outcome) == ["key_area.late"]


def test_exact_duplicate_of_a_late_record_costs_once(make_context: MakeContext) -> None:
    # Formed Monday 3-07, published Wednesday 4-06: working day 21, submitted twice.
    late = item("penalties", "2016-03-07", "2016-04-06")
    outcome = run(make_context, "key_area.timeliness", [*ALL_THREE[:2], late, dict(late)])
    # Judged once: 2 of 3 on time, 30 * 2/3 = 20 (counted twice it would be 2 of 4).
    assert outcome.points == pytest.approx(20.0)
    assert only(outcome, "key_area.late").deduction == pytest.approx(10.0)
    assert only(outcome, "integrity.duplicate_record").records == ("penalties@2016-03-07",)
    assert_deductions_explain_points(outcome)


def test_publication_before_formation_stays_judged_beside_other_publications(
    make_context: MakeContext,
) -> None:
    items = [*ALL_THREE, item("penalties", "2016-05-10", "2016-05-09")]
    outcome = run(make_context, "key_area.timeliness", items)
    # 4 judged publications, the one published before it was formed earns nothing: 22.5.
    assert outcome.points == pytest.approx(22.5)
    finding = only(outcome, "integrity.published_before_formed")
    assert finding.records == ("penalties@2016-05-10",)
    assert finding.deduction == pytest.approx(7.5)


# ---------------------------------------------------------------- designated column


def test_items_outside_their_designated_column_cost_their_share(
    make_context: MakeContext,
) -> None:
    items = [
        on_time("fiscal-budget"),
        {**on_time("fiscal-accounts"), "in_designated_column": False},
        {k: v for k, v in on_time("penalties").items() if k != "in_designated_column"},
    ]
    outcome = run(make_context, "key_area.designated_column", items)
    # Absent counts as false: 1 of 3 in column, 30 * 1/3 = 10.
    assert outcome.points == pytest.approx(10.0)
    assert [f.records for f in outcome.findings] == [
        ("fiscal-accounts@2016-03-07",),
        ("penalties@2016-03-07",),
    ]
    assert codes(outcome) == ["key_area.not_in_column"] * 2
    assert_deductions_explain_points(outcome)


def test_each_publication_outside_its_column_costs_its_share(make_context: MakeContext) -> None:
    # Formed Monday 5-09, published the next day (on time), but outside its column.
    outside = item("penalties", "2016-05-09", "2016-05-10", in_designated_column=False)
    items = [*ALL_THREE, outside]
    outcome = run(make_context, "key_area.designated_column", items)
    # 3 of 4 publications in their column: 30 * 3/4 = 22.5.
    assert outcome.points == pytest.approx(22.5)
    finding = only(outcome, "key_area.not_in_column")
    assert finding.records == ("penalties@2016-05-09",)
    assert finding.deduction == pytest.approx(7.5)


def test_designated_column_with_nothing_published_is_not_applicable(
    make_context: MakeContext,
) -> None:
    outcome = run(make_context, "key_area.designated_column", [])
    assert outcome.status == "not_applicable"
    assert outcome.points == 0.0


def test_same_day_publications_at_different_addresses_are_not_duplicates(
    make_context: MakeContext,
) -> None:
    first = {**on_time("penalties"), "url": "http://www.bjxch.gov.cn/xxgk/1.html"}
    second = {**on_time("penalties"), "url": "http://www.bjxch.gov.cn/xxgk/2.html"}
    outcome = run(make_context, "key_area.timeliness", [*ALL_THREE[:2], first, second])
    # Four distinct publications, all on time: full points and no duplicate finding.
    assert outcome.points == pytest.approx(MAX)
    assert "integrity.duplicate_record" not in codes(outcome)
