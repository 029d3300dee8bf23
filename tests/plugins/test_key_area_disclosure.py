"""Key-area disclosure scorers: coverage, timeliness (official working days), designated column.

An item may be published many times a year: each record is one publication,
named ``<item>@<formed_on>`` in findings (``<item>@<published_on>`` without a
formation date, ``<item>#<n>`` without either).

Working-day counts below are worked out by hand from the State Council's 2016
holiday schedule: 清明 4-02..04 off; 端午 6-09..11 off with Sunday 6-12 worked;
国庆 10-01..07 off with Saturday/Sunday 10-08/09 worked; 元旦 2016-12-31..2017-01-02 off.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from fractions import Fraction
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
from evaluator._core.model import Checklist, ChecklistItem, Unit

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
    checklist: Checklist = CHECKLIST,
    **context: Any,
) -> Outcome:
    ctx: ScoringContext = make_context(
        {"items": list(items)},
        params=params if params is not None else PARAMS,
        max_points=MAX,
        unit=unit,
        checklists={"bureau-2016": checklist, "street-2016": STREET_CHECKLIST},
        scorer=SCORERS[name],
        **context,
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
    assert missing[0].params == {"item": "fiscal-accounts", "name": "部门决算"}
    assert_deductions_explain_points(outcome)


def test_item_published_on_the_snapshot_day_counts(make_context: MakeContext) -> None:
    # A snapshot inside the year, 2016-12-30: published that day counts, the next day not.
    items = [*ALL_THREE[:2], item("penalties", "2016-12-20", "2016-12-30")]
    as_of = dt.date(2016, 12, 30)
    assert run(make_context, "key_area.coverage", items, as_of=as_of).points == MAX
    items = [*ALL_THREE[:2], item("penalties", "2016-12-20", "2016-12-31")]
    late = run(make_context, "key_area.coverage", items, as_of=as_of)
    assert late.points == pytest.approx(20.0)
    assert only(late, "integrity.after_snapshot").records == ("penalties@2016-12-20",)


def test_item_published_after_the_year_covers_the_next_year(make_context: MakeContext) -> None:
    # Formed 2016-12-20, published 2017-01-10 (the snapshot): the 2017 run's publication.
    items = [*ALL_THREE[:2], item("penalties", "2016-12-20", "2017-01-10")]
    outcome = run(make_context, "key_area.coverage", items)
    assert outcome.points == pytest.approx(20.0)
    assert only(outcome, "key_area.missing").records == ("penalties",)
    assert only(outcome, "integrity.outside_year").params["day"] == dt.date(2017, 1, 10)


def test_item_published_after_the_snapshot_counts_as_missing(make_context: MakeContext) -> None:
    items = [*ALL_THREE[:2], item("penalties", "2016-12-20", "2017-01-11")]
    outcome = run(make_context, "key_area.coverage", items)
    assert outcome.points == pytest.approx(20.0)
    assert only(outcome, "key_area.missing").records == ("penalties",)
    assert only(outcome, "integrity.after_snapshot").deduction is None
    assert_deductions_explain_points(outcome)


def test_item_formed_before_the_year_but_published_within_it_counts(
    make_context: MakeContext,
) -> None:
    # Formed 2015-12-20, published 2016-01-05: a 2016 publication. Its timeliness settles
    # in 2016 too (12-21..25, 12-28..31, 01-04, 01-05: working day 11 of 20, in time).
    items = [*ALL_THREE[:2], item("penalties", "2015-12-20", "2016-01-05")]
    for name in SCORERS:
        outcome = run(make_context, name, items)
        assert (outcome.points, outcome.findings) == (MAX, ()), name
    # published in 2015, it is the 2015 run's
    old = [*ALL_THREE[:2], item("penalties", "2015-12-20", "2015-12-28")]
    outcome = run(make_context, "key_area.coverage", old)
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
        item("penalties", "2015-12-20", "2015-12-28"),
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
        item("penalties", "2015-12-20", "2015-12-28"),  # the 2015 run's: not a counting problem
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
    assert finding.params["copies"] == 2


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


def test_an_item_named_by_its_chinese_name_counts_as_its_id(make_context: MakeContext) -> None:
    # 部门决算 is the name of fiscal-accounts, written as a clerk would
    items = [on_time("fiscal-budget"), on_time("部门决算"), on_time("penalties")]
    outcome = run(make_context, "key_area.coverage", items)
    assert outcome.points == MAX
    assert codes(outcome) == []


def test_an_unknown_item_suggests_the_nearest_id_or_name(make_context: MakeContext) -> None:
    items = [*ALL_THREE, on_time("fiscal-acounts"), on_time("部门决算表")]
    outcome = run(make_context, "key_area.coverage", items)
    found = {f.records[0]: f.params for f in outcome.findings if f.code == "integrity.unknown_item"}
    assert found["fiscal-acounts"]["suggestion"] == "fiscal-accounts"
    assert found["部门决算表"]["suggestion"] == "部门决算"
    assert all(p["hint"] == "hint.did_you_mean" for p in found.values())


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
    assert (late.params["due"], late.params["limit_zh"]) == (
        dt.date(2016, 4, 5),
        "形成后20个工作日内",
    )


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
    assert late.params["due"] == dt.date(2016, 11, 2)


def test_shorter_deadline_from_params_applies(make_context: MakeContext) -> None:
    params = {**PARAMS, "within_working_days": 15}
    # From Friday 9-30: Wednesday 10-26 is working day 15, Thursday 10-27 day 16.
    ok = timely(make_context, item("penalties", "2016-09-30", "2016-10-26"), params=params)
    assert ok.points == MAX
    late = timely(make_context, item("penalties", "2016-09-30", "2016-10-27"), params=params)
    assert late.points == pytest.approx(20.0)
    assert only(late, "key_area.late").params["due"] == dt.date(2016, 10, 26)


def test_item_formed_in_december_is_counted_across_the_new_year_holiday(
    make_context: MakeContext,
) -> None:
    # Formed Tuesday 12-20: 12-21..23 days 1-3, 12-26..30 4-8, 12-31..1-02 off,
    # 2017-01-03..06 9-12, 01-09 13, 01-10 14. Published 2017-01-10, it settles in 2017:
    # the 2016 run carries it over, the 2017 run judges it (on time at 14 days, late at 13).
    record = item("penalties", "2016-12-20", "2017-01-10")
    in_2016 = timely(make_context, record, params={**PARAMS, "within_working_days": 14})
    assert in_2016.points == MAX  # the two 2016 publications, on time
    assert only(in_2016, "key_area.carried_over").records == ("penalties@2016-12-20",)
    later = {"year": 2017, "as_of": dt.date(2018, 1, 10)}
    for days, points in ((14, MAX), (13, 0)):
        params = {**PARAMS, "within_working_days": days}
        outcome = run(make_context, "key_area.timeliness", [record], params=params, **later)
        assert outcome.points == points


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


def test_timeliness_with_nothing_published_or_due_is_not_applicable(
    make_context: MakeContext,
) -> None:
    # Formed Friday 2016-12-30 and not yet published: due 2017-02-?? (20 working days
    # across the Spring Festival), after the snapshot and the year.
    outcome = run(make_context, "key_area.timeliness", [item("penalties", "2016-12-30", None)])
    assert outcome.status == "not_applicable"
    assert only(outcome, "key_area.carried_over").records == ("penalties@2016-12-30",)


def test_record_unpublished_past_its_deadline_is_late(make_context: MakeContext) -> None:
    # Formed Monday 03-07, due Tuesday 04-05 (working day 20), unpublished at the snapshot:
    # it became late on 04-05, in 2016. Reporting a late publication as unpublished
    # does not take it out of the rule.
    outcome = timely(make_context, item("penalties", "2016-03-07", None))
    assert outcome.points == pytest.approx(20.0)
    overdue = only(outcome, "key_area.overdue")
    assert (overdue.records, overdue.params["due"]) == (
        ("penalties@2016-03-07",),
        dt.date(2016, 4, 5),
    )


def test_timeliness_excludes_items_outside_the_year_or_after_the_snapshot(
    make_context: MakeContext,
) -> None:
    items = [
        on_time("fiscal-budget"),
        item("fiscal-accounts", "2015-11-02", "2016-03-01"),  # formed outside 2016
        item("penalties", "2016-12-20", "2017-02-01"),  # published after 2017-01-10
    ]
    outcome = run(make_context, "key_area.timeliness", items)
    # fiscal-accounts was due 2015-11-30 and settled then, late, in the 2015 run; penalties,
    # published after the snapshot, is unpublished and due 2017-01-18: carried over
    assert outcome.points == MAX  # 1 of 1 judged item on time
    assert sorted(codes(outcome)) == [
        "integrity.after_snapshot",
        "integrity.outside_year",
        "key_area.carried_over",
    ]
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
    assert late.params["due"] == dt.date(2016, 11, 2)
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


# ---------------------------------------------------------------- deadlines and periods set by law

LAW = Checklist(
    id="bureau-2016",
    name="区级重点领域政务公开清单",
    items=(
        # 预算法 第14条: within 20 days of approval
        ChecklistItem("budget", "部门预算", "财政预决算", deadline={"calendar_days": 20}),
        # 双公示: within 7 working days of the decision
        ChecklistItem("penalty", "行政处罚结果", "行政处罚", deadline={"working_days": 7}),
        ChecklistItem(
            "report", "年度统计公报", "统计", deadline={"by": "03-31"}, frequency="yearly"
        ),
        ChecklistItem("relief", "低保对象公示", "社会救助", frequency="quarterly"),
    ),
)


def lawful(make_context: MakeContext, name: str, items: list[dict[str, Any]], **kw: Any) -> Outcome:
    return run(make_context, name, items, checklist=LAW, **kw)


def test_budget_is_due_20_calendar_days_after_approval_ending_on_a_working_day(
    make_context: MakeContext,
) -> None:
    # Approved Wednesday 2016-09-14: day 20 is Tuesday 10-04, a National Day holiday; the
    # period runs to Saturday 10-08, the first working day after. Sunday 10-09 was worked
    # too, but it is after the due date.
    on_time = lawful(
        make_context, "key_area.timeliness", [item("budget", "2016-09-14", "2016-10-08")]
    )
    assert on_time.points == MAX
    late = lawful(make_context, "key_area.timeliness", [item("budget", "2016-09-14", "2016-10-09")])
    assert late.points == 0
    finding = only(late, "key_area.late")
    assert (finding.params["due"], finding.params["limit_zh"]) == (
        dt.date(2016, 10, 8),
        "形成后20日内",
    )


def test_penalty_decision_is_due_within_7_working_days(make_context: MakeContext) -> None:
    # Decided Friday 09-30: 10-08 (1), 10-09 (2), 10-10..14 (3-7). 10-17 is day 8.
    items = [
        item("penalty", "2016-09-30", "2016-10-14"),
        item("penalty", "2016-09-30", "2016-10-17", url="http://x.gov.cn/2"),
    ]
    outcome = lawful(make_context, "key_area.timeliness", items)
    assert outcome.points == MAX / 2
    assert only(outcome, "key_area.late").params["due"] == dt.date(2016, 10, 14)


def test_a_by_deadline_is_that_day_of_the_year_after_the_period(make_context: MakeContext) -> None:
    # The 2015 report is due 2016-03-31 (a Thursday); one for 2017 is due 2018-03-31, a
    # Saturday, so by Monday 2018-04-02.
    on_time = item("report", "2016-01-20", "2016-03-31", period="2015")
    late = item("report", "2016-01-20", "2016-04-01", period="2015", url="http://x.gov.cn/2")
    outcome = lawful(make_context, "key_area.timeliness", [on_time, late])
    assert outcome.points == MAX / 2
    assert only(outcome, "key_area.late").params["limit_zh"] == "次年3月31日前"
    in_2018 = lawful(
        make_context,
        "key_area.timeliness",
        [item("report", "2018-01-15", "2018-04-02", period="2017")],
        year=2018,
        as_of=dt.date(2019, 1, 10),
    )
    assert in_2018.points == MAX


def test_a_quarterly_item_earns_its_share_by_the_quarters_published(
    make_context: MakeContext,
) -> None:
    # Four items: budget, penalty, report required too, each a quarter of 30 points; relief
    # is quarterly: Q1, Q2 and Q4 of 2016 published (Q4 in January 2017, before the snapshot),
    # Q3 missing, one record without a period covers no quarter.
    items = [
        item("budget", "2016-02-01", "2016-02-03"),
        item("penalty", "2016-03-07", "2016-03-08"),
        item("report", "2016-01-20", "2016-03-01", period="2015"),
        item("relief", "2016-03-25", "2016-03-31", period="2016-Q1"),
        item("relief", "2016-06-24", "2016-06-30", period="2016-Q2"),
        item("relief", "2016-12-26", "2017-01-05", period="2016-Q4"),
        item("relief", "2016-09-26", "2016-09-30"),
    ]
    outcome = lawful(make_context, "key_area.coverage", items)
    assert outcome.points == pytest.approx(30 * (3 + Fraction(3, 4)) / 4)
    missing = only(outcome, "key_area.periods_missing")
    assert (missing.params["covered"], missing.params["required"]) == (3, 4)
    assert missing.params["missing"] == ["2016-Q3"]
    assert missing.deduction == pytest.approx(30 / 4 / 4)
    assert only(outcome, "key_area.period_unmatched").records == ("relief@2016-09-26",)


def test_a_yearly_item_due_the_following_year_answers_for_the_year_it_is_due(
    make_context: MakeContext,
) -> None:
    # The report is due by 03-31 of the following year: the 2016 run wants the 2015 report
    # (published in 2016); one for 2016 published early answers for 2017, and 2015's is missing.
    items = [item("report", "2016-01-20", "2016-03-01", period="2015")]
    outcome = lawful(make_context, "key_area.coverage", items)
    assert not [f for f in outcome.findings if f.records == ("report",)]
    items = [item("report", "2016-11-20", "2016-12-01", period="2016")]
    outcome = lawful(make_context, "key_area.coverage", items)
    [report] = [f for f in outcome.findings if f.records == ("report",)]
    assert (report.code, report.params["missing"]) == ("key_area.periods_missing", ["2015"])


def test_copies_differing_by_an_empty_query_or_fragment_are_one_record(
    make_context: MakeContext,
) -> None:
    # Three copies of an on-time publication do not dilute the late one.
    base = "http://www.bjxch.gov.cn/xxgk/1.html"
    items = [
        *ALL_THREE[:2],
        {**on_time("penalties"), "url": base},
        {**on_time("penalties"), "url": base + "#top"},
        {**on_time("penalties"), "url": base + "??"},
        item("penalties", "2016-03-07", "2016-04-06", url="http://www.bjxch.gov.cn/xxgk/2.html"),
    ]
    outcome = run(make_context, "key_area.timeliness", items)
    assert outcome.points == pytest.approx(30 * 3 / 4)
    assert only(outcome, "integrity.duplicate_record").params["copies"] == 3
    # a real query is another address: ?id=1 and ?id=2 are two publications
    two = [
        *ALL_THREE[:2],
        {**on_time("penalties"), "url": base + "?id=1"},
        {**on_time("penalties"), "url": base + "?id=2"},
    ]
    assert "integrity.duplicate_record" not in codes(run(make_context, "key_area.timeliness", two))


def test_a_copy_outside_the_designated_column_counts_as_outside(make_context: MakeContext) -> None:
    inside = on_time("penalties")
    outside = {**inside, "in_designated_column": False}
    outcome = run(make_context, "key_area.designated_column", [*ALL_THREE[:2], inside, outside])
    assert outcome.points == pytest.approx(20.0)
    assert only(outcome, "key_area.not_in_column").records == ("penalties@2016-03-07",)


# ---------------------------------------------------------------- the review, made once


def test_the_three_scorers_share_one_review_of_the_same_unit_and_data(
    make_context: MakeContext,
) -> None:
    from evaluator_areas.key_area_disclosure.review import review

    from evaluator._core.frozen import freeze

    items = freeze([*ALL_THREE[:2], item("penalties", "2016-12-20", "2016-12-31")])
    lists = {"bureau-2016": CHECKLIST, "street-2016": STREET_CHECKLIST}

    def reviewed(data: Any = items, **context: Any) -> Any:
        return review(make_context({"items": data}, checklists=lists, **context), "bureau-2016")

    first = reviewed()
    assert reviewed() is first  # the same unit's data: the review already made
    # a snapshot before the publication: a new review, which sets the record aside
    earlier = reviewed(as_of=dt.date(2016, 12, 30))
    assert earlier is not first
    [penalties] = earlier.records["penalties"]
    assert penalties.published is None and first.records["penalties"][0].published is not None
    assert reviewed(unit=Unit("xc-other", "其他局", "bureau")) is not reviewed()
    assert reviewed(year=2017) is not reviewed()
    # equal data in another list is another unit's: never taken for the last one
    again = freeze([*ALL_THREE[:2], item("penalties", "2016-12-20", "2016-12-31")])
    assert reviewed(again) is not reviewed(items)
    # a list that could change (not the engine's read-only one) is reviewed every time
    plain = ScoringContext(
        unit=Unit("xc-test", "测试局", "bureau"),
        data={"items": list(items)},
        submission={},
        params={},
        max_points=MAX,
        indicator="coverage",
        year=2016,
        as_of=dt.date(2017, 1, 10),
        regime="ogi-2008",
        checklists=lists,
        facts={},
    )
    assert review(plain, "bureau-2016") is not review(plain, "bureau-2016")


def test_a_value_made_from_changeable_data_is_never_reused() -> None:
    from evaluator_areas._disclosure.made_once import LastMade

    from evaluator._core.frozen import freeze

    made: LastMade[list[int]] = LastMade()
    frozen, plain = freeze([1, 2]), [1, 2]
    first = made.get((frozen,), (2016,), lambda: [len(frozen)])
    assert made.get((frozen,), (2016,), lambda: [0]) is first
    assert made.get((frozen,), (2017,), lambda: [0]) == [0]  # another year
    assert made.get((plain,), (2016,), lambda: [1]) == [1]
    assert made.get((plain,), (2016,), lambda: [2]) == [2]  # a changeable list: made again


# ---------------------------------------------------------------- the annual report item

# The annual report's item, due by the annual report's rule (plugins/_disclosure/report_due.py):
# 2008 art. 31 for a report on 2018 or before, 2019 art. 49 after (the due date's law).
REPORT_ITEM = ChecklistItem(
    "ogi-annual-report",
    "政府信息公开工作年度报告",
    "政务公开工作",
    deadline={"rule": "annual_report"},
)
REPORTS = Checklist("bureau-2016", "区级重点领域政务公开清单", (REPORT_ITEM,))
STREET_REPORTS = Checklist("street-2016", "街道重点领域政务公开清单", (REPORT_ITEM,))
BOTH = {"checklists": {"bureau": "bureau-2016", "street": "street-2016"}}
# the scheme's date for streets under the 2019 regulation (no national one)
STREET_2019 = {
    "due": {
        "ogi-2008": {"bureau": "03-31", "street": "03-31"},
        "ogi-2019": {"bureau": "01-31", "street": "03-31"},
    }
}
STREET_UNIT = Unit("xc-test-street", "测试街道", "street")


def report_run(
    make_context: MakeContext,
    name: str,
    items: list[dict[str, Any]],
    *,
    year: int = 2016,
    params: Mapping[str, Any] | None = None,
    checklist: Checklist = REPORTS,
    **kw: Any,
) -> Outcome:
    rule = {"annual_report": STREET_2019} if name == "key_area.timeliness" else {}
    ctx = make_context(
        {"items": items},
        params={**BOTH, **rule, **(params or {})},
        max_points=MAX,
        checklists={"bureau-2016": checklist, "street-2016": STREET_REPORTS},
        scorer=SCORERS[name],
        year=year,
        as_of=dt.date(year + 1, 1, 10),
        **kw,
    )
    return SCORERS[name].score(ctx)


def test_a_2015_report_published_on_2016_03_25_is_on_time(make_context: MakeContext) -> None:
    # formed Friday 2016-01-15: its 20th working day was 2016-02-17 (Saturday 02-06 and
    # Sunday 02-14 worked, Spring Festival 02-07..13 off), and the old default judged it
    # late; the report's own law gives it until 2016-03-31
    record = item("ogi-annual-report", "2016-01-15", "2016-03-25")
    outcome = report_run(make_context, "key_area.timeliness", [record])
    assert (outcome.points, outcome.findings) == (MAX, ())
    plain = Checklist("bureau-2016", "清单", (dataclasses.replace(REPORT_ITEM, deadline=None),))
    under_20_days = report_run(make_context, "key_area.timeliness", [record], checklist=plain)
    assert only(under_20_days, "key_area.late").params["due"] == dt.date(2016, 2, 17)


@pytest.mark.parametrize("unit", [None, STREET_UNIT], ids=["bureau", "street"])
@pytest.mark.parametrize(
    ("report_year", "bureau_due", "street_due"),
    [
        (2015, dt.date(2016, 3, 31), dt.date(2016, 3, 31)),
        # due on Sunday 2019-03-31 under the 2008 regulation, still in force then
        (2018, dt.date(2019, 3, 31), dt.date(2019, 3, 31)),
        # 2019 art. 49: departments by 31 January; streets by the scheme's date
        (2019, dt.date(2020, 1, 31), dt.date(2020, 3, 31)),
    ],
)
def test_the_report_item_is_on_time_on_its_due_day_and_late_the_day_after(
    make_context: MakeContext,
    unit: Unit | None,
    report_year: int,
    bureau_due: dt.date,
    street_due: dt.date,
) -> None:
    due = street_due if unit else bureau_due
    formed = dt.date(report_year + 1, 1, 5)
    late_day = due + dt.timedelta(days=1)
    records = [
        item("ogi-annual-report", str(formed), str(due), url="http://x.gov.cn/1"),
        item("ogi-annual-report", str(formed), str(late_day), url="http://x.gov.cn/2"),
    ]
    outcome = report_run(
        make_context, "key_area.timeliness", records, year=report_year + 1, unit=unit
    )
    late = only(outcome, "key_area.late")
    assert late.records == (f"ogi-annual-report@{formed}",)
    assert (late.params["due"], late.params["published"]) == (due, late_day)
    assert late.params["limit_zh"] == "年度报告的公布期限"
    assert outcome.points == MAX / 2


def test_the_report_item_covers_its_period_and_settles_in_the_year_after_it(
    make_context: MakeContext,
) -> None:
    # a report stated to cover 2015, formed in late 2015: due 2016-03-31 all the same
    record = item("ogi-annual-report", "2015-12-30", "2016-04-01", period="2015")
    outcome = report_run(make_context, "key_area.timeliness", [record])
    assert only(outcome, "key_area.late").params["due"] == dt.date(2016, 3, 31)
    assert report_run(make_context, "key_area.coverage", [record]).points == MAX


def test_a_report_item_judged_by_the_annual_report_dimension_is_not_scored_again(
    make_context: MakeContext,
) -> None:
    judged = dataclasses.replace(
        REPORT_ITEM, judged_by="annual_report", judged_for=("bureau",), judged_in="年度报告"
    )
    checklist = Checklist("bureau-2016", "清单", (judged, LAW.items[1]))
    late = [item("ogi-annual-report", "2016-01-15", "2016-05-03", in_designated_column=False)]
    penalty = [item("penalty", "2016-03-07", "2016-03-08")]
    for name in SCORERS:
        outcome = report_run(make_context, name, late + penalty, checklist=checklist)
        assert outcome.points == MAX, name
        assert all(f.records != ("ogi-annual-report@2016-01-15",) for f in outcome.findings)
    coverage = report_run(make_context, "key_area.coverage", penalty, checklist=checklist)
    assert coverage.points == MAX  # the one item left, published
    note = only(coverage, "key_area.judged_elsewhere")
    assert (note.records, note.params["dimension"], note.deduction) == (
        ("ogi-annual-report",),
        "年度报告",
        None,
    )


def test_a_report_item_is_judged_here_for_a_kind_the_dimension_leaves_out(
    make_context: MakeContext,
) -> None:
    judged = dataclasses.replace(
        REPORT_ITEM, judged_by="annual_report", judged_for=("bureau",), judged_in="年度报告"
    )
    ctx = make_context(
        {"items": [item("ogi-annual-report", "2016-01-15", "2016-04-01")]},
        params={"checklists": {"street": "street-2016"}, "annual_report": STREET_2019},
        max_points=MAX,
        unit=STREET_UNIT,
        checklists={"street-2016": Checklist("street-2016", "街道清单", (judged,))},
        scorer=SCORERS["key_area.timeliness"],
    )
    outcome = SCORERS["key_area.timeliness"].score(ctx)
    assert only(outcome, "key_area.late").params["due"] == dt.date(2016, 3, 31)


def test_a_scheme_overriding_the_reports_date_says_so_on_the_judged_record(
    make_context: MakeContext,
) -> None:
    override = {"regime": "ogi-2008", "reason": "合同约定沿用3月31日"}
    params = {"annual_report": {**STREET_2019, "deadline_override": override}}
    record = item("ogi-annual-report", "2020-01-05", "2020-03-31")
    outcome = report_run(make_context, "key_area.timeliness", [record], year=2020, params=params)
    assert outcome.points == MAX
    note = only(outcome, "audit.checklist_report_deadline_override")
    assert note.records == ("ogi-annual-report@2020-01-05",)
    assert (note.params["due"], note.params["law_due"], note.params["reason"]) == (
        dt.date(2020, 3, 31),
        dt.date(2020, 1, 31),
        "合同约定沿用3月31日",
    )
    lawful_date = report_run(make_context, "key_area.timeliness", [record], year=2020)
    assert only(lawful_date, "key_area.late").params["due"] == dt.date(2020, 1, 31)


def test_the_timeliness_check_knows_the_deadline_rules_and_the_reports_dates() -> None:
    from evaluator import ParamsCheck
    from evaluator._core.model import Scheme

    check = SCORERS["key_area.timeliness"].check
    assert check is not None

    def problems(items: tuple[ChecklistItem, ...], year: int, rule: Any = None) -> list[Any]:
        lists = {"bureau-2016": Checklist("bureau-2016", "清单", items)}
        kinds = {"bureau": "部门", "street": "街道"}
        scheme = Scheme(
            "s", "s", "1", year, dt.date(year + 1, 1, 10), "auto", 2, kinds, (), (), lists, "", ""
        )
        params = {
            "checklists": {"bureau": "bureau-2016", "street": "bureau-2016"},
            "within_working_days": 20,
            "annual_report": rule or {},
        }
        return [(p.code, dict(p.params)) for p in check(ParamsCheck(params, params, scheme, "t"))]

    assert problems((REPORT_ITEM,), 2016) == []
    unknown = dataclasses.replace(REPORT_ITEM, deadline={"rule": "annual_reprot"})
    assert problems((unknown,), 2016) == [
        (
            "key_area.deadline_rule_unknown",
            {
                "checklist": "bureau-2016",
                "item": "ogi-annual-report",
                "rule": "annual_reprot",
                "known": ["annual_report"],
            },
        )
    ]
    # a 2020 scheme judges reports on 2019 here: the streets' date must be stated
    assert problems((REPORT_ITEM,), 2020) == [
        (
            "key_area.report_due_kind_missing",
            {"param": "annual_report.due.ogi-2019", "kind": "street"},
        )
    ]
    assert problems((REPORT_ITEM,), 2020, STREET_2019) == []
    # unless the annual-report dimension judges it for every kind
    elsewhere = dataclasses.replace(
        REPORT_ITEM, judged_by="annual_report", judged_for=("bureau", "street")
    )
    assert problems((elsewhere,), 2020) == []
