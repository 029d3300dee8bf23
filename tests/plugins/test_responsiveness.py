"""Responsiveness scorers: incidents, information requests, hotline, appeals.

Every date and figure below was counted by hand against the official calendar
(2016: National Day off 10-01..07, Saturday/Sunday 10-08/09 worked; 2017-01-02
off; 2019: Dragon Boat 06-07 off).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError
from plugin_support import MakeContext, codes, load_plugin, scorers_of

from evaluator import Outcome, Scorer

plugin = load_plugin("responsiveness")
SCORERS = scorers_of(plugin)
BJ = dt.timezone(dt.timedelta(hours=8))
D = dt.date


def at(day: int, hour: int, minute: int = 0, month: int = 4) -> dt.datetime:
    return dt.datetime(2016, month, day, hour, minute, tzinfo=BJ)


def run(name: str, make_context: MakeContext, data: dict[str, Any], **kw: Any) -> Outcome:
    scorer = SCORERS[f"responsiveness.{name}"]
    return scorer.score(make_context(data, scorer=scorer, **kw))


def request(
    rid: str, received: dt.date, replied: dt.date | None = None, **kw: Any
) -> dict[str, Any]:
    record: dict[str, Any] = {"id": rid, "received_on": received, **kw}
    if replied is not None:
        record["replied_on"] = replied
    return record


# ---------------------------------------------------------------- registration and schemas


def test_plugin_registers_the_four_scorers_on_the_responsiveness_section() -> None:
    assert set(SCORERS) == {
        "responsiveness.incidents",
        "responsiveness.requests",
        "responsiveness.hotline",
        "responsiveness.appeals",
    }
    assert {s.section for s in SCORERS.values()} == {"responsiveness"}
    [section] = plugin.register_sections()
    assert (section.name, section.title) == ("responsiveness", "回应关切")


@pytest.mark.parametrize("scorer", SCORERS.values(), ids=lambda s: s.name)
def test_params_schema_rejects_unknown_keys_and_accepts_its_defaults(scorer: Scorer) -> None:
    Draft202012Validator.check_schema(scorer.params)
    validator = Draft202012Validator(scorer.params)
    defaults = {k: v["default"] for k, v in scorer.params["properties"].items()}
    validator.validate(defaults)
    validator.validate({})
    with pytest.raises(ValidationError):
        validator.validate({**defaults, "treshold": 1})


def test_hotline_params_reject_an_unknown_rate_name() -> None:
    validator = Draft202012Validator(SCORERS["responsiveness.hotline"].params)
    with pytest.raises(ValidationError):
        validator.validate({"rates": {"pickup": {"full_at": 0.9, "zero_at": 0.5}}})


def test_section_schema_accepts_the_contract_example_and_rejects_a_typo() -> None:
    [section] = plugin.register_sections()
    Draft202012Validator.check_schema(section.schema)
    validator = Draft202012Validator(
        section.schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    example = {
        "incidents": [
            {
                "id": "2016-YQ-03",
                "level": "major",
                "emerged_at": "2016-04-10T09:00:00+08:00",
                "first_response_at": "2016-04-10T13:30:00+08:00",
                "press_conference_at": "2016-04-11T10:00:00+08:00",
            }
        ],
        "requests": [
            {
                "id": "2016-0001",
                "received_on": "2016-03-01",
                "replied_on": "2016-03-18",
                "extended": False,
                "outcome": "granted",
            }
        ],
        "hotline": {
            "calls": 1200,
            "connected": 1160,
            "responded": 1100,
            "resolved": 1010,
            "surveyed": 900,
            "satisfied": 810,
        },
        "appeals": {
            "reconsideration": {"upheld": 7, "corrected": 2, "other": 1, "pending": 0},
            "litigation": {"upheld": 4, "corrected": 0, "other": 1, "pending": 1},
        },
    }
    validator.validate(example)
    typo = {"requests": [{"id": "2016-0002", "recieved_on": "2016-03-01"}]}
    with pytest.raises(ValidationError):
        validator.validate(typo)
    with pytest.raises(ValidationError):
        validator.validate({"hotline": {"calls": -1}})


# ---------------------------------------------------------------- requests


def test_request_received_before_national_day_is_on_time(make_context: MakeContext) -> None:
    # 10-08/09 worked, 10-10..14 and 10-17..21: 10-21 is working day 12 (a weekday count says 17).
    data = {"requests": [request("2016-0001", D(2016, 9, 30), D(2016, 10, 21))]}
    outcome = run("requests", make_context, data)
    assert outcome.points == 100
    assert outcome.findings == ()


def test_request_answered_on_working_day_16_is_late(make_context: MakeContext) -> None:
    # 10-24 is day 13, 10-25 day 14, 10-26 day 15, 10-27 day 16.
    data = {"requests": [request("2016-0001", D(2016, 9, 30), D(2016, 10, 27))]}
    outcome = run("requests", make_context, data)
    assert outcome.points == 0
    [finding] = outcome.findings
    assert finding.code == "requests.late"
    assert finding.records == ("2016-0001",)
    assert finding.message == "依申请公开 2016-0001 于第16个工作日答复，超过法定期限15个工作日"
    assert finding.deduction == 100


def test_extended_request_has_thirty_working_days(make_context: MakeContext) -> None:
    # Day 16 is 10-27; 10-28 (17), 10-31..11-04 (18-22), 11-07..11 (23-27), 11-14 (28),
    # 11-15 (29), 11-16 (30), 11-17 (31).
    data = {
        "requests": [
            request("A", D(2016, 9, 30), D(2016, 11, 16), extended=True),
            request("B", D(2016, 9, 30), D(2016, 11, 17), extended=True),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 50
    listed, finding = outcome.findings
    assert (listed.code, listed.records, listed.deduction) == (
        "requests.extended",
        ("A", "B"),
        None,
    )
    assert finding.records == ("B",)
    assert "第31个工作日" in finding.message and "法定期限30个工作日" in finding.message
    assert finding.deduction == 50


def test_extended_requests_are_listed_for_audit_at_no_cost(make_context: MakeContext) -> None:
    # on-time: 09-30 -> 10-21 is day 12, within 15 even without the extension.
    # open: from Thursday 12-01 day 15 is 12-22 (late), but day 30 is 2017-01-13
    # (12-02 1, 12-05..30 2-21, 01-02 off, 01-03..06 22-25, 01-09..13 26-30): not yet due.
    # last-year is set aside before any limit applies, so it is not listed.
    data = {
        "requests": [
            request("on-time", D(2016, 9, 30), D(2016, 10, 21), extended=True),
            request("plain", D(2016, 9, 30), D(2016, 10, 21)),
            request("last-year", D(2015, 12, 30), D(2016, 3, 1), extended=True),
            request("open", D(2016, 12, 1), extended=True),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 100
    assert codes(outcome) == ["integrity.outside_year", "requests.extended"]
    listed = outcome.findings[1]
    assert (listed.records, listed.deduction) == (("on-time", "open"), None)
    assert "延期" in listed.message and "2件" in listed.message


def test_only_extended_open_requests_is_not_applicable_but_listed(
    make_context: MakeContext,
) -> None:
    data = {"requests": [request("open", D(2016, 12, 1), extended=True)]}
    outcome = run("requests", make_context, data)
    assert outcome.status == "not_applicable"
    assert codes(outcome) == ["not_applicable", "requests.extended"]


def test_extended_flag_without_an_extension_in_the_regime_is_not_listed(
    make_context: MakeContext,
) -> None:
    # With no extension the flag changes nothing: day 16 (10-27) is late against 15.
    params = {"regimes": {"ogi-2008": {"limit": 15, "extension": 0}}}
    data = {"requests": [request("A", D(2016, 9, 30), D(2016, 10, 27), extended=True)]}
    outcome = run("requests", make_context, data, params=params)
    assert (outcome.points, codes(outcome)) == (0, ["requests.late"])


def test_auto_regime_gives_twenty_days_from_2019_05_15(make_context: MakeContext) -> None:
    # From Wednesday 05-15: 05-16..17 (1-2), 05-20..24 (3-7), 05-27..31 (8-12),
    # 06-03..06 (13-16), 06-07 Dragon Boat off, 06-10 (17), 06-11 (18), 06-12 (19).
    # From Tuesday 05-14 every count is one more: 06-11 is day 19.
    data = {
        "requests": [
            request("new-rules", D(2019, 5, 15), D(2019, 6, 12)),
            request("old-rules", D(2019, 5, 14), D(2019, 6, 11)),
        ]
    }
    outcome = run("requests", make_context, data, regime="auto", year=2019, as_of=D(2020, 1, 10))
    assert outcome.points == 50
    [finding] = outcome.findings
    assert finding.records == ("old-rules",)
    assert finding.message == "依申请公开 old-rules 于第19个工作日答复，超过法定期限15个工作日"


def test_fixed_regime_applies_whatever_the_received_date(make_context: MakeContext) -> None:
    # Day 16 (2016-10-27) is within the 2019 regulation's 20 days.
    data = {"requests": [request("2016-0001", D(2016, 9, 30), D(2016, 10, 27))]}
    assert run("requests", make_context, data, regime="ogi-2019").points == 100


def test_open_request_past_its_limit_counts_late(make_context: MakeContext) -> None:
    # From Thursday 2016-12-01: day 15 is 12-22; at as_of 2017-01-10 it is day 27
    # (12-23 16, 12-26..30 17-21, 01-02 off, 01-03..06 22-25, 01-09 26, 01-10 27).
    data = {
        "requests": [
            request("open", D(2016, 12, 1)),
            request("answered", D(2016, 9, 30), D(2016, 10, 21)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 50
    [finding] = outcome.findings
    assert finding.code == "requests.late"
    assert finding.records == ("open",)
    assert "第27个工作日" in finding.message and "未答复" in finding.message


def test_open_requests_still_within_their_limit_are_excluded(make_context: MakeContext) -> None:
    # From Monday 12-19 day 15 is 2017-01-10 (the snapshot itself); from 12-20 it is 01-11.
    data = {
        "requests": [
            request("due-on-snapshot", D(2016, 12, 19)),
            request("due-after", D(2016, 12, 20)),
            request("late", D(2016, 9, 30), D(2016, 10, 27)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 0
    assert [f.records for f in outcome.findings] == [("late",)]


def test_only_open_requests_within_limit_is_not_applicable(make_context: MakeContext) -> None:
    data = {"requests": [request("due-after", D(2016, 12, 20))]}
    assert run("requests", make_context, data).status == "not_applicable"


def test_not_applicable_keeps_the_integrity_findings(make_context: MakeContext) -> None:
    data = {"requests": [request("last-year", D(2015, 12, 30), D(2016, 1, 5))]}
    outcome = run("requests", make_context, data)
    assert outcome.status == "not_applicable"
    assert codes(outcome) == ["not_applicable", "integrity.outside_year"]


def test_reply_before_request_is_flagged_and_not_credited(make_context: MakeContext) -> None:
    data = {
        "requests": [
            request("backdated", D(2016, 5, 10), D(2016, 5, 9)),
            request("fine", D(2016, 9, 30), D(2016, 10, 21)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 50
    [finding] = outcome.findings
    assert finding.code == "integrity.reply_before_request"
    assert finding.records == ("backdated",)
    assert finding.deduction == 50


def test_reply_dated_after_snapshot_is_treated_as_open(make_context: MakeContext) -> None:
    # Received 12-01, due 12-22: as an open request at 2017-01-10 it is late.
    data = {"requests": [request("future", D(2016, 12, 1), D(2017, 2, 1))]}
    outcome = run("requests", make_context, data)
    assert outcome.points == 0
    assert codes(outcome) == ["integrity.after_snapshot", "requests.late"]


def test_request_received_outside_the_year_is_excluded(make_context: MakeContext) -> None:
    data = {
        "requests": [
            request("last-year", D(2015, 12, 30), D(2016, 3, 1)),
            request("future", D(2017, 2, 1)),
            request("fine", D(2016, 9, 30), D(2016, 10, 21)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 100
    assert codes(outcome) == ["integrity.outside_year", "integrity.after_snapshot"]
    assert [f.records for f in outcome.findings] == [("last-year",), ("future",)]


def test_duplicate_request_id_counts_only_its_first_record(make_context: MakeContext) -> None:
    data = {
        "requests": [
            request("2016-0001", D(2016, 9, 30), D(2016, 10, 21)),
            request("2016-0001", D(2016, 9, 30), D(2016, 10, 27)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 100
    [finding] = outcome.findings
    assert (finding.code, finding.records) == ("integrity.duplicate_id", ("2016-0001",))


def test_missing_requests_score_zero_and_empty_list_is_not_applicable(
    make_context: MakeContext,
) -> None:
    missing = run("requests", make_context, {"hotline": {"calls": 1}})
    assert (missing.points, missing.status, codes(missing)) == (0, "ok", ["requests.no_data"])
    assert run("requests", make_context, {"requests": []}).status == "not_applicable"


def test_regime_missing_from_params_is_an_error(make_context: MakeContext) -> None:
    data = {"requests": [request("2016-0001", D(2016, 9, 30), D(2016, 10, 21))]}
    with pytest.raises(ValueError, match="ogi-2030"):
        run("requests", make_context, data, regime="ogi-2030")


# ---------------------------------------------------------------- incidents


def incident(
    rid: str, level: str, first: dt.datetime | None, press: dt.datetime | None = None
) -> dict[str, Any]:
    record: dict[str, Any] = {"id": rid, "level": level, "emerged_at": at(10, 9)}
    if first is not None:
        record["first_response_at"] = first
    if press is not None:
        record["press_conference_at"] = press
    return record


def test_major_incident_answered_in_exactly_five_hours_is_on_time(
    make_context: MakeContext,
) -> None:
    data = {"incidents": [incident("YQ-1", "major", at(10, 14), at(11, 9))]}
    outcome = run("incidents", make_context, data)
    assert (outcome.points, outcome.findings) == (100, ())


def test_major_incident_answered_in_five_hours_one_minute_is_late(
    make_context: MakeContext,
) -> None:
    data = {"incidents": [incident("YQ-1", "major", at(10, 14, 1), at(11, 9))]}
    outcome = run("incidents", make_context, data)
    assert outcome.points == 0
    [finding] = outcome.findings
    assert finding.code == "incidents.late"
    assert finding.message == "舆情 YQ-1（重大）首次回应用时5小时1分钟，超过5小时时限"


def test_major_incident_press_conference_after_24_hours_is_late(make_context: MakeContext) -> None:
    data = {"incidents": [incident("YQ-1", "major", at(10, 14), at(11, 9, 1))]}
    outcome = run("incidents", make_context, data)
    assert outcome.points == 0
    assert "新闻发布会用时24小时1分钟" in outcome.findings[0].message


def test_major_incident_without_press_conference_fails(make_context: MakeContext) -> None:
    data = {
        "incidents": [
            incident("YQ-1", "major", at(10, 13)),
            incident("YQ-2", "major", at(10, 13), at(10, 20)),
        ]
    }
    outcome = run("incidents", make_context, data)
    assert outcome.points == 50
    [finding] = outcome.findings
    assert finding.records == ("YQ-1",)
    assert "未见新闻发布会" in finding.message


def test_general_incident_has_48_hours(make_context: MakeContext) -> None:
    data = {
        "incidents": [
            incident("on-time", "general", at(12, 9)),
            incident("late", "general", at(12, 9, 1)),
            incident("unanswered", "general", None),
        ]
    }
    outcome = run("incidents", make_context, data)
    assert outcome.points == pytest.approx(100 / 3)
    assert [f.records for f in outcome.findings] == [("late",), ("unanswered",)]
    assert all(f.deduction == pytest.approx(100 / 3) for f in outcome.findings)


def test_incident_times_compare_as_instants_across_offsets(make_context: MakeContext) -> None:
    # 06:00 UTC is 14:00 in Beijing: exactly 5 hours after 09:00+08:00.
    utc = dt.datetime(2016, 4, 10, 6, 0, tzinfo=dt.UTC)
    data = {"incidents": [incident("YQ-1", "major", utc, at(11, 9))]}
    assert run("incidents", make_context, data).points == 100


def test_response_before_emergence_is_flagged(make_context: MakeContext) -> None:
    data = {"incidents": [incident("YQ-1", "general", at(10, 8))]}
    outcome = run("incidents", make_context, data)
    assert outcome.points == 0
    assert codes(outcome) == ["integrity.response_before_emergence"]


def test_no_incidents_is_not_applicable(make_context: MakeContext) -> None:
    assert run("incidents", make_context, {}).status == "not_applicable"
    assert run("incidents", make_context, {"incidents": []}).status == "not_applicable"


# ---------------------------------------------------------------- hotline

CONNECTION_ONLY = {"rates": {"connection": {"full_at": 0.95, "zero_at": 0.70}}}


@pytest.mark.parametrize(
    ("connected", "points"),
    [
        (950, 100.0),  # at the full line
        (949, 99.6),  # 0.249 of the 0.25 span
        (825, 50.0),  # half way
        (700, 0.0),  # at the zero line
        (699, 0.0),  # below it
    ],
)
def test_connection_rate_goalposts(
    make_context: MakeContext, connected: int, points: float
) -> None:
    data = {"hotline": {"calls": 1000, "connected": connected}}
    outcome = run("hotline", make_context, data, params=CONNECTION_ONLY)
    assert outcome.points == pytest.approx(points)
    assert sum(f.deduction or 0 for f in outcome.findings) == pytest.approx(100 - points)


def test_rate_below_full_names_the_rate_and_goalposts(make_context: MakeContext) -> None:
    data = {"hotline": {"calls": 1000, "connected": 949}}
    [finding] = run("hotline", make_context, data, params=CONNECTION_ONLY).findings
    assert finding.code == "hotline.below_full"
    assert "94.9%" in finding.message and "95.0%" in finding.message and "70.0%" in finding.message


def test_hotline_rates_combine_by_weight(make_context: MakeContext) -> None:
    # Connection full (1.0, weight 3); satisfaction 75% between 60% and 90% is 0.5 (weight 1).
    params = {
        "rates": {
            "connection": {"full_at": 0.95, "zero_at": 0.70, "weight": 3},
            "satisfaction": {"full_at": 0.90, "zero_at": 0.60},
        }
    }
    data = {"hotline": {"calls": 1000, "connected": 950, "surveyed": 400, "satisfied": 300}}
    outcome = run("hotline", make_context, data, params=params)
    assert outcome.points == pytest.approx(87.5)
    [finding] = outcome.findings
    assert finding.deduction == pytest.approx(12.5)


def test_connected_more_than_calls_zeroes_the_connection_rate(make_context: MakeContext) -> None:
    # Default params: four rates of equal weight; response 120/120, resolution 108/120 = 90%,
    # satisfaction 90/100 = 90% are all at their full lines.
    data = {
        "hotline": {
            "calls": 100,
            "connected": 120,
            "responded": 120,
            "resolved": 108,
            "surveyed": 100,
            "satisfied": 90,
        }
    }
    outcome = run("hotline", make_context, data)
    assert outcome.points == pytest.approx(75)
    [finding] = outcome.findings
    assert finding.code == "integrity.part_exceeds_total"
    assert finding.deduction == pytest.approx(25)


def test_hotline_rate_without_its_figures_scores_zero(make_context: MakeContext) -> None:
    # Connection 96% is full; response, resolution and satisfaction lack figures.
    outcome = run("hotline", make_context, {"hotline": {"calls": 100, "connected": 96}})
    assert outcome.points == pytest.approx(25)
    assert codes(outcome) == ["hotline.no_data"] * 3


def test_hotline_rate_on_a_zero_base_scores_zero(make_context: MakeContext) -> None:
    data = {"hotline": {"calls": 100, "connected": 96, "surveyed": 0, "satisfied": 0}}
    params = {
        "rates": {
            "connection": {"full_at": 0.95, "zero_at": 0.70},
            "satisfaction": {"full_at": 0.90, "zero_at": 0.60},
        }
    }
    outcome = run("hotline", make_context, data, params=params)
    assert outcome.points == pytest.approx(50)
    assert codes(outcome) == ["hotline.no_base"]


def test_hotline_without_data_or_calls(make_context: MakeContext) -> None:
    missing = run("hotline", make_context, {})
    assert (missing.points, codes(missing)) == (0, ["hotline.no_data"])
    assert run("hotline", make_context, {"hotline": {"calls": 0}}).status == "not_applicable"


# ---------------------------------------------------------------- appeals


def test_appeals_corrected_share_scores_between_goalposts(make_context: MakeContext) -> None:
    # Decided: 7+2+1 + 4+0+1 = 15 (the pending case left out); 2 corrected = 13.3%;
    # 1 - (2/15) / 0.2 = 1/3 of the points.
    data = {
        "appeals": {
            "reconsideration": {"upheld": 7, "corrected": 2, "other": 1, "pending": 0},
            "litigation": {"upheld": 4, "corrected": 0, "other": 1, "pending": 1},
        }
    }
    outcome = run("appeals", make_context, data)
    assert outcome.points == pytest.approx(100 / 3)
    [finding] = outcome.findings
    assert finding.code == "appeals.corrected"
    assert "15件" in finding.message and "2件" in finding.message and "13.3%" in finding.message
    assert finding.deduction == pytest.approx(200 / 3)


def test_appeals_without_corrections_earn_full_points(make_context: MakeContext) -> None:
    data = {"appeals": {"litigation": {"upheld": 3}}}
    outcome = run("appeals", make_context, data)
    assert (outcome.points, outcome.findings) == (100, ())


def test_appeals_corrected_share_at_the_zero_line_scores_zero(make_context: MakeContext) -> None:
    data = {"appeals": {"reconsideration": {"upheld": 4, "corrected": 1}}}
    assert run("appeals", make_context, data).points == 0


def test_appeals_with_only_pending_cases_is_not_applicable(make_context: MakeContext) -> None:
    data = {"appeals": {"reconsideration": {"pending": 2}, "litigation": {}}}
    assert run("appeals", make_context, data).status == "not_applicable"
    missing = run("appeals", make_context, {})
    assert (missing.points, codes(missing)) == (0, ["appeals.no_data"])
