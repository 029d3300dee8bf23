"""Annual report scorers: the tables' arithmetic (勾稽关系) and the statutory deadline.

The two reports under ``annual_report/`` are invented and checked by hand (the
sums and shares are worked out in their comments); each test breaks one figure
and names the finding that must follow. The rules are the shipped rule files:
``criteria/annual_report.yaml`` (2008-era tables) and
``criteria/formats/annual_report_2021.yaml`` (国办公开办函〔2021〕30号).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from evaluator_areas._disclosure.report_due import ReportDueRule
from evaluator_areas.annual_report import schema, tables
from evaluator_areas.annual_report.document import MESSAGES as DOCUMENT_MESSAGES
from evaluator_areas.annual_report.texts import FORMAT_MESSAGES
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, ValidationError
from plugin_support import (
    MakeContext,
    codes,
    deductions_explain_points,
    load_plugin,
    only,
    scorers_of,
)

from evaluator import Outcome, ParamsCheck
from evaluator._core.messages import Catalogue
from evaluator._core.model import Unit

plugin = load_plugin("annual_report")
SCORERS = scorers_of(plugin)
ARITHMETIC = SCORERS["annual_report.arithmetic"]
DEADLINE = SCORERS["annual_report.deadline"]
HERE = Path(__file__).parent / "annual_report"
ROOT = Path(__file__).resolve().parents[2]
D = dt.date
STREET = Unit("xc-test-street", "测试街道", "street")


def report(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))
    return data


def shipped_params(dimension_file: str, scorer: str) -> dict[str, Any]:
    """The params the shipped rule file gives ``scorer``."""
    data = yaml.safe_load((ROOT / "criteria" / dimension_file).read_text(encoding="utf-8"))
    [indicator] = [i for i in data["indicators"] if i["scorer"] == scorer]
    params: dict[str, Any] = indicator["params"]
    return params


RULES_2008 = shipped_params("annual_report.yaml", "annual_report.arithmetic")
RULES_2021 = shipped_params("formats/annual_report_2021.yaml", "annual_report.arithmetic")


def put(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of a report with the figure at ``figures.<path>`` set (``None``: removed)."""
    changed = copy.deepcopy(data)
    *groups, name = path.split(".")
    node = changed["figures"]
    for group in groups:
        node = node[group]
    if value is None:
        del node[name]
    else:
        node[name] = value
    return changed


def arithmetic(
    make_context: MakeContext,
    data: Mapping[str, Any],
    params: Mapping[str, Any] = RULES_2008,
    **kw: Any,
) -> Outcome:
    kw.setdefault("max_points", 60.0)
    kw.setdefault("year", data["year"] + 1)
    context = make_context(data, params=params, scorer=ARITHMETIC, **kw)
    return ARITHMETIC.score(context)


def deadline(
    make_context: MakeContext,
    data: Mapping[str, Any],
    params: Mapping[str, Any] | None = None,
    **kw: Any,
) -> Outcome:
    """The deadline scorer on ``data``, with the scheme's date for streets under 2019 (03-31)."""
    kw.setdefault("max_points", 40.0)
    kw.setdefault("year", data["year"] + 1)
    kw.setdefault("as_of", D(kw["year"] + 1, 1, 10))
    context = make_context(data, params={**STREET_2019, **(params or {})}, scorer=DEADLINE, **kw)
    return DEADLINE.score(context)


# The scheme's date for streets under the 2019 regulation (no national date: art. 49
# names departments and the government's own report only).
STREET_2019 = {
    "due": {
        "ogi-2008": {"bureau": "03-31", "street": "03-31"},
        "ogi-2019": {"bureau": "01-31", "street": "03-31"},
    }
}


# ---------------------------------------------------------------- clean reports


def test_hand_checked_2008_report_keeps_full_points(make_context: MakeContext) -> None:
    outcome = arithmetic(make_context, report("report_2008"))
    assert outcome.findings == ()
    assert outcome.points == 60.0


def test_hand_checked_2021_report_keeps_full_points(make_context: MakeContext) -> None:
    outcome = arithmetic(make_context, report("report_2021"), RULES_2021)
    assert outcome.findings == ()
    assert outcome.points == 60.0


def test_each_rule_file_requires_every_figure_its_rules_name() -> None:
    for params in (RULES_2008, RULES_2021):
        named: set[str] = set()
        for rule in params["rules"]:
            for key, value in rule.items():
                if key != "of" or isinstance(value, list):
                    named.update(value if isinstance(value, list) else [value])
                else:
                    named.add(value)
        assert named <= set(params["required"])
        assert len(params["required"]) == len(set(params["required"]))


def test_each_rule_file_requires_exactly_the_figures_of_its_report() -> None:
    # the hand-checked reports state the whole table, and nothing else
    for name, params in (("report_2008", RULES_2008), ("report_2021", RULES_2021)):
        assert set(tables.figures_of(report(name)["figures"])) == set(params["required"])


# ---------------------------------------------------------------- printed percentages


def test_a_percentage_off_by_one_hundredth_is_a_share_break(make_context: MakeContext) -> None:
    # 765 / 1466 = 52.1828...% prints as 52.18; the report prints 52.19
    figure = {"value": 765, "percent": 52.19, "change": -252}
    data = put(report("report_2008"), "requests.received.in_person", figure)
    outcome = arithmetic(make_context, data)
    assert codes(outcome) == ["annual_report.share"]
    finding = only(outcome, "annual_report.share")
    assert finding.records == ("requests.received.in_person",)
    assert finding.params == {
        "path": "requests.received.in_person",
        "stated": 52.19,
        "computed": 52.18,
        "value": 765,
        "base": 1466,
        "of": "requests.received.total",
        "decimals": 2,
        # named as the scheme's table names them (criteria/annual_report.yaml labels)
        "name": "依申请公开·收到申请·当面申请",
        "of_name": "依申请公开·收到申请·总数",
        "where": "",  # typed figures stand nowhere in a document
    }
    assert finding.deduction == 10.0  # per_break in criteria/annual_report.yaml
    assert outcome.points == 50.0


SHARE_RULE = {"rules": [{"share": ["part"], "of": "whole"}], "decimals": 2}


@pytest.mark.parametrize(
    ("part", "whole", "printed", "right"),
    [
        (1, 800, 0.13, True),  # 0.125 exactly: half-up gives 0.13 (half-even would give 0.12)
        (1, 800, 0.12, False),
        (1, 32, 3.13, True),  # 3.125 exactly
        (1, 32, 3.12, False),
        (1, 3, 33.33, True),  # 33.333...
        (2, 3, 66.67, True),  # 66.666...
        (2, 3, 66.66, False),  # truncated, not rounded
        (0, 0, 0, True),  # nothing to share: 0%
    ],
)
def test_printed_percentages_are_rounded_half_up(
    make_context: MakeContext, part: int, whole: int, printed: float, right: bool
) -> None:
    data = {
        "year": 2015,
        "figures": {"part": {"value": part, "percent": printed}, "whole": whole},
    }
    outcome = arithmetic(make_context, data, SHARE_RULE)
    assert codes(outcome) == ([] if right else ["annual_report.share"])


@given(st.integers(0, 10**7), st.integers(1, 10**7), st.integers(0, 4))
def test_a_computed_percentage_is_the_nearest_printed_value_halves_up(
    part: int, base: int, decimals: int
) -> None:
    got = tables.percent_of(Decimal(part), Decimal(base), decimals)
    half = Fraction(1, 2 * 10**decimals)
    # within half a printed unit of the exact share; a tie goes up, never down
    assert -half < Fraction(got) - Fraction(100 * part, base) <= half
    assert got.as_tuple().exponent == -decimals


def test_decimals_sets_the_printed_precision(make_context: MakeContext) -> None:
    # 1 / 8 = 12.5%: one decimal prints 12.5, none prints 13 (half-up)
    data = {"year": 2015, "figures": {"part": {"value": 1, "percent": 13}, "whole": 8}}
    assert codes(arithmetic(make_context, data, {**SHARE_RULE, "decimals": 0})) == []
    assert codes(arithmetic(make_context, data, {**SHARE_RULE, "decimals": 1})) == [
        "annual_report.share"
    ]


def test_a_part_without_a_printed_percentage_is_not_checked(make_context: MakeContext) -> None:
    data = {"year": 2015, "figures": {"part": 7, "whole": 8}}
    assert arithmetic(make_context, data, SHARE_RULE).findings == ()


# ---------------------------------------------------------------- sums, changes, parts


def test_parts_exceeding_their_total_break_the_sum(make_context: MakeContext) -> None:
    # reconsideration: upheld 8 + corrected 2 + other 1 = 11, total stated 10
    data = put(report("report_2008"), "appeals.reconsideration.upheld", 8)
    outcome = arithmetic(make_context, data)
    finding = only(outcome, "annual_report.sum")
    assert codes(outcome) == ["annual_report.sum"]
    assert finding.records == ("appeals.reconsideration.total",)
    assert finding.params["stated"] == 10
    assert finding.params["computed"] == 11
    assert finding.deduction == 10.0


def test_a_part_larger_than_its_whole_breaks_at_most(make_context: MakeContext) -> None:
    # website 1530 > proactive total 1520 (channels overlap, so only at_most applies)
    data = put(report("report_2008"), "proactive.website", 1530)
    outcome = arithmetic(make_context, data)
    assert codes(outcome) == ["annual_report.at_most"]
    finding = only(outcome, "annual_report.at_most")
    assert finding.records == ("proactive.website",)
    assert finding.params == {
        "path": "proactive.website",
        "stated": 1530,
        "of": "proactive.total",
        "limit": 1520,
        "name": "主动公开·政府网站",
        "of_name": "主动公开·总数",
        "where": "",  # typed figures stand nowhere in a document
    }


def test_a_part_equal_to_its_whole_is_within_it(make_context: MakeContext) -> None:
    data = put(report("report_2008"), "proactive.website", 1520)
    assert arithmetic(make_context, data).findings == ()


def test_stated_changes_must_add_up_like_the_values(make_context: MakeContext) -> None:
    # in-person change -250 instead of -252: parts' changes add to -120, total states -122
    figure = {"value": 765, "percent": 52.18, "change": -250}
    data = put(report("report_2008"), "requests.received.in_person", figure)
    outcome = arithmetic(make_context, data)
    assert codes(outcome) == ["annual_report.change"]
    finding = only(outcome, "annual_report.change")
    assert finding.records == ("requests.received.total",)
    assert (finding.params["stated"], finding.params["computed"]) == (-122, -120)


def test_changes_are_checked_only_where_every_figure_states_one(
    make_context: MakeContext,
) -> None:
    data = put(report("report_2008"), "requests.received.fax", {"value": 25, "percent": 1.71})
    data = put(data, "requests.received.in_person", {"value": 765, "change": 0})
    assert arithmetic(make_context, data).findings == ()


def test_new_plus_carried_over_must_equal_handled_plus_carried_forward(
    make_context: MakeContext,
) -> None:
    # 357 + 18 = 375, but 351 + 25 = 376
    data = put(report("report_2021"), "requests.carried_forward", 25)
    outcome = arithmetic(make_context, data, RULES_2021)
    assert codes(outcome) == ["annual_report.balance"]
    finding = only(outcome, "annual_report.balance")
    assert (finding.params["stated"], finding.params["computed"]) == (375, 376)
    assert finding.params["left"] == ["requests.new.total", "requests.carried_over"]


def test_a_refusal_reason_counts_in_the_2021_outcome_total(make_context: MakeContext) -> None:
    # one more refusal as a state secret: outcomes add to 352, total stated 351
    data = put(report("report_2021"), "requests.outcomes.refused.state_secret", 2)
    outcome = arithmetic(make_context, data, RULES_2021)
    finding = only(outcome, "annual_report.sum")
    assert finding.records == ("requests.outcomes.total",)
    assert (finding.params["stated"], finding.params["computed"]) == (351, 352)
    assert codes(outcome) == ["annual_report.sum"]


def test_a_missing_2021_refusal_reason_costs_and_skips_the_outcome_total(
    make_context: MakeContext,
) -> None:
    data = put(report("report_2021"), "requests.outcomes.refused.third_party", None)
    outcome = arithmetic(make_context, data, RULES_2021)
    assert codes(outcome) == ["annual_report.missing_figure"]
    assert outcome.findings[0].records == ("requests.outcomes.refused.third_party",)
    assert outcome.points == 55.0


def test_a_2021_format_report_on_the_wrong_year_is_set_aside(make_context: MakeContext) -> None:
    # a 2022 scheme judges the report on 2021; the 2020 report earns nothing
    data = {**report("report_2021"), "year": 2020}
    outcome = arithmetic(make_context, data, RULES_2021, year=2022)
    assert codes(outcome) == ["annual_report.wrong_year"]
    assert outcome.points == 0.0


def test_decimal_figures_add_up_exactly(make_context: MakeContext) -> None:
    # 0.1 + 0.2 is 0.3 as printed, though not in binary floating point
    params = {"rules": [{"sum": "total", "of": ["a", "b"]}]}
    data = {"year": 2015, "figures": {"total": 0.3, "a": 0.1, "b": 0.2}}
    assert arithmetic(make_context, data, params).findings == ()


# ---------------------------------------------------------------- missing figures


def test_a_missing_required_figure_costs_and_skips_its_sum(make_context: MakeContext) -> None:
    data = put(report("report_2008"), "requests.received.fax", None)
    outcome = arithmetic(make_context, data)
    # reported once although the sum and the share both name it; the other shares still hold
    assert codes(outcome) == ["annual_report.missing_figure"]
    finding = only(outcome, "annual_report.missing_figure")
    assert finding.records == ("requests.received.fax",)
    assert finding.params == {
        "path": "requests.received.fax",
        "name": "依申请公开·收到申请·传真申请",
        "required": True,
        "where": "",  # typed figures stand nowhere in a document
    }
    assert finding.deduction == 5.0  # per_missing
    assert outcome.points == 55.0


def test_a_missing_figure_no_format_requires_costs_nothing(make_context: MakeContext) -> None:
    params = {"rules": [{"sum": "total", "of": ["a", "b"]}], "required": ["total"]}
    data = {"year": 2015, "figures": {"total": 3, "a": 1}}
    outcome = arithmetic(make_context, data, params)
    finding = only(outcome, "annual_report.missing_figure")
    # no labels; typed figures stand nowhere in a document
    assert finding.params == {"path": "b", "name": "b", "required": False, "where": ""}
    assert finding.deduction is None
    assert outcome.points == 60.0


def test_a_group_where_a_figure_is_expected_is_missing(make_context: MakeContext) -> None:
    params = {"required": ["requests"]}
    data = {"year": 2015, "figures": {"requests": {"total": 3}}}
    assert codes(arithmetic(make_context, data, params)) == ["annual_report.missing_figure"]


def test_a_report_without_figures_loses_at_most_its_points(make_context: MakeContext) -> None:
    data = {"year": 2015, "published_on": D(2016, 3, 1)}
    outcome = arithmetic(make_context, data)
    assert outcome.points == 0.0
    assert len(outcome.findings) == len(RULES_2008["required"])
    assert deductions_explain_points(outcome, 60.0)
    # 12 missing figures at 5 points reach the 60-point cap; the rest are listed at 0
    assert [f.deduction for f in outcome.findings].count(5.0) == 12


def test_breaks_are_capped_at_the_indicators_points(make_context: MakeContext) -> None:
    data = report("report_2008")
    for name in ("website", "gazette", "press_conferences", "new_media", "reading_rooms"):
        data = put(data, f"proactive.{name}", 2000)
    data = put(data, "appeals.litigation.upheld", 5)
    outcome = arithmetic(make_context, data, max_points=50.0)
    assert len(outcome.findings) == 6
    assert [f.deduction for f in outcome.findings] == [10.0] * 5 + [0.0]
    assert outcome.points == 0.0
    assert deductions_explain_points(outcome, 50.0)


# ---------------------------------------------------------------- the report's year


def test_a_report_for_the_wrong_year_is_set_aside(make_context: MakeContext) -> None:
    # a 2016 scheme judges the report on 2015; a clean 2014 report earns nothing
    data = {**report("report_2008"), "year": 2014}
    for outcome, points in (
        (arithmetic(make_context, data, year=2016), 60.0),
        (deadline(make_context, data, year=2016), 40.0),
    ):
        assert codes(outcome) == ["annual_report.wrong_year"]
        assert outcome.points == 0.0
        assert only(outcome, "annual_report.wrong_year").params == {
            "year": 2014,
            "expected": 2015,
        }
        assert deductions_explain_points(outcome, points)


# ---------------------------------------------------------------- the request log


def log(*days: dt.date) -> dict[str, Any]:
    requests = [{"id": f"R{n}", "received_on": day} for n, day in enumerate(days)]
    return {"responsiveness": {"requests": requests}}


def test_a_report_on_the_logs_year_must_state_the_logs_count(make_context: MakeContext) -> None:
    # the log holds 3 requests of 2016 (and one of 2015); the 2016 report states 1466
    data = {**report("report_2008"), "year": 2016}
    submission = log(D(2015, 12, 30), D(2016, 1, 5), D(2016, 3, 1), D(2016, 7, 1))
    outcome = arithmetic(make_context, data, year=2017, submission=submission)
    finding = only(outcome, "integrity.request_count_mismatch")
    assert finding.params == {
        "year": 2016,
        "path": "requests.received.total",
        "name": "依申请公开·收到申请·总数",
        "stated": 1466,
        "counted": 3,
    }
    assert finding.deduction is None
    assert outcome.points == 60.0


def test_a_matching_count_and_another_years_log_raise_nothing(make_context: MakeContext) -> None:
    data = {
        "year": 2015,
        "figures": {"requests": {"received": {"total": 2}}},
    }
    same = log(D(2015, 2, 1), D(2015, 3, 1))
    other = log(D(2016, 2, 1), D(2016, 3, 1), D(2016, 4, 1))
    for submission in (same, other):
        outcome = arithmetic(make_context, data, {}, submission=submission)
        assert outcome.findings == ()


def test_a_wrong_year_report_is_still_compared_with_the_log(make_context: MakeContext) -> None:
    # a 2016 scheme gets the 2016 report: set aside, and its total checked against the log
    data = {"year": 2016, "figures": {"requests": {"received": {"total": 5}}}}
    outcome = arithmetic(make_context, data, {}, year=2016, submission=log(D(2016, 5, 1)))
    assert codes(outcome) == ["annual_report.wrong_year", "integrity.request_count_mismatch"]


def test_a_log_split_evenly_between_two_years_has_no_year(make_context: MakeContext) -> None:
    data = {"year": 2015, "figures": {"requests": {"received": {"total": 5}}}}
    submission = log(D(2015, 2, 1), D(2016, 3, 1))
    assert arithmetic(make_context, data, {}, submission=submission).findings == ()


def test_a_duplicated_request_id_is_counted_once(make_context: MakeContext) -> None:
    data = {"year": 2015, "figures": {"requests": {"received": {"total": 2}}}}
    submission = log(D(2015, 2, 1), D(2015, 3, 1))
    submission["responsiveness"]["requests"].append({"id": "R0", "received_on": D(2015, 2, 1)})
    assert arithmetic(make_context, data, {}, submission=submission).findings == ()


# ---------------------------------------------------------------- deadline


def published(on: dt.date, year: int = 2015) -> dict[str, Any]:
    return {"year": year, "published_on": on}


@pytest.mark.parametrize(
    ("unit", "year", "on_time", "late"),
    [
        # 2008 art. 31: by 31 March, for every kind
        (None, 2015, D(2016, 3, 31), D(2016, 4, 1)),
        (STREET, 2015, D(2016, 3, 31), D(2016, 4, 1)),
        # a report on 2018 fell due on 2019-03-31 (a Sunday: a named day does not move),
        # before the 2019 regulation took effect on 2019-05-15
        (None, 2018, D(2019, 3, 31), D(2019, 4, 1)),
        (STREET, 2018, D(2019, 3, 31), D(2019, 4, 1)),
        # 2019 art. 49: departments by 31 January; streets by the scheme's date (03-31 here)
        (None, 2019, D(2020, 1, 31), D(2020, 2, 1)),
        (STREET, 2019, D(2020, 3, 31), D(2020, 4, 1)),
    ],
)
@pytest.mark.parametrize("regime", ["ogi-2008", "ogi-2019", "auto"])
def test_the_due_day_is_on_time_and_the_day_after_is_late(
    make_context: MakeContext,
    regime: str,
    unit: Unit | None,
    year: int,
    on_time: dt.date,
    late: dt.date,
) -> None:
    # whatever regime the scheme names: the law in force on the due date decides
    kw: dict[str, Any] = {"regime": regime, "unit": unit}
    outcome = deadline(make_context, published(on_time, year), STREET_2019, **kw)
    assert outcome.points == 40.0
    assert [c for c in codes(outcome) if c != "annual_report.regime_overridden"] == []
    outcome = deadline(make_context, published(late, year), STREET_2019, **kw)
    finding = only(outcome, "annual_report.late")
    law = (
        "2008年《政府信息公开条例》第三十一条"
        if year <= 2018
        else "2019年《政府信息公开条例》第四十九条"
    )
    assert finding.params["rule_zh"] == law
    del finding.params["rule_zh"], finding.params["rule_en"]
    assert finding.params == {"year": year, "published": late, "due": on_time, "days": 1}
    # one day of the 30 that take every point: 40 × 29/30
    assert outcome.points == pytest.approx(40 * 29 / 30)
    assert deductions_explain_points(outcome, 40.0)


@pytest.mark.parametrize(
    ("year", "regime", "overridden"),
    [
        (2015, "ogi-2008", False),
        (2015, "ogi-2019", True),
        (2018, "ogi-2019", True),
        (2019, "ogi-2008", True),
        (2019, "ogi-2019", False),
        (2019, "auto", False),
    ],
)
def test_a_regime_the_scheme_names_against_the_law_is_set_aside_and_said(
    make_context: MakeContext, year: int, regime: str, overridden: bool
) -> None:
    outcome = deadline(make_context, published(D(year + 1, 1, 20), year), regime=regime)
    assert outcome.points == 40.0
    assert codes(outcome) == (["annual_report.regime_overridden"] if overridden else [])
    if overridden:
        note = outcome.findings[0]
        assert note.deduction is None
        assert note.params["due"] == (D(year + 1, 3, 31) if year <= 2018 else D(year + 1, 1, 31))


def test_the_law_in_force_on_the_due_date_decides_not_the_publication_date(
    make_context: MakeContext,
) -> None:
    # a report on 2018 published after the 2019 regulation took effect was still due on
    # 2019-03-31 (2008 art. 31), not on 2019-01-31
    outcome = deadline(make_context, published(D(2019, 5, 15), 2018), regime="auto")
    assert only(outcome, "annual_report.late").params["due"] == D(2019, 3, 31)


@pytest.mark.parametrize(
    ("switch", "due"),
    [
        # the 2008 date (2020-03-31) holds while the 2008 regulation is in force on it; from
        # the day the 2019 one takes effect the 2019 date does (2020-01-31)
        (D(2020, 4, 1), D(2020, 3, 31)),
        (D(2020, 3, 31), D(2020, 1, 31)),
    ],
)
def test_the_2008_date_holds_only_while_the_2008_regulation_is_in_force_on_it(
    make_context: MakeContext, switch: dt.date, due: dt.date
) -> None:
    params = {"ogi_2019_from": switch.isoformat()}
    outcome = deadline(make_context, published(D(2020, 4, 1), 2019), params)
    assert only(outcome, "annual_report.late").params["due"] == due


def test_a_scheme_may_apply_another_date_and_every_judged_report_says_so(
    make_context: MakeContext,
) -> None:
    reason = "评估委托合同约定按2008年条例期限评估"
    params = {"deadline_override": {"regime": "ogi-2008", "reason": reason}}
    on_time = deadline(make_context, published(D(2020, 3, 31), 2019), params)
    note = only(on_time, "audit.annual_report_deadline_override")
    assert (on_time.points, note.deduction) == (40.0, None)
    assert note.params["due"] == D(2020, 3, 31)
    assert note.params["law_due"] == D(2020, 1, 31)
    assert note.params["reason"] == reason
    assert note.params["applied_zh"] == "2008年《政府信息公开条例》第三十一条"
    assert note.params["law_zh"] == "2019年《政府信息公开条例》第四十九条"
    late = deadline(make_context, published(D(2020, 4, 1), 2019), params)
    assert codes(late) == ["annual_report.late", "audit.annual_report_deadline_override"]
    assert only(late, "annual_report.late").params["due"] == D(2020, 3, 31)
    undated = deadline(make_context, {"year": 2019}, params)
    assert codes(undated) == ["annual_report.undated", "audit.annual_report_deadline_override"]
    # without the override the law's date holds
    assert deadline(make_context, published(D(2020, 3, 31), 2019)).points < 40.0


@pytest.mark.parametrize(("days", "kept"), [(15, 0.5), (29, 1 / 30), (30, 0.0), (200, 0.0)])
def test_a_late_report_loses_points_linearly_to_zero_after_days(
    make_context: MakeContext, days: int, kept: float
) -> None:
    outcome = deadline(make_context, published(D(2016, 3, 31) + dt.timedelta(days=days)))
    assert outcome.points == pytest.approx(40 * kept)
    assert only(outcome, "annual_report.late").params["days"] == days


def test_zero_after_days_is_a_param(make_context: MakeContext) -> None:
    outcome = deadline(make_context, published(D(2016, 4, 1)), {"zero_after_days": 1})
    assert outcome.points == 0.0


def test_a_report_published_after_the_snapshot_is_not_credited(
    make_context: MakeContext,
) -> None:
    # a 2021 report checked on 2022-01-10 claims publication on 2022-01-11: on time, if true
    kw: dict[str, Any] = {"regime": "ogi-2019", "as_of": D(2022, 1, 10)}
    outcome = deadline(make_context, published(D(2022, 1, 11), 2021), **kw)
    finding = only(outcome, "integrity.annual_report_after_snapshot")
    assert finding.params == {"published": D(2022, 1, 11), "as_of": D(2022, 1, 10)}
    assert (outcome.points, finding.deduction) == (0.0, 40.0)
    on_snapshot = deadline(make_context, published(D(2022, 1, 10), 2021), **kw)
    assert on_snapshot.findings == ()


def test_a_report_published_before_its_year_ended_is_not_credited(
    make_context: MakeContext,
) -> None:
    outcome = deadline(make_context, published(D(2015, 12, 31)))
    finding = only(outcome, "integrity.annual_report_before_year_end")
    assert finding.params == {"published": D(2015, 12, 31), "year": 2015}
    assert outcome.points == 0.0
    assert deadline(make_context, published(D(2016, 1, 1))).findings == ()


def test_an_undated_report_cannot_be_on_time(make_context: MakeContext) -> None:
    outcome = deadline(make_context, {"year": 2015})
    assert codes(outcome) == ["annual_report.undated"]
    assert outcome.points == 0.0


def test_the_rule_names_the_date_it_lacks() -> None:
    rule = ReportDueRule.of({})
    with pytest.raises(ValueError, match="ogi-2008 has no date for unit kind 'town'"):
        rule.due_date(2015, "town")
    # no national date for streets under the 2019 regulation: the scheme must state one
    with pytest.raises(ValueError, match="ogi-2019 has no date for unit kind 'street'"):
        rule.due_date(2019, "street")
    assert rule.due_date(2019, "bureau").day == D(2020, 1, 31)
    assert rule.due_date(2018, "street").day == D(2019, 3, 31)


def scheme(year: int = 2016, kinds: tuple[str, ...] = ("bureau", "street")) -> Any:
    from evaluator._core.model import Scheme

    types = dict.fromkeys(kinds, "x")
    return Scheme("s", "s", "1", year, D(year + 1, 1, 10), "auto", 2, types, (), (), {}, "", "")


def test_the_params_check_names_kinds_and_dates_that_are_missing_or_impossible() -> None:
    check = DEADLINE.check
    assert check is not None

    def problems(params: Any, on: Any) -> list[tuple[str, dict[str, Any]]]:
        full = {**schema.DEADLINE_DEFAULTS, **params}
        found = check(ParamsCheck(full, params, on, "report_deadline"))
        return [(p.code, dict(p.params)) for p in found]

    # a 2016 scheme judges reports on 2015, due in 2016: the 2008 dates only
    assert problems({}, scheme(2016)) == []
    assert problems({}, scheme(2016, ("bureau", "town"))) == [
        ("annual_report.due_kind_missing", {"param": "due.ogi-2008", "kind": "town"})
    ]
    leap = {"due": {"ogi-2008": {"bureau": "02-29", "street": "03-31"}}}
    assert problems(leap, scheme(2016)) == [
        ("annual_report.due_not_every_year", {"param": "due.ogi-2008.bureau", "day": "02-29"})
    ]
    # reports on 2017 and on 2018 fell due before the 2019 regulation took effect; a 2020
    # scheme judges reports on 2019, and the national rule gives streets no 2019 date
    missing_street = ("annual_report.due_kind_missing", {"param": "due.ogi-2019", "kind": "street"})
    assert problems({}, scheme(2018)) == []
    assert problems({}, scheme(2019)) == []
    assert problems({}, scheme(2020)) == [missing_street]
    assert problems(STREET_2019, scheme(2020)) == []
    only_2008 = {"due": {"ogi-2008": {"bureau": "03-31", "street": "03-31"}}}
    assert problems(only_2008, scheme(2020)) == [
        ("annual_report.due_regime_missing", {"param": "due", "regime": "ogi-2019", "year": 2019})
    ]
    # an override needs the dates of the regime it applies
    override = {**STREET_2019, "deadline_override": {"regime": "ogi-2008", "reason": "约定"}}
    assert problems(override, scheme(2016)) == []
    assert problems(
        {**only_2008, "deadline_override": {"regime": "ogi-2019", "reason": "约定"}}, scheme(2016)
    ) == [
        ("annual_report.due_regime_missing", {"param": "due", "regime": "ogi-2019", "year": 2015})
    ]


# ---------------------------------------------------------------- section, params, messages


def section_validator() -> Draft202012Validator:
    [section] = plugin.register_sections()
    Draft202012Validator.check_schema(section.schema)
    return Draft202012Validator(section.schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_section_accepts_the_contract_example_and_both_reports() -> None:
    validator = section_validator()
    example = {
        "year": 2015,
        "published_on": "2016-03-28",
        "url": "http://www.bjxch.gov.cn/...",
        "figures": {
            "requests": {
                "received": {
                    "total": {"value": 1466, "change": -122},
                    "in_person": {"value": 765, "percent": 52.18, "change": -252},
                    "online": 58,
                }
            }
        },
    }
    validator.validate(example)
    for name in ("report_2008", "report_2021"):
        data = report(name)
        validator.validate({**data, "published_on": data["published_on"].isoformat()})


@pytest.mark.parametrize(
    "figures",
    [
        {"total": {"value": 3, "chnge": 1}},  # a typo in a figure
        {"total": {"percent": 3}},  # a share without its value
        {"total": -1},  # a negative count
        {"total": {"value": 3, "percent": -1}},
        {"total": "3"},
        {"a.b": 3},  # a dot would make paths ambiguous
        {"total": True},
    ],
)
def test_section_rejects_malformed_figures(figures: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        section_validator().validate({"year": 2015, "figures": figures})


def test_section_rejects_unknown_fields_and_needs_the_year() -> None:
    with pytest.raises(ValidationError):
        section_validator().validate({"year": 2015, "publised_on": "2016-03-01"})
    with pytest.raises(ValidationError):
        section_validator().validate({"published_on": "2016-03-01"})


def test_every_field_of_the_section_has_a_chinese_title() -> None:
    [section] = plugin.register_sections()
    assert section.title == "年度报告"
    fields = section.schema["properties"]
    assert {k: v["title"] for k, v in fields.items()} == {
        "year": "年度",
        "published_on": "公布日期",
        "url": "网址",
        "document": "报告原文",
        "figures": "统计数据",
    }
    assert {k: v["title"] for k, v in schema.FIGURE_SCHEMA["properties"].items()} == {
        "value": "数值",
        "percent": "占比",
        "change": "同比增减",
    }


@pytest.mark.parametrize("scorer", SCORERS.values(), ids=lambda s: s.name)
def test_params_schema_rejects_unknown_keys_and_accepts_its_defaults(scorer: Any) -> None:
    Draft202012Validator.check_schema(scorer.params)
    validator = Draft202012Validator(scorer.params)
    validator.validate({})
    with pytest.raises(ValidationError):
        validator.validate({"treshold": 1})


@pytest.mark.parametrize("params", [RULES_2008, RULES_2021])
def test_shipped_rule_files_fit_the_params_schema(params: dict[str, Any]) -> None:
    Draft202012Validator(ARITHMETIC.params).validate(params)


def test_params_schema_rejects_a_rule_of_no_known_kind() -> None:
    validator = Draft202012Validator(ARITHMETIC.params)
    with pytest.raises(ValidationError):
        validator.validate({"rules": [{"total": "a", "of": ["b"]}]})
    with pytest.raises(ValidationError):
        validator.validate({"rules": [{"sum": "a", "of": []}]})


EMITTED = {
    "annual_report.due_regime_missing",  # the params check's problems
    "annual_report.due_kind_missing",
    "annual_report.due_not_every_year",
    "annual_report.sum",
    "annual_report.change",
    "annual_report.share",
    "annual_report.at_most",
    "annual_report.balance",
    "annual_report.text_table",
    "annual_report.missing_figure",
    "annual_report.no_document",  # the report's document (sources.py)
    "annual_report.document_unreadable",
    "annual_report.no_figures",  # judging the document (judging.py)
    "annual_report.no_format",
    "annual_report.no_year",  # evaluate annual-report FILE (command.py)
    "integrity.transcription",
    "annual_report.at",  # no finding: where a break stands in the document, in its text
    "annual_report.document_note",
    "integrity.document_differs",
    "annual_report.wrong_year",
    "annual_report.late",
    "annual_report.undated",
    "annual_report.regime_overridden",
    "audit.annual_report_deadline_override",
    "integrity.annual_report_after_snapshot",
    "integrity.annual_report_before_year_end",
    "integrity.request_count_mismatch",
}


def test_every_code_the_plugin_emits_has_a_chinese_and_an_english_text() -> None:
    source = (ROOT / "plugins" / "annual_report" / "texts.py").read_text(encoding="utf-8")
    pattern = r'^[A-Z_]+ = "((?:annual_report|integrity|audit)\.[a-z_]+)"'
    constants = set(re.findall(pattern, source, re.MULTILINE))
    assert constants == EMITTED
    messages = plugin.register_messages()
    # the reader's notes about a document (document.py) and a format file's problems
    # (formats.py) beside the findings' codes
    assert set(messages) == EMITTED | set(DOCUMENT_MESSAGES) | set(FORMAT_MESSAGES)
    assert all(code.startswith("format.") for code in FORMAT_MESSAGES)
    assert all(code.startswith("document.") for code in DOCUMENT_MESSAGES)
    assert all(set(texts) - {"audience"} == {"zh", "en"} for texts in messages.values())
    # an audit. code says who reads it (contract v3)
    assert all("audience" in messages[c] for c in EMITTED if c.startswith("audit."))


def test_integrity_and_audit_codes_are_documented() -> None:
    documented = (ROOT / "docs" / "integrity.md").read_text(encoding="utf-8")
    for code in EMITTED:
        if code.startswith(("integrity.", "audit.")):
            assert f"`{code}`" in documented, code


def test_findings_read_in_both_languages_with_every_field_filled(
    make_context: MakeContext,
) -> None:
    figure = {"value": 765, "percent": 52.19}
    data = put(report("report_2008"), "requests.received.in_person", figure)
    data = put(data, "proactive.website", 1530)
    data = put(data, "consultations.phone", None)
    outcome = arithmetic(make_context, data)
    catalogue = Catalogue(plugin.register_messages())
    texts = [catalogue.text(f.code, f.params, "zh") for f in outcome.findings]
    assert texts == [
        "“主动公开·政府网站”为1530，超过“主动公开·总数”的1520",
        "“依申请公开·收到申请·当面申请”占比为52.19%，按765/1466（“依申请公开·收到申请·总数”）"
        "计算应为52.18%",
        "年度报告未列明“政务咨询·电话咨询”",
    ]
    english = [catalogue.text(f.code, f.params, "en") for f in outcome.findings]
    assert not any("{" in text for text in english)


# ---------------------------------------------------------------- a scheme using the 2021 format


def test_a_scheme_pointing_at_the_2021_format_scores_reports_end_to_end(tmp_path: Path) -> None:
    from evaluator._scoring.engine import Engine, Options, evaluate

    criteria = tmp_path / "criteria"
    criteria.mkdir()
    shutil.copy(HERE / "scheme_2022" / "scheme.yaml", criteria / "scheme.yaml")
    shutil.copy(ROOT / "criteria/formats/annual_report_2021.yaml", criteria)
    units = tmp_path / "submissions"
    units.mkdir()
    clean = report("report_2021")
    # b-late: published 2022-02-03, 3 days after 01-31 (40 × 27/30 = 36), and its
    # outcomes total states 350 where the parts add to 351, which also breaks the
    # balance (357 + 18 = 375 against 350 + 24 = 374): two breaks, 60 − 2 × 10 = 40
    # points; total 36 + 40 = 76 of 100
    late = put({**clean, "published_on": D(2022, 2, 3)}, "requests.outcomes.total", 350)
    # s-street: streets are due by 03-31 under the scheme's local rule
    street = {**clean, "published_on": D(2022, 3, 31)}
    for uid, kind, section in (
        ("b-clean", "bureau", clean),
        ("b-late", "bureau", late),
        ("s-street", "street", street),
    ):
        body = {"unit": {"id": uid, "name": uid, "type": kind}, "annual_report": section}
        text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False)
        (units / f"{uid}.yaml").write_text(text, encoding="utf-8")
    engine = Engine.load(Options(str(criteria), str(ROOT / "plugins"), entry_points=False))
    result = evaluate(engine, str(units))
    assert result.errors == ()
    totals = {u.id: u.total for u in result.units}
    assert totals == {"b-clean": 100.0, "b-late": 76.0, "s-street": 100.0}
    [late_unit] = [u for u in result.units if u.id == "b-late"]
    found = {f.code: f for i in late_unit.indicators for f in i.findings}
    assert set(found) == {"annual_report.late", "annual_report.sum", "annual_report.balance"}
    assert (
        found["annual_report.sum"].message
        == "“政府信息公开申请·本年度办理结果·总计”为350，各分项合计351"
    )


# ---------------------------------------------------------------- figure names


def test_a_figure_is_named_level_by_level_from_the_schemes_labels() -> None:
    figure_name = tables.figure_name
    labels = {"requests": "依申请公开", "requests.received": "收到申请", "total": "总数"}
    assert figure_name("requests.received.total", labels) == "依申请公开·收到申请·总数"
    # a level without a label keeps its own name; a path with none at all stays as it is
    assert figure_name("requests.received.kiosk", labels) == "依申请公开·收到申请·kiosk"
    assert figure_name("consultations.kiosk", labels) == "consultations.kiosk"
    # the label of a level's dotted prefix wins over the label of its own name
    assert figure_name("total", {"total": "合计"}) == "合计"
    assert figure_name("a.total", {"total": "合计", "a.total": "小计"}) == "a·小计"


def test_template_rows_name_every_required_figure_in_chinese_in_both_formats() -> None:
    for path in (
        ROOT / "criteria/annual_report.yaml",
        ROOT / "criteria/formats/annual_report_2021.yaml",
    ):
        scheme = yaml.safe_load(path.read_text(encoding="utf-8"))
        [params] = [i["params"] for i in scheme["indicators"] if "required" in i.get("params", {})]
        rows = plugin.expected_figures(params)
        # every level of every required figure has its Chinese name in the rows' label and
        # explanation
        names = [label.split("：")[0] for label, _ in rows.values()]
        assert names == [text.split("：")[0] for _, text in rows.values()]
        assert names and not [n for n in names if re.search("[A-Za-z_]", n)], path
        for figure in params["required"]:
            assert any(key.startswith(f"figures.{figure}") for key in rows), figure
