"""Website timeliness scorers: availability, homepage, columns, messages, broken links.

Ages are judged at the evaluator's check date: the fixture's as_of, Tuesday
2017-01-10, unless a test gives the fact ``checked_on``. A ``checked_on`` in the
submission is the unit's claim, never used. Dates and working-day counts were
worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, ValidationError
from plugin_support import MakeContext, codes, load_plugin, lost, only, scorers_of, worded

from evaluator import Outcome, Scorer

plugin = load_plugin("website")
SCORERS = scorers_of(plugin)
D = dt.date


def site(**parts: Any) -> dict[str, Any]:
    """A website section with nothing wrong, overridden by ``parts``."""
    base: dict[str, Any] = {
        "monitoring": {"visits": 1000, "failures": 0},
        "homepage_updated_on": D(2017, 1, 9),
        "columns": [],
        "messages": [],
    }
    return {**base, **parts}


def run(name: str, make_context: MakeContext, data: dict[str, Any], **kw: Any) -> Outcome:
    scorer = SCORERS[f"website.{name}"]
    return scorer.score(make_context(data, scorer=scorer, **kw))


def column(name: str, kind: str, updated: dt.date | None = None, **kw: Any) -> dict[str, Any]:
    record: dict[str, Any] = {"name": name, "kind": kind, **kw}
    if updated is not None:
        record["last_updated"] = updated
    return record


def message(
    mid: str, received: dt.date, replied: dt.date | None = None, **kw: Any
) -> dict[str, Any]:
    record: dict[str, Any] = {"id": mid, "received_on": received, **kw}
    if replied is not None:
        record["replied_on"] = replied
    return record


# ---------------------------------------------------------------- registration and schemas


def test_plugin_registers_its_scorers_on_the_website_section() -> None:
    assert set(SCORERS) == {
        "website.availability",
        "website.homepage_fresh",
        "website.column_freshness",
        "website.messages",
        "website.enquiry_channel",
        "website.serious_problems",
        "website.broken_links",
    }
    assert {s.section for s in SCORERS.values()} == {"website"}
    [section] = plugin.register_sections()
    assert section.name == "website"


def test_every_scorer_but_broken_links_is_declared_a_single_veto() -> None:
    # the criteria must then mark each indicator using one veto: true (国办发〔2015〕15号,
    # 国办秘函〔2019〕19号)
    vetoing = {name for name, scorer in SCORERS.items() if scorer.vetoes}
    assert vetoing == set(SCORERS) - {"website.broken_links"}


@pytest.mark.parametrize("scorer", SCORERS.values(), ids=lambda s: s.name)
def test_params_schema_rejects_unknown_keys_and_accepts_its_defaults(scorer: Scorer) -> None:
    Draft202012Validator.check_schema(scorer.params)
    validator = Draft202012Validator(scorer.params)
    defaults = {k: v["default"] for k, v in scorer.params["properties"].items()}
    validator.validate(defaults)
    validator.validate({})
    with pytest.raises(ValidationError):
        validator.validate({**defaults, "veto": True})


def test_column_age_must_be_days_or_months_not_both() -> None:
    validator = Draft202012Validator(SCORERS["website.column_freshness"].params)
    validator.validate({"max_age": {"news": {"days": 7}, "policy": {"months": 3}}})
    for bad in ({"days": 7, "months": 1}, {}, {"weeks": 2}):
        with pytest.raises(ValidationError):
            validator.validate({"max_age": {"news": bad}})


def test_section_schema_accepts_the_contract_example_and_rejects_a_typo() -> None:
    [section] = plugin.register_sections()
    Draft202012Validator.check_schema(section.schema)
    validator = Draft202012Validator(
        section.schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    example = {
        "checked_on": "2017-01-10",
        "monitoring": {"visits": 140, "failures": 3},
        "homepage_updated_on": "2017-01-06",
        "columns": [
            {"name": "工作动态", "kind": "news", "last_updated": "2016-12-28", "blank": False}
        ],
        "messages": [
            {"id": "M-0012", "received_on": "2016-05-01", "replied_on": "2016-05-09", "valid": True}
        ],
        "broken_links": 2,
    }
    validator.validate(example)
    with pytest.raises(ValidationError):
        validator.validate({**example, "broken_link": 2})
    with pytest.raises(ValidationError):
        validator.validate({**example, "columns": [{"name": "x", "kind": "news", "updated": "x"}]})


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert plugin.add_months(D(2017, 8, 31), -6) == D(2017, 2, 28)
    assert plugin.add_months(D(2016, 11, 30), 3) == D(2017, 2, 28)
    assert plugin.add_months(D(2016, 1, 31), 1) == D(2016, 2, 29)
    assert plugin.add_months(D(2017, 1, 10), -6) == D(2016, 7, 10)


# ---------------------------------------------------------------- availability


def test_failure_rate_just_under_five_percent_keeps_some_points(make_context: MakeContext) -> None:
    # 49/1000 = 4.9%; 1 - 4.9/5 = 2% of the points.
    data = site(monitoring={"visits": 1000, "failures": 49})
    outcome = run("availability", make_context, data)
    assert not outcome.veto
    assert outcome.points == pytest.approx(2.0)
    [finding] = outcome.findings
    assert (finding.code, finding.deduction) == ("availability.failures", pytest.approx(98.0))
    # below the veto line, the text must not say the line was reached
    assert worded(plugin, finding) == (
        "监测1000次，访问失败49次，失败率4.9%，低于5.0%的单项否决线，按比例扣分"
    )


def test_failure_rate_of_five_percent_vetoes(make_context: MakeContext) -> None:
    outcome = run("availability", make_context, site(monitoring={"visits": 1000, "failures": 50}))
    assert outcome.veto
    assert outcome.points == 0
    [finding] = outcome.findings
    assert finding.code == "availability.veto"
    assert "达到5.0%的单项否决线" in worded(plugin, finding)


def test_site_without_failures_earns_full_points(make_context: MakeContext) -> None:
    outcome = run("availability", make_context, site())
    assert (outcome.points, outcome.veto, outcome.findings) == (100, False, ())


def test_more_failures_than_visits_is_flagged(make_context: MakeContext) -> None:
    outcome = run("availability", make_context, site(monitoring={"visits": 10, "failures": 11}))
    assert outcome.points == 0
    assert codes(outcome) == ["integrity.part_exceeds_total"]


# ---------------------------------------------------------------- homepage


def test_homepage_updated_14_days_before_snapshot_is_fresh(make_context: MakeContext) -> None:
    # 2016-12-27 + 14 days = 2017-01-10.
    outcome = run("homepage_fresh", make_context, site(homepage_updated_on=D(2016, 12, 27)))
    assert (outcome.points, outcome.veto) == (100, False)


def test_homepage_updated_15_days_before_snapshot_vetoes(make_context: MakeContext) -> None:
    outcome = run("homepage_fresh", make_context, site(homepage_updated_on=D(2016, 12, 26)))
    assert (outcome.points, outcome.veto) == (0, True)
    [finding] = outcome.findings
    assert finding.code == "homepage.stale"
    assert (finding.params["age"], finding.params["max_age"]) == (15, 14)


def test_homepage_age_counts_from_the_evaluators_check_date(make_context: MakeContext) -> None:
    # The evaluator checked on 2017-01-20: 2017-01-06 is 14 days back, 2017-01-05 is 15.
    fresh = site(homepage_updated_on=D(2017, 1, 6))
    stale = site(homepage_updated_on=D(2017, 1, 5))
    facts = {"checked_on": D(2017, 1, 20)}
    as_of = D(2017, 1, 31)
    assert not run("homepage_fresh", make_context, fresh, as_of=as_of, facts=facts).veto
    assert run("homepage_fresh", make_context, stale, as_of=as_of, facts=facts).veto


def test_undated_or_future_homepage_vetoes(make_context: MakeContext) -> None:
    undated = site()
    del undated["homepage_updated_on"]
    assert codes(run("homepage_fresh", make_context, undated)) == ["homepage.undated"]
    future = run("homepage_fresh", make_context, site(homepage_updated_on=D(2017, 1, 11)))
    assert future.veto
    assert codes(future) == ["integrity.after_snapshot", "homepage.undated"]


# ---------------------------------------------------------------- check date (the evaluator's)


@pytest.mark.parametrize(
    ("claimed", "audited"),
    [
        (None, False),
        (D(2017, 1, 10), False),  # the same as the evaluator's: nothing to say
        (D(2016, 12, 30), True),
        (D(2017, 1, 6), True),
        (D(2017, 1, 11), True),
    ],
)
def test_the_units_checked_on_is_accepted_not_used(
    make_context: MakeContext, claimed: dt.date | None, audited: bool
) -> None:
    data = site() if claimed is None else site(checked_on=claimed)
    used, findings = plugin.check_date(make_context(data))
    assert used == D(2017, 1, 10)
    assert [(f.code, f.records, f.deduction) for f in findings] == (
        [("audit.checked_on", ("website.checked_on",), None)] if audited else []
    )
    if audited:
        assert findings[0].params == {"claimed": claimed, "used": D(2017, 1, 10)}


def test_a_self_chosen_check_date_does_not_lift_the_homepage_veto(
    make_context: MakeContext,
) -> None:
    # Updated 2016-12-23: 14 days before the unit's 2017-01-06, 18 days before the
    # evaluator's 2017-01-10. The unit's date would lift the veto; it is not used.
    data = site(checked_on=D(2017, 1, 6), homepage_updated_on=D(2016, 12, 23))
    outcome = run("homepage_fresh", make_context, data)
    assert (outcome.points, outcome.veto) == (0, True)
    assert codes(outcome) == ["audit.checked_on", "homepage.stale"]
    assert outcome.findings[1].params["age"] == 18


def test_evaluators_check_date_may_fall_on_the_last_day_of_the_year(
    make_context: MakeContext,
) -> None:
    # Checked 2016-12-31: 12-17 is 14 days back (fresh), 12-16 is 15.
    facts = {"checked_on": D(2016, 12, 31)}
    fresh = run(
        "homepage_fresh", make_context, site(homepage_updated_on=D(2016, 12, 17)), facts=facts
    )
    assert (fresh.points, fresh.veto, fresh.findings) == (100, False, ())
    stale = run(
        "homepage_fresh", make_context, site(homepage_updated_on=D(2016, 12, 16)), facts=facts
    )
    assert stale.veto and stale.findings[0].params["age"] == 15


def test_a_later_claimed_check_date_cannot_admit_a_later_homepage_update(
    make_context: MakeContext,
) -> None:
    # Claimed 2017-01-20, updated 2017-01-15: after the evaluator's check date 2017-01-10,
    # so undated: single veto.
    data = site(checked_on=D(2017, 1, 20), homepage_updated_on=D(2017, 1, 15))
    outcome = run("homepage_fresh", make_context, data)
    assert (outcome.points, outcome.veto) == (0, True)
    assert [(f.code, f.records) for f in outcome.findings] == [
        ("audit.checked_on", ("website.checked_on",)),
        ("integrity.after_snapshot", ("website.homepage_updated_on",)),
        ("homepage.undated", ("website.homepage_updated_on",)),
    ]
    assert worded(plugin, outcome.findings[0]) == (
        "单位自报的网站检查日期2017-01-20与评估方记录的检查日期2017-01-10不同，以评估方检查日期为准"
    )


def test_an_early_claimed_check_date_does_not_make_columns_fresh(
    make_context: MakeContext,
) -> None:
    # 2016-06-20 is 10 days before the unit's 06-30, far beyond 14 days before 2017-01-10.
    data = site(checked_on=D(2016, 6, 30), columns=[column("工作动态", "news", D(2016, 6, 20))])
    outcome = run("column_freshness", make_context, data)
    assert outcome.points == 98
    assert codes(outcome) == ["audit.checked_on", "columns.stale"]


def test_an_early_claimed_check_date_does_not_hide_an_overdue_message(
    make_context: MakeContext,
) -> None:
    # Received 2016-05-03, unanswered: not yet 3 months at 06-30, overdue since 08-03.
    data = site(checked_on=D(2016, 6, 30), messages=[message("M-1", D(2016, 5, 3))])
    outcome = run("messages", make_context, data)
    assert (outcome.points, outcome.veto) == (0, True)
    assert codes(outcome) == ["audit.checked_on", "messages.slow", "messages.unanswered"]


def test_a_late_claimed_check_date_does_not_admit_a_reply_after_the_check(
    make_context: MakeContext,
) -> None:
    # Received Thursday 2016-12-01, replied 2017-01-15 (before the unit's 01-20, after the
    # evaluator's 01-10): unanswered at the check, and within its 3 months (2017-03-01), so
    # the 2017 run judges it.
    data = site(
        checked_on=D(2017, 1, 20), messages=[message("M-1", D(2016, 12, 1), D(2017, 1, 15))]
    )
    outcome = run("messages", make_context, data)
    assert (outcome.status, outcome.veto) == ("not_applicable", False)
    assert [(f.code, f.records) for f in outcome.findings] == [
        ("messages.none_judged", ()),
        ("audit.checked_on", ("website.checked_on",)),
        ("integrity.after_snapshot", ("M-1",)),
        ("messages.carried_over", ("M-1",)),
    ]


def test_the_check_date_does_not_touch_availability_or_links(make_context: MakeContext) -> None:
    data = site(checked_on=D(2016, 6, 30), broken_links=0)
    assert run("availability", make_context, data).findings == ()
    assert run("broken_links", make_context, data, max_points=10).findings == ()


# ---------------------------------------------------------------- columns


def stale_news(n: int) -> list[dict[str, Any]]:
    # 2016-12-26 is 15 days before the snapshot: one day past the 14-day limit.
    return [column(f"要闻{i}", "news", D(2016, 12, 26)) for i in range(n)]


def test_four_stale_columns_cost_two_points_each(make_context: MakeContext) -> None:
    outcome = run("column_freshness", make_context, site(columns=stale_news(4)))
    assert (outcome.points, outcome.veto) == (92, False)
    assert codes(outcome) == ["columns.stale"] * 4
    assert [f.records for f in outcome.findings] == [(f"要闻{i}",) for i in range(4)]


def test_five_stale_columns_veto(make_context: MakeContext) -> None:
    outcome = run("column_freshness", make_context, site(columns=stale_news(5)))
    assert (outcome.points, outcome.veto) == (0, True)
    veto = outcome.findings[-1]
    assert veto.code == "columns.veto"
    assert veto.records == tuple(f"要闻{i}" for i in range(5))
    assert sum(f.deduction or 0 for f in outcome.findings) == 100


def test_news_column_updated_14_days_before_snapshot_is_fresh(make_context: MakeContext) -> None:
    data = site(columns=[column("工作动态", "news", D(2016, 12, 27))])
    assert run("column_freshness", make_context, data).points == 100


def test_five_blank_columns_veto_and_four_cost_points(make_context: MakeContext) -> None:
    def blank(n: int) -> list[dict[str, Any]]:
        return [column(f"空{i}", "other", blank=True) for i in range(n)]

    four = run("column_freshness", make_context, site(columns=blank(4)))
    assert (four.points, four.veto, codes(four)) == (92, False, ["columns.blank"] * 4)
    five = run("column_freshness", make_context, site(columns=blank(5)))
    assert (five.points, five.veto) == (0, True)


def test_undated_column_is_stale(make_context: MakeContext) -> None:
    outcome = run("column_freshness", make_context, site(columns=[column("通知公告", "notice")]))
    assert outcome.points == 98
    [finding] = outcome.findings
    assert (finding.params["last_zh"], finding.params["limit_zh"]) == ("未标注更新日期", "6个月")
    assert worded(plugin, finding) == "通知公告类栏目“通知公告”未标注更新日期，超过6个月未更新"


def test_notice_updated_exactly_six_months_before_snapshot_is_fresh(
    make_context: MakeContext,
) -> None:
    fresh = site(columns=[column("通知公告", "notice", D(2016, 7, 10))])
    stale = site(columns=[column("通知公告", "notice", D(2016, 7, 9))])
    assert run("column_freshness", make_context, fresh).points == 100
    assert run("column_freshness", make_context, stale).points == 98


def test_month_ages_clamp_at_the_end_of_february(make_context: MakeContext) -> None:
    # The evaluator checked on 2017-08-31: six months back is 2017-02-28 (there is no 02-31).
    fresh = site(columns=[column("政策", "policy", D(2017, 2, 28))])
    stale = site(columns=[column("政策", "policy", D(2017, 2, 27))])
    facts = {"checked_on": D(2017, 8, 31)}
    as_of = D(2017, 9, 30)
    assert run("column_freshness", make_context, fresh, as_of=as_of, facts=facts).points == 100
    assert run("column_freshness", make_context, stale, as_of=as_of, facts=facts).points == 98


def test_stale_personnel_columns_cost_points_but_do_not_veto(make_context: MakeContext) -> None:
    # 12 months before 2017-01-10 is 2016-01-10; 2015-12-31 is older.
    columns = [column(f"人事{i}", "personnel", D(2015, 12, 31)) for i in range(5)]
    outcome = run("column_freshness", make_context, site(columns=columns))
    assert (outcome.points, outcome.veto) == (90, False)


def test_other_columns_are_not_judged_but_listed_for_audit(make_context: MakeContext) -> None:
    # 专题 says nothing of its kind: the unit's "other" stands (trusted), listed with the
    # 2 points it would lose as news, undated and so stale.
    outcome = run("column_freshness", make_context, site(columns=[column("专题", "other")]))
    assert outcome.points == 100
    [finding] = outcome.findings
    assert (finding.code, finding.records, finding.deduction) == (
        "audit.column_kind",
        ("专题",),
        None,
    )
    assert (finding.params["at_stake"], finding.params["veto_at_stake"]) == (2, False)
    assert finding.params["details_zh"] == "“专题”（自报其他，较严类别要闻动态类，相差2分）"


def test_a_stale_news_column_relabelled_spares_the_unit_only_with_an_audit_finding(
    make_context: MakeContext,
) -> None:
    # Five stale news columns veto; relabelled "other" (no interval) or "personnel" (12
    # months, outside the veto kinds) they would not, and each is listed.
    for kind in ("other", "personnel"):
        columns = [column(f"要闻{i}", kind, D(2016, 12, 26)) for i in range(5)]
        outcome = run("column_freshness", make_context, site(columns=columns))
        assert not outcome.veto
        audit = only(outcome, "audit.column_kind")
        assert audit.records == tuple(f"要闻{i}" for i in range(5))


def test_a_fresh_column_is_not_listed_whatever_its_kind(make_context: MakeContext) -> None:
    # Updated 2017-01-09: fresh even at the strictest interval (14 days).
    outcome = run(
        "column_freshness", make_context, site(columns=[column("专题", "other", D(2017, 1, 9))])
    )
    assert (outcome.points, outcome.findings) == (100, ())


@pytest.mark.parametrize(("count", "vetoed"), [(9, False), (10, True)])
def test_ten_columns_of_any_kind_not_up_to_date_veto(
    make_context: MakeContext, count: int, vetoed: bool
) -> None:
    # 国办秘函〔2019〕19号: 10 or more columns that should be updated but are not, personnel
    # and planning included. Undated personnel columns never reach the 5-column line.
    columns = [column(f"人事{i}", "personnel") for i in range(count)]
    outcome = run("column_freshness", make_context, site(columns=columns), max_points=100)
    assert outcome.veto is vetoed
    if vetoed:
        assert "10个应更新栏目未及时更新（达到10个）" in outcome.findings[-1].params["reasons_zh"]


def test_no_columns_reported_scores_no_data_without_a_veto(make_context: MakeContext) -> None:
    outcome = run("column_freshness", make_context, site(columns=[]))
    assert (outcome.points, outcome.veto, outcome.status) == (0, False, "ok")
    assert [(f.code, f.deduction) for f in outcome.findings] == [("columns.no_data", 100)]


def test_stale_column_deductions_are_capped(make_context: MakeContext) -> None:
    outcome = run("column_freshness", make_context, site(columns=stale_news(4)), max_points=5)
    assert outcome.points == 0
    # The fourth column is still named, at no further cost.
    assert [f.deduction for f in outcome.findings] == [2, 2, 1, 0]


def test_column_dated_after_snapshot_counts_as_undated(make_context: MakeContext) -> None:
    data = site(columns=[column("工作动态", "news", D(2017, 1, 11))])
    outcome = run("column_freshness", make_context, data)
    assert outcome.points == 98
    assert codes(outcome) == ["integrity.after_snapshot", "columns.stale"]


def test_duplicate_column_counts_once(make_context: MakeContext) -> None:
    data = site(columns=[column("工作动态", "news"), column("工作动态", "news")])
    outcome = run("column_freshness", make_context, data)
    assert outcome.points == 98
    assert codes(outcome) == ["integrity.duplicate_id", "columns.stale"]


def test_a_fresh_copy_of_a_stale_column_does_not_hide_it(make_context: MakeContext) -> None:
    data = site(
        columns=[
            column("工作动态", "news", D(2017, 1, 9)),
            column("工作动态 ", "news", D(2016, 12, 1)),
        ]
    )
    outcome = run("column_freshness", make_context, data)
    assert outcome.points == 98
    duplicate = only(outcome, "integrity.duplicate_id")
    assert duplicate.params["variants"] == ["工作动态", "工作动态\\u0020"]
    assert lost(outcome) == [("columns.stale", ("工作动态 ",))]


# ---------------------------------------------------------------- messages


def test_message_unanswered_for_more_than_three_months_vetoes(make_context: MakeContext) -> None:
    data = site(messages=[message("M-1", D(2016, 9, 1))])
    outcome = run("messages", make_context, data)
    assert (outcome.points, outcome.veto) == (0, True)
    veto = outcome.findings[-1]
    assert (veto.code, veto.records, veto.deduction) == ("messages.unanswered", ("M-1",), 100)


def test_reply_exactly_three_months_later_is_slow_but_no_veto(make_context: MakeContext) -> None:
    # 2016-09-01 + 3 months = 2016-12-01; the reply is far beyond 10 working days.
    data = site(messages=[message("M-1", D(2016, 9, 1), D(2016, 12, 1))])
    outcome = run("messages", make_context, data)
    assert (outcome.points, outcome.veto, codes(outcome)) == (99, False, ["messages.slow"])


def test_reply_a_day_after_three_months_vetoes(make_context: MakeContext) -> None:
    data = site(messages=[message("M-1", D(2016, 9, 1), D(2016, 12, 2))])
    assert run("messages", make_context, data).veto


def test_a_reply_in_time_yet_past_the_months_line_vetoes(make_context: MakeContext) -> None:
    # A scheme allowing 20 working days with a one-month line: from Thursday 2016-01-28,
    # working day 20 is 03-01 (Spring Festival 02-07..13 off, 02-06 and 02-14 worked),
    # after the line 02-28. The reply on 03-01 is in time, but the message waited more
    # than the month: vetoed (not passed as in time and left out of the veto).
    params = {"reply_within_working_days": 20, "veto_unanswered_months": 1}
    data = site(messages=[message("M-1", D(2016, 1, 28), D(2016, 3, 1))])
    outcome = run("messages", make_context, data, params=params)
    assert (outcome.veto, codes(outcome)) == (True, ["messages.unanswered"])
    on_the_line = site(messages=[message("M-1", D(2016, 1, 28), D(2016, 2, 28))])
    assert not run("messages", make_context, on_the_line, params=params).veto


def test_reply_on_working_day_ten_is_in_time_and_eleven_is_slow(make_context: MakeContext) -> None:
    # From Friday 09-30: 10-08/09 worked (1, 2), 10-10..14 (3-7), 10-17 (8), 10-18 (9),
    # 10-19 (10), 10-20 (11).
    data = site(
        messages=[
            message("in-time", D(2016, 9, 30), D(2016, 10, 19)),
            message("slow", D(2016, 9, 30), D(2016, 10, 20)),
        ]
    )
    outcome = run("messages", make_context, data)
    assert outcome.points == 99
    [finding] = outcome.findings
    assert finding.records == ("slow",) and finding.params["used"] == 11


def test_open_message_whose_months_end_after_the_year_is_carried_over(
    make_context: MakeContext,
) -> None:
    # Received 2016-12-30 and open at the check: its 3 months end 2017-03-30, and its
    # 10 working days (01-13) are not over either. The 2017 run judges it.
    outcome = run("messages", make_context, site(messages=[message("M-1", D(2016, 12, 30))]))
    assert outcome.status == "not_applicable"
    assert codes(outcome) == ["messages.none_judged", "messages.carried_over"]


def test_message_answered_on_the_check_day_counts_and_the_day_after_does_not(
    make_context: MakeContext,
) -> None:
    # Received Friday 2016-12-30; the check on Tuesday 2017-01-10 is working day 6.
    data = site(
        messages=[
            message("today", D(2016, 12, 30), D(2017, 1, 10)),
            message("tomorrow", D(2016, 12, 30), D(2017, 1, 11)),
        ]
    )
    outcome = run("messages", make_context, data)
    assert only(outcome, "integrity.after_snapshot").records == ("tomorrow",)
    # both settle in 2017 (a reply, or the 3 months, after the year end): carried over
    assert only(outcome, "messages.carried_over").records == ("today", "tomorrow")


def test_message_answered_in_time_on_new_years_day_settles_in_the_next_year(
    make_context: MakeContext,
) -> None:
    outcome = run(
        "messages", make_context, site(messages=[message("M-1", D(2016, 12, 30), D(2017, 1, 1))])
    )
    assert outcome.status == "not_applicable"
    assert only(outcome, "messages.carried_over").records == ("M-1",)


def test_message_answered_in_time_on_the_last_day_of_the_year_before_is_set_aside(
    make_context: MakeContext,
) -> None:
    data = site(messages=[message("M-1", D(2015, 12, 28), D(2015, 12, 31))])
    outcome = run("messages", make_context, data)
    assert outcome.status == "not_applicable"
    assert only(outcome, "integrity.outside_year").records == ("M-1",)


@pytest.mark.parametrize(("received", "vetoed"), [(D(2016, 1, 10), True), (D(2016, 1, 9), False)])
def test_the_unanswered_message_veto_looks_at_the_year_before_the_check_date(
    make_context: MakeContext, received: dt.date, vetoed: bool
) -> None:
    # Checked 2017-01-10: messages received from 2016-01-10 on are in the 19号 window.
    # Both are slow replies judged in 2016 (their 3 months ended in April).
    outcome = run("messages", make_context, site(messages=[message("M-1", received)]))
    assert outcome.veto is vetoed
    assert "messages.slow" in codes(outcome)


@pytest.mark.parametrize(("received", "vetoed"), [(D(2016, 7, 10), True), (D(2016, 7, 9), False)])
def test_the_veto_window_is_a_param_in_months_before_the_check_date(
    make_context: MakeContext, received: dt.date, vetoed: bool
) -> None:
    # a window of 6 months before the check on 2017-01-10 starts on 2016-07-10
    params = {"veto_window_months": 6}
    outcome = run(
        "messages", make_context, site(messages=[message("M-1", received)]), params=params
    )
    assert outcome.veto is vetoed


def test_empty_message_list_is_not_applicable_and_listed_for_audit(
    make_context: MakeContext,
) -> None:
    outcome = run("messages", make_context, site(messages=[]))
    assert (outcome.status, codes(outcome)) == ("not_applicable", ["audit.none_reported"])


def test_slow_reply_deductions_are_capped_at_max_points(make_context: MakeContext) -> None:
    msgs = [message(f"M-{i}", D(2016, 9, 30), D(2016, 10, 20)) for i in range(5)]
    outcome = run("messages", make_context, site(messages=msgs), max_points=3)
    assert outcome.points == 0
    assert sum(f.deduction or 0 for f in outcome.findings) == 3


def test_only_valid_messages_are_judged(make_context: MakeContext) -> None:
    spam = message("M-1", D(2016, 9, 1), valid=False)
    assert run("messages", make_context, site(messages=[spam])).status == "not_applicable"
    unflagged = message("M-2", D(2016, 9, 1))
    assert run("messages", make_context, site(messages=[spam, unflagged])).veto


def test_messages_marked_invalid_are_listed_for_audit_at_no_cost(
    make_context: MakeContext,
) -> None:
    # M-1 is answered on working day 10 (see above); the two spam entries are not judged.
    data = site(
        messages=[
            message("M-X1", D(2016, 9, 1), valid=False),
            message("M-1", D(2016, 9, 30), D(2016, 10, 19)),
            message("M-X2", D(2016, 3, 1), valid=False),
            message("M-X1", D(2016, 9, 2), valid=False),
        ]
    )
    outcome = run("messages", make_context, data)
    assert (outcome.points, outcome.veto) == (100, False)
    [finding] = outcome.findings
    assert (finding.code, finding.records, finding.deduction) == (
        "audit.invalid_messages",
        ("M-X1", "M-X2"),
        None,
    )
    assert finding.params["count"] == 2


def test_all_messages_marked_invalid_is_not_applicable_but_listed(
    make_context: MakeContext,
) -> None:
    data = site(messages=[message("M-X1", D(2016, 9, 1), valid=False)])
    outcome = run("messages", make_context, data)
    assert outcome.status == "not_applicable"
    assert codes(outcome) == ["messages.none_judged", "audit.invalid_messages"]
    assert outcome.findings[1].records == ("M-X1",)


def test_message_reply_before_receipt_counts_as_unanswered(make_context: MakeContext) -> None:
    data = site(messages=[message("M-1", D(2016, 9, 1), D(2016, 8, 30))])
    outcome = run("messages", make_context, data)
    assert outcome.veto
    assert codes(outcome)[0] == "integrity.reply_before_request"


def test_messages_outside_the_year_or_after_snapshot_are_excluded(
    make_context: MakeContext,
) -> None:
    data = site(messages=[message("old", D(2015, 6, 1)), message("new", D(2017, 2, 1))])
    outcome = run("messages", make_context, data)
    assert outcome.status == "not_applicable"
    assert codes(outcome) == [
        "messages.none_judged",
        "integrity.outside_year",
        "integrity.after_snapshot",
    ]


def test_an_answered_copy_placed_first_does_not_lift_the_veto(make_context: MakeContext) -> None:
    # The unanswered copy (received 09-01) is the worse: it counts, and the veto stands.
    data = site(
        messages=[message("M-1", D(2016, 9, 30), D(2016, 10, 19)), message("m-1", D(2016, 9, 1))]
    )
    outcome = run("messages", make_context, data)
    assert (outcome.points, outcome.veto) == (0, True)
    assert codes(outcome) == ["integrity.duplicate_id", "messages.slow", "messages.unanswered"]
    duplicate = outcome.findings[0]
    assert duplicate.records == ("M-1", "m-1")
    assert "第 2 份" in duplicate.params["effect_zh"]


# ---------------------------------------------------------------- enquiry channel


def test_no_working_enquiry_channel_is_a_veto_whatever_the_messages(
    make_context: MakeContext,
) -> None:
    data = site(messages=[], enquiry_url="http://www.bjxch.gov.cn/hd/")
    missing = run("enquiry_channel", make_context, data, facts={"enquiry_channel": False})
    assert (missing.points, missing.veto, codes(missing)) == (0, True, ["enquiry.missing"])
    assert missing.findings[0].params["url"] == "http://www.bjxch.gov.cn/hd/"
    present = run("enquiry_channel", make_context, data, facts={"enquiry_channel": True})
    assert (present.points, present.veto, present.findings) == (100, False, ())


def test_enquiry_channel_not_checked_by_the_evaluator_is_not_applicable(
    make_context: MakeContext,
) -> None:
    outcome = run("enquiry_channel", make_context, site())
    assert (outcome.status, codes(outcome)) == ("not_applicable", ["enquiry.not_checked"])


# ---------------------------------------------------------------- serious problems (a fact)

CENSUS_2015 = {"veto_kinds": ["serious_typo", "false_content", "harmful_content"]}


def problem(kind: str, detail: str = "首页新闻将领导人姓名写错", **kw: Any) -> dict[str, Any]:
    return {"kind": kind, "detail": detail, **kw}


def test_one_serious_problem_of_a_veto_kind_vetoes_and_none_does_not(
    make_context: MakeContext,
) -> None:
    found = [problem("serious_typo", found_on=D(2017, 1, 5), url="http://x.gov.cn/1.html")]
    one = run(
        "serious_problems",
        make_context,
        site(),
        params=CENSUS_2015,
        facts={"serious_problems": found},
    )
    assert (one.points, one.veto, codes(one)) == (0, True, ["serious.veto"])
    assert one.findings[0].params["count"] == 1
    assert "首页新闻将领导人姓名写错（2017-01-05发现）" in one.findings[0].params["details_zh"]
    assert one.findings[0].deduction == 100
    none = run(
        "serious_problems", make_context, site(), params=CENSUS_2015, facts={"serious_problems": []}
    )
    assert (none.points, none.veto, none.findings) == (100, False, ())


def test_a_problem_of_a_kind_the_scheme_does_not_veto_is_listed_not_vetoed(
    make_context: MakeContext,
) -> None:
    # 伪造发稿日期 is a 19号 veto, not one of the 2015 census
    found = [problem("falsification", "栏目发稿日期系补录")]
    census = run(
        "serious_problems",
        make_context,
        site(),
        params=CENSUS_2015,
        facts={"serious_problems": found},
    )
    assert (census.points, census.veto, codes(census)) == (100, False, ["serious.not_a_veto"])
    checks_2019 = run("serious_problems", make_context, site(), facts={"serious_problems": found})
    assert (checks_2019.veto, codes(checks_2019)) == (True, ["serious.veto"])


def test_serious_problems_are_the_evaluators_and_unrecorded_means_not_checked(
    make_context: MakeContext,
) -> None:
    outcome = run("serious_problems", make_context, site())
    assert (outcome.status, codes(outcome)) == ("not_applicable", ["serious.not_checked"])
    # the section has no field for them: a unit cannot claim or deny one
    [section] = plugin.register_sections()
    assert "serious_problems" not in section.schema["properties"]


def test_serious_problem_findings_read_in_both_languages(make_context: MakeContext) -> None:
    found = [problem("state_secret", "附件含涉密文件"), problem("serious_typo")]
    outcome = run(
        "serious_problems",
        make_context,
        site(),
        params=CENSUS_2015,
        facts={"serious_problems": found},
    )
    veto, other = outcome.findings
    assert "严重错别字" in worded(plugin, veto)
    assert "泄露国家秘密：附件含涉密文件" in worded(plugin, other)
    assert "{" not in worded(plugin, veto, "en") + worded(plugin, other, "en")


# ---------------------------------------------------------------- broken links


def test_broken_links_cost_a_point_each(make_context: MakeContext) -> None:
    outcome = run("broken_links", make_context, site(broken_links=3), max_points=10)
    assert outcome.points == 7
    assert [f.deduction for f in outcome.findings] == [3]


def test_broken_link_deductions_are_capped(make_context: MakeContext) -> None:
    outcome = run("broken_links", make_context, site(broken_links=15), max_points=10)
    assert outcome.points == 0
    assert [f.deduction for f in outcome.findings] == [10]


def test_broken_links_without_a_count_score_zero(make_context: MakeContext) -> None:
    outcome = run("broken_links", make_context, site(), max_points=10)
    assert (outcome.points, codes(outcome)) == (0, ["broken_links.no_data"])
    assert run("broken_links", make_context, site(broken_links=0), max_points=10).points == 10


# ---------------------------------------------------------------- the checks of each year

ROOT = Path(__file__).resolve().parents[2]
CENSUS_VETOES = {  # 国办发〔2015〕15号 附件 全国政府网站普查评分表, 单项否决
    "website.availability": "站点无法访问",
    "website.homepage_fresh": "网站不更新",
    "website.column_freshness": "栏目不更新",
    "website.serious_problems": "严重错误",
    "website.messages": "互动回应差",
}


def indicators(path: Path) -> list[dict[str, Any]]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["indicators"])


def test_the_2016_scheme_vetoes_are_the_five_of_the_2015_census_each_with_its_source() -> None:
    path = ROOT / "criteria" / "website_timeliness.yaml"
    vetoes = {i["scorer"]: i for i in indicators(path) if i.get("veto")}
    assert set(vetoes) == set(CENSUS_VETOES)  # no 19号 enquiry-channel veto in 2016
    assert vetoes["website.serious_problems"]["params"]["veto_kinds"] == CENSUS_2015["veto_kinds"]
    text = path.read_text(encoding="utf-8")
    assert "国办发〔2015〕15号" in text
    for name in CENSUS_VETOES.values():
        assert f"普查评分表·{name}" in text, name


def test_the_2019_file_has_the_19号_vetoes_and_says_what_it_leaves_out() -> None:
    path = ROOT / "criteria" / "formats" / "website_2019.yaml"
    vetoes = {i["scorer"]: i for i in indicators(path) if i.get("veto")}
    assert set(vetoes) == set(CENSUS_VETOES) | {"website.enquiry_channel"}
    kinds = vetoes["website.serious_problems"]["params"]["veto_kinds"]
    assert {"serious_misstatement", "state_secret", "falsification"} <= set(kinds)
    text = path.read_text(encoding="utf-8")
    assert "国办秘函〔2019〕19号" in text and "NOT VERIFIED" in text
    assert "服务不实用" in text and "is left out" in text


def scheme_with_2019_checks(tmp_path: Path, facts: str = "") -> Path:
    """A copy of the default criteria judging websites by formats/website_2019.yaml."""
    criteria = tmp_path / "criteria"
    shutil.copytree(ROOT / "criteria", criteria)
    (criteria / "website_timeliness.yaml").unlink()
    shutil.copy(criteria / "formats" / "website_2019.yaml", criteria)
    scheme = criteria / "scheme.yaml"
    text = scheme.read_text(encoding="utf-8").replace(
        "file: website_timeliness.yaml", "file: website_2019.yaml"
    )
    scheme.write_text(text, encoding="utf-8")
    with (criteria / "facts.yaml").open("a", encoding="utf-8") as stream:
        stream.write(facts)
    return criteria


def score(criteria: Path) -> dict[str, Any]:
    from evaluator._scoring.engine import Engine, Options, evaluate

    engine = Engine.load(Options(str(criteria), None))
    evaluation = evaluate(engine, str(ROOT / "submissions"))
    assert evaluation.errors == ()
    return {u.id: u for u in evaluation.units}


def test_a_scheme_with_the_2019_file_scores_the_sample_with_the_19号_vetoes(
    tmp_path: Path,
) -> None:
    found = (
        "  xc-guanganmennei:\n"
        "    serious_problems:\n"
        "      - {kind: falsification, detail: 工作动态栏目发稿日期系补录, found_on: 2017-01-04}\n"
    )
    units = score(scheme_with_2019_checks(tmp_path, found))
    vetoing = {uid: [i.id for i in u.indicators if i.vetoed] for uid, u in units.items()}
    # no working enquiry channel is a veto under 19号 (not in the 2016 scheme)
    assert vetoing["xc-dashilan"] == ["enquiry_channel"]
    # 伪造发稿日期, found by the evaluator, is a veto under 19号
    assert vetoing["xc-guanganmennei"] == ["serious_problems"]
    # every other unit: checked, nothing found
    statuses = {
        next(i.status for i in u.indicators if i.id == "serious_problems")
        for uid, u in units.items()
        if uid != "xc-guanganmennei"
    }
    assert statuses <= {"ok", "no_data"}


def test_a_serious_problem_of_an_unknown_kind_is_a_located_error(tmp_path: Path) -> None:
    from evaluator._scheme.criteria import SchemeError
    from evaluator._scoring.engine import Engine, Options

    bad = "  xc-guanganmennei:\n    serious_problems: [{kind: typo, detail: 错字}]\n"
    criteria = scheme_with_2019_checks(tmp_path, bad)
    with pytest.raises(SchemeError) as info:
        Engine.load(Options(str(criteria), None))
    [error] = info.value.errors
    assert error.location.path.endswith("facts.yaml")
    assert error.location.line == len((criteria / "facts.yaml").read_text("utf-8").splitlines())
